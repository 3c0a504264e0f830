"""Who handles a case: the legal routes (委托, 交由乡镇行使) side by side, from data/delegation.yaml.

No rule of our own decides between them: which route applies, and its scope, is set by the county's document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model.model import Library
from ..model.penalty import Step
from ..model.stages import Delegation
from .viewmodel import Link, ref_link

CRIME_WORDS = ("刑事责任", "构成犯罪")


@dataclass(frozen=True)
class RouteView:
    """One route as a column: its name, its sentences (already escaped for Markdown), links to its articles."""

    name: str
    sentences: tuple[str, ...]
    basis: tuple[Link, ...]


def route_views(rule: Delegation | None, library: Library, page: str,
                escape: Callable[[str], str] = str) -> list[RouteView]:
    """The routes of the delegation data, ready for a side-by-side table."""
    if rule is None:
        return []
    return [RouteView(r.name, tuple(escape(s.text) for s in r.statements),
                      tuple(ref_link(library, page, ref) for ref in r.basis)) for r in rule.routes]


def mentions_crime(steps: list[Step] | None) -> bool:
    """Whether the penalty clause speaks of criminal liability (then 移送 may arise)."""
    return any(w in text for s in steps or [] for text in (s.condition, *s.orders, *s.other) for w in CRIME_WORDS)
