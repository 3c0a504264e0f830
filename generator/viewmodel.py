"""Values the templates show: precomputed, so that templates hold no logic."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .citations import full_label, ref_url
from .model import Library, Ref

TODO = "待补充"  # what a page says where a fact is not in our data yet (it also names the source)
# The same word as the page shows it: a styled marker, so that what is missing stands out on screen and on paper.
TODO_MARK = Markup(f'<span class="todo">{TODO}</span>')


@dataclass(frozen=True)
class Link:
    """A label and where it leads (a docs-relative .md URL, with its anchor)."""

    text: str
    url: str


def ref_link(library: Library, page: str, ref: Ref) -> Link:
    """《安全生产法》第九十七条第（七）项, linked from page to its anchor."""
    return Link(full_label(library, ref), ref_url(page, ref))
