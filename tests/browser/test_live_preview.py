"""The editors' live preview (`make serve`) in a browser: a page left open shows an edit once it reloads itself."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Error, Page

from benchmarks.serve import _free_port, make_edit, serving


def _shows(page: Page, shows: Callable[[str], bool], timeout: float = 30.0) -> bool:
    """Whether the open page comes to show the edit by itself (the reload script reloads it) within timeout."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if shows(page.content()):
                return True
        except Error:  # the page is being reloaded
            pass
        time.sleep(0.2)
    return False


def test_the_print_page_left_open_shows_an_edit_after_it_reloads(page: Page, project_copy: Path) -> None:
    # The print page is made again just after a rebuild, while the browsers reload: its request waits for it, so the
    # reloaded page is the new one (it was the old one, kept until the next edit).
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",
                                 "-a", f"127.0.0.1:{port}"], cwd=project_copy, stdout=log, stderr=subprocess.STDOUT)
        try:
            assert serving(base, proc, 90.0), "mkdocs serve did not start"
            edit = make_edit(project_copy, "name", "浏览器")
            print_path, print_shows = edit.pages["print"]
            matter_path, matter_shows = edit.pages["matter"]
            page.goto(base + print_path)
            assert not print_shows(page.content())
            time.sleep(1.0)  # the first build's print page and downloads are finished by now
            edit.path.write_text(edit.text, encoding="utf-8")
            assert _shows(page, print_shows), "the print page left open did not show the edit"
            page.goto(base + matter_path)
            assert matter_shows(page.content())
        finally:
            proc.terminate()
            proc.wait(timeout=30)
