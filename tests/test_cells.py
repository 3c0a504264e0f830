"""Spreadsheets and Word files: no data becomes a formula; sheet titles and properties are valid from any text."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from generator.model.site import load_site
from generator.pages.render import render_downloads
from generator.published.cells import cell_text, doc_property, sheet_title

from . import tiny

HOSTILE = ["=HYPERLINK(\"http://example.com\",\"点击\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
           "=cmd|' /C calc'!A0", "含\x01控制\x1f字符", "_x0041_ 转义", "<b>&amp;</b>"]


def _sheets(data: bytes) -> tuple[list[str], list[str]]:
    """The sheet titles and the sheet XML of a workbook, as saved."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    titles = re.findall(r'<sheet [^>]*name="([^"]*)"', zf.read("xl/workbook.xml").decode())
    sheets = [zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
    return titles, sheets


def _quote_prefixed_styles(data: bytes) -> set[int]:
    styles = zipfile.ZipFile(io.BytesIO(data)).read("xl/styles.xml").decode()
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.DOTALL)
    assert xfs is not None
    return {i for i, xf in enumerate(re.findall(r"<xf\b[^>]*?(?:/>|>.*?</xf>)", xfs.group(1), re.DOTALL))
            if 'quotePrefix="1"' in xf}


@pytest.fixture
def hostile_site(tmp_path: Path) -> object:
    data = tiny.write_data(tmp_path / "data")
    cl = tiny.checklist()
    bad_category = "危化/品:监管[类]*?\\" + "很长" * 20
    cl["分类"] = [{"代号": "zhjg", "名称": bad_category}]
    for n, m in enumerate(cl["事项"]):
        m["类别"] = bad_category
        m["事项名称"] = HOSTILE[n]
        m["现场检查要点"] = list(HOSTILE)
    cl["标题"] = "=标题\x02" + "长" * 300
    (data / "checklist.yaml").write_text(yaml.safe_dump(cl, allow_unicode=True), encoding="utf-8")
    return load_site(data)


def _cells(xml: str) -> list[tuple[int, str, bool]]:
    """(style, text, is a formula) of every cell of a sheet, read from its XML."""
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    out = []
    for c in ElementTree.fromstring(xml).iter(f"{ns}c"):
        text = "".join(t.text or "" for t in c.iter(f"{ns}t"))
        out.append((int(c.get("s", "0")), text, c.find(f"{ns}f") is not None))
    return out


def test_no_cell_written_from_the_data_is_a_formula(hostile_site: object) -> None:
    downloads = render_downloads(hostile_site)  # type: ignore[arg-type]
    books = {k: v for k, v in downloads.items() if k.endswith(".xlsx")}
    assert len(books) >= 3
    seen = set()
    for name, data in books.items():
        titles, sheets = _sheets(data)
        prefixed = _quote_prefixed_styles(data)
        for title in titles:
            assert 0 < len(title) <= 31 and not re.search(r"[\\/?*\[\]:]", title), (name, title)
        for xml in sheets:
            for style, text, formula in _cells(xml):
                assert not formula, (name, text)
                seen.add(text)
                if text and text[0] in "=+-@\t\n":
                    assert style in prefixed, (name, text)  # stays text when an officer edits the cell
    assert {cell_text(h) for h in HOSTILE[:2]} <= seen  # the names, as typed
    for h in HOSTILE:  # the check points, in the inspection sheets
        assert any(cell_text(h).strip() in s for s in seen), h


def test_the_word_file_opens_and_its_title_is_valid(hostile_site: object) -> None:
    from docx import Document

    downloads = render_downloads(hostile_site)  # type: ignore[arg-type]
    doc = Document(io.BytesIO(downloads["downloads/question-bank.docx"]))
    assert len(doc.core_properties.title) <= 255 and "\x02" not in doc.core_properties.title


def test_cell_text_and_titles() -> None:
    assert cell_text("=1+1") == "=1+1"
    assert cell_text("a\x00b\r\nc") == "a\ufffdb\nc"
    assert cell_text("_x0041_") == "_x005F_x0041_"  # Excel shows it as typed, not as "A"
    assert len(cell_text("长" * 40000)) == 32767
    assert sheet_title("a/b\\c?d*e[f]g:h") == "a_b_c_d_e_f_g_h"
    assert sheet_title("长" * 40) == "长" * 31
    assert sheet_title("清单", ["清单"]) == "清单(2)"
    assert sheet_title("History") == "History(2)"
    assert sheet_title("''") == "Sheet"
    assert doc_property("a\nb\x01") == "a b\ufffd"
    assert len(doc_property("长" * 300)) == 255


def test_every_writer_goes_through_the_cell_helper() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (tiny.ROOT / "generator").rglob("*.py")
                       if p.name != "cells.py")
    assert source.count("WriteOnlyCell(") == 1 and "set_cell(WriteOnlyCell(" in source
    assert not re.search(r"\bc(?:ell)?\.value =", source) and "create_sheet(sheet_title(" in source
    assert re.findall(r"core_properties\.title = (\w+)", source) == ["doc_property"]
