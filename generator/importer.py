"""Read the key-matters list as the bureau publishes it (text, .xlsx, .docx) into checklist data.

Every problem names the input line or cell (list.xlsx:Sheet1!D7); nothing is written by this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from .citations import find_citations
from .errors import DataError, Problem
from .listtext import COLUMNS, header_index, strip_html, table_rows
from .load import CODE_RE
from .model import Library, Ref, article_number
from .numerals import NUMERAL_CHARS, cn_to_int, parse_number

MAX_BYTES = 10 * 1024 * 1024
_HALF = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"})
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ITEM_AFTER_LEAD = re.compile(rf"：\s*（([{NUMERAL_CHARS}]+)）")
_MORE_ITEMS = re.compile(rf"；\s*（([{NUMERAL_CHARS}]+)）")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass
class SourceRow:
    """One row of the published list: each column's text and where that cell is in the input."""

    where: str
    cells: dict[str, str]
    places: dict[str, str]


def normalise_text(text: str) -> str:
    """Cell text as stored: no HTML tags, full-width punctuation in Chinese text, no stray spaces."""
    text = strip_html(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [ln.strip() for ln in text.split("\n")]
    text = "\n".join(ln for ln in lines if ln)
    return text.translate(_HALF) if _CJK.search(text) else text


# --- reading files -------------------------------------------------------------------------------

def read_source(path: Path) -> list[SourceRow]:
    """The rows of a published list; raises DataError when the file cannot be a list."""
    name = path.name
    if not path.is_file():
        raise DataError([Problem(str(path), 0, "", "file not found")])
    size = path.stat().st_size
    if size == 0:
        raise DataError([Problem(name, 0, "", "the file is empty")])
    if size > MAX_BYTES:
        raise DataError([Problem(name, 0, "", f"the file is {size / 1024 / 1024:.1f} MB; a list is expected "
                                 f"under {MAX_BYTES // 1024 // 1024} MB", "is this the right file?")])
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _xlsx(path)
    if suffix == ".docx":
        return _docx(path)
    return _text(path)


def _text(path: Path) -> list[SourceRow]:
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise DataError([Problem(path.name, 0, "", "this is a binary file, not a text list",
                                 "save the list as .txt (tab-separated), .xlsx or .docx")])
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DataError([Problem(path.name, 0, "", "the text is neither UTF-8 nor GB18030")])
    return _table([ln.split("\t") for ln in text.splitlines()], path.name, lambda r, c: f"{path.name}:{r + 1}")


def _missing_columns(name: str, candidates: list[list[str]]) -> NoReturn:
    best = max(candidates, key=lambda row: sum(c.strip() in COLUMNS for c in row), default=[])
    found = [c.strip() for c in best if c.strip()]
    missing = "、".join(c for c in COLUMNS if c not in found)
    closest = f" (closest row: {' | '.join(found)[:80]})" if found else ""
    message = f"no header row with the columns {'、'.join(COLUMNS)}; missing {missing}{closest}"
    raise DataError([Problem(name, 0, "", message,
                             "the first row of the table must name the six columns of the official list")])


def _table(grid: list[list[str]], name: str, place: Callable[[int, int | None], str]) -> list[SourceRow]:
    rows, index = table_rows(grid)
    if not index:
        _missing_columns(name, grid[:50])
    return [SourceRow(place(r.index, None), dict(zip(COLUMNS, r.cells, strict=True)),
                      {c: place(r.index, i) for c, i in index.items()}) for r in rows]


def _xlsx(path: Path) -> list[SourceRow]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise DataError([Problem(path.name, 0, "", f"cannot read it as .xlsx ({type(exc).__name__})")]) from None
    for ws in wb.worksheets:
        grid = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
        # A merged cell holds its value in the top-left cell only; every cell of the range shares it.
        for merged in ws.merged_cells.ranges:
            value = grid[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, merged.max_row):
                for c in range(merged.min_col - 1, merged.max_col):
                    if r < len(grid) and c < len(grid[r]):
                        grid[r][c] = value
        if header_index(grid) is not None:
            return _table(grid, path.name, _cell_namer(f"{path.name}:{ws.title}!", excel=True))
    _missing_columns(path.name, [["" if v is None else str(v) for v in row]
                                 for ws in wb.worksheets for row in ws.iter_rows(max_row=50, values_only=True)])
    return []


def _cell_namer(prefix: str, excel: bool) -> Callable[[int, int | None], str]:
    """Names a cell as a spreadsheet does (Sheet1!D7) or by row and column (表1!R7C4)."""

    def name(row: int, col: int | None) -> str:
        if excel:
            return f"{prefix}{_col(col) if col is not None else ''}{row + 1}"
        return f"{prefix}R{row + 1}" + (f"C{col + 1}" if col is not None else "")

    return name


def _col(index: int) -> str:
    out, n = "", index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = _LETTERS[rem] + out
    return out


def _docx(path: Path) -> list[SourceRow]:
    from docx import Document

    try:
        doc = Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged or mislabelled file
        raise DataError([Problem(path.name, 0, "", f"cannot read it as .docx ({type(exc).__name__})")]) from None
    all_rows: list[list[str]] = []
    for t, table in enumerate(doc.tables, start=1):
        # python-docx gives a merged cell's text in every grid position it covers.
        grid = [[cell.text for cell in row.cells] for row in table.rows]
        all_rows += grid
        if header_index(grid) is not None:
            return _table(grid, path.name, _cell_namer(f"{path.name}:表{t}!", excel=False))
    _missing_columns(path.name, all_rows[:50])
    return []


# --- rows to data --------------------------------------------------------------------------------

def quote_refs(text: str, library: Library) -> tuple[list[Ref], list[str]]:
    """The places a quoted passage cites, as written (项 read from a quoted item), and why any cannot be."""
    refs: list[Ref] = []
    problems: list[str] = []
    cites = find_citations(text, library)
    heads = [c for c in cites if c.start == 0 or text[c.start - 1] in "\n"]
    for n, c in enumerate(heads):
        if c.ref is None:
            problems.append(f"“{c.text}”: {c.problem}")
            continue
        end = heads[n + 1].start if n + 1 < len(heads) else len(text)
        passage = text[c.end:end]
        stated = _stated(text[c.start:c.end], c.ref)
        first = _ITEM_AFTER_LEAD.search(passage)
        if first and stated.item is None:
            numbers = [cn_to_int(first.group(1))] + [cn_to_int(m.group(1)) for m in _MORE_ITEMS.finditer(passage)]
            refs += [Ref(stated.law, stated.article, stated.paragraph, i, stated.sub) for i in numbers]
        else:
            refs.append(stated)
    if not heads:
        problems.append("no citation at the start (expected 《法规名称》第X条 …)")
    return refs, problems


def _stated(cited: str, ref: Ref) -> Ref:
    # The linker fills in the 款 of a 项; the data keeps the citation as the list writes it.
    has_para = "款" in cited
    return Ref(ref.law, ref.article, ref.paragraph if has_para else None, ref.item, ref.sub)


def ref_data(ref: Ref, library: Library) -> dict[str, Any]:
    """A ref as written in checklist.yaml: {法规: 安全生产法, 条: 97, 项: 7}."""
    out: dict[str, Any] = {"法规": library.laws[ref.law].short_name, "条": article_number(ref.article, ref.sub)}
    if ref.paragraph is not None:
        out["款"] = ref.paragraph
    if ref.item is not None:
        out["项"] = ref.item
    return out


def rows_to_matters(rows: list[SourceRow], library: Library) -> list[dict[str, Any]]:
    """Checklist entries for the rows; raises DataError with every problem, each at its cell."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    out = []
    for row in rows:
        entry = _row(row, library, seen, problems)
        if entry is not None:
            out.append(entry)
    if not rows:
        problems.append(Problem("input", 0, "", "the table has a header but no rows"))
    if problems:
        raise DataError(problems)
    return out


def _row(row: SourceRow, library: Library, seen: dict[str, str], problems: list[Problem]) -> dict[str, Any] | None:
    def bad(column: str, message: str, hint: str = "") -> None:
        problems.append(Problem(row.places[column], 0, column, message, hint))

    before = len(problems)
    cells = {c: normalise_text(v) for c, v in row.cells.items()}
    for column in COLUMNS:
        if not cells[column]:
            bad(column, "the cell is empty")
    seq: int | None = None
    if cells["序号"]:
        try:
            seq = parse_number(cells["序号"])
        except ValueError:
            bad("序号", f"expected a number, found {cells['序号']!r}")
    code = re.sub(r"\s+", "", cells["事项代码"])
    if code and not CODE_RE.fullmatch(code):
        bad("事项代码", f"expected 12 digits, found {code!r} ({sum(ch.isdigit() for ch in code)} digits)")
    elif code in seen:
        bad("事项代码", f"duplicate code {code}; first at {seen[code]}")
    elif code:
        seen[code] = row.places["事项代码"]
    quotes = {}
    for column in ("法律依据", "处罚条款和内容"):
        if cells[column]:
            refs, reasons = quote_refs(cells[column], library)
            for reason in reasons:
                bad(column, f"cannot resolve the citation {reason}")
            quotes[column] = {"原文": cells[column], "引用": [ref_data(r, library) for r in refs]}
    if len(problems) > before:
        return None
    return {"序号": seq, "类别": cells["类别"], "事项代码": code, "事项名称": cells["事项名称"],
            "法律依据": quotes["法律依据"], "处罚条款和内容": quotes["处罚条款和内容"]}
