"""Values the templates show: precomputed, so that templates hold no logic."""

from __future__ import annotations

from dataclasses import dataclass

TODO = "待补充"  # what a page says where a fact is not in our data yet (it also names the source)


@dataclass(frozen=True)
class Link:
    """A label and where it leads (a docs-relative .md URL, with its anchor)."""

    text: str
    url: str
