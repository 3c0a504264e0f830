"""Merge a new version of the official list into data/checklist.yaml without losing local additions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model.changelog import short

OFFICIAL = ("序号", "类别", "事项名称", "法律依据", "处罚条款和内容")
FIELD_ORDER = ("序号", "类别", "事项代码", "事项名称", "法律依据", "处罚条款和内容")


@dataclass
class FieldChange:
    """One field of one matter, before and after."""

    code: str
    field: str
    old: Any
    new: Any


@dataclass
class Changes:
    """What an import changed: matters added, removed (kept in full in the record), fields changed."""

    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[FieldChange] = field(default_factory=list)
    new_categories: list[dict[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Whether the import changed nothing."""
        return not (self.added or self.removed or self.changed)

    def summary(self) -> list[str]:
        """The changes, one line each, for the editor."""
        lines = [f"新增 {m['事项代码']} {m['事项名称']}" for m in self.added]
        lines += [f"删除 {m['事项代码']} {m['事项名称']}" + ("（本地补充的内容已存入更新记录）" if _local(m) else "")
                  for m in self.removed]
        lines += [f"修改 {c.code} {c.field}：{short(c.old, 40)} → {short(c.new, 40)}" for c in self.changed]
        lines += [f"新类别 {c['名称']}（代号 {c['代号']}；发布前请在 checklist.yaml 中改为有意义的代号）"
                  for c in self.new_categories]
        return lines or ["没有变化"]


def _local(matter: dict[str, Any]) -> bool:
    return any(k not in OFFICIAL and k != "事项代码" for k in matter)


def merge(existing: dict[str, Any] | None, imported: list[dict[str, Any]], title: str, source: str
          ) -> tuple[dict[str, Any], Changes]:
    """The new checklist data: official fields from the import, everything else kept by 事项代码."""
    existing = existing or {}
    changes = Changes()
    categories = [dict(c) for c in existing.get("分类", [])]
    names = {c["名称"] for c in categories}
    for m in imported:
        if m["类别"] not in names:
            new = {"代号": f"cat-{len(categories) + 1}", "名称": m["类别"]}
            categories.append(new)
            changes.new_categories.append(new)
            names.add(m["类别"])
    old = {m["事项代码"]: m for m in existing.get("事项", []) if isinstance(m, dict) and "事项代码" in m}
    matters = []
    for m in imported:
        before = old.get(m["事项代码"])
        if before is None:
            changes.added.append(m)
            matters.append(m)
            continue
        changes.changed += [FieldChange(m["事项代码"], f, before.get(f), m[f])
                            for f in OFFICIAL if before.get(f) != m[f]]
        # Official fields come from the list; the editors' own fields stay as they were.
        kept = {k: v for k, v in before.items() if k not in OFFICIAL and k != "事项代码"}
        matters.append({**{f: m[f] for f in FIELD_ORDER}, **kept})
    codes = {m["事项代码"] for m in imported}
    changes.removed = [m for code, m in old.items() if code not in codes]
    data = {"标题": existing.get("标题", title), "来源": existing.get("来源", source),
            "分类": categories, "事项": matters}
    return data, changes


def change_record(changes: Changes, date: str, source: str) -> dict[str, Any]:
    """The entry appended to data/changelog.yaml for one import."""
    record: dict[str, Any] = {"日期": date, "来源": source}
    if changes.added:
        record["新增"] = [{"事项代码": m["事项代码"], "事项名称": m["事项名称"]} for m in changes.added]
    if changes.removed:
        record["删除"] = changes.removed
    if changes.changed:
        record["修改"] = [{"事项代码": c.code, "字段": c.field, "原值": c.old, "新值": c.new} for c in changes.changed]
    return record
