"""data/changelog.yaml: one record per import of the official list, shown as the 更新记录 page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .checklist_yaml import dump_yaml
from .errors import DataError, Problem, write_file
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


def with_record(data_dir: Path, record: dict[str, Any]) -> str:
    """The text of data/changelog.yaml with record added at the end; DataError if the file is damaged."""
    path = data_dir / CHANGELOG_FILE
    records: list[Any] = []
    if path.exists():
        src = read_yaml(path)  # not yaml.safe_load: aliases, tags and duplicate keys are refused here too
        loaded = src.data if src.data is not None else {}
        if src.problems or not isinstance(loaded, dict) or not isinstance(loaded.get("记录", []), list):
            raise DataError(src.problems or [src.problem(("记录",), "应为记录的列表，每条记录都有 日期")])
        records = list(loaded.get("记录", []))
    records.append(record)
    return HEADER + "\n" + dump_yaml({"记录": records})


def write_changelog(data_dir: Path, text: str) -> None:
    """Replace data/changelog.yaml with text, whole or not at all."""
    path = data_dir / CHANGELOG_FILE
    tmp = path.with_suffix(".yaml.tmp")
    write_file(tmp, text)
    tmp.replace(path)


def short(value: Any, limit: int) -> str:
    """A changed value in a line: the quoted text of a quote, on one line, at most limit characters."""
    text = str(value.get("原文", value) if isinstance(value, dict) else value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 2] + "…"
