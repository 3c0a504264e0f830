"""Hostile data in a real browser: no script from the data runs, no page is wider than a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Dialog, Page

from generator.adapters.cli import main

from ..conftest import ROOT
from ..hostile import HOSTILE, PROSE, hostile_data

PAGES = ["matters/330225002022.html", "matters/index.html", "categories/zhjg.html", "categories/index.html",
         "stages/balc.html", "stages/balc-checklist.html", "stages/documents.html", "stages/deadlines.html",
         "training/study-zhjg.html", "training/inspection-zhjg.html", "training/case-review.html",
         "training/bank.html", "print.html", "index.html", "laws/aqscf.html"]


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The hostile data, built, opened from a folder."""
    out = tmp_path_factory.mktemp("hostile-browser")
    data = hostile_data(out / "data", HOSTILE, PROSE)
    assert main(["build", "--data", str(data), "--config", str(ROOT / "mkdocs.yml"),
                 "--site-dir", str(out / "site"), "--dist-dir", str(out / "dist")]) == 0
    return (out / "site").as_uri() + "/"


@pytest.mark.parametrize("path", PAGES)
def test_no_dialog_and_no_sideways_scrolling_on_a_phone(page: Page, hostile_root: str, path: str) -> None:
    dialogs: list[str] = []

    def seen(d: Dialog) -> None:
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", seen)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(hostile_root + path)
    page.wait_for_load_state("load")
    if path == "matters/index.html":
        page.locator(".matter-filter select").select_option(index=1)  # the category filter reads the names
        shown = page.locator(".matter-table tbody tr:not([hidden])").count()
        assert 0 < shown < page.locator(".matter-table tbody tr").count()
    page.wait_for_timeout(200)
    assert dialogs == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} is {width}px wide"


def test_search_and_quiz_show_hostile_text_without_running_it(page: Page, hostile_root: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_root + "training/quiz.html?all=1")
    page.locator(".quiz-q").first.wait_for()
    page.goto(hostile_root + "index.html")
    page.locator(".ys-input").fill("script")
    page.locator(".ys-results li").first.wait_for()
    assert dialogs == []
