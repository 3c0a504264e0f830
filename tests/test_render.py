"""Rendered Markdown: golden pages, and the rules every page follows."""

from __future__ import annotations

from generator.model.site import Site
from generator.pages.render import render_pages
from generator.pages.viewmodel import md_escape

from .conftest import assert_golden


def test_matter_page_golden(site: Site) -> None:
    assert_golden("pages/matter-330225002014.md", render_pages(site)["matters/330225002014.md"])


def test_matter_page_with_quote_notice_golden(site: Site) -> None:
    assert_golden("pages/matter-330225002022.md", render_pages(site)["matters/330225002022.md"])


def test_one_page_per_matter_category_and_law(site: Site) -> None:
    pages = render_pages(site)
    assert {f"matters/{m.code}.md" for m in site.checklist.matters} <= set(pages)
    assert {f"categories/{c.id}.md" for c in site.checklist.categories} <= set(pages)
    assert {f"laws/{law_id}.md" for law_id in site.library.laws} <= set(pages)
    assert {"index.md", "matters/index.md", "categories/index.md", "laws/index.md"} <= set(pages)


def test_matter_page_shows_ladder_and_related_matters(site: Site) -> None:
    page = render_pages(site)["matters/330225002022.md"]
    assert "| 逾期未改正的 |  | 五万元以上二十万元以下的罚款 | 一万元以上二万元以下的罚款 |" in page
    assert '<a href="330225008001.html">330225008001 ' in page  # cites the same articles 35 and 99


def test_missing_enrichments_say_where_they_will_come_from(site: Site) -> None:
    page = render_pages(site)["matters/330225002038.md"]
    assert page.count('<span class="todo">待补充</span>（将来源：') == 4  # a styled marker, with its source


def test_list_page_has_every_matter_in_a_filterable_table(site: Site) -> None:
    page = render_pages(site)["matters/index.md"]
    assert '<div class="matter-table"' in page
    assert all(f'<a href="{m.code}.html">{m.code}</a>' in page for m in site.checklist.matters)


def test_markdown_is_escaped() -> None:
    assert md_escape("a*b_[c]<d>") == "a&#42;b&#95;&#91;c&#93;&#60;d&#62;"
