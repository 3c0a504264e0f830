"""What an officer meets every day: phones at 390 px, paper, accessibility (axe-core), small breaks."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.model.site import Site

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "browser" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
A11Y_PAGES = ["index.html", "matters/330225002014.html", "laws/aqscf.html", "stages/balc.html",
              "training/quiz.html", "matters/index.html", "stages/balc-checklist.html", "todo.html"]
PHONE_PAGES = [*A11Y_PAGES, "stages/deadlines.html", "stages/documents.html", "training/inspection-zhjg.html",
               "training/bank.html", "categories/zhjg.html"]


def _offline(page: Page, offline_copy: Path, path: str) -> None:
    page.route(re.compile(r"^(?!file:).*"), lambda r: r.abort())
    page.goto(offline_copy.as_uri() + "/" + path)


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core, installed for the tests only by `make test` (npm ci in tests/browser/axe); never in the site."""
    if not AXE.exists():
        pytest.fail(f"axe-core is not installed: run `make axe` (npm ci --prefix {AXE.parent.parent.parent})")
    return AXE.read_text(encoding="utf-8")


def _serious(page: Page, axe_source: str) -> list[str]:
    page.add_script_tag(content=axe_source)
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]} {v['help']}"
            for v in found if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", A11Y_PAGES)
def test_no_serious_accessibility_violations(page: Page, offline_copy: Path, axe_source: str, path: str,
                                             width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    _offline(page, offline_copy, path)
    assert _serious(page, axe_source) == []


def test_quiz_after_handing_in_has_no_serious_violations(page: Page, offline_copy: Path, axe_source: str) -> None:
    _offline(page, offline_copy, "training/quiz.html")
    page.get_by_role("button", name="交卷").click()
    expect(page.locator(".quiz-score")).to_be_visible()
    assert _serious(page, axe_source) == []


def test_axe_is_not_shipped_in_the_site(built: Path) -> None:
    for path in (built / "site").rglob("*"):
        assert "axe" not in path.name.lower(), path
    (zip_path,) = (built / "dist").glob("*.zip")
    assert not [n for n in zipfile.ZipFile(zip_path).namelist() if "axe" in n.lower()]


_SMALL_TEXT = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const n = walker.currentNode;
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') continue;
    if (el.closest('.md-sidebar, .md-skip, [hidden]')) continue;  // the drawer is off screen until opened
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 14) small.push(`${el.tagName}.${el.className} ${size}px ${n.textContent.trim().slice(0, 12)}`);
  }
  return [...new Set(small)];
}"""


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_phone_no_text_under_14px_and_nothing_cut(page: Page, offline_copy: Path, path: str) -> None:
    page.set_viewport_size(PHONE)
    _offline(page, offline_copy, path)
    assert page.evaluate(_SMALL_TEXT) == []
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"page is {width[0]} px wide in a {width[1]} px window"
    # Every table is a stack of cards, each cell labelled with its column, none wider than the screen.
    cut = page.evaluate("""() => [...document.querySelectorAll('article table')].filter(t =>
        !t.hasAttribute('data-stacked') || t.getBoundingClientRect().right > innerWidth + 1
        || [...t.querySelectorAll('td')].some(td => td.getBoundingClientRect().right > innerWidth + 1
                                                  || getComputedStyle(td).display !== 'block')).length""")
    assert cut == 0


def test_phone_cards_label_each_cell_with_its_column(page: Page, offline_copy: Path) -> None:
    page.set_viewport_size(PHONE)
    _offline(page, offline_copy, "matters/index.html")
    first = page.locator(".matter-table tbody tr").first.locator("td")
    assert first.nth(0).get_attribute("data-label") == "事项代码"
    label = first.nth(1).evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"事项名称："'


@pytest.mark.parametrize(("path", "selector"), [("matters/330225002014.html", "strong.code"),
                                                ("matters/index.html", ".matter-table td:first-child a"),
                                                ("laws/aqscf.html", "#a97 p > strong:first-child"),
                                                ("laws/xzcff.html", "#a46 p > strong:first-child")])
def test_phone_codes_and_article_numbers_never_wrap(page: Page, offline_copy: Path, path: str,
                                                    selector: str) -> None:
    page.set_viewport_size(PHONE)
    _offline(page, offline_copy, path)
    for el in page.locator(selector).all()[:20]:
        lines = el.evaluate("e => e.getClientRects().length")
        assert lines == 1, el.inner_text()
        assert el.evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"


def test_phone_quiz_legends_sit_inside_their_box(page: Page, offline_copy: Path) -> None:
    page.set_viewport_size(PHONE)
    _offline(page, offline_copy, "training/quiz.html")
    for box in page.locator(".quiz-q").all():
        top = box.evaluate("f => f.getBoundingClientRect().top + parseFloat(getComputedStyle(f).borderTopWidth)")
        legend = box.locator("legend").evaluate("l => l.getBoundingClientRect().top")
        assert legend >= top, box.locator("legend").inner_text()


def test_landing_on_an_article_keeps_its_number_under_the_header(page: Page, offline_copy: Path) -> None:
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        _offline(page, offline_copy, "laws/aqscf.html#a97")
        header = page.locator(".md-header").evaluate("h => h.getBoundingClientRect().bottom")
        label = page.locator("#a97 p > strong").first
        expect(label).to_have_text("第九十七条")
        assert label.evaluate("l => l.getBoundingClientRect().top") >= header


def test_list_filter_says_when_nothing_matches(page: Page, offline_copy: Path) -> None:
    _offline(page, offline_copy, "matters/index.html")
    none = page.locator(".matter-none")
    expect(none).to_be_hidden()
    page.locator(".matter-filter input").fill("没有这样的事项名称")
    expect(none).to_be_visible()
    expect(none).to_contain_text("没有符合条件的事项")
    expect(page.locator(".matter-count")).to_have_text("显示 0 / 5 项")
    page.locator(".matter-filter input").fill("")
    expect(none).to_be_hidden()


def test_404_page_works_from_a_folder(page: Page, offline_copy: Path) -> None:
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    _offline(page, offline_copy, "404.html")
    # Material's stylesheet loaded: the header has its colour, not the browser's default.
    assert page.locator(".md-header").evaluate("h => getComputedStyle(h).position") == "sticky"
    assert failed == []
    page.get_by_role("link", name="重点执法事项").first.click()
    expect(page).to_have_url(re.compile(r"matters/index\.html$"))


def test_404_page_from_a_server_links_to_the_site_root(page: Page, server: str) -> None:
    page.goto(server + "404.html")
    assert page.locator(".md-header").evaluate("h => getComputedStyle(h).position") == "sticky"
    assert page.locator("a", has_text="重点执法事项").first.evaluate("a => a.href") == server + "matters/index.html"


def test_home_links_every_main_section(page: Page, offline_copy: Path) -> None:
    _offline(page, offline_copy, "index.html")
    article = page.locator("article")
    for name, target in [("重点执法事项总表", "matters/index.html"), ("法律法规全文", "laws/index.html"),
                         ("执法指引", "stages/index.html"), ("培训与考核", "training/index.html"),
                         ("指导意见", "guidance.html"), ("打印版", "print.html"), ("待补充事项", "todo.html"),
                         ("更新记录", "changelog.html")]:
        expect(article.get_by_role("link", name=name, exact=True)).to_have_attribute("href", target)


def test_zip_holds_only_what_the_site_uses(built: Path) -> None:
    (zip_path,) = (built / "dist").glob("*.zip")
    names = zipfile.ZipFile(zip_path).namelist()
    assert not [n for n in names if re.search(r"/lunr/|/workers/|\.map$|sitemap\.xml", n)]


def _pdf(page: Page, pdf: Path) -> tuple[int, str]:
    page.pdf(path=str(pdf), format="A4")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1)), text  # type: ignore[union-attr]


@pytest.mark.parametrize("path", ["matters/330225002014.html", "stages/xcjc-checklist.html", "todo.html"])
def test_every_printed_page_carries_data_version_build_date_and_number(page: Page, offline_copy: Path,
                                                                      tmp_path: Path, path: str) -> None:
    from tests.conftest import BUILD_DATE

    _offline(page, offline_copy, path)
    version = page.locator(".data-version").inner_text()
    count, text = _pdf(page, tmp_path / "page.pdf")
    assert len(re.findall(rf"数据版本 {version}\s构建日期 {BUILD_DATE}", text)) == count
    assert f"第 1 页，共 {count} 页" in text
    assert "打印本页" not in text  # the print button is not printed


def test_printable_pages_have_a_print_button(page: Page, offline_copy: Path) -> None:
    _offline(page, offline_copy, "stages/balc-checklist.html")
    button = page.get_by_role("button", name="打印本页")
    expect(button).to_be_visible()
    page.emulate_media(media="print")
    expect(button).to_be_hidden()


@pytest.mark.parametrize("stage", ["xcjc", "flsy", "balc", "zyc", "ajgd"])
def test_stage_checklist_prints_at_a_readable_size(page: Page, offline_copy: Path, stage: str) -> None:
    _offline(page, offline_copy, f"stages/{stage}-checklist.html")
    page.emulate_media(media="print")
    size = page.locator(".stage-checklist").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 14  # 10.5 pt; one A4 page is checked by test_each_stage_checklist_prints_on_one_page


def test_print_handbook_holds_the_guides_once_each_clause_with_contents(page: Page, offline_copy: Path,
                                                                       site: Site, tmp_path: Path) -> None:
    _offline(page, offline_copy, "print.html")
    contents = page.locator("article").get_by_role("link", name="法定期限一览")
    expect(contents).to_have_attribute("href", "#g-stages-deadlines")
    count, text = _pdf(page, tmp_path / "handbook.pdf")
    flat = text.replace("\n", "")
    for stage in site.procedures.stages:
        assert stage.intro[:20] in flat
    assert "法定期限一览" in flat and "执法文书一览" in flat
    # The clause of 330225002014's 法律依据 (安全生产法 第三十条) is printed once, not three times.
    article = site.library.laws["aqscf"].article(30)
    assert article is not None
    assert flat.count(article.paragraphs[0].text[:30]) == 1
    assert "正式文本：" not in flat
    assert f"第 {count} 页，共 {count} 页" in text
