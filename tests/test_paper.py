"""Paper and downloads: every printout and file says which data it shows; Word is A4 and Chinese; sheets print well."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from generator.built.sitefiles import relative_404, strip_source_map, tidy, unused
from generator.model.site import Site
from generator.model.training import questions
from generator.pages.paper import css_string, stamp_css
from generator.published.cells import doc_property, header_text
from generator.published.export import bank_docx, bank_xlsx, checklist_xlsx, inspection_xlsx, stamp_text

STAMP = stamp_text("2025-06-30", "2026-01-01")


def test_the_stamp_names_data_version_and_build_date() -> None:
    assert STAMP == "数据版本 2025-06-30　构建日期 2026-01-01"
    assert stamp_text("2025-06-30", "") == "数据版本 2025-06-30"


def test_print_footer_css_carries_the_stamp_and_page_numbers() -> None:
    css = stamp_css("2025-06-30", "2026-01-01")
    assert "size: A4" in css and f'content: "{STAMP}"' in css
    assert 'counter(page)' in css and "counter(pages)" in css


def test_css_string_cannot_end_the_string_or_the_rule() -> None:
    s = css_string('a"b\\c}\n</style>')
    assert s.startswith('"') and s.endswith('"')
    inner = s[1:-1]
    assert '"' not in inner and "\n" not in inner and "<" not in inner and "\\\\" not in inner


def test_header_text_keeps_an_ampersand_as_typed() -> None:
    assert header_text("A&B\n类") == "A&&B 类"


def _sheet(data: bytes):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(data)).worksheets[0]


def test_every_spreadsheet_is_set_up_for_paper_and_stamped(site: Site) -> None:
    qs = questions(site)
    books = {"checklist": checklist_xlsx(site.checklist, STAMP), "bank": bank_xlsx(qs, STAMP),
             "inspection": inspection_xlsx([("330225002022", "名称", "检查", "依据")], "综合&监管", STAMP)}
    for name, data in books.items():
        wb = load_workbook(io.BytesIO(data))
        ws = wb.worksheets[0]
        assert ws.page_setup.paperSize in (9, "9"), name
        assert ws.page_setup.orientation == "landscape", name  # every sheet here is wider than A4 portrait
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (1, "1"), name
        assert ws.page_setup.fitToHeight in (0, "0"), name
        assert ws.print_title_rows == "$1:$1", name  # the header row on every printed page
        assert ws.oddFooter.left.text == header_text(STAMP), name
        assert "&P" in (ws.oddFooter.right.text or ""), name
        assert wb.properties.description == doc_property(STAMP) == wb.properties.keywords, name
    assert _sheet(books["inspection"]).oddHeader.center.text == "交叉检查-综合&&监管"


def test_spreadsheets_stay_reproducible(site: Site) -> None:
    assert checklist_xlsx(site.checklist, STAMP) == checklist_xlsx(site.checklist, STAMP)


def test_word_bank_is_a4_chinese_stamped_and_numbered(site: Site) -> None:
    data = bank_docx(questions(site), "大比武题库", STAMP)
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == (210.0, 297.0) or \
        (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.header.paragraphs[0].text == STAMP
    footer = section.footer.paragraphs[0]._p.xml
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode("utf-8")
    defaults = styles[styles.index("<w:docDefaults>"):styles.index("</w:docDefaults>")]
    assert 'w:eastAsia="zh-CN"' in defaults and 'w:val="zh-CN"' in defaults and 'w:eastAsia="宋体"' in defaults
    assert doc.core_properties.language == "zh-CN" and doc.core_properties.comments == doc_property(STAMP)
    assert bank_docx(questions(site), "大比武题库", STAMP) == data  # reproducible


def test_404_links_are_relative_and_a_server_gets_a_root_base() -> None:
    html = '<html><head><link href="/assets/x.css"></head><body><a href="/index.html">首页</a>' \
           '<a href="//other/">x</a><script src="/assets/y.js"></script></body></html>'
    out = relative_404(html)
    assert 'href="assets/x.css"' in out and 'href="index.html"' in out and 'src="assets/y.js"' in out
    assert 'href="//other/"' in out  # a protocol-relative URL is not a root path
    assert 'location.protocol !== "file:"' in out
    assert relative_404(out) == out  # a site finished twice (`generator finish` run again) keeps one base


def test_tidy_removes_what_the_site_does_not_use(tmp_path: Path) -> None:
    for name in ("assets/javascripts/lunr/min/lunr.ja.min.js", "assets/javascripts/workers/search.js",
                 "assets/javascripts/workers/search.js.map", "assets/javascripts/bundle.js.map",
                 "assets/stylesheets/main.css.map", "sitemap.xml", "sitemap.xml.gz", "index.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "assets/javascripts/bundle.js").write_text("code()\n//# sourceMappingURL=bundle.js.map\n",
                                                          encoding="utf-8")
    (tmp_path / "404.html").write_text('<html><head><link href="/a.css"></head></html>', encoding="utf-8")
    assert len(unused(tmp_path)) == 6
    tidy(tmp_path)
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert left == ["404.html", "assets/javascripts/bundle.js", "index.html"]
    assert "sourceMappingURL" not in (tmp_path / "assets/javascripts/bundle.js").read_text(encoding="utf-8")
    assert 'href="a.css"' in (tmp_path / "404.html").read_text(encoding="utf-8")
    assert strip_source_map("a()\n") == "a()\n"
