"""Imports that could corrupt or hang: each is read correctly or refused, cell named, in seconds, writing nothing."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from generator.adapters.cli import main
from generator.published.listtext import COLUMNS

from . import tiny


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tiny.write_data(tmp_path / "data")


def _import(path: Path, data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    before = (data / "checklist.yaml").read_bytes()
    start = time.monotonic()
    code, out = _run(["import", str(path), "--data", str(data)], capsys)
    assert time.monotonic() - start < 20
    assert "Traceback" not in out
    if code:
        assert (data / "checklist.yaml").read_bytes() == before, "a refused import wrote the checklist"
        assert not (data / "changelog.yaml").exists()
    return code, out


def _workbook(rows: list[list[object]]) -> object:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    ws.append(list(COLUMNS))
    for r in rows:
        ws.append(r)
    return wb


def _save(wb: object, path: Path) -> Path:
    wb.save(path)  # type: ignore[attr-defined]
    return path


# --- point 4: codes --------------------------------------------------------------------------------

def test_a_full_width_code_is_refused_with_the_fix(data: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    rows = tiny.rows()
    rows[1][2] = "".join(chr(ord(c) + 0xFEE0) for c in tiny.CODES[1])  # twelve full-width digits
    code, out = _import(_save(_workbook(rows), tmp_path / "list.xlsx"), data, capsys)
    assert code == 1
    assert "list.xlsx:Sheet1!C3: 事项代码: 事项代码应为 12 位半角数字，发现全角数字" in out
    assert f"请改为半角数字 0–9：{tiny.CODES[1]}" in out


@pytest.mark.parametrize("digits", ["٣٣٠٢٠٠٠٠٠٠٠٢", "３３０２00000002", "33020000000²"])
def test_other_unicode_digits_are_not_a_code(digits: str) -> None:
    from generator.model.codes import code_problem, is_code

    assert digits.isdigit() or "²" in digits  # what Python's \d and isdigit accept …
    assert not is_code(digits)                # … a 事项代码 does not
    problem = code_problem(digits)
    assert problem is not None and "半角数字" in problem[0] + problem[1]


def test_a_full_width_code_in_checklist_yaml_is_an_error(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = data / "checklist.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(tiny.CODES[0], "３３０２００００００01"), encoding="utf-8")
    code, out = _run(["validate", "--data", str(data), "--docs", str(tiny.ROOT / "docs")], capsys)
    assert code == 1 and "事项代码应为 12 位半角数字，发现全角数字“３０２”" in out


# --- point 5: bounded work -------------------------------------------------------------------------

def _zip_with(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return path


def test_a_zip_bomb_is_refused_before_parsing(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 200 MB of zeros compress to about 200 kB: under the 10 MB file limit, far over any list.
    bomb = _zip_with(tmp_path / "bomb.xlsx", {"xl/worksheets/sheet1.xml": b"\0" * (200 * 1024 * 1024)})
    assert bomb.stat().st_size < 1024 * 1024
    code, out = _import(bomb, data, capsys)
    assert code == 1 and "bomb.xlsx: 解压后有 200 MB，超过清单文件的上限" in out
    docx = _zip_with(tmp_path / "bomb.docx", {"word/document.xml": b" " * (100 * 1024 * 1024)})
    code, out = _import(docx, data, capsys)
    assert code == 1 and "bomb.docx: 解压后有 100 MB" in out


def test_too_many_rows_are_refused_before_parsing(data: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    rows = b"".join(b'<row r="%d"/>' % i for i in range(1, 30_001))
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + rows \
        + b"</sheetData></worksheet>"
    path = _zip_with(tmp_path / "rows.xlsx", {"xl/worksheets/sheet1.xml": sheet})
    code, out = _import(path, data, capsys)
    assert code == 1 and "rows.xlsx: 表格超过 20000 行" in out


def test_a_far_away_cell_is_refused_not_expanded(data: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    # Two cells, but a used range of 1,048,576 × 16,384: reading it cell by cell would never end.
    wb = _workbook(tiny.rows())
    wb.active["XFD1"] = "x"  # type: ignore[attr-defined]
    wb.active["A1048576"] = "y"  # type: ignore[attr-defined]
    code, out = _import(_save(wb, tmp_path / "far.xlsx"), data, capsys)
    assert code == 1 and "far.xlsx:Sheet1!XFD1048576: 工作表用到了第 1048576 行" in out


def test_a_billion_laughs_yaml_is_refused_in_seconds(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    for name in ("checklist.yaml", "changelog.yaml", "documents.yaml", "laws/csaqf.yaml"):
        target = data / name
        saved = target.read_bytes() if target.exists() else None
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        start = time.monotonic()
        code, out = _run(["validate", "--data", str(data), "--docs", str(tiny.ROOT / "docs")], capsys)
        assert time.monotonic() - start < 10
        assert code == 1 and "Traceback" not in out
        assert f"{name}:2: 不支持 YAML 别名（*a0）" in out, out
        if saved is None:
            target.unlink()
        else:
            target.write_bytes(saved)


# --- point 6: imports never corrupt silently --------------------------------------------------------

def test_cells_merged_across_columns_in_excel_are_refused(data: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    wb = _workbook(tiny.rows())
    wb.active.merge_cells("D3:E3")  # type: ignore[attr-defined]
    code, out = _import(_save(wb, tmp_path / "merged.xlsx"), data, capsys)
    assert code == 1
    assert "merged.xlsx:Sheet1!D3:E3: 事项名称: 单元格跨列合并了 事项名称、法律依据" in out


def test_cells_merged_across_columns_in_word_are_refused(data: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from .test_import import _docx

    path = _docx(tmp_path / "merged.docx", tiny.rows(), merge_across=(2, 3, 4))
    code, out = _import(path, data, capsys)
    assert code == 1 and "merged.docx:表1!R3C4:R3C5: 事项名称: 单元格跨列合并了 事项名称、法律依据" in out


def test_a_title_merged_above_the_header_and_merged_categories_are_fine(data: Path, tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["测试清单"])
    ws.merge_cells("A1:F1")
    ws.append(list(COLUMNS))
    for r in tiny.rows():
        ws.append(r)
    ws["B4"] = None
    ws.merge_cells("B3:B4")
    code, out = _import(_save(wb, tmp_path / "ok.xlsx"), data, capsys)
    assert code == 0, out


def test_formulas_without_a_stored_value_are_refused(data: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    rows: list[list[object]] = [list(r) for r in tiny.rows()]
    rows[0][3] = '=CONCATENATE("对未设置","安全警示标志的行政处罚")'  # openpyxl stores no computed value
    code, out = _import(_save(_workbook(rows), tmp_path / "formula.xlsx"), data, capsys)
    assert code == 1
    assert "formula.xlsx:Sheet1!D2: 事项名称: 公式单元格没有保存计算结果（请先用 Excel 或 WPS 打开并保存该文件）" in out


def test_formulas_with_a_stored_value_are_read(data: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = _save(_workbook(tiny.rows()), tmp_path / "cached.xlsx")
    # What Excel writes: the formula and, beside it, its last computed value.
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    name = tiny.rows()[0][3]
    start = sheet.index('<c r="D2"')
    end = sheet.index("</c>", start) + 4
    parts["xl/worksheets/sheet1.xml"] = (sheet[:start] + f'<c r="D2" t="str"><f>CONCATENATE("{name}")</f>'
                                         f"<v>{name}</v></c>" + sheet[end:]).encode()
    _zip_with(path, parts)
    code, out = _import(path, data, capsys)
    assert code == 0, out


def test_error_values_are_refused(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows: list[list[object]] = [list(r) for r in tiny.rows()]
    rows[1][3] = "#N/A"  # openpyxl writes this as an error value
    code, out = _import(_save(_workbook(rows), tmp_path / "err.xlsx"), data, capsys)
    assert code == 1 and "err.xlsx:Sheet1!D3: 事项名称: 单元格是错误值 #N/A" in out


def _tsv(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(r) for r in [list(COLUMNS), *rows]) + "\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "utf-32", "gb18030"])
def test_text_lists_in_other_encodings_are_read(encoding: str, data: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    text = _tsv(tiny.rows())
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    path = tmp_path / "list.txt"
    path.write_bytes(raw)
    code, out = _import(path, data, capsys)
    assert code == 0, out


def test_utf16_without_a_bom_is_named(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes(_tsv(tiny.rows()).encode("utf-16-le"))
    code, out = _import(path, data, capsys)
    assert code == 1 and "list.txt: 这是没有字节顺序标记（BOM）的 UTF-16 文本" in out


def test_a_text_in_another_encoding_is_refused_not_garbled(data: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes(_tsv(tiny.rows()).encode("big5", errors="replace"))
    code, out = _import(path, data, capsys)
    assert code == 1 and "list.txt: 文件不是 UTF-8 编码；按 GB18030 读取也找不到表头" in out


def test_a_bad_line_under_a_utf16_bom_is_named(data: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    raw = _tsv(tiny.rows()).encode("utf-16-le")
    path = tmp_path / "list.txt"
    path.write_bytes(b"\xff\xfe" + raw + b"\x00\xd8")  # a lone surrogate at the end of line 4
    code, out = _import(path, data, capsys)
    assert code == 1 and "list.txt:4: 文件开头标明是 UTF-16 编码，但第 4 行不是有效的 UTF-16 文本" in out


def test_the_tiny_list_imports(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _import(_save(_workbook(tiny.rows()), tmp_path / "list.xlsx"), data, capsys)
    assert code == 0, out


def test_a_damaged_changelog_stops_the_import_before_anything_is_written(
        data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / "changelog.yaml").write_text("记录: &a [*a]\n", encoding="utf-8")
    before = (data / "checklist.yaml").read_bytes()
    rows = tiny.rows()
    rows[0][3] = "对未设置安全警示标志的行政处罚（新）"
    code, out = _run(["import", str(_save(_workbook(rows), tmp_path / "list.xlsx")), "--data", str(data)], capsys)
    assert code == 1 and "changelog.yaml:1: 不支持 YAML 别名（*a）" in out
    assert (data / "checklist.yaml").read_bytes() == before


def test_a_line_break_in_a_one_line_cell_is_refused_at_its_cell(data: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    before = (data / "checklist.yaml").read_bytes()
    rows = tiny.rows()
    rows[0][3] = "对未设置安全警示标志_x000D_的行政处罚"  # as Excel stores a carriage return inside a cell
    before = (data / "checklist.yaml").read_bytes()
    code, out = _import(_save(_workbook(rows), tmp_path / "list.xlsx"), data, capsys)
    assert code == 1
    assert "list.xlsx:Sheet1!D2: 事项名称: 这一格只能写一行，发现了换行" in out
    assert (data / "checklist.yaml").read_bytes() == before
