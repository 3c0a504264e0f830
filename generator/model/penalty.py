"""The penalty ladder of a penalty clause: who gets what, at each stage (逾期未改正, 情节严重 …)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Library, Ref
from .numerals import cn_to_int
from .scope import official_text

PERSONS = "对其直接负责的主管人员和其他直接责任人员"
_CONDITIONS = (("逾期未改正的", "逾期未改正"), ("情节严重的", "情节严重"), ("构成犯罪的", "构成犯罪"))
_FINE_RE = re.compile(r"^(?:并)?处(.+?)的?罚款$")
_AMOUNT_RE = re.compile(r"([一二三四五六七八九十百千零两]+)(万)?元(以上|以下)")


@dataclass(frozen=True)
class Fine:
    """A fine as the law words it (五万元以上二十万元以下), with its bounds in yuan where readable."""

    text: str
    low: int | None
    high: int | None


@dataclass
class Step:
    """One stage of the ladder: its condition and the measures the text attaches to it."""

    condition: str
    orders: list[str] = field(default_factory=list)
    unit_fine: Fine | None = None
    person_fine: Fine | None = None
    other: list[str] = field(default_factory=list)


def parse_fine(text: str) -> Fine:
    """Read 五万元以上二十万元以下 into bounds (50000, 200000); unreadable bounds stay None."""
    low = high = None
    for number, wan, side in _AMOUNT_RE.findall(text):
        value = cn_to_int(number) * (10000 if wan else 1)
        if side == "以上":
            low = value
        else:
            high = value
    if high is not None and low is None:
        low = 0
    return Fine(text, low, high)


def lead_text(clause: str) -> str:
    """The part of a penalty clause before its list of 项 (the sanctions), without trailing punctuation."""
    return clause.split("：", 1)[0].rstrip("。；：")


FIRST_STEP = "违法行为成立"


def ladder(clause: str) -> list[Step] | None:
    """Split a penalty clause's lead into stages, each fragment word for word.

    None when any part of the clause is not of the known shapes: a table that is only partly right
    would mislead, so the page then shows the clause alone.
    """
    steps: list[Step] = []
    for n, part in enumerate(p for p in lead_text(clause).split("；") if p):
        prefix = next((c for c, _ in _CONDITIONS if part.startswith(c)), None)
        if prefix is not None:
            condition, body = prefix, part[len(prefix):].lstrip("，")
        elif n == 0 and "的，" in part:
            condition, body = FIRST_STEP, part.split("的，", 1)[1]
        else:
            return None
        step = Step(condition)
        for fragment in (f for f in body.split("，") if f):
            _place(step, fragment)
        if step.other:
            return None
        steps.append(step)
    return steps or None


def _place(step: Step, fragment: str) -> None:
    if fragment.startswith(PERSONS):
        match = _FINE_RE.match(fragment[len(PERSONS):])
        if match and step.person_fine is None:
            step.person_fine = parse_fine(match.group(1))
            return
    match = _FINE_RE.match(fragment)
    if match and step.unit_fine is None:
        step.unit_fine = parse_fine(match.group(1))
    elif fragment.startswith("责令") or fragment.startswith("依照刑法") or fragment.startswith("并责令"):
        step.orders.append(fragment)
    else:
        step.other.append(fragment)


def max_fine(steps: list[Step] | None) -> int | None:
    """The highest fine the ladder allows for the unit, or None if a bound is unreadable."""
    highs = [s.unit_fine.high for s in steps or [] if s.unit_fine]
    return None if not highs or None in highs else max(h for h in highs if h is not None)


def penalty_clause(library: Library, ref: Ref) -> str:
    """The official text of the 款 whose lead states the penalties for a cited place ("" if it is not there)."""
    lines = official_text(library, Ref(ref.law, ref.article, ref.paragraph or 1, sub=ref.sub))
    return lines[0] if lines else ""


def clause_ladder(library: Library, ref: Ref) -> list[Step] | None:
    """The penalty ladder of the clause a penalty citation points into."""
    clause = penalty_clause(library, ref)
    return ladder(clause) if clause else None
