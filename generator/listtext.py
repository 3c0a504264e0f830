"""The key-matters list as published in plain text: tab-separated rows, split by page breaks."""

from __future__ import annotations

import re
from dataclasses import dataclass

COLUMNS = ("序号", "类别", "事项代码", "事项名称", "法律依据", "处罚条款和内容")
_P_TAG = re.compile(r"\s*</?p\s*>\s*", re.IGNORECASE)
_RULE = re.compile(r"^[-\s]+$")


@dataclass
class Row:
    """One row of the list, its cells as published, and the input line it starts on."""

    line: int
    cells: list[str]

    def get(self, column: str) -> str:
        """The cell under column."""
        return self.cells[COLUMNS.index(column)]


def strip_html(cell: str) -> str:
    """Remove stray <p> tags; a paragraph break becomes a newline."""
    parts = [p.strip() for p in _P_TAG.split(cell)]
    return "\n".join(p for p in parts if p)


def read_rows(text: str) -> list[Row]:
    """Rows under the header line; a line without 序号 and 事项代码 continues the row above, cell by cell."""
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.split("\t")[:2] == list(COLUMNS[:2])), None)
    if start is None:
        return []
    rows: list[Row] = []
    for number, raw in enumerate(lines[start + 1:], start=start + 2):
        if not raw.strip() or _RULE.match(raw):
            continue
        cells = (raw.split("\t") + [""] * len(COLUMNS))[: len(COLUMNS)]
        if not cells[0].strip() and not cells[2].strip() and rows:
            # A page break split this row: each cell continues the same cell above.
            rows[-1].cells = [a + b for a, b in zip(rows[-1].cells, cells, strict=True)]
        else:
            rows.append(Row(number, cells))
    for row in rows:
        row.cells = [strip_html(c.strip()) for c in row.cells]
    return rows
