"""The list as a spreadsheet in the official column layout, byte-for-byte reproducible."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from xml.sax.saxutils import escape as xml_escape

from .listtext import COLUMNS
from .model import Checklist
from .training import Question

XLSX_PATH = "downloads/checklist.xlsx"
WIDTHS = {"序号": 6, "类别": 16, "事项代码": 15, "事项名称": 40, "法律依据": 60, "处罚条款和内容": 80}
FIXED_TIME = datetime(2000, 1, 1)
FIXED_STAMP = b"2000-01-01T00:00:00Z"


def checklist_xlsx(checklist: Checklist) -> bytes:
    """序号, 类别, 事项代码, 事项名称, 法律依据, 处罚条款和内容 — one row a matter, quotes as the list has them."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    # Write-only (streamed) is several times faster; `serve` rebuilds this file on every edit of the list.
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("重点执法事项清单")
    for i, column in enumerate(COLUMNS):
        ws.column_dimensions["ABCDEF"[i]].width = WIDTHS[column]
    ws.freeze_panes = "A2"
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)

    def cell(value: object, header: bool = False) -> WriteOnlyCell:
        c = WriteOnlyCell(ws, value=value)
        c.alignment = wrap
        c.number_format = "@"  # 事项代码 stays text: no 3.30225E+11
        if header:
            c.font = bold
        return c

    ws.append([cell(c, header=True) for c in COLUMNS])
    for m in checklist.matters:
        ws.append([cell(v) for v in (m.seq, m.category, m.code, m.name, m.basis.text, m.penalty.text)])
    wb.properties.created = FIXED_TIME
    out = io.BytesIO()
    wb.save(out)
    return _fixed_zip_times(out.getvalue())


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01 and a fixed document time, so that the same data
    always gives the same bytes (and the offline zip is reproducible); openpyxl stamps the save time."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + FIXED_STAMP + rb"\g<2>", content)
            dst.writestr(fixed, content)
    return out.getvalue()


def _xlsx_rows(sheet: str, headers: tuple[str, ...], widths: tuple[int, ...], rows: list[list[object]]) -> bytes:
    """A one-sheet workbook: bold header row, wrapped text, fixed widths, reproducible bytes."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(re.sub(r"[\][/\\?*:]", "_", sheet)[:31])  # Excel refuses these in sheet names
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A2"
    wrap, bold = Alignment(wrap_text=True, vertical="top"), Font(bold=True)

    def cell(value: object, header: bool = False) -> WriteOnlyCell:
        c = WriteOnlyCell(ws, value=value)
        c.alignment = wrap
        if header:
            c.font = bold
        return c

    ws.append([cell(h, True) for h in headers])
    for row in rows:
        ws.append([cell(v) for v in row])
    wb.properties.created = FIXED_TIME
    out = io.BytesIO()
    wb.save(out)
    return _fixed_zip_times(out.getvalue())


def bank_xlsx(questions: list[Question]) -> bytes:
    """The 大比武 question bank: one question a row, with its answer."""
    rows: list[list[object]] = [[n, q.kind, q.text, *(list(q.options) + [""] * 4)[:4], q.answer_letter]
                                for n, q in enumerate(questions, start=1)]
    return _xlsx_rows("大比武题库", ("序号", "题型", "题目", "A", "B", "C", "D", "答案"),
                      (6, 10, 60, 30, 30, 30, 30, 6), rows)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _paragraph(text: str, style: str = "") -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{props}<w:r><w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r></w:p>'


def bank_docx(questions: list[Question], title: str) -> bytes:
    """The 大比武 question bank as a Word document: the questions, then the answers."""
    from docx import Document
    from docx.oxml import parse_xml

    doc = Document()
    doc.core_properties.created = doc.core_properties.modified = FIXED_TIME
    doc.core_properties.title = title[:255]  # Word's limit for a property
    # The paragraphs are written as XML and parsed once: python-docx's add_paragraph takes seconds for
    # a bank of thousands of questions.
    parts = [_paragraph(title, "Heading1")]
    for n, q in enumerate(questions, start=1):
        parts.append(_paragraph(f"{n}. 【{q.kind}】{q.text}"))
        parts += [_paragraph(f"{'ABCD'[k]}. {option}") for k, option in enumerate(q.options)]
    parts.append(_paragraph("答案", "Heading2"))
    parts.append(_paragraph("　".join(f"{n}.{q.answer_letter}" for n, q in enumerate(questions, start=1))))
    body = parse_xml(f'<w:body xmlns:w="{_W}">{"".join(parts)}</w:body>')
    end = doc.element.body.sectPr
    for p in list(body):
        end.addprevious(p)
    out = io.BytesIO()
    doc.save(out)
    return _fixed_zip_times(out.getvalue())


def inspection_xlsx(rows: list[tuple[str, str, str, str]], category: str) -> bytes:
    """A category's cross-inspection sheet: code, name, what to check, basis; result and notes to fill in."""
    headers = ("序号", "事项代码", "事项名称", "检查内容", "法律依据", "检查结果", "备注")
    return _xlsx_rows(f"交叉检查-{category}"[:31], headers,
                      (6, 15, 40, 60, 24, 12, 20),
                      [[n, *r, "☐符合 ☐不符合", ""] for n, r in enumerate(rows, start=1)])
