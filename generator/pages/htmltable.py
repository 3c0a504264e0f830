"""Large tables written straight as HTML, where Markdown would spend most of a rebuild.

Markdown converts a 1,000-row table of links in about a third of a second, on every edit in `serve`;
the same table as HTML passes through untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model.urls import URLS
from .escape import html_attr, html_text


@dataclass(frozen=True)
class Cell:
    """A table cell: text, or links (each a label and a docs-relative .md URL), joined by 、."""

    text: str = ""
    links: tuple[tuple[str, str], ...] = ()


def _cell(cell: Cell) -> str:
    if not cell.links:
        return html_text(cell.text)
    return "、".join(f'<a href="{html_attr(URLS.output(url))}">{html_text(label)}</a>' for label, url in cell.links)


def table(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """An HTML table, as Material styles Markdown ones."""
    head = "".join(f"<th>{html_text(h)}</th>" for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
