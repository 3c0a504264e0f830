"""Read the key-matters list as the bureau publishes it (text, .xlsx, .docx) into checklist data.

Every problem names the input line or cell (list.xlsx:Sheet1!D7); nothing is written by this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from ..model.citations import find_citations
from ..model.codes import code_problem
from ..model.errors import DataError, Problem
from ..model.model import Library, Ref, article_number
from ..model.numerals import NUMERAL_CHARS, cn_to_int, parse_number
from .listtext import COLUMNS, header_index, strip_html, table_rows

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
        raise DataError([Problem(str(path), 0, "", "找不到文件")])
    size = path.stat().st_size
    if size == 0:
        raise DataError([Problem(name, 0, "", "文件是空的")])
    if size > MAX_BYTES:
        raise DataError([Problem(name, 0, "", f"文件大小 {size / 1024 / 1024:.1f} MB；清单文件应小于 "
                                 f"{MAX_BYTES // 1024 // 1024} MB", "请确认是不是选错了文件")])
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _xlsx(path)
    if suffix == ".docx":
        return _docx(path)
    return _text(path)


# --- text ------------------------------------------------------------------------------------------

_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"), (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
         (b"\xef\xbb\xbf", "utf-8", "UTF-8"), (b"\xff\xfe", "utf-16-le", "UTF-16"),
         (b"\xfe\xff", "utf-16-be", "UTF-16"))
_SAVE_AS = "用记事本或 WPS 把文件另存为 UTF-8 编码的文本（制表符分隔），或直接导入 .xlsx / .docx"


def _line_of(data: bytes, position: int) -> int:
    return data[:position].count(b"\n") + 1


def decode_list(data: bytes, name: str) -> tuple[str, str]:
    """The text of a list file and the encoding it was read in; a BOM names it, else UTF-8, else GB18030."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return body.decode(codec), label
            except UnicodeDecodeError as exc:
                line = body[:exc.start].decode(codec, errors="replace").count("\n") + 1
                raise DataError([Problem(name, line, "", f"文件开头标明是 {label} 编码，但第 {line} 行不是有效的 "
                                         f"{label} 文本", _SAVE_AS)]) from None
    if b"\x00" in data[:8192]:
        even, odd = data[0:8192:2].count(0), data[1:8192:2].count(0)
        if max(even, odd) > 4 * max(1, min(even, odd)):
            raise DataError([Problem(name, 0, "", "这是没有字节顺序标记（BOM）的 UTF-16 文本，无法可靠读取", _SAVE_AS)])
        raise DataError([Problem(name, 0, "", "这是二进制文件，不是文本格式的清单",
                                 "请把清单另存为 .txt（制表符分隔）、.xlsx 或 .docx")])
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("gb18030"), "GB18030"
    except UnicodeDecodeError:
        line = _line_of(data, utf8_error.start)
        raise DataError([Problem(name, line, "", f"第 {line} 行既不是 UTF-8 也不是 GB18030 文本"
                                 f"（字节 0x{data[utf8_error.start]:02x}）", _SAVE_AS)]) from None


def _text(path: Path) -> list[SourceRow]:
    data = path.read_bytes()
    text, encoding = decode_list(data, path.name)
    grid = [ln.split("\t") for ln in text.splitlines()]
    if encoding == "GB18030" and header_index(grid) is None:
        # Any bytes read as GB18030 give some Chinese text: without the header it was another encoding.
        raise DataError([Problem(path.name, 0, "", "文件不是 UTF-8 编码；按 GB18030 读取也找不到表头，"
                                 "可能是其他编码（如 Big5）", _SAVE_AS)])
    return _table(grid, path.name, lambda r, c: f"{path.name}:{r + 1}")


def _missing_columns(name: str, candidates: list[list[str]]) -> NoReturn:
    best = max(candidates, key=lambda row: sum(c.strip() in COLUMNS for c in row), default=[])
    found = [c.strip() for c in best if c.strip()]
    missing = "、".join(c for c in COLUMNS if c not in found)
    closest = f"（最接近的一行：{' | '.join(found)[:80]}）" if found else ""
    message = f"找不到含有 {'、'.join(COLUMNS)} 各列的表头行；缺少 {missing}{closest}"
    raise DataError([Problem(name, 0, "", message,
                             "表格第一行应是正式清单的六个列名")])


def _table(grid: list[list[str]], name: str, place: Callable[[int, int | None], str]) -> list[SourceRow]:
    rows, index = table_rows(grid)
    if not index:
        _missing_columns(name, grid[:50])
    return [SourceRow(place(r.index, None), dict(zip(COLUMNS, r.cells, strict=True)),
                      {c: place(r.index, i) for c, i in index.items()}) for r in rows]


# --- zip containers (.xlsx, .docx): bounded before they are parsed ---------------------------------

MAX_UNZIPPED = 64 * 1024 * 1024   # the 3,000-matter benchmark list is under 5 MB unzipped
MAX_ROWS = 20_000                 # the official list has about a hundred rows
MAX_CELLS = 500_000               # rows × columns of a sheet's used range; cells are made for all of them
_ROW_TAG = {"xlsx": re.compile(rb"<(?:\w+:)?row[\s>/]"), "docx": re.compile(rb"<(?:\w+:)?tr[\s>/]")}
_PARTS = {"xlsx": re.compile(r"xl/worksheets/[^/]+\.xml"), "docx": re.compile(r"word/document\.xml")}
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


@dataclass(frozen=True)
class ZipScan:
    """What a look at the zip's directory and its table parts found, before any parser runs."""

    has_formulas: bool


def scan_zip(path: Path, kind: str) -> ZipScan:
    """Refuse a .xlsx/.docx whose unzipped size or row count is beyond any list; DataError says which."""
    import zipfile

    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            total = sum(m.file_size for m in members)
            if total > MAX_UNZIPPED:
                raise DataError([Problem(name, 0, "", f"解压后有 {total / 1024 / 1024:.0f} MB，超过清单文件的上限 "
                                         f"{MAX_UNZIPPED // 1024 // 1024} MB", "请确认是不是选错了文件")])
            rows = 0
            formulas = False
            for member in members:
                if not _PARTS[kind].fullmatch(member.filename):
                    continue
                # zipfile stops at the size the directory declares: the total above bounds this read.
                data = zf.read(member)
                rows += len(_ROW_TAG[kind].findall(data))
                formulas = formulas or bool(_FORMULA.search(data))
                if rows > MAX_ROWS:
                    raise DataError([Problem(name, 0, "", f"表格超过 {MAX_ROWS} 行，不像是一份执法事项清单",
                                             "请确认是不是选错了文件，或删去清单以外的工作表和表格")])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise DataError([Problem(name, 0, "", f"无法按 .{kind} 读取（{type(exc).__name__}）",
                                 f"用 Excel 或 WPS 打开后另存为 .{kind}")]) from None
    return ZipScan(formulas)


# --- spreadsheets ----------------------------------------------------------------------------------

@dataclass
class _SheetNotes:
    """Cells of a sheet that cannot be read as text: errors, formulas never computed, merges across columns."""

    cells: dict[tuple[int, int], str]   # (row, col), 0-based: why the cell is refused
    merges: list[tuple[int, int, int, int]]  # min_row, min_col, max_row, max_col (0-based, inclusive)


def _xlsx(path: Path) -> list[SourceRow]:
    from openpyxl import load_workbook

    scan = scan_zip(path, "xlsx")
    try:
        wb = load_workbook(path, data_only=True)
        formulas = load_workbook(path, read_only=True) if scan.has_formulas else None
    except Exception as exc:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise DataError([Problem(path.name, 0, "", f"无法按 .xlsx 读取（{type(exc).__name__}）",
                                 "请确认文件是用 Excel 或 WPS 保存的 .xlsx")]) from None
    grids = []
    for ws in wb.worksheets:
        if ws.max_row > MAX_ROWS or ws.max_row * ws.max_column > MAX_CELLS:
            place = f"{path.name}:{ws.title}!{_col(ws.max_column - 1)}{ws.max_row}"
            raise DataError([Problem(place, 0, "", f"工作表用到了第 {ws.max_row} 行、第 {ws.max_column} 列，"
                                     "远超一份清单的大小", "删去表格以外的单元格（含只设了格式的空单元格）后另存")])
        notes = _SheetNotes({}, [])
        grid: list[list[str]] = []
        for r, row in enumerate(ws.iter_rows()):
            cells = []
            for c, cell in enumerate(row):
                if cell.data_type == "e":
                    notes.cells[(r, c)] = f"单元格是错误值 {cell.value}，不是文本"
                cells.append("" if cell.value is None else _OOXML_CONTROL.sub(_control, str(cell.value)))
            grid.append(cells)
        if formulas is not None:
            _missing_values(formulas[ws.title], grid, notes)
        # A merged cell holds its value in the top-left cell only; every cell of the range shares it.
        for merged in ws.merged_cells.ranges:
            value = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else ""
            for r in range(merged.min_row - 1, merged.max_row):
                for c in range(merged.min_col - 1, merged.max_col):
                    if r < len(grid) and c < len(grid[r]):
                        grid[r][c] = value
            if merged.max_col > merged.min_col:
                notes.merges.append((merged.min_row - 1, merged.min_col - 1, merged.max_row - 1, merged.max_col - 1))
        grids.append((ws.title, grid, notes))
    if formulas is not None:
        formulas.close()  # a read-only workbook keeps its file open until closed
    for title, grid, notes in grids:
        if header_index(grid) is not None:
            namer = _cell_namer(f"{path.name}:{title}!", excel=True)
            _refuse_cells(grid, notes, namer)
            return _table(grid, path.name, namer)
    _missing_columns(path.name, [row for _, grid, _ in grids for row in grid[:50]])
    return []


# Excel writes a carriage return or tab inside a cell's text as _x000D_ / _x0009_; openpyxl leaves them.
_OOXML_CONTROL = re.compile(r"_x(00[01][0-9A-Fa-f])_")


def _control(match: re.Match[str]) -> str:
    return chr(int(match.group(1), 16))


def _missing_values(ws: Any, grid: list[list[str]], notes: _SheetNotes) -> None:
    """Formula cells that Excel never computed (a generated or script-written file): empty in data_only."""
    for r, row in enumerate(ws.iter_rows()):
        for c, cell in enumerate(row):
            if getattr(cell, "data_type", "") == "f" and r < len(grid) and c < len(grid[r]) and not grid[r][c]:
                notes.cells[(r, c)] = "公式单元格没有保存计算结果（请先用 Excel 或 WPS 打开并保存该文件）"


def _refuse_cells(grid: list[list[str]], notes: _SheetNotes, namer: Callable[[int, int | None], str]) -> None:
    """DataError for every cell of the list's columns, under its header, that cannot be read as text."""
    found = header_index(grid)
    assert found is not None
    head, index = found
    columns = {i: name for name, i in index.items()}
    problems = [Problem(namer(r, c), 0, columns[c], why) for (r, c), why in sorted(notes.cells.items())
                if r > head and c in columns]
    problems += _merge_problems(notes.merges, head, columns, namer)
    if problems:
        raise DataError(problems)


def _merge_problems(merges: list[tuple[int, int, int, int]], head: int, columns: dict[int, str],
                    namer: Callable[[int, int | None], str]) -> list[Problem]:
    out = []
    for r0, c0, r1, c1 in merges:
        spanned = [columns[c] for c in range(c0, c1 + 1) if c in columns]
        if r1 > head and len(spanned) > 1:
            start, end = namer(max(r0, head + 1), c0), namer(r1, c1).rsplit("!", 1)[-1]
            out.append(Problem(f"{start}:{end}", 0, spanned[0],
                               f"单元格跨列合并了 {'、'.join(spanned)}，无法判断内容属于哪一列",
                               "取消合并单元格，把内容分别填入各列后再导入"))
    return out


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


# --- Word ------------------------------------------------------------------------------------------

def _docx(path: Path) -> list[SourceRow]:
    from docx import Document

    scan_zip(path, "docx")
    try:
        doc = Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged or mislabelled file
        raise DataError([Problem(path.name, 0, "", f"无法按 .docx 读取（{type(exc).__name__}）",
                                 "请确认文件是用 Word 或 WPS 保存的 .docx")]) from None
    all_rows: list[list[str]] = []
    for t, table in enumerate(doc.tables, start=1):
        # python-docx gives a merged cell's text in every grid position it covers; a cell merged across
        # columns is the same cell object in each of them.
        grid, merges = [], []
        for r, row in enumerate(table.rows):
            cells = row.cells
            grid.append([cell.text for cell in cells])
            c = 0
            while c < len(cells):
                end = c
                while end + 1 < len(cells) and cells[end + 1]._tc is cells[c]._tc:
                    end += 1
                if end > c:
                    merges.append((r, c, r, end))
                c = end + 1
        all_rows += grid
        if header_index(grid) is not None:
            namer = _cell_namer(f"{path.name}:表{t}!", excel=False)
            _refuse_cells(grid, _SheetNotes({}, merges), namer)
            return _table(grid, path.name, namer)
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
            problems.append(f"“{c.text}”：{c.problem}")
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
        problems.append("开头没有法条引用（应为《法规名称》第X条 ……）")
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
        problems.append(Problem("input", 0, "", "表格只有表头，没有事项行"))
    if problems:
        raise DataError(problems)
    return out


# Columns that the data holds as one line (a line break there is refused, never guessed away).
ONE_LINE_COLUMNS = ("序号", "类别", "事项代码", "事项名称")


def _row(row: SourceRow, library: Library, seen: dict[str, str], problems: list[Problem]) -> dict[str, Any] | None:
    def bad(column: str, message: str, hint: str = "") -> None:
        problems.append(Problem(row.places[column], 0, column, message, hint))

    before = len(problems)
    cells = {c: normalise_text(v) for c, v in row.cells.items()}
    for column in COLUMNS:
        if not cells[column]:
            bad(column, "单元格是空的")
    for column in ONE_LINE_COLUMNS:
        if "\n" in cells[column]:
            bad(column, "这一格只能写一行，发现了换行",
                "在 Excel、WPS 或 Word 中删去单元格里的换行（Excel 中是 Alt+Enter 输入的）后重新导入")
    seq: int | None = None
    if cells["序号"]:
        try:
            seq = parse_number(cells["序号"])
        except ValueError:
            bad("序号", f"应为数字，实际是 {cells['序号']!r}")
    code = re.sub(r"\s+", "", cells["事项代码"])
    problem = code_problem(code) if code else None
    if problem is not None:
        bad("事项代码", *problem)
    elif code in seen:
        bad("事项代码", f"事项代码 {code} 重复；第一次出现在 {seen[code]}")
    elif code:
        seen[code] = row.places["事项代码"]
    quotes = {}
    for column in ("法律依据", "处罚条款和内容"):
        if cells[column]:
            refs, reasons = quote_refs(cells[column], library)
            for reason in reasons:
                bad(column, f"无法识别引用 {reason}")
            quotes[column] = {"原文": cells[column], "引用": [ref_data(r, library) for r in refs]}
    if len(problems) > before:
        return None
    return {"序号": seq, "类别": cells["类别"], "事项代码": code, "事项名称": cells["事项名称"],
            "法律依据": quotes["法律依据"], "处罚条款和内容": quotes["处罚条款和内容"]}
