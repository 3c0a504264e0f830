"""The engine's input: every page of an edition, generated and hand-written, written to a staging folder.

The generator owns the content; a site engine (MkDocs, ProperDocs) only turns the staged Markdown into HTML
with its theme. Only files whose bytes changed are written, so a rebuild leaves the others untouched.
"""

from __future__ import annotations

import shutil
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from ..model.docs import link_page
from ..model.errors import Problem
from ..model.site import Site
from ..pages.fragments import fill
from ..pages.paper import STAMP_CSS_PATH, stamp_css
from ..pages.render import (
    indexed_pages,
    made_pages,
    print_guide_pages,
    render_assets,
    render_downloads,
    site_recipes,
)
from .forked import Elsewhere, Later, beside

MARKDOWN = ".md"


@dataclass(frozen=True)
class Generated:
    """An edition's generated files ({docs path: content}), and what the steps after the engine need."""

    files: dict[str, str | bytes]
    fragments: dict[str, str]       # HTML put into the built pages in place of their markers (fragments.fill)
    print_guides: tuple[str, ...]   # the guide pages the print handbook holds after the matters


def generate(site: Site, docs: dict[str, str], built: str, downloads: bool = True, fork: bool = True) -> Generated:
    """Every generated file of the site: pages, search index and quiz, the print footer, and the downloads
    (spreadsheets, Word) unless told otherwise (`serve` makes them after the pages are out).

    fork=False (`serve`): the pages and the scripts are made in this process, so that what it keeps for the next
    rebuild (the pieces, search entries and questions of every matter) is all here; only the downloads, made
    anew each time, are made beside them.
    """
    fragments: dict[str, str] = {}
    recipes = site_recipes(site, docs)  # before the forks: it makes the questions, which every process reads
    # The downloads and the scripts (the search index reads the guide pages, made first) on the other core while
    # the pages are made; where that is not safe, first: building the workbooks takes memory for a moment, which
    # the pages then reuse (after them, it was the peak at 10,000). `serve` makes the downloads later.
    making: AbstractContextManager[Later[Aside]] = (
        beside("生成下载文件", _aside, site, built, docs, indexed_pages(recipes) if fork else None) if downloads
        else nullcontext(Later(lambda: ({}, None))))
    with making as later:
        # Half of the pages on the other core too: three processes on two cores even out what each takes.
        pages = made_pages(recipes, fragments, Elsewhere("生成页面") if fork else None)
        made, assets = later.result()
    files: dict[str, str | bytes] = {**pages, **(assets if assets is not None else render_assets(site, docs, pages)),
                                     **made, STAMP_CSS_PATH: stamp_css(site.data_date, built)}
    return Generated(files, fragments, tuple(print_guide_pages(site)))


Aside = tuple[dict[str, bytes], dict[str, str] | None]  # the downloads, and the scripts (render_assets)


def _aside(site: Site, built: str, docs: dict[str, str], indexed: dict[str, str] | None) -> Aside:
    """What a build makes beside its pages: the downloads, and the scripts (the search index, the quiz, the list's
    rows) from the hand-written pages and the generated pages the index reads (unless None)."""
    return render_downloads(site, built), render_assets(site, docs, indexed) if indexed is not None else None


def emitted(site: Site, docs: dict[str, str], built: str) -> dict[str, str | bytes]:
    """The generated files for another engine (emit): each page with its fragments in it, as HTML blocks."""
    made = generate(site, docs, built)
    return {path: fill(content, made.fragments) if path.endswith(MARKDOWN) and isinstance(content, str) else content
            for path, content in made.files.items()}


def is_download(path: str) -> bool:
    """A file offered for download (spreadsheet, Word document)."""
    return path.endswith((".xlsx", ".docx"))


def hand_written(docs_dir: Path) -> dict[str, bytes]:
    """Every file under docs_dir, as {docs path: bytes} (pages, scripts, styles)."""
    if not docs_dir.is_dir():
        return {}
    return {p.relative_to(docs_dir).as_posix(): p.read_bytes() for p in sorted(docs_dir.rglob("*")) if p.is_file()}


def link_docs(files: dict[str, bytes], site: Site, shown_dir: str) -> tuple[dict[str, bytes], list[Problem]]:
    """The hand-written pages with their citations linked; a problem for each that cannot be linked."""
    out, problems = dict(files), []
    for path, data in files.items():
        if path.endswith(MARKDOWN):
            linked, found = link_page(data.decode("utf-8"), path, site.library, f"{shown_dir}/{path}")
            out[path] = linked.encode("utf-8")
            problems += found
    return out, problems


def clashes(docs: dict[str, bytes], generated: dict[str, str | bytes], shown_dir: str) -> list[Problem]:
    """A hand-written file where a generated one goes: one of them would be lost."""
    return [Problem(f"{shown_dir}/{path}", 0, "", "会被生成的页面覆盖", "请改名或删除它")
            for path in sorted(docs.keys() & generated.keys())]


Written = dict[Path, tuple[int, str | bytes]]  # each file as last written: a hash of its bytes, and its content


def write_if_changed(path: Path, content: str | bytes, written: Written | None = None) -> bool:
    """Write content to path unless it holds it already; True if written.

    `mkdocs serve --dirty` rebuilds a page when its source is newer than its output: a generated page
    that did not change keeps its old time, so only the pages an edit really touches are rebuilt.
    `written` remembers what was last written to each path, to spare reading it back; content that is the very
    object written last time (a page reused from the last render) is not even encoded again.
    """
    held = written.get(path) if written is not None else None
    if held is not None and held[1] is content and path.exists():
        return False
    data = content.encode("utf-8") if isinstance(content, str) else content
    digest = hash(data)
    if written is not None and held is not None and held[0] == digest and path.exists():
        written[path] = (digest, content)
        return False
    if written is None and path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    if written is not None:
        written[path] = (digest, content)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def write_stage(target: Path, files: dict[str, str | bytes]) -> int:
    """Make target hold exactly files: write those whose bytes differ, remove the rest; how many were written.

    A file cut short by a crash differs from what the next build stages, so that build writes it whole.
    """
    target.mkdir(parents=True, exist_ok=True)
    written = sum(write_if_changed(target / path, content) for path, content in files.items())
    for found in sorted(target.rglob("*"), reverse=True):  # deepest first, so emptied folders go too
        rel = found.relative_to(target).as_posix()
        if found.is_file() and rel not in files:
            found.unlink()
        elif found.is_dir() and not any(found.iterdir()):
            shutil.rmtree(found)
    return written
