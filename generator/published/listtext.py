"""The key-matters list as a table: find its header, join rows split by page breaks (text, xlsx, docx alike)."""

from __future__ import annotations

import re
from dataclasses import dataclass

COLUMNS = ("序号", "类别", "事项代码", "事项名称", "法律依据", "处罚条款和内容")
_P_TAG = re.compile(r"\s*</?p\s*>\s*", re.IGNORECASE)
_RULE = re.compile(r"^[-\s]*$")


@dataclass
class Row:
    """One row of the list: its cells in COLUMNS order, and the grid row (0-based) it starts on."""

    index: int
    cells: list[str]

    @property
    def line(self) -> int:
        """The 1-based line or row number."""
        return self.index + 1

    def get(self, column: str) -> str:
        """The cell under column."""
        return self.cells[COLUMNS.index(column)]


def strip_html(cell: str) -> str:
    """Remove stray <p> tags; a paragraph break becomes a newline."""
    parts = [p.strip() for p in _P_TAG.split(cell)]
    return "\n".join(p for p in parts if p)


def _squash(cell: str) -> str:
    return re.sub(r"\s+", "", cell or "")


def header_index(grid: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """The header row and the position of each of the six columns in it, if some row names them all."""
    for i, row in enumerate(grid):
        names = [_squash(c) for c in row]
        if all(c in names for c in COLUMNS):
            return i, {c: names.index(c) for c in COLUMNS}
    return None


def table_rows(grid: list[list[str]]) -> tuple[list[Row], dict[str, int]]:
    """The rows under the header; a row without 序号 and 事项代码 continues the row above, cell by cell."""
    found = header_index(grid)
    if found is None:
        return [], {}
    start, index = found
    rows: list[Row] = []
    for r in range(start + 1, len(grid)):
        cells = [grid[r][i] if i < len(grid[r]) else "" for i in index.values()]
        if all(_RULE.match(c or "") for c in cells) or [_squash(c) for c in cells] == list(COLUMNS):
            continue  # an empty or ruled row, or the header repeated on a new page
        if not cells[0].strip() and not cells[2].strip() and rows:
            rows[-1].cells = [a + b for a, b in zip(rows[-1].cells, cells, strict=True)]
        else:
            rows.append(Row(r, cells))
    return rows, index


def read_rows(text: str) -> list[Row]:
    """The rows of a tab-separated list (the guidance's appendix), cells trimmed and <p> tags removed."""
    rows, _ = table_rows([ln.split("\t") for ln in text.splitlines()])
    for row in rows:
        row.cells = [strip_html(c.strip()) for c in row.cells]
    return rows
