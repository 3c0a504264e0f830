"""Who decides a case at each stage of its penalty ladder: the township, or the county department."""

from __future__ import annotations

from dataclasses import dataclass

from .penalty import Fine, Step
from .stages import Delegation

TOWNSHIP = "乡镇（街道）"
COUNTY = "县级应急管理部门"
EITHER = "按拟处罚数额确定"
JUDICIAL = "移送司法机关"


@dataclass(frozen=True)
class Handler:
    """Who handles one stage of a penalty ladder, and why, in words an officer can check."""

    condition: str
    who: str
    reason: str


def _yuan(amount: int) -> str:
    return f"{amount // 10000}万元" if amount % 10000 == 0 else f"{amount}元"


def _total(*fines: Fine | None) -> tuple[int, int | None]:
    low, high = 0, 0
    for fine in fines:
        if fine is None:
            continue
        if fine.high is None or fine.low is None:
            return low, None
        low, high = low + fine.low, high + fine.high
    return low, high


def handler(step: Step, rule: Delegation) -> Handler:
    """Who handles a case at one stage of the ladder, under the township delegation rule."""
    orders = "；".join(step.orders)
    if "刑事责任" in orders:
        return Handler(step.condition, JUDICIAL, "违法行为涉嫌犯罪的，移送司法机关")
    kept = [m for m in rule.county_measures if m in orders]
    if kept:
        return Handler(step.condition, COUNTY, f"{kept[0]}由县级应急管理部门决定")
    low, high = _total(step.unit_fine, step.person_fine)
    limit = _yuan(rule.fine_limit)
    if high is None:
        return Handler(step.condition, COUNTY, "罚款数额无法从条文直接确定，由县级应急管理部门决定")
    if high <= rule.fine_limit:
        what = f"罚款合计不超过{_yuan(high)}" if high else "不涉及罚款"
        return Handler(step.condition, TOWNSHIP, f"{what}，在乡镇（街道）办理的{limit}以下范围内")
    if low >= rule.fine_limit:
        return Handler(step.condition, COUNTY, f"罚款合计不低于{_yuan(low)}，超出乡镇（街道）办理的{limit}以下范围")
    return Handler(step.condition, EITHER,
                   f"拟罚款合计{limit}以下的由乡镇（街道）办理；超过{limit}的报县级应急管理部门")


def handlers(steps: list[Step] | None, rule: Delegation | None) -> list[Handler]:
    """The handler of every stage of a ladder (none when there is no ladder or no rule)."""
    return [handler(s, rule) for s in steps or []] if rule else []
