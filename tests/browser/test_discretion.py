"""The discretion path as an officer walks it, from a folder (file://), with the fixture discretion table."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from ..conftest import FIXTURES, ROOT, make_data

TABLE = FIXTURES / "discretion" / "test-table.yaml"


@pytest.fixture(scope="module")
def tabled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture data with the fixture table, built with our `build` command; the site folder."""
    from generator.adapters.cli import main

    out = tmp_path_factory.mktemp("tabled")
    data = make_data(out / "data")
    (data / "discretion").mkdir(exist_ok=True)
    shutil.copy(TABLE, data / "discretion" / TABLE.name)
    code = main(["build", "--data", str(data), "--config", str(ROOT / "mkdocs.yml"),
                 "--site-dir", str(out / "site"), "--dist-dir", str(out / "dist")])
    assert code == 0
    return out / "site"


def _answer(page: Page, step: str, value: str) -> None:
    box = page.locator(f'.zyc-step[data-step="{step}"]')
    expect(box).to_be_visible()
    box.locator(f'input[name="zyc-{step}"][value="{value}"]').check()


def test_walk_to_a_band_and_copy_the_draft(page: Page, tabled_site: Path) -> None:
    root = tabled_site.as_uri() + "/"
    outside: list[str] = []
    errors: list[str] = []

    def route(r: Route) -> None:
        if r.request.url.startswith(root):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(root + "matters/330225002014.html")
    path = page.locator("[data-zyc]")
    # With the script, only the first question shows; outcomes wait for the answers.
    expect(path.locator('.zyc-step[data-step="sx"]')).to_be_visible()
    expect(path.locator('.zyc-step[data-step="bc1"]')).to_be_hidden()
    expect(path.locator(".zyc-outcome").first).to_be_hidden()
    _answer(page, "sx", "yes")
    _answer(page, "bc1", "no")
    _answer(page, "bc2", "no")
    expect(path.locator('.zyc-step[data-step="bc2d"]')).to_be_hidden()
    _answer(page, "bc3", "no")
    path.locator('input[name="zyc-cj-item"][value="1"]').check()
    _answer(page, "cj", "yes")
    _answer(page, "cj2", "light")
    _answer(page, "fd", "no")
    _answer(page, "jc", "1")  # 逾期未改正的
    bands = path.locator('.zyc-step[data-step="jz"] li')
    expect(bands.nth(0)).to_be_hidden()  # bands of 违法行为成立 are not offered
    expect(bands.nth(1)).to_be_hidden()
    expect(bands.nth(2)).to_be_visible()
    _answer(page, "jz", "2")
    expect(path.locator('.zyc-outcome[data-outcome-id="cf"]')).to_be_visible()
    draft = path.locator(".zyc-text")
    expect(draft).to_be_visible()
    text = draft.input_value()
    assert text.startswith("本案违法行为在《行政处罚法》第三十六条规定的期限内被发现。")
    assert "当事人有《行政处罚法》第三十二条第（一）项“主动消除或者减轻违法行为危害后果”规定的情形" in text
    assert "本案决定从轻行政处罚。" in text
    assert "《测试用裁量基准（虚构）》（测试〔2024〕1号，2024-12-01）" in text and "属于第三阶次" in text
    # Going back: answering 时效 "no" ends the path at once.
    _answer(page, "sx", "no")
    expect(path.locator('.zyc-outcome[data-outcome-id="sx"]')).to_be_visible()
    expect(path.locator('.zyc-outcome[data-outcome-id="cf"]')).to_be_hidden()
    expect(path.locator('.zyc-step[data-step="bc1"]')).to_be_hidden()
    assert "不再给予行政处罚" in draft.input_value()
    path.locator(".zyc-copy").click()
    path.locator(".zyc-reset").click()
    expect(path.locator(".zyc-draft")).to_be_hidden()
    assert outside == [] and errors == []


def test_without_script_every_question_and_outcome_is_readable(browser: object, tabled_site: Path) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(tabled_site.as_uri() + "/matters/330225002014.html")
    path = page.locator("[data-zyc]")
    for step in ("sx", "bc1", "bc2", "bc2d", "bc3", "cj", "cj2", "fd", "jc", "jz"):
        expect(path.locator(f'.zyc-step[data-step="{step}"]')).to_be_visible()
    expect(path.locator('.zyc-step[data-step="sx"]')).to_contain_text("违法行为在二年内未被发现的，不再给予行政处罚")
    expect(path.locator('.zyc-step[data-step="sx"] .zyc-where').first).to_contain_text("下一步：二、不予处罚")
    expect(path.locator('.zyc-outcome[data-outcome-id="bc2"]')).to_contain_text("可以不予行政处罚")
    context.close()
