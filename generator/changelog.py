"""data/changelog.yaml: one record per import of the official list, shown as the 更新记录 page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .checklist_yaml import dump_yaml
from .errors import Problem
from .yamlsource import read_yaml

CHANGELOG_FILE = "changelog.yaml"
HEADER = """\
# 更新记录：每次用 `python -m generator import` 导入清单时自动追加一条，不要手工修改。
# 删除的事项连同本地补充的内容完整保存在记录里。
"""


def load_records(data_dir: Path, display_dir: str) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The records, newest last, and any problem reading them."""
    path = data_dir / CHANGELOG_FILE
    if not path.exists():
        return [], []
    src = read_yaml(path, f"{display_dir}/{CHANGELOG_FILE}")
    if src.problems:
        return [], src.problems
    records = (src.data or {}).get("记录", []) if isinstance(src.data, dict) else None
    if not isinstance(records, list) or not all(isinstance(r, dict) and "日期" in r for r in records):
        return [], [src.problem(("记录",), "应为记录的列表，每条记录都有 日期")]
    return records, []


def append_record(data_dir: Path, record: dict[str, Any]) -> None:
    """Add one record at the end of data/changelog.yaml."""
    path = data_dir / CHANGELOG_FILE
    records = []
    if path.exists():
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        records = list(loaded.get("记录", []))
    records.append(record)
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(HEADER + "\n" + dump_yaml({"记录": records}), encoding="utf-8")
    tmp.replace(path)


def short(value: Any, limit: int) -> str:
    """A changed value in a line: the quoted text of a quote, on one line, at most limit characters."""
    text = str(value.get("原文", value) if isinstance(value, dict) else value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 2] + "…"
