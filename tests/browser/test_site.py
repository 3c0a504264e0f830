"""What a person sees: navigation, search, phone layout, paper — from a folder and from a server."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.model.site import Site

from .conftest import Watch

SEARCHES = [
    ("330225002014", "matters/330225002014.html"),      # the full code
    ("002014", "matters/330225002014.html"),            # its last 6 digits
    ("有限空间", "matters/330225008001.html"),           # a fragment of the name
    ("示标", "matters/330225002022.html"),               # a fragment jieba cuts across (警示|标志)
    ("签订专门的安全生产管理协议", "matters/330225002036.html"),  # quoted text
    ("第九十七条", "matters/330225002014.html"),          # an article, in Chinese
    ("九十七条", "matters/330225002014.html"),
    ("97条", "matters/330225002014.html"),               # in Arabic numerals
    ("第81条", "matters/330225002038.html"),
    ("安全生产法", "matters/330225002022.html"),          # a law's short name: matters first
    ("演练", "matters/330225002038.html"),
]


def test_home_to_matter_to_article_and_back(page: Page, root: str, watch: Watch) -> None:
    page.goto(root + "index.html")
    page.get_by_role("link", name="重点执法事项总表").click()
    expect(page).to_have_url(re.compile(r"matters/index\.html$"))
    page.locator(".matter-table").get_by_role("link", name="330225002014").click()
    expect(page).to_have_url(re.compile(r"matters/330225002014\.html$"))
    page.locator("article").get_by_role("link", name="《安全生产法》第三十条").first.click()
    expect(page).to_have_url(re.compile(r"laws/aqscf\.html#a30$"))
    article = page.locator("#a30")
    expect(article).to_be_in_viewport()
    expect(article).to_contain_text("特种作业人员必须按照国家有关规定经专门的安全作业培训")
    article.locator(".cited-by").get_by_role("link", name=re.compile("^330225002014")).click()
    expect(page).to_have_url(re.compile(r"matters/330225002014\.html$"))
    watch.assert_clean()


@pytest.mark.parametrize(("query", "first"), SEARCHES)
def test_search_finds_the_matter_first(page: Page, root: str, watch: Watch, query: str, first: str) -> None:
    page.goto(root + "laws/index.html")
    page.locator(".ys-input").fill(query)
    result = page.locator(".ys-results li a").first
    expect(result).to_have_attribute("href", re.compile(re.escape(first) + "$"))
    result.click()
    expect(page).to_have_url(re.compile(re.escape(first) + "$"))
    watch.assert_clean()


def test_search_says_when_nothing_is_found(page: Page, root: str, watch: Watch) -> None:
    page.goto(root + "index.html")
    page.locator(".ys-input").fill("不存在的词语组合")
    expect(page.locator(".ys-none")).to_contain_text("没有找到")
    watch.assert_clean()


def test_every_page_opens_without_errors(page: Page, root: str, watch: Watch, built: Path) -> None:
    site = built / "site"
    for path in sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")):
        if path == "404.html":
            continue
        page.goto(root + path)
        expect(page.locator(".md-header")).to_be_visible()
        expect(page.locator(".md-content h1").first).to_be_visible()
    watch.assert_clean()


def test_list_page_filters_and_sorts(page: Page, root: str, watch: Watch, site: Site) -> None:
    page.goto(root + "matters/index.html")
    rows = page.locator(".matter-table tbody tr:visible")
    expect(rows).to_have_count(len(site.checklist.matters))
    page.locator(".matter-filter input").fill("特种作业")
    expect(rows).to_have_count(1)
    page.locator(".matter-filter input").fill("")
    page.locator(".matter-filter select").select_option("安全生产综合监管类")
    expect(rows).to_have_count(3)
    page.locator(".matter-filter select").select_option("")
    page.locator(".matter-table th", has_text="事项代码").click()
    codes = [t.strip() for t in rows.locator("td:first-child").all_inner_texts()]
    assert codes == sorted(codes)
    page.locator(".matter-table th", has_text="事项代码").click()
    codes = [t.strip() for t in rows.locator("td:first-child").all_inner_texts()]
    assert codes == sorted(codes, reverse=True)
    watch.assert_clean()


@pytest.mark.parametrize("path", ["matters/330225002022.html", "matters/330225002036.html", "laws/aqscf.html",
                                  "index.html", "matters/index.html"])
def test_phone_has_no_horizontal_scrolling(page: Page, root: str, watch: Watch, path: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(root + path)
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"page is {widths[0]} px wide in a {widths[1]} px window"
    watch.assert_clean()


def test_print_page_makes_a_pdf_with_a_page_per_matter(page: Page, offline_copy: Path, site: Site,
                                                       tmp_path: Path) -> None:
    page.route(re.compile(r"^(?!file:).*"), lambda r: r.abort())
    page.goto(offline_copy.as_uri() + "/print.html")
    pdf = tmp_path / "handbook.pdf"
    page.pdf(path=str(pdf), format="A4")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages >= len(site.checklist.matters) + 1
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for m in site.checklist.matters:
        assert m.code in text
    assert "特种作业人员" in text  # Chinese glyphs were drawn with a font that has them
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=True).stdout
    assert "Noto Sans CJK" in fonts


@pytest.mark.parametrize("stage", ["xcjc", "flsy", "balc", "zyc", "ajgd"])
def test_each_stage_checklist_prints_on_one_page(page: Page, offline_copy: Path, tmp_path: Path, stage: str) -> None:
    page.route(re.compile(r"^(?!file:).*"), lambda r: r.abort())
    page.goto(offline_copy.as_uri() + f"/stages/{stage}-checklist.html")
    pdf = tmp_path / f"{stage}.pdf"
    page.pdf(path=str(pdf), format="A4")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\n", info), info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "核对清单" in text and "☐" in text


def test_quiz_from_a_folder_scores_answers(page: Page, offline_copy: Path) -> None:
    page.route(re.compile(r"^(?!file:).*"), lambda r: r.abort())
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(offline_copy.as_uri() + "/training/quiz.html")
    fieldsets = page.locator(".quiz-q")
    expect(fieldsets).to_have_count(10)
    answers = {q["id"]: q["answer"] for q in page.evaluate("window.YJZF_QUIZ")}
    for i in range(10):
        right = answers[fieldsets.nth(i).get_attribute("data-id") or ""]
        options = fieldsets.nth(i).locator("input")
        options.nth(right if i < 7 else (right + 1) % options.count()).check()  # 7 right, 3 wrong
    page.get_by_role("button", name="交卷").click()
    expect(page.locator(".quiz-score")).to_have_text("得分：7 / 10")
    expect(page.locator(".quiz-wrong")).to_have_count(3)
    page.locator(".quiz-feedback a").first.click()
    expect(page.locator(".md-content h1").first).to_be_visible()
    assert errors == []
