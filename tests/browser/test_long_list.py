"""A long list's page: its first rows as HTML, the filter, the sort and "显示更多" over every matter from the rows
script, from a folder (file://) and from a server. Built from the fixture list with the page holding 2 rows."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ..conftest import ROOT
from .conftest import Watch, _Quiet, watch_page

SHOWN = 2


@pytest.fixture(scope="module")
def long_site(fixture_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.adapters.cli import main
    from generator.pages import listings
    from generator.pages.page import SHELF

    out = tmp_path_factory.mktemp("long")
    patch = pytest.MonkeyPatch()
    patch.setattr(listings, "LIST_SHOWN", SHOWN)  # the fixture's 5 matters stand for a list longer than a page
    SHELF.clear()
    try:
        assert main(["build", "--data", str(fixture_data), "--config", str(ROOT / "mkdocs.yml"),
                     "--site-dir", str(out / "site"), "--no-zip"]) == 0
    finally:
        patch.undo()
        SHELF.clear()
    return out / "site"


@pytest.fixture(scope="module")
def long_server(long_site: Path) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(long_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(params=["file", "http"])
def long_root(request: pytest.FixtureRequest, long_site: Path) -> str:
    return long_site.as_uri() + "/" if request.param == "file" else str(request.getfixturevalue("long_server"))


@pytest.fixture
def long_watch(page: Page, long_root: str) -> Watch:
    return watch_page(page, long_root)


def test_a_long_list_shows_its_first_rows_then_filters_sorts_and_shows_more_over_all(
        page: Page, long_root: str, long_watch: Watch) -> None:
    page.goto(long_root + "matters/index.html")
    rows = page.locator(".matter-table tbody tr:visible")
    expect(rows).to_have_count(SHOWN)
    expect(page.locator(".matter-count")).to_have_text(f"显示前 {SHOWN} 项，共 5 项")
    more = page.locator(".matter-more")
    expect(more).to_have_text("显示更多（还有 3 项）")
    # A matter not among the first rows is found by the filter, and its links lead to its pages.
    page.locator(".matter-filter input").fill("330225008001")
    expect(rows).to_have_count(1)
    expect(page.locator(".matter-count")).to_have_text("显示 1 / 1 项（共 5 项）")
    expect(more).to_be_hidden()
    page.locator(".matter-filter input").fill("")
    expect(rows).to_have_count(5)  # at most a page of rows (200) from the script: all five
    page.locator(".matter-filter select").select_option("安全生产综合监管类")
    expect(rows).to_have_count(3)
    page.locator(".matter-filter select").select_option("")
    page.locator(".matter-table th", has_text="事项代码").click()
    page.locator(".matter-table th", has_text="事项代码").click()
    codes = [t.strip() for t in rows.locator("td:first-child").all_inner_texts()]
    assert codes == sorted(codes, reverse=True) and len(codes) == 5
    rows.first.locator("td").nth(3).locator("a").first.click()
    expect(page).to_have_url(re.compile(r"/laws/[a-z0-9]+\.html#a"))
    long_watch.assert_clean()


def test_show_more_before_any_filter(page: Page, long_root: str, long_watch: Watch) -> None:
    page.goto(long_root + "matters/index.html")
    page.locator(".matter-more").click()
    expect(page.locator(".matter-table tbody tr:visible")).to_have_count(5)
    expect(page.locator(".matter-more")).to_be_hidden()
    page.locator(".matter-table tbody tr").last.locator("td a").first.click()
    expect(page.locator(".md-content h1").first).to_be_visible()
    assert "/matters/33022500" in page.url
    long_watch.assert_clean()
