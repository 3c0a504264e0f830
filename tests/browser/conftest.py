"""Browser tests: real headless Chromium (Debian's, through Playwright), on the built site.

Two ways of opening the site, as officers do: from the unzipped offline copy (file://) and from a
local web server. Every request that leaves the site is blocked and recorded; so are console errors.
"""

from __future__ import annotations

import shutil
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, with no background traffic (the machine has no network to spare)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: `make test` installs it (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--no-first-run", "--disable-sync"]}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def offline_copy(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip from dist/, unzipped as a township would: the folder holding index.html."""
    (zip_path,) = (built / "dist").glob("*.zip")
    target = tmp_path_factory.mktemp("usb")
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(target)
    (folder,) = target.iterdir()
    return folder


@pytest.fixture(scope="session")
def server(built: Path) -> Iterator[str]:
    """The built site served on a local port, as on the intranet."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(built / "site")))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(params=["file", "http"])
def root(request: pytest.FixtureRequest, offline_copy: Path) -> str:
    """The site's root URL in each mode, ending in '/'."""
    if request.param == "file":
        return offline_copy.as_uri() + "/"
    return str(request.getfixturevalue("server"))


@dataclass
class Watch:
    """What a page did that it must not: requests outside the site, console errors, script errors."""

    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.outside == [], f"requests outside the site: {self.outside}"
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.fixture
def watch(page: Page, root: str) -> Watch:
    """Block and record every request outside the site; record console and page errors."""
    return watch_page(page, root)


def watch_page(page: Page, root: str) -> Watch:
    """Block and record every request of page outside root; record console and page errors."""
    seen = Watch()

    def route(r: Route) -> None:
        if r.request.url.startswith(root):
            r.continue_()
        else:
            seen.outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    return seen
