"""The steps after the engine, on the built site and whatever engine built it.

The largest generated pieces go into their pages as HTML (fragments); the print handbook receives each matter's
and guide's article as built; what no page uses is removed and the 404 page made to work from a folder.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from pathlib import Path

from .codes import CODE_PATTERN
from .fragments import fill as fill_fragments
from .printpage import article, fill, guide_anchor, rebase
from .sitefiles import tidy

PRINT_PAGE = "print.md"
_MATTER_DIR = "matters/"


def built_path(docs_path: str) -> str:
    """Where the engine writes a page (use_directory_urls is off: pages are files)."""
    return docs_path.removesuffix(".md") + ".html"


def _matter(docs_path: str) -> str:
    """The 事项代码 of a matter page's docs path, or ''."""
    import re

    name = docs_path.removeprefix(_MATTER_DIR).removesuffix(".md")
    return name if docs_path.startswith(_MATTER_DIR) and re.fullmatch(CODE_PATTERN, name) else ""


def finish_site(site_dir: Path, pages: Iterable[str], fragments: dict[str, str], print_guides: Iterable[str]) -> None:
    """Fill fragments into the built pages, assemble the print page from them, and tidy the site.

    pages are the generated Markdown pages' docs paths; each is read once (and written only if it held a marker).
    """
    guides = set(print_guides)
    sections: dict[str, str] = {}
    guide_articles: dict[str, str] = {}
    for page in pages:
        code = _matter(page)
        wanted = bool(code) or page in guides
        path = site_dir / built_path(page)
        if page == PRINT_PAGE or not path.is_file():
            continue
        html = path.read_text(encoding="utf-8")
        filled = fill_fragments(html, fragments)
        if filled != html:
            path.write_text(filled, encoding="utf-8")
        if not wanted:
            continue
        if code:
            sections[code] = rebase(article(filled), "matters", ".", f"m-{code}")
        else:
            guide_articles[page] = rebase(article(filled), posixpath.dirname(page), ".", guide_anchor(page))
    printed = site_dir / built_path(PRINT_PAGE)
    if printed.is_file():
        html = fill_fragments(printed.read_text(encoding="utf-8"), fragments)
        printed.write_text(fill(html, sections, guide_articles), encoding="utf-8")
    tidy(site_dir)
