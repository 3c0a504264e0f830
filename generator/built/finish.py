"""The steps after the engine, on the built site and whatever engine built it.

The largest generated pieces go into their pages as HTML (fragments); the print handbook receives each matter's
and guide's article as built; what no page uses is removed and the 404 page made to work from a folder.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from pathlib import Path

from ..model.urls import URLS
from ..pages.fragments import fill as fill_fragments
from ..pages.handbook import PRINT_PAGE
from ..pages.page import Beside, Later
from ..pages.printpage import article, frame_parts, guide_anchor, rebase
from .sitefiles import tidy


class Filled:
    """How many of the print page's sections were filled, and how many were left empty (no article found)."""

    def __init__(self) -> None:
        self.filled = 0
        self.empty = 0

    def count(self, found: bool) -> None:
        """Count one section: its page's article found, or not."""
        if found:
            self.filled += 1
        else:
            self.empty += 1


def finish_site(site_dir: Path, pages: Iterable[str], fragments: dict[str, str], print_guides: Iterable[str],
                beside: Beside | None = None) -> None:
    """Fill fragments into the built pages, assemble the print page from them (given beside, half of each on the
    other core), and tidy the site."""
    todo = [p for p in pages if p != PRINT_PAGE]
    away = todo[1::2] if beside is not None and len(todo) >= MIN_SPLIT else []
    with beside(lambda: _fill(site_dir, away, fragments)) if away and beside is not None else nullcontext() as later:
        _fill(site_dir, todo[::2] if away else todo, fragments)
        if later is not None:
            later.result()
    printed = site_dir / URLS.output(PRINT_PAGE)
    if printed.is_file():
        assemble_print(printed, site_dir, fragments, set(print_guides), beside=beside)
    tidy(site_dir)


Sections = dict[Path, tuple[tuple[int, int], bytes, bool]]  # a built page → (its time and size, section, found)


def assemble_print(printed: Path, site_dir: Path, fragments: dict[str, str], guides: set[str] | None,
                   held: Sections | None = None, frame: str | None = None, beside: Beside | None = None) -> Filled:
    """Fill the print page's sections with each matter's and guide's article as built, writing it piece by piece.

    guides: the guide pages to take (None: every one the print page holds a section for). held (`serve`): the
    sections made last time, by page, taken again while the page's time and size are the same; a build passes
    none, since at 10,000 matters they are hundreds of megabytes. frame (`serve`): the print page as the engine
    built it, instead of reading back the page filled last time. beside (a build): the second half of the
    sections is made on the other core, into a file beside the page, while this process makes the first.
    Sections are made and held as UTF-8: the page is written as bytes, tens of megabytes encoded once, not each time.
    """
    filled = Filled()
    made = _section_maker(site_dir, guides, held)
    parts = list(frame_parts(fill_fragments(frame if frame is not None else printed.read_text(encoding="utf-8"),
                                            fragments)))
    keys = [p for p in parts if not isinstance(p, str)]
    half = len(keys) // 2 if beside is not None and held is None and len(keys) >= MIN_SPLIT else len(keys)
    part = printed.with_name(f".{printed.name}.part")

    def make_away() -> list[tuple[int, bool | None]]:
        out = []
        with part.open("wb") as f:
            for kind, key in keys[half:]:
                section, found = made(kind, key)
                f.write(section)
                out.append((len(section), found))
        return out

    away = beside(make_away) if beside is not None and half < len(keys) else nullcontext(None)
    tmp = printed.with_name(f".{printed.name}.tmp")
    try:
        with away as later, tmp.open("wb") as out:
            sections = _sections(keys[:half], made, later, part)
            for piece in parts:
                out.write(piece.encode("utf-8") if isinstance(piece, str) else _next(sections, filled))
        os.replace(tmp, printed)
    finally:
        part.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
    return filled


MIN_SPLIT = 200  # fewer sections than this are made here: starting a process would cost more


def print_pieces(site_dir: Path, fragments: dict[str, str], guides: set[str], held: Sections,
                 frame: str) -> list[bytes]:
    """The print page (`serve`) as its pieces of UTF-8 in order, as assemble_print writes them from the same sections
    and frame: the server answers with them before the page is written (write_pieces)."""
    made = _section_maker(site_dir, guides, held)
    return [piece.encode("utf-8") if isinstance(piece, str) else made(*piece)[0]
            for piece in frame_parts(fill_fragments(frame, fragments))]


def write_pieces(path: Path, pieces: Iterable[bytes]) -> None:
    """Write a file whole or not at all: the dev server may be reading the one it replaces."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.parent.mkdir(parents=True, exist_ok=True)
    try:
        with tmp.open("wb") as out:
            out.writelines(pieces)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _section_maker(site_dir: Path, guides: set[str] | None,
                   held: Sections | None) -> Callable[[str, str], tuple[bytes, bool | None]]:
    """A function giving the print page's section for ("matter", code) or ("guide", page): its UTF-8, and whether
    its page's article was found (None: a guide the page leaves out). held: see assemble_print."""

    def made(kind: str, key: str) -> tuple[bytes, bool | None]:
        if kind == "guide" and guides is not None and key not in guides:
            return b"", None
        path, from_dir, prefix = (
            (site_dir / URLS.output(URLS.matter(key)), "matters", f"m-{key}") if kind == "matter" else
            (site_dir / URLS.output(key), posixpath.dirname(key), guide_anchor(key)))
        stamp = _stamp(path) if held is not None else None
        if held is not None and path in held and held[path][0] == stamp:
            _, section, found = held[path]
        else:
            article = _article(path)
            section, found = rebase(article, from_dir, ".", prefix).encode("utf-8"), bool(article)
            if held is not None and stamp is not None:
                held[path] = (stamp, section, found)
        return section, found

    return made


def _sections(here: list[tuple[str, str]], made: Callable[[str, str], tuple[bytes, bool | None]],
              later: Later[list[tuple[int, bool | None]]] | None, part: Path) -> Iterator[tuple[bytes, bool | None]]:
    """The sections in order: the first ones made here, then those made elsewhere, read back from part."""
    for kind, key in here:
        yield made(kind, key)
    if later is None:
        return
    lengths = later.result()
    with part.open("rb") as f:
        for length, found in lengths:
            yield f.read(length), found


def _next(sections: Iterator[tuple[bytes, bool | None]], filled: Filled) -> bytes:
    section, found = next(sections)
    if found is not None:
        filled.count(found)
    return section


def _fill(site_dir: Path, pages: list[str], fragments: dict[str, str]) -> int:
    """Put the fragments into the built pages; how many were written."""
    written = 0
    for page in pages:
        path = site_dir / URLS.output(page)
        if not path.is_file():
            continue
        html = path.read_text(encoding="utf-8")
        filled = fill_fragments(html, fragments)
        if filled != html:
            path.write_text(filled, encoding="utf-8")
            written += 1
    return written


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_mtime_ns, st.st_size


def finish_emitted(site_dir: Path) -> Filled:
    """The steps after another engine built `emit`'s pages (their fragments are in them already): the print page
    assembled from the built pages, and the site tidied. FileNotFoundError when there is no print page."""
    printed = site_dir / URLS.output(PRINT_PAGE)
    if not printed.is_file():
        raise FileNotFoundError(printed)
    filled = assemble_print(printed, site_dir, {}, None)
    tidy(site_dir)
    return filled


def _article(path: Path) -> str:
    return article(path.read_text(encoding="utf-8")) if path.is_file() else ""
