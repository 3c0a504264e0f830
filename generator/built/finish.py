"""The steps after the engine, on the built site and whatever engine built it.

The largest generated pieces go into their pages as HTML (fragments); the print handbook receives each matter's
and guide's article as built; what no page uses is removed and the 404 page made to work from a folder.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from pathlib import Path

from ..model.urls import URLS
from ..pages.fragments import fill as fill_fragments
from ..pages.handbook import PRINT_PAGE
from ..pages.printpage import article, fill_parts, guide_anchor, rebase
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


def finish_site(site_dir: Path, pages: Iterable[str], fragments: dict[str, str], print_guides: Iterable[str]) -> None:
    """Fill fragments into the built pages, assemble the print page from them, and tidy the site."""
    for page in pages:
        path = site_dir / URLS.output(page)
        if page == PRINT_PAGE or not path.is_file():
            continue
        html = path.read_text(encoding="utf-8")
        filled = fill_fragments(html, fragments)
        if filled != html:
            path.write_text(filled, encoding="utf-8")
    printed = site_dir / URLS.output(PRINT_PAGE)
    if printed.is_file():
        assemble_print(printed, site_dir, fragments, set(print_guides))
    tidy(site_dir)


Sections = dict[Path, tuple[tuple[int, int], str, bool]]  # a built page → (its time and size, section, found)


def assemble_print(printed: Path, site_dir: Path, fragments: dict[str, str], guides: set[str] | None,
                   held: Sections | None = None, frame: str | None = None) -> Filled:
    """Fill the print page's sections with each matter's and guide's article as built, writing it piece by piece.

    guides: the guide pages to take (None: every one the print page holds a section for). held (`serve`): the
    sections made last time, by page, taken again while the page's time and size are the same; a build passes
    none, since at 10,000 matters they are hundreds of megabytes. frame (`serve`): the print page as the engine
    built it, instead of reading back the page filled last time.
    """
    filled = Filled()

    def made(path: Path, from_dir: str, prefix: str) -> str:
        stamp = _stamp(path) if held is not None else None
        if held is not None and path in held and held[path][0] == stamp:
            _, section, found = held[path]
        else:
            article = _article(path)
            section, found = rebase(article, from_dir, ".", prefix), bool(article)
            if held is not None and stamp is not None:
                held[path] = (stamp, section, found)
        filled.count(found)
        return section

    def section(code: str) -> str:
        return made(site_dir / URLS.output(URLS.matter(code)), "matters", f"m-{code}")

    def guide(page: str) -> str:
        if guides is not None and page not in guides:
            return ""
        return made(site_dir / URLS.output(page), posixpath.dirname(page), guide_anchor(page))

    html = fill_fragments(frame if frame is not None else printed.read_text(encoding="utf-8"), fragments)
    tmp = printed.with_name(f".{printed.name}.tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for part in fill_parts(html, section, guide):
            out.write(part)
    os.replace(tmp, printed)
    return filled


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
