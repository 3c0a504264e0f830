"""The print handbook assembled from the matter and guide pages as built, so that no page is rendered twice.

The core writes the print page with an empty section per matter and per guide page (stage guides, the
time-limit table, the document index); after the site is built, each section receives its page's article,
with the links rebased to the site root.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from functools import lru_cache

from ..model.codes import CODE_PATTERN

SECTION = '<section class="print-matter" id="m-{code}" data-matter="{code}"></section>'
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
# Relative URLs only: not https:, mailto:, /root-relative or #in-page ones.
_URL = re.compile(r'\b(href|src)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^"#?]+)([^"]*)"')
_SECTION = re.compile(rf'(<section class="print-matter" id="m-({CODE_PATTERN})" data-matter="\2">).*?(</section>)',
                      re.DOTALL)
_HEADING_ID = re.compile(r'(<h[1-6][^>]*?) id="([^"]+)"')
_LOCAL = re.compile(r'href="#([^"]+)"')


GUIDE_SECTION = '<section class="print-guide" id="{anchor}" data-page="{page}"></section>'
_GUIDE = re.compile(r'(<section class="print-guide" id="([a-z0-9-]+)" data-page="([a-z0-9/-]+\.md)">).*?(</section>)',
                    re.DOTALL)


def guide_anchor(page: str) -> str:
    """The print page's anchor for a guide page (stages/xcjc.md → g-stages-xcjc)."""
    return "g-" + page.removesuffix(".md").replace("/", "-")


def guide_placeholder(page: str) -> str:
    """The empty section the print page holds for a guide page (a stage guide, the deadlines, the documents)."""
    return GUIDE_SECTION.format(anchor=guide_anchor(page), page=page)


def placeholder(code: str) -> str:
    """The empty section the print page holds for a matter."""
    return SECTION.format(code=code)


def article(page_html: str) -> str:
    """The content of a built page: what is inside its <article>."""
    match = _ARTICLE.search(page_html)
    return match.group(1) if match else ""


def rebase(html: str, from_dir: str, to_dir: str, prefix: str) -> str:
    """A page's article for the print page: links moved from from_dir to to_dir, heading ids (and the links
    to them) prefixed so that they stay unique on one page, and folded quotes open on paper."""
    def move(m: re.Match[str]) -> str:
        return f'{m.group(1)}="{moved(m.group(2), from_dir, to_dir)}{m.group(3)}"'

    html = _URL.sub(move, html)
    html = _HEADING_ID.sub(lambda m: f'{m.group(1)} id="{prefix}-{m.group(2)}"', html)
    html = _LOCAL.sub(lambda m: f'href="#{prefix}-{m.group(1)}"', html)
    return html.replace("<details ", "<details open ")


@lru_cache(maxsize=65_536)
def moved(path: str, from_dir: str, to_dir: str) -> str:
    """A relative path written in from_dir, as written in to_dir (each link of the print page: most repeat)."""
    return posixpath.relpath(posixpath.normpath(posixpath.join(from_dir, path)), to_dir)


def fill(print_html: str, sections: dict[str, str], guides: dict[str, str] | None = None) -> str:
    """The print page with every matter's and guide's section filled in (again, if it was filled before)."""
    html = _SECTION.sub(lambda m: m.group(1) + sections.get(m.group(2), "") + m.group(3), print_html)
    found = guides or {}
    return _GUIDE.sub(lambda m: m.group(1) + found.get(m.group(3), "") + m.group(4), html)


_ANY = re.compile(f"{_SECTION.pattern}|{_GUIDE.pattern}", re.DOTALL)


def frame_parts(print_html: str) -> Iterator[str | tuple[str, str]]:
    """The print page in pieces: its own text, and in place of each section's content (empty, or what it was
    filled with before) the section's key, ("matter", code) or ("guide", page). The page of a long list is hundreds
    of megabytes once filled, and need never be held whole."""
    at = 0
    for m in _ANY.finditer(print_html):
        if m.group(2) is not None:
            yield print_html[at:m.end(1)]
            yield ("matter", m.group(2))
            at = m.start(3)
        else:
            yield print_html[at:m.end(4)]
            yield ("guide", m.group(6))
            at = m.start(7)
    yield print_html[at:]
