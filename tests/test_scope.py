"""A citation of one 款 or 项: the pages show and check that 款/项, the rest of the article only secondary;
款 breaks are kept on every page (issue 11, point 7)."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from generator.model.model import Library, Ref
from generator.model.penalty import penalty_clause
from generator.model.scope import is_partial, official_text, passages
from generator.model.site import Site
from generator.model.stages import place_text
from generator.pages.decisionpath import _quote as decision_quote
from generator.pages.training_pages import inspection_rows
from generator.pages.viewmodel import cited_markdown

from .htmltext import text_of_id


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a_cited_item_covers_its_lead_and_itself(library: Library) -> None:
    ref = Ref("aqscf", 97, 1, 7)
    lines = official_text(library, ref)
    assert len(lines) == 2 and lines[0].startswith("生产经营单位有下列行为之一的") and lines[1].startswith("（七）")
    assert is_partial(library, ref)
    assert [p.cited for p in passages(library, ref)] == [True, False, False, False, False, False, False, True]


def test_a_cited_paragraph_covers_itself_and_its_items(library: Library) -> None:
    ref = Ref("aqscf", 103, 2)
    assert [p.cited for p in passages(library, ref)] == [False, True, False]
    assert official_text(library, Ref("aqscf", 99, 1)) == [p.text for p in passages(library, Ref("aqscf", 99))]
    assert not is_partial(library, Ref("aqscf", 30))
    sub = official_text(library, Ref("xf", 134, 1, 2, 1))
    assert sub[0].startswith("在生产、作业中违反有关安全管理的规定，有下列情形之一") and sub[1].startswith("（二）")


@pytest.mark.parametrize("ref", [Ref("aqscf", 97, 1, 7), Ref("aqscf", 97), Ref("aqscf", 103, 2), Ref("aqscf", 30),
                                 Ref("xzcff", 46, 1), Ref("xf", 134, 1, 2, 1)])
def test_every_place_shows_the_one_official_text(library: Library, ref: Ref) -> None:
    """The official text of a cited place comes from official_text wherever it is shown, checked or quoted."""
    lines = official_text(library, ref)
    assert lines and all(lines)
    assert place_text(library, ref) == "".join(lines)
    quote = decision_quote(library, "matters/x.md", ref)
    assert quote.text == "\n".join(lines) and quote.url.startswith("../laws/") and ".html#" in quote.url
    shown = cited_markdown(library, "matters/x.md", ref)
    assert _squash(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", str(shown)).replace("\\", "")) == _squash("".join(lines))
    if ref.paragraph is not None:
        assert penalty_clause(library, ref) == lines[0]


def test_official_text_of_a_place_not_in_the_law_is_empty(library: Library) -> None:
    assert official_text(library, Ref("aqscf", 9999)) == []
    assert official_text(library, Ref("aqscf", 97, 9)) == []
    assert penalty_clause(library, Ref("aqscf", 97, 9)) == ""


def _html(built: Path, path: str) -> str:
    return (built / "site" / path).read_text(encoding="utf-8")


def _outside_details(html: str) -> str:
    return re.sub(r"<details.*?</details>", "", html, flags=re.DOTALL)


def test_matter_page_shows_the_cited_item_and_the_article_collapsed(built: Path) -> None:
    html = _html(built, "matters/330225002014.html")
    shown = _squash(re.sub(r"<[^>]+>", "", _outside_details(html)))
    assert "（七）特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业的。" in shown
    assert "（六）未按照规定制定生产安全事故应急救援预案" not in shown  # the rest only in the collapsed article
    details = re.findall(r"<details.*?</details>", html, flags=re.DOTALL)
    whole = [d for d in details if "第九十七条全文" in d]
    assert len(whole) == 1 and "<details class=\"note\"" in whole[0] and " open" not in whole[0].split(">")[0]
    assert "<mark>（七）特种作业人员" in whole[0] and "<p>（六）未按照规定制定生产安全事故应急救援预案" in whole[0]


def test_matter_page_shows_only_the_cited_paragraph(built: Path) -> None:
    html = _outside_details(_html(built, "matters/330225002036.html"))
    penalty = html[html.index('id="处罚条款"'):html.index('id="处罚阶次"')]
    shown = _squash(re.sub(r"<[^>]+>", "", penalty))
    assert "生产经营单位未与承包单位、承租单位签订专门的安全生产管理协议" in shown
    assert "矿山、金属冶炼建设项目和用于生产、储存、装卸危险物品的建设项目的施工单位" not in shown


def test_study_page_shows_both_quotes_with_their_paragraph_breaks(built: Path) -> None:
    html = _html(built, "training/study-tzzy.html")
    visible = _outside_details(html)
    # 第三十条 has two 款: two paragraphs, not one run together.
    assert re.search(r"<p>生产经营单位的特种作业人员必须按照国家有关规定经专门的安全作业培训，"
                     r"取得相应资格，方可上岗作业。</p>\s*"
                     r"<p>特种作业人员的范围由国务院应急管理部门会同国务院有关部门确定。</p>", visible)
    assert "<p>（七）特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业的。</p>" in visible
    assert "（六）未按照规定制定" not in visible and "（六）未按照规定制定" in html


def test_inspection_sheet_checks_the_cited_text_paragraph_by_paragraph(built: Path, site: Site) -> None:
    html = _html(built, "training/inspection-tzzy.html")
    assert ("方可上岗作业。<br>特种作业人员的范围由国务院应急管理部门会同国务院有关部门确定。" in html
            or "方可上岗作业。<br />特种作业人员的范围" in html)
    category = site.checklist.category("特种作业监管类")
    (row,) = inspection_rows(site, category, "training/inspection-tzzy.md")
    assert row.what.split("\n")[1:] == official_text(site.library, Ref("aqscf", 30))
    book = openpyxl.load_workbook(built / "site" / "downloads" / f"inspection-{category.id}.xlsx")
    cells = [str(c.value) for r in book.active.iter_rows() for c in r if c.value]
    assert any("方可上岗作业。\n特种作业人员的范围" in c for c in cells)


def test_paragraph_breaks_on_the_law_page(built: Path) -> None:
    html = _html(built, "laws/aqscf.html")
    assert text_of_id(html, "a30-1") is not None and text_of_id(html, "a30-2") is not None
    assert (text_of_id(html, "a30-2") or "").startswith("特种作业人员的范围")
