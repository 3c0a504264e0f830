"""Reading built HTML in tests: the text of an element by id, and the links of a page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _ById(HTMLParser):
    def __init__(self, target: str, skip_classes: set[str]) -> None:
        super().__init__()
        self.target, self.skip_classes = target, skip_classes
        self.depth = 0           # depth inside the target element (0 = outside)
        self.skip_depth = 0      # depth inside a skipped element within it
        self.parts: list[str] = []
        self.found = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        a = dict(attrs)
        if self.depth:
            self.depth += 1
            classes = set((a.get("class") or "").split())
            if self.skip_depth or classes & self.skip_classes:
                self.skip_depth += 1
        elif a.get("id") == self.target and not self.found:
            self.depth, self.found = 1, True

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not self.depth:
            return
        self.depth -= 1
        if self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip_depth:
            self.parts.append(data)


def text_of_id(html: str, element_id: str, skip_classes: set[str] | None = None) -> str | None:
    """The text inside the element with this id, white space removed; None if there is none."""
    parser = _ById(element_id, skip_classes or {"anchor-link", "cited-by"})
    parser.feed(html)
    return re.sub(r"\s+", "", "".join(parser.parts)) if parser.found else None


def hrefs(html: str) -> list[str]:
    """Every href of an <a> in the page."""
    return re.findall(r'<a\b[^>]*\bhref="([^"]*)"', html)
