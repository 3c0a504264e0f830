"""Nothing on the site states a rule its sources do not state (issue 11, points 1-6 and 8).

Each test reads a built page, a rendered page or the output of `validate`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.model.model import Ref
from generator.model.site import Site
from generator.model.training import questions
from generator.pages.render import render_pages

from .conftest import assert_golden, validate_edited
from .test_build import page_text


@pytest.fixture(scope="module")
def pages(site: Site) -> dict[str, str]:
    """Every page as Markdown, citations linked."""
    return render_pages(site)




# Point 1: who decides a case.

UNSOURCED_RULES = ("5万元以下范围", "罚款合计", "6万元", "由县级应急管理部门决定", "按拟处罚数额确定")


def test_no_page_states_a_fine_limit_as_a_decision_rule(built: Path) -> None:
    for page in (built / "site").rglob("*.html"):
        text = page_text(page)
        assert [r for r in UNSOURCED_RULES if r in text] == [], page


def test_matter_page_sets_the_two_routes_side_by_side(built: Path) -> None:
    html = (built / "site" / "matters" / "330225002022.html").read_text(encoding="utf-8")
    table = re.search(r"<table>(?:(?!</table>).)*交由乡镇（街道）行使.*?</table>", html, re.S)
    assert table is not None
    head = table.group(0).split("</thead>")[0]
    assert "委托" in head and "交由乡镇（街道）行使" in head  # the routes are the columns
    for anchor in ("xzcff.html#a20-4", "xzcff.html#a24-2", "zjzhxzzftl.html#a9-2"):
        assert anchor in table.group(0), anchor
    text = page_text(built / "site" / "matters" / "330225002022.html")
    assert "以委托行政机关名义实施行政处罚" in text
    assert "待补充：本县（市、区）的乡镇（街道）适用哪种途径" in text
    assert "将来源：县（市、区）应急管理部门的委托书" in text
    assert "乡镇、街道具体实施的综合行政执法事项目录清单" in text


def test_the_5wan_figure_is_shown_only_as_the_weekly_report_scope(built: Path) -> None:
    text = page_text(built / "site" / "matters" / "330225002022.html")
    report = ("指导意见提到“案件（5万元以下）”，是在县级应急管理部门每周通报的内容中：“县级应急管理部门每周对受委托乡镇"
              "（街道）应急管理行政执法工作进行通报，重点通报执法系统运行、案件（5万元以下）办理、执法数据统计上报等情况。”"
              "（《衢州市乡镇（街道）应急管理执法能力提升指导意见》“（三）定期通报机制”）")
    assert report in text
    assert "5万元" not in text.replace(report, "")


def test_a_misquoted_guidance_sentence_is_rejected(data_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = validate_edited(data_copy, [("delegation.yaml", "案件（5万元以下）办理", "5万元以下案件由乡镇办理")],
                          monkeypatch, capsys)
    assert_golden("errors/delegation_misquoted_guidance.txt", out)


# Point 2: unpaid fines go to the court by 行政强制法 第五十四条 and 第五十五条.

def test_unpaid_fines_follow_the_court_route(pages: dict[str, str]) -> None:
    page = pages["stages/balc.md"]
    for anchor in ("xzqzf.md#a53", "xzqzf.md#a54", "xzqzf.md#a55", "xzcff.md#a72-1-1", "xzcff.md#a72-1-4"):
        assert anchor in page, anchor
    assert "催告书送达十日后（工作日，[《行政强制法》第六十九条]" in page
    assert "强制执行申请书" in page
    line = next(x for x in page.splitlines() if "第三十五条" in x)
    assert "具有行政强制执行权的行政机关" in line and "xzqzf.md#a13" in line and "xzqzf.md#a34" in line
    docs = pages["stages/documents.md"]
    assert "强制执行申请书" in docs and "xzqzf.md#a55" in docs and "催告书" in docs


# Point 3: working days.

SHORT = {"xzcff": re.compile(r"^[二三五七]日$"), "xzqzf": re.compile(r"^(十|[一二三四五六七八九])日$")}


def test_every_short_period_is_marked_working_days(site: Site) -> None:
    marked = 0
    for t in site.procedures.limits:
        rule = SHORT.get(t.basis.law)
        if rule and rule.match(t.period):
            assert t.working_days == Ref(t.basis.law, 85 if t.basis.law == "xzcff" else 69), t.name
            marked += 1
        else:
            assert t.working_days is None, t.name
    assert marked >= 7


def test_deadline_table_checklists_and_quiz_say_working_days(pages: dict[str, str], site: Site) -> None:
    table = pages["stages/deadlines.md"]
    row = next(x for x in table.splitlines() if "先行登记保存后作出处理决定" in x)
    assert "**七日**（工作日，[《行政处罚法》第八十五条](../laws/xzcff.md#a85)）" in row
    row = next(x for x in table.splitlines() if "催告书送达后" in x)
    assert "（工作日，[《行政强制法》第六十九条](../laws/xzqzf.md#a69)）" in row
    row = next(x for x in table.splitlines() if "当事人缴纳罚款" in x)
    assert "工作日" not in row  # 十五日 is not one of 第八十五条's periods
    assert ("当场收缴的罚款交至行政机关 二日（[《行政处罚法》第七十一条](../laws/xzcff.md#a71)；"
            "工作日，[《行政处罚法》第八十五条](../laws/xzcff.md#a85)）") in pages["stages/balc-checklist.md"]
    assert "当事人在告知后五日内（工作日）提出听证要求" in pages["stages/balc-checklist.md"]
    quiz = [q.text for q in questions(site) if "先行登记保存" in q.text]
    assert quiz and all("工作日，不含法定节假日，《行政处罚法》第八十五条" in q for q in quiz)


def test_a_short_period_without_working_days_is_rejected(data_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    edit = ("stages/3-balc.yaml", "五日内（工作日，《行政处罚法》第八十五条）提出", "五日内提出")
    out = validate_edited(data_copy, [edit], monkeypatch, capsys)
    assert_golden("errors/stage_period_without_working_days.txt", out)


# Point 4: whose power.

def test_township_and_department_powers_are_apart(pages: dict[str, str]) -> None:
    page = pages["stages/xcjc.md"]
    township = page.split("乡镇（街道）的现场处置")[1].split("## ")[0]
    department = page.split("部门的现场处置")[1].split("## ")[0]
    for anchor in ("zjaqsctl.md#a27-2", "xzqzf.md#a17-1"):
        assert anchor in township, anchor
    assert "aqscf.md#a65" not in township and "aqscf.md#a70" not in township
    assert "受委托的乡镇（街道）不能依委托实施查封、扣押等行政强制措施" in township
    for anchor in ("aqscf.md#a65-1-2", "aqscf.md#a65-1-3", "aqscf.md#a70-1", "aqscf.md#a70-2"):
        assert anchor in department, anchor
    power_cut = next(x for x in department.splitlines() if "停止供电" in x and "a70-1" in x)
    for condition in ("存在重大事故隐患", "作出停产停业、停止施工、停止使用相关设施或者设备的决定", "拒不执行",
                      "有发生生产安全事故的现实危险", "在保证安全的前提下", "经本部门主要负责人批准", "书面形式"):
        assert condition in power_cut, condition


def test_seal_and_seizure_is_given_in_full(pages: dict[str, str]) -> None:
    step = pages["stages/xcjc.md"].split("查封、扣押（部门）")[1].split("\n## ")[0]
    for article in (18, 19, 23, 24, 25, 27, 28):
        assert f"xzqzf.md#a{article})" in step, article
    assert "aqscf.md#a65-1-4" in step
    for words in ("实施前须向行政机关负责人报告并经批准", "二十四小时内向行政机关负责人报告", "不得重复查封",
                  "一式二份", "延长期限不得超过三十日", "解除应当立即退还财物"):
        assert words in step, words


# Point 5: every statement sourced, 编者说明 apart, 待补充 with its source.

def test_an_unsourced_sentence_is_rejected(data_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = validate_edited(data_copy, [
        ("stages/1-xcjc.yaml",
         "      - 行政机关实施行政处罚时，应当责令当事人改正或者限期改正违法行为（《行政处罚法》第二十八条第一款）。",
         "      - 书面写明需要改正的问题和改正期限，由当事人签收，作为复查的依据。"),
        ("delegation.yaml", "  待补充: 本县", "  县规定: 本县"),
        ("stages/4-zyc.yaml", "      - 编者说明: 先查清", "      - 说明: 先查清"),
    ], monkeypatch, capsys)
    assert_golden("errors/stage_unsourced_sentence.txt", out)


def test_editorial_notes_are_shown_apart_from_law(built: Path) -> None:
    html = (built / "site" / "stages" / "flsy.html").read_text(encoding="utf-8")
    notes = re.findall(r'<div class="admonition note">\s*<p class="admonition-title">编者说明</p>(.*?)</div>',
                       html, re.S)
    assert any("违法条款是当事人违反的义务性规定" in n for n in notes)
    items = re.findall(r"<li>(.*?)</li>", html, re.S)
    assert not any("违法条款是当事人违反的义务性规定" in i for i in items)  # not in the list of legal statements


def test_pending_statements_name_their_source(pages: dict[str, str]) -> None:
    page = pages["stages/xcjc.md"]
    assert ('- <span class="todo">待补充</span>：责令限期改正的文书式样、复查的时限和复查文书。'
            "将来源：应急管理部《安全生产执法文书样式》") in page


def test_known_overstatements_are_gone(pages: dict[str, str]) -> None:
    xcjc = pages["stages/xcjc.md"]
    assert "签收" not in xcjc and "作为复查的依据" not in xcjc
    assert not any("复查" in x and "a68" in x for x in xcjc.splitlines() if x.startswith("- "))
    review = pages["stages/ajgd.md"]
    line = next(x for x in review.splitlines() if x.startswith("- 裁量："))
    assert "社会危害程度相当" in line and "xzcff.md#a5-2" in line
    line = next(x for x in review.splitlines() if x.startswith("- 程序："))
    assert "出示执法证件" in line and "xzcff.md#a55-1" in line
    simple = pages["stages/balc.md"].split("## 简易程序")[1].split("## 普通程序")[0]
    for anchor in ("xzcff.md#a44", "xzcff.md#a45", "xzcff.md#a52-2"):
        assert anchor in simple, anchor
    assert "申请行政复议、提起行政诉讼的途径和期限" in simple


# Point 6: documents named as the law names them, or 待补充 with the form set named.

def test_documents_not_named_by_the_law_are_pending(pages: dict[str, str], site: Site) -> None:
    page = pages["stages/documents.md"]
    row = next(x for x in page.splitlines() if 'id="doc-xwbl"' in x)
    assert '（式样名称<span class="todo">待补充</span>，将来源：应急管理部《安全生产执法文书样式》）' in row
    row = next(x for x in page.splitlines() if 'id="doc-sdjl"' in x)
    assert "xzcff.md#a61-1" in row and '式样名称<span class="todo">待补充</span>' in row
    row = next(x for x in page.splitlines() if 'id="doc-qzzxsqs"' in x)
    assert "强制执行申请书" in row and "式样名称待补充" not in row


def test_a_document_name_not_in_its_article_is_rejected(data_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    edit = ("documents.yaml", "    名称: 催告书", "    名称: 催告通知书")
    out = validate_edited(data_copy, [edit], monkeypatch, capsys)
    assert_golden("errors/document_name_not_in_article.txt", out)


# Point 8: transfer of suspected crimes.

def test_transfer_of_suspected_crimes(pages: dict[str, str]) -> None:
    step = pages["stages/flsy.md"].split(". 涉嫌犯罪的移送")[1]
    assert "xzcff.md#a27-1" in step and "xzcff.md#a57-1-4" in step
    for anchor in ("a134-1", "a134zhi1", "a135", "a139zhi1"):
        assert f"(../laws/xf.md#{anchor})" in step, anchor
    assert "不判断某一事项涉嫌哪一罪名" in step


def test_second_reading_fixes_hold(pages: dict[str, str], site: Site) -> None:
    # Each sentence says what its article says, no more and no less (the second legal reading of issue 11).
    matter = pages["matters/330225002022.md"]
    assert "违法事实确凿并有法定依据，对法人或者其他组织处以三千元以下罚款或者警告的，可以当场作出行政处罚决定；" \
           "法律另有规定的，从其规定" in matter                       # 行政处罚法 第五十一条, with its proviso
    assert "本事项的处罚条款写有刑事责任。违法行为涉嫌犯罪的，行政机关应当及时将案件移送司法机关" in matter
    assert "处罚条款写有刑事责任的，违法行为" not in matter             # 第二十七条 has no such condition
    assert not [q for q in questions(site) if "可以处" in q.text]      # 处 is mandatory in 第九十七、九十九条
    xcjc = pages["stages/xcjc.md"]
    assert "对违法事实清楚，依法应当没收的非法财物予以没收" in xcjc          # 行政强制法 第二十七条
    assert "县（市、区）人民政府应当编制乡镇、街道具体实施的综合行政执法事项目录清单" in matter  # 条例 第九条第二款
    assert "二日内（工作日）交至行政机关" in pages["stages/balc-checklist.md"]
