"""The site's URL scheme: where each page lives, and every link from one page to another.

Pages are named by their source path (matters/330225002014.md); the built site serves each as .html (no
directory URLs, so that the offline copy opens from a folder). Matter pages stay matters/<事项代码>.html and the
anchors of laws and articles (model.Ref.anchor, model.Article.anchor) never move once published.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from .codes import CODE_PATTERN


class Place(Protocol):
    """A cited place: a law and the anchor of its article, 款 or 项 (model.Ref)."""

    @property
    def law(self) -> str: ...

    @property
    def anchor(self) -> str: ...


@lru_cache(maxsize=65536)
def _relpath(target: str, start: str) -> str:
    # Pages link to few distinct targets from few folders; relpath is costly at a million links a build.
    return posixpath.relpath(target, start)


@dataclass(frozen=True)
class UrlScheme:
    """Source paths (.md) of pages, their output paths (.html), and relative links between them."""

    source_suffix: str = ".md"
    output_suffix: str = ".html"

    def matter(self, code: str) -> str:
        """A matter's page: matters/<事项代码>.md."""
        return f"matters/{code}{self.source_suffix}"

    def matter_code(self, path: str) -> str:
        """The 事项代码 of a matter page's source path (matters/<代码>.md), or ''."""
        match = re.fullmatch(rf"matters/({CODE_PATTERN}){re.escape(self.source_suffix)}", path)
        return match.group(1) if match else ""

    def law(self, law_id: str) -> str:
        """A law's page: laws/<代号>.md."""
        return f"laws/{law_id}{self.source_suffix}"

    def category(self, category_id: str) -> str:
        """A category's page: categories/<代号>.md."""
        return f"categories/{category_id}{self.source_suffix}"

    def output(self, url: str) -> str:
        """The built page of a source path or link: x.md → x.html, x.md#a → x.html#a; other URLs unchanged."""
        path, sep, anchor = url.partition("#")
        if path.endswith(self.source_suffix):
            path = path[: -len(self.source_suffix)] + self.output_suffix
        return path + sep + anchor

    def link(self, page: str, target: str, anchor: str = "") -> str:
        """A link from page to target (both source paths), with an anchor; '#anchor' (or '#') on the page itself."""
        if page == target:
            return f"#{anchor}" if anchor else "#"
        rel = _relpath(target, posixpath.dirname(page) or ".")
        return f"{rel}#{anchor}" if anchor else rel

    def html_link(self, page: str, target: str, anchor: str = "") -> str:
        """The same link to the built page, for HTML that the site engine does not rewrite."""
        return self.output(self.link(page, target, anchor))

    def cited(self, page: str, place: Place) -> str:
        """A link from page to the exact place of a law a citation points at (its article, 款 or 项)."""
        return self.link(page, self.law(place.law), place.anchor)

    def from_root(self, target: str, anchor: str = "") -> str:
        """The built page's URL from the site root, with an anchor (for the search index and the quiz data)."""
        return self.output(target) + (f"#{anchor}" if anchor else "")


URLS = UrlScheme()


# --- links written in prose (officers' notes): which targets they may name ---------------------------

_HTTP = re.compile(r"https?://[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+")  # no quotes, brackets, <, > or spaces
_PAGE = re.compile(r"(?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_-]+\.md(?:#[A-Za-z0-9_-]+)?")
PROSE_LINK = re.compile(r"\[(?P<label>[^\[\]\n]+)\]\((?P<url>[^()\s]+)\)")


def link_target(url: str, page: str) -> str | None:
    """Where a link written in prose may lead, as a URL from page: http(s), or a page of the site
    (written from the site root, laws/aqscf.md#a30), else None."""
    if _HTTP.fullmatch(url):
        return url
    if _PAGE.fullmatch(url):
        target, _, anchor = url.partition("#")
        return URLS.link(page, target, anchor)
    return None
