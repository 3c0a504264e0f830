"""The list as a spreadsheet in the official column layout, byte-for-byte reproducible."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from ..model.model import Checklist
from ..model.training import Question
from .cells import doc_property, header_text, set_cell, sheet_title, xml_text
from .listtext import COLUMNS

XLSX_PATH = "downloads/checklist.xlsx"
WIDTHS = {"序号": 6, "类别": 16, "事项代码": 15, "事项名称": 40, "法律依据": 60, "处罚条款和内容": 80}
FIXED_TIME = datetime(2000, 1, 1)
FIXED_STAMP = b"2000-01-01T00:00:00Z"


def stamp_text(data_version: str, built: str) -> str:
    """What every printout and download says about the data it shows: the data version and the build date."""
    return f"数据版本 {data_version}　构建日期 {built}" if built else f"数据版本 {data_version}"


def checklist_xlsx(checklist: Checklist, stamp: str = "") -> bytes:
    """序号, 类别, 事项代码, 事项名称, 法律依据, 处罚条款和内容 — one row a matter, quotes as the list has them."""
    rows: list[list[object]] = [[m.seq, m.category, m.code, m.name, m.basis.text, m.penalty.text]
                                for m in checklist.matters]
    # Text format ("@") keeps 事项代码 a text when an officer edits it: no 3.30225E+11.
    return _xlsx_rows("重点执法事项清单", COLUMNS, tuple(WIDTHS[c] for c in COLUMNS), rows, text_format=True,
                      stamp=stamp)


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


def _xlsx_rows(sheet: str, headers: tuple[str, ...], widths: tuple[int, ...], rows: list[list[object]],
               text_format: bool = False, stamp: str = "") -> bytes:
    """A one-sheet workbook: bold header row, wrapped text, fixed widths, reproducible bytes, set up for paper.

    Every cell is written by cells.set_cell: data is text, never a formula. On paper: A4, landscape when the
    columns are wide, fit to the page width, the header row on every page, the stamp and page numbers.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    # Write-only (streamed) is several times faster; `serve` rebuilds these files on every edit of the list.
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title(sheet))
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    ws.freeze_panes = "A2"
    _page_setup(ws, sheet, stamp, landscape=sum(widths) > 100)
    wrap, bold = Alignment(wrap_text=True, vertical="top"), Font(bold=True)

    def cell(value: object, header: bool = False) -> WriteOnlyCell:
        c = set_cell(WriteOnlyCell(ws), value)
        c.alignment = wrap
        if text_format:
            c.number_format = "@"
        if header:
            c.font = bold
        return c

    ws.append([cell(h, True) for h in headers])
    for row in rows:
        ws.append([cell(v) for v in row])
    wb.properties.created = FIXED_TIME
    wb.properties.title = doc_property(sheet)
    if stamp:
        wb.properties.description = wb.properties.keywords = doc_property(stamp)
    out = io.BytesIO()
    wb.save(out)
    return _fixed_zip_times(out.getvalue())


def _page_setup(ws: Any, title: str, stamp: str, landscape: bool) -> None:
    """Print set-up of a sheet: A4, orientation to fit, one page wide, header row repeated, stamp and page numbers."""
    ws.page_setup.paperSize = "9"  # A4 (openpyxl: Worksheet.PAPERSIZE_A4)
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.oddHeader.center.text = header_text(title)
    ws.oddFooter.left.text = header_text(stamp)
    ws.oddFooter.right.text = "第 &P 页，共 &N 页"


def bank_xlsx(questions: Sequence[Question], stamp: str = "") -> bytes:
    """The 大比武 question bank: one question a row, with its answer."""
    rows: list[list[object]] = [[n, q.kind, q.text, *(list(q.options) + [""] * 4)[:4], q.answer_letter]
                                for n, q in enumerate(questions, start=1)]
    return _xlsx_rows("大比武题库", ("序号", "题型", "题目", "A", "B", "C", "D", "答案"),
                      (6, 10, 60, 30, 30, 30, 30, 6), rows, stamp=stamp)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _paragraph(text: str, style: str = "") -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{props}<w:r><w:t xml:space="preserve">{xml_escape(xml_text(text))}</w:t></w:r></w:p>'


# A4 in twentieths of a point, with 2.5 cm margins left and right, as Chinese office documents are set.
A4_TWIPS = (11906, 16838)
MARGIN_TWIPS = 1417
EAST_ASIAN_FONT = "宋体"


def _chinese_a4(doc: Any, stamp: str) -> None:
    """A4 paper, zh-CN as the language (East Asian font 宋体), the stamp in the header, page numbers in the footer."""
    from docx.oxml import parse_xml
    from docx.shared import Twips

    section = doc.sections[0]
    section.page_width, section.page_height = Twips(A4_TWIPS[0]), Twips(A4_TWIPS[1])
    section.left_margin = section.right_margin = Twips(MARGIN_TWIPS)
    rpr = doc.styles.element.find(f"{{{_W}}}docDefaults/{{{_W}}}rPrDefault/{{{_W}}}rPr")
    if rpr is not None:
        for old in rpr.findall(f"{{{_W}}}rFonts") + rpr.findall(f"{{{_W}}}lang"):
            rpr.remove(old)
        rpr.insert(0, parse_xml(f'<w:rFonts xmlns:w="{_W}" w:eastAsia="{EAST_ASIAN_FONT}" w:hint="eastAsia"/>'))
        rpr.append(parse_xml(f'<w:lang xmlns:w="{_W}" w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'))
    if stamp:
        section.header.paragraphs[0].text = xml_text(stamp)
    footer = section.footer.paragraphs[0]
    footer.alignment = 1  # centred
    footer._p.append(parse_xml(
        f'<w:r xmlns:w="{_W}"><w:t xml:space="preserve">第 </w:t></w:r>'))
    footer._p.append(parse_xml(f'<w:fldSimple xmlns:w="{_W}" w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer._p.append(parse_xml(f'<w:r xmlns:w="{_W}"><w:t xml:space="preserve"> 页，共 </w:t></w:r>'))
    footer._p.append(parse_xml(
        f'<w:fldSimple xmlns:w="{_W}" w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer._p.append(parse_xml(f'<w:r xmlns:w="{_W}"><w:t xml:space="preserve"> 页</w:t></w:r>'))


def bank_docx(questions: Sequence[Question], title: str, stamp: str = "") -> bytes:
    """The 大比武 question bank as a Word document: the questions, then the answers; A4, Chinese, stamped."""
    from docx import Document
    from docx.oxml import parse_xml

    doc = Document()
    doc.core_properties.created = doc.core_properties.modified = FIXED_TIME
    doc.core_properties.title = doc_property(title)
    doc.core_properties.language = "zh-CN"
    if stamp:
        doc.core_properties.comments = doc.core_properties.version = doc_property(stamp)
    _chinese_a4(doc, stamp)
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


def inspection_xlsx(rows: Sequence[tuple[str, str, str, str]], category: str, stamp: str = "") -> bytes:
    """A category's cross-inspection sheet: code, name, what to check, basis; result and notes to fill in."""
    headers = ("序号", "事项代码", "事项名称", "检查内容", "法律依据", "检查结果", "备注")
    return _xlsx_rows(f"交叉检查-{category}", headers,
                      (6, 15, 40, 60, 24, 12, 20),
                      [[n, *r, "☐符合 ☐不符合", ""] for n, r in enumerate(rows, start=1)], stamp=stamp)
