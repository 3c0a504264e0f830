"""Discretion benchmark tables (裁量基准表): per penalty clause, circumstances → 阶次 → fine band, checked.

A table is one YAML file under data/discretion/ (README.md there describes the form). Each band is checked
against its clause's statutory range as penalty.ladder reads it: a band outside the range, two bands of one
clause and 阶次 that overlap, or a clause the law library does not hold is an error with file:line.
Until a published table is entered, the directory holds no table and the pages say 待补充.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .citations import full_label
from .errors import Problem
from .model import Library, Ref
from .penalty import FIRST_STEP, Step, clause_ladder
from .yamlsource import KeyPath, Source, read_yaml, type_name

DISCRETION_DIR = "discretion"
# What the pages name until the tables are entered (the same documents as data/stages/4-zyc.yaml's 待补充).
PENDING_SOURCES = ("《浙江省应急管理行政处罚裁量基准适用细则》（2024年12月）",
                   "《应急管理行政裁量权基准暂行规定》（应急管理部令第12号）")
_ROW_KEYS = "情形、阶次、适用、罚款下限、罚款上限、其他处罚"
_DATE_RE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


@dataclass(frozen=True)
class Band:
    """One row of a table: the circumstances, their 阶次, the ladder stage it refines, the fine band, other measures."""

    circumstances: str
    tier: str
    stage: str
    low: int | None
    high: int | None
    other: tuple[str, ...]

    @property
    def fine_text(self) -> str:
        """罚款 1000 元至 5000 元, or '' when the row sets no fine."""
        if self.low is None or self.high is None:
            return ""
        return f"罚款 {self.low} 元至 {self.high} 元"


@dataclass(frozen=True)
class Table:
    """A published benchmark table: its document, 文号, date, and bands per penalty clause."""

    name: str
    number: str
    date: str
    file: str
    clauses: tuple[tuple[Ref, tuple[Band, ...]], ...]

    @property
    def citation(self) -> str:
        """《名称》（文号，日期）."""
        return f"《{self.name.strip('《》')}》（{self.number}，{self.date}）"


@dataclass(frozen=True)
class Tables:
    """Every table in data/discretion/, looked up by the penalty clause a matter cites."""

    tables: tuple[Table, ...] = ()

    def for_clause(self, ref: Ref) -> tuple[Table, tuple[Band, ...]] | None:
        """The table and bands for the clause ref points into (款 1 when none is named), if any."""
        key = clause_key(ref)
        for table in self.tables:
            for clause, bands in table.clauses:
                if clause_key(clause) == key:
                    return table, bands
        return None


def clause_key(ref: Ref) -> tuple[str, int, int, int, int | None]:
    """A clause as (law, 条, 之, 款, 项), 款 1 when unnamed: the ladder reads 款 1 in that case too."""
    return (ref.law, ref.article, ref.sub, ref.paragraph or 1, ref.item)


def load_tables(data_dir: Path, library: Library, shown: str) -> tuple[Tables, list[Problem]]:
    """Read and check every data/discretion/*.yaml; unknown keys are reported by datafiles."""
    tables: list[Table] = []
    problems: list[Problem] = []
    for path in sorted((data_dir / DISCRETION_DIR).glob("*.yaml")):
        src = read_yaml(path, f"{shown}/{DISCRETION_DIR}/{path.name}")
        problems += src.problems
        if src.data is None:
            continue
        table = check_table(src, library, problems)
        if table is not None:
            tables.append(table)
    return Tables(tuple(tables)), problems


def _text(src: Source, path: KeyPath, value: Any, problems: list[Problem], required: bool = True) -> str:
    if value is None and not required:
        return ""
    if isinstance(value, str) and value.strip() and "\n" not in value.strip():
        return value.strip()
    problems.append(src.problem(path, f"应为一行非空文字，实际是{type_name(value)} {value!r}"))
    return ""


def check_table(src: Source, library: Library, problems: list[Problem]) -> Table | None:
    """One table file, every value checked; None if any part of it is wrong."""
    before = len(problems)
    data = src.data
    if not isinstance(data, dict):
        problems.append(src.problem((), f"应为映射（名称、文号、日期、条款），实际是{type_name(data)}"))
        return None
    name = _text(src, ("名称",), data.get("名称"), problems)
    number = _text(src, ("文号",), data.get("文号"), problems)
    raw_date = data.get("日期")
    date = raw_date.isoformat() if isinstance(raw_date, datetime.date) else str(raw_date or "")
    if not _DATE_RE.match(date):
        problems.append(src.problem(("日期",), f"应为印发日期 YYYY-MM-DD 或 YYYY-MM，实际是 {raw_date!r}",
                                    "照录文件落款的日期，如 2024-12-20"))
    entries = data.get("条款")
    if not isinstance(entries, list) or not entries:
        problems.append(src.problem(("条款",), "应为至少一个处罚条款的列表"))
        entries = []
    clauses: list[tuple[Ref, tuple[Band, ...]]] = []
    seen: dict[tuple[str, int, int, int, int | None], int] = {}
    for i, entry in enumerate(entries):
        checked = _clause(src, ("条款", i), entry, library, problems)
        if checked is None:
            continue
        key = clause_key(checked[0])
        if key in seen:
            problems.append(src.problem(("条款", i), f"{full_label(library, checked[0])}重复；第一次出现在"
                                        f"条款[{seen[key]}]", "同一条款的全部阶次写在一处"))
        seen[key] = i
        clauses.append(checked)
    if len(problems) > before:
        return None
    return Table(name, number, date, src.file, tuple(clauses))


def _int(src: Source, path: KeyPath, value: Any, problems: list[Problem], required: bool = False) -> int | None:
    if value is None and not required:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    problems.append(src.problem(path, f"应为非负整数，实际是{type_name(value)} {value!r}",
                                "金额以元为单位，写 50000，不写 5万元"))
    return None


def clause_ref(src: Source, path: KeyPath, entry: Any, library: Library, problems: list[Problem]) -> Ref | None:
    """The clause an entry names ({法规, 条, 款, 项}), or None with a problem when the library has no such place."""
    law = library.find(str(entry.get("法规", ""))) if isinstance(entry.get("法规"), str) else None
    if law is None:
        problems.append(src.problem((*path, "法规"), f"法规 {entry.get('法规')!r} 不在 data/laws/ 中",
                                    "写法规库中的名称，如 安全生产法"))
        return None
    article = _int(src, (*path, "条"), entry.get("条"), problems, required=True)
    para = _int(src, (*path, "款"), entry.get("款"), problems)
    item = _int(src, (*path, "项"), entry.get("项"), problems)
    if article is None:
        return None
    ref = Ref(law.id, article, para, item)
    found = law.article(article)
    paragraph = found.paragraph(para or 1) if found else None
    wrong = "条" if found is None else "款" if paragraph is None else \
        "项" if item is not None and item not in {x.number for x in paragraph.items} else ""
    if wrong:
        problems.append(src.problem((*path, wrong), f"{law.short_name}没有{ref.label}", "核对条、款、项的序号"))
        return None
    return ref


def _clause(src: Source, path: KeyPath, entry: Any, library: Library,
            problems: list[Problem]) -> tuple[Ref, tuple[Band, ...]] | None:
    if not isinstance(entry, dict):
        problems.append(src.problem(path, f"应为映射（法规、条、款、项、基准），实际是{type_name(entry)}"))
        return None
    ref = clause_ref(src, path, entry, library, problems)
    if ref is None:
        return None
    steps = clause_ladder(library, ref) or []
    if not steps:
        problems.append(src.problem(path, f"{full_label(library, ref)}的处罚阶次无法从条文读出，无法核对幅度",
                                    "核对所引的是不是处罚条款"))
        return None
    rows = entry.get("基准")
    if not isinstance(rows, list) or not rows:
        problems.append(src.problem((*path, "基准"), f"应为至少一行基准（{_ROW_KEYS}）"))
        return None
    bands = []
    for n, row in enumerate(rows):
        band = _band(src, (*path, "基准", n), row, steps, full_label(library, ref), problems)
        if band is not None:
            bands.append((n, band))
    _overlaps(src, path, bands, problems)
    return ref, tuple(b for _, b in bands)


def _band(src: Source, path: KeyPath, row: Any, steps: list[Step], clause: str,
          problems: list[Problem]) -> Band | None:
    if not isinstance(row, dict):
        problems.append(src.problem(path, f"应为映射（{_ROW_KEYS}），实际是{type_name(row)}"))
        return None
    before = len(problems)
    circumstances = _text(src, (*path, "情形"), row.get("情形"), problems)
    tier = _text(src, (*path, "阶次"), row.get("阶次"), problems)
    stage = _text(src, (*path, "适用"), row.get("适用"), problems, required=False) or FIRST_STEP
    names = [s.condition for s in steps]
    step = next((s for s in steps if s.condition == stage), None)
    if step is None:
        problems.append(src.problem((*path, "适用"), f"{clause}没有“{stage}”这一处罚阶次",
                                    f"写 {'、'.join(names)} 之一（见事项页面的处罚阶次表）"))
    low = _int(src, (*path, "罚款下限"), row.get("罚款下限"), problems)
    high = _int(src, (*path, "罚款上限"), row.get("罚款上限"), problems)
    other_raw = row.get("其他处罚", [])
    other = tuple(_text(src, (*path, "其他处罚", k), x, problems) for k, x in enumerate(other_raw)) \
        if isinstance(other_raw, list) else ()
    if not isinstance(other_raw, list):
        problems.append(src.problem((*path, "其他处罚"), f"应为文字的列表，实际是{type_name(other_raw)}"))
    if (low is None) != (high is None):
        problems.append(src.problem(path, "罚款下限和罚款上限应同时写出", "不处罚款的阶次两个都不写"))
    elif low is not None and high is not None:
        if low > high:
            problems.append(src.problem((*path, "罚款下限"), f"罚款下限 {low} 元大于罚款上限 {high} 元"))
        elif step is not None:
            _within(src, path, low, high, step, clause, problems)
    if len(problems) > before:
        return None
    return Band(circumstances, tier, stage, low, high, other)


def _within(src: Source, path: KeyPath, low: int, high: int, step: Step, clause: str,
            problems: list[Problem]) -> None:
    fine = step.unit_fine
    if fine is None:
        problems.append(src.problem(path, f"{clause}在“{step.condition}”阶次没有对单位的罚款，本行却写了罚款幅度",
                                    "核对所引条款和阶次"))
        return
    if fine.low is None or fine.high is None:
        problems.append(src.problem(path, f"{clause}“{step.condition}”的罚款幅度（{fine.text}）无法读成金额，无法核对"))
        return
    if low < fine.low or high > fine.high:
        problems.append(src.problem(path, f"罚款幅度 {low} 元至 {high} 元超出{clause}“{step.condition}”的法定幅度"
                                    f"（{fine.text}，即 {fine.low} 元至 {fine.high} 元）",
                                    "核对基准表原文和所引条款"))


def _overlaps(src: Source, path: KeyPath, bands: list[tuple[int, Band]], problems: list[Problem]) -> None:
    # Bands meeting at one amount (…以下 / …以上 of the same figure) touch but do not overlap.
    for i, (n, a) in enumerate(bands):
        for m, b in bands[:i]:
            if a.stage != b.stage or None in (a.low, a.high, b.low, b.high):
                continue
            assert a.low is not None and a.high is not None and b.low is not None and b.high is not None
            if a.low < b.high and b.low < a.high:
                problems.append(src.problem((*path, "基准", n),
                                            f"罚款幅度 {a.low} 元至 {a.high} 元与基准[{m}]（{b.tier}，{b.low} 元至 "
                                            f"{b.high} 元）重叠", "同一条款同一处罚阶次的各阶次幅度不能重叠"))
