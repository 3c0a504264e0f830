"""Search in Chromium with the CPU throttled 4× (DevTools protocol): first result on a freshly opened page, and the
slowest of the officers' query set; recall@3 of that set on the fixture list; the index's size at 10,000 matters."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

QUERIES = ["有限空间", "第九十七条", "990000000500", "警示标志", "97条", "应急预案", "安全生产法第97条", "97条第7项",
           "警示牌"]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# Runs in the page: type the query as a person would, and time until the first result is shown.
_TIME_QUERY = """async (query) => {
  const input = document.querySelector('.ys-input');
  const box = document.querySelector('.ys-results');
  box.textContent = '';
  const start = performance.now();
  input.focus();
  input.value = query;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  while (!document.querySelector('.ys-results li, .ys-results .ys-none')) {
    await new Promise(r => requestAnimationFrame(r));
    if (performance.now() - start > 10000) return -1;
  }
  return performance.now() - start;
}"""


def _launch(p: Playwright) -> Browser:
    return p.chromium.launch(executable_path=CHROMIUM,
                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])


def _page(browser: Browser, site_dir: Path, throttle: float, wait_until: Literal["load", "commit"] = "load") -> Page:
    """The list page opened from the folder, nothing outside it loaded, the CPU throttled; wait_until as goto's."""
    page = browser.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.goto((site_dir / "matters" / "index.html").as_uri(), wait_until=wait_until)
    return page


def first_result_ms(site_dir: Path, throttle: float = 4.0, queries: list[str] | None = None) -> dict[str, float]:
    """Milliseconds from typing each query on a fresh page (index not yet loaded) to its first result."""
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with sync_playwright() as p:
        browser = _launch(p)
        for query in queries or QUERIES:
            page = _page(browser, site_dir, throttle)
            out[query] = float(page.evaluate(_TIME_QUERY, query))
            page.close()
        browser.close()
    return out


def typed_ms(site_dir: Path, queries: list[str], throttle: float = 4.0) -> dict[str, float]:
    """Milliseconds from typing each query to its results (or 没有找到) on a page whose index is loaded."""
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with sync_playwright() as p:
        browser = _launch(p)
        page = _page(browser, site_dir, throttle)
        page.evaluate(_TIME_QUERY, "预热")
        for query in queries:
            out[query] = float(page.evaluate(_TIME_QUERY, query))
        browser.close()
    return out


# Runs in the page: type a code in the list's filter and time until its row is the one shown.
_TIME_FILTER = """async (code) => {
  const input = document.querySelector('.matter-filter input');
  const start = performance.now();
  input.value = code;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  const found = () => {
    const rows = [...document.querySelectorAll('.matter-table tbody tr')].filter(r => !r.hidden);
    return rows.length === 1 && rows[0].cells[0].textContent.trim() === code;
  };
  while (!found()) {
    await new Promise(r => requestAnimationFrame(r));
    if (performance.now() - start > 30000) return -1;
  }
  return performance.now() - start;
}"""


def list_page_ms(site_dir: Path, last_code: str, throttle: float = 4.0) -> tuple[float, float, float]:
    """The list page on a fresh page, CPU throttled: ms from navigation to usable (rows shown and the filter ready),
    to the load event, and from typing the last matter's code to its row being the one shown."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = _launch(p)
        page = _page(browser, site_dir, throttle, "commit")
        page.wait_for_selector(".matter-filter input", timeout=120_000)
        page.wait_for_selector(".matter-table tbody tr", timeout=120_000)
        usable = float(page.evaluate("performance.now()"))
        page.wait_for_load_state("load")
        loaded = float(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
        filtered = float(page.evaluate(_TIME_FILTER, last_code))
        browser.close()
    return usable, loaded, filtered


def fixture_recall() -> tuple[float, int, int, list[tuple[str, str, list[str]]]]:
    """recall@3 of the officers' query set (tests/fixtures/search-queries.yaml) on the fixture list, in Node."""
    from tests.conftest import ROOT, make_data
    from tests.searchquery import recall_at_3, write_index

    with tempfile.TemporaryDirectory(prefix="yjzf-recall-") as tmp:
        data = make_data(Path(tmp) / "data")
        recall = recall_at_3(write_index(data, ROOT / "docs", Path(tmp) / "search-index.js"))
    return recall.value, recall.found, recall.expected, recall.misses


def index_bytes(root: Path, count: int) -> int:
    """The size of the search index of `count` synthetic matters (with every page it indexes), built alone."""
    from tests.searchquery import write_index

    from .synth import make_data

    with tempfile.TemporaryDirectory(prefix="yjzf-index-") as tmp:
        data = make_data(root / "data", Path(tmp) / "data", count)
        return write_index(data, root / "docs", Path(tmp) / "search-index.js").stat().st_size
