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


def assemble_print(printed: Path, site_dir: Path, fragments: dict[str, str], guides: set[str]) -> None:
    """Fill the print page's sections with each matter's and guide's article as built, writing it piece by piece."""
    def section(code: str) -> str:
        return rebase(_article(site_dir / URLS.output(URLS.matter(code))), "matters", ".", f"m-{code}")

    def guide(page: str) -> str:
        if page not in guides:
            return ""
        return rebase(_article(site_dir / URLS.output(page)), posixpath.dirname(page), ".", guide_anchor(page))

    html = fill_fragments(printed.read_text(encoding="utf-8"), fragments)
    tmp = printed.with_name(f".{printed.name}.tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for part in fill_parts(html, section, guide):
            out.write(part)
    os.replace(tmp, printed)


def _article(path: Path) -> str:
    return article(path.read_text(encoding="utf-8")) if path.is_file() else ""
