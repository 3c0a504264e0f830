"""Search in Chromium with the CPU throttled 4× (DevTools protocol), on a freshly opened page."""

from __future__ import annotations

import shutil
from pathlib import Path

QUERIES = ["有限空间", "第九十七条", "990000000500", "警示标志", "97条"]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# Runs in the page: type the query as a person would, and time until the first result is shown.
_TIME_QUERY = """async (query) => {
  const input = document.querySelector('.ys-input');
  const start = performance.now();
  input.focus();
  input.value = query;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  while (!document.querySelector('.ys-results li')) {
    await new Promise(r => requestAnimationFrame(r));
    if (performance.now() - start > 10000) return -1;
  }
  return performance.now() - start;
}"""


def first_result_ms(site_dir: Path, throttle: float = 4.0) -> dict[str, float]:
    """Milliseconds from typing each query on a fresh page (index not yet loaded) to its first result."""
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for query in QUERIES:
            page = browser.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
            page.goto((site_dir / "matters" / "index.html").as_uri())
            page.wait_for_load_state("load")
            out[query] = float(page.evaluate(_TIME_QUERY, query))
            page.close()
        browser.close()
    return out
