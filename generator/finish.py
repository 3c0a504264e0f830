"""The steps after the engine, on the built site and whatever engine built it.

The largest generated pieces go into their pages as HTML (fragments); the print handbook receives each matter's
and guide's article as built; what no page uses is removed and the 404 page made to work from a folder.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from pathlib import Path

from .fragments import fill as fill_fragments
from .printpage import article, fill, guide_anchor, rebase
from .sitefiles import tidy
from .urls import URLS

PRINT_PAGE = "print.md"


def finish_site(site_dir: Path, pages: Iterable[str], fragments: dict[str, str], print_guides: Iterable[str]) -> None:
    """Fill fragments into the built pages, assemble the print page from them, and tidy the site.

    pages are the generated Markdown pages' docs paths; each is read once (and written only if it held a marker).
    """
    guides = set(print_guides)
    sections: dict[str, str] = {}
    guide_articles: dict[str, str] = {}
    for page in pages:
        code = URLS.matter_code(page)
        wanted = bool(code) or page in guides
        path = site_dir / URLS.output(page)
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
    printed = site_dir / URLS.output(PRINT_PAGE)
    if printed.is_file():
        html = fill_fragments(printed.read_text(encoding="utf-8"), fragments)
        printed.write_text(fill(html, sections, guide_articles), encoding="utf-8")
    tidy(site_dir)
