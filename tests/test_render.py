"""Rendered Markdown: golden pages, and the rules every page follows."""

from __future__ import annotations

import json
import re

import pytest

from generator.model.site import Site
from generator.model.urls import URLS
from generator.pages import listings
from generator.pages.listings import matter_rows
from generator.pages.page import SHELF
from generator.pages.render import render_pages, render_site
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
    assert ("<tr>\n<td>逾期未改正的</td>\n<td></td>\n<td>五万元以上二十万元以下的罚款</td>\n"
            "<td>一万元以上二万元以下的罚款</td>\n</tr>") in page
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


def _rows(site: Site) -> dict:  # type: ignore[type-arg]
    text = matter_rows(site)
    prefix = "window.YJZF_MATTERS="
    assert text.startswith(prefix) and text.endswith(";\n")
    data = json.loads(text[len(prefix):-2])
    assert isinstance(data, dict)
    return data


def test_the_rows_script_holds_every_matter_and_its_links(site: Site) -> None:
    data = _rows(site)
    assert [r[0] for r in data["rows"]] == [m.code for m in site.checklist.matters]
    for row, m in zip(data["rows"], site.checklist.matters, strict=True):
        assert data["categories"][row[2]][0] == m.category
        assert [data["cites"][i][1] for i in row[3]] == [URLS.from_root(URLS.law(r.law), r.anchor)
                                                        for r in m.basis.refs]
        assert [data["cites"][i][1] for i in row[4]] == [URLS.from_root(URLS.law(r.law), r.anchor)
                                                        for r in m.penalty.refs]
    assert len(data["cites"]) == len({tuple(c) for c in data["cites"]})  # each cited place once


def test_a_long_list_page_holds_its_first_rows_and_says_so(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "表中先列出" not in render_pages(site)["matters/index.md"]  # all five fit on the page
    monkeypatch.setattr(listings, "LIST_SHOWN", 2)
    SHELF.clear()
    try:
        page = render_pages(site)["matters/index.md"]
    finally:
        SHELF.clear()
    assert page.count("<tr>") == 3  # the header and two rows
    assert 'data-total="5"' in page and 'data-rows="../assets/matter-rows.js"' in page
    assert "表中先列出前 2 项，共 5 项" in page


def test_a_matter_page_shared_block_holds_no_marker_and_no_heading(site: Site) -> None:
    # Fragments are filled in one pass, and the table of contents is made from the page's own headings.
    for page in render_site(site):
        if page.path.startswith("matters/") and page.path != "matters/index.md":
            shared = [(k, h) for k, h in page.fragments if k.startswith(("block-", "zyc-"))]
            assert len(shared) >= 5
            for key, html in shared:
                assert "data-fragment=" not in html and not re.search(r"<h[1-6]\b", html), (page.path, key)
