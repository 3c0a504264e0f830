"""Search as an officer uses it, in real Chromium: near words, articles typed any way, synonyms, why a hit matched."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ..searchquery import TOP, load_queries, matter_code
from .conftest import Watch

# (query, the matter shown first or among the first three, a reason shown on that hit)
NEW_QUERIES = [
    ("应急预案", "330225002038", "名称（相近：应急、预案）"),
    ("安全生产法第97条", "330225002014", "法条 第九十七条"),
    ("安全生产法97条", "330225002038", "法律名称"),
    ("97条第7项", "330225002014", "法条 第九十七条第（七）项"),
    ("第九十七条第七项", "330225002014", "法条 第九十七条第（七）项"),
    ("警示牌", "330225002022", "同义词 警示牌→警示标志"),
    ("受限空间", "330225008001", "同义词 受限空间→有限空间"),
]


@pytest.mark.parametrize(("query", "code", "why"), NEW_QUERIES)
def test_near_words_and_articles_find_the_matter(page: Page, root: str, watch: Watch, query: str, code: str,
                                                  why: str) -> None:
    page.goto(root + "index.html")
    page.locator(".ys-input").fill(query)
    hits = page.locator(".ys-results li a")
    expect(hits.first).to_be_visible()
    top = [matter_code(re.sub(r"^.*?(matters/)", r"\1", h.get_attribute("href") or "")) for h in hits.all()[:TOP]]
    assert code in top, (query, top)
    hit = hits.nth(top.index(code))
    expect(hit.locator(".ys-why")).to_contain_text("匹配：")
    expect(hit.locator(".ys-why")).to_contain_text(why)
    hit.click()
    expect(page).to_have_url(re.compile(re.escape(f"matters/{code}.html") + "$"))
    watch.assert_clean()


def test_the_whole_query_set_in_chromium(page: Page, root: str, watch: Watch) -> None:
    queries = load_queries()
    page.goto(root + "index.html")
    answers: dict[str, Any] = page.evaluate("""(qs) => new Promise(done => {
        const out = {}; let left = qs.length;
        qs.forEach(q => window.YJZF.search(q, r => { out[q] = r.slice(0, 3); if (--left === 0) done(out); }));
    })""", [q.query for q in queries])
    misses = [(q.query, c) for q in queries for c in q.expect
              if c not in [matter_code(u) for u in answers[q.query]]]
    assert misses == []
    watch.assert_clean()


def test_markup_typed_or_shown_stays_text(page: Page, root: str, watch: Watch) -> None:
    page.goto(root + "index.html")
    page.locator(".ys-input").fill('<img src=x onerror="window.pwned=1">')
    expect(page.locator(".ys-none")).to_contain_text("<img src=x")
    assert page.evaluate("window.pwned") is None
    assert page.locator(".ys-results img").count() == 0
    page.locator(".ys-input").fill("应急预案")
    expect(page.locator(".ys-results li mark").first).to_be_visible()
    watch.assert_clean()


def test_the_index_is_read_when_the_pointer_reaches_the_box_not_before(page: Page, root: str, watch: Watch) -> None:
    page.goto(root + "index.html")
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.YJZF_SEARCH") == "undefined"  # opening a page to read it costs no index
    page.locator(".ys-input").hover()
    page.wait_for_function("typeof window.YJZF_SEARCH === 'object'")
    page.locator(".ys-input").fill("警示牌")
    expect(page.locator(".ys-results li a").first).to_be_visible()
    watch.assert_clean()
