"""The stage guides: structured steps, time limits that match the law, documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model.citations import find_citations
from generator.model.site import Site
from generator.model.stages import place_text
from generator.pages.render import render_pages

from .conftest import assert_golden, validate_edited

NORMAL_ORDER = ["立案", "调查取证", "审查", "法制审核", "告知", "陈述和申辩", "作出决定", "送达", "执行", "结案归档"]


def test_five_stages_in_the_guidance_order(site: Site) -> None:
    names = [s.name for s in site.procedures.stages]
    assert names == ["现场执法检查", "法律法规适用", "办案流程", "自由裁量", "案卷归档"]


def test_case_handling_has_the_three_procedures_in_order(site: Site) -> None:
    stage = site.procedures.stage("balc")
    assert stage is not None
    assert list(dict.fromkeys(s.procedure for s in stage.steps)) == ["简易程序", "普通程序", "听证程序"]
    assert [s.name for s in stage.steps if s.procedure == "普通程序"] == NORMAL_ORDER


def test_every_step_states_its_legal_basis(site: Site) -> None:
    for stage in site.procedures.stages:
        for step in stage.steps:
            assert step.basis, (stage.name, step.name)


def test_every_time_limit_is_in_the_official_text_of_its_article(site: Site) -> None:
    limits = site.procedures.limits
    assert len(limits) >= 10
    for t in limits:
        assert t.period in place_text(site.library, t.basis), (t.name, t.period, t.basis)


@pytest.mark.parametrize(("article", "period"), [(60, "九十日"), (61, "七日"), (64, "五日"), (64, "七日"),
                                                 (67, "十五日"), (56, "七日"), (36, "二年")])
def test_the_administrative_penalty_law_limits_are_there(site: Site, article: int, period: str) -> None:
    assert any(t.basis.law == "xzcff" and t.basis.article == article and t.period == period
               for t in site.procedures.limits)


def test_every_citation_in_the_guides_resolves(site: Site) -> None:
    pages = render_pages(site)
    guide_pages = {p: md for p, md in pages.items() if p.startswith("stages/")}
    assert len(guide_pages) == 13  # index, 5 stages, 5 checklists, deadlines, documents
    found = 0
    for path, md in guide_pages.items():
        cites = find_citations(md, site.library)
        assert [c.problem for c in cites if c.problem] == [], path
        found += len(cites)
    assert found == 0  # all were linked by the renderer: none is left as plain text
    assert all("](../laws/" in md for p, md in guide_pages.items() if not p.endswith("index.md"))


def test_documents_are_named_from_the_law_and_used(site: Site) -> None:
    docs = site.procedures.documents
    used = {d for s in site.procedures.stages for st in s.steps for d in st.documents}
    assert used == set(docs)
    for d in docs.values():
        assert d.basis, d.name
    page = render_pages(site)["stages/documents.md"]
    assert all(f'id="doc-{d}"' in page for d in docs)
    pending = '（式样名称<span class="todo">待补充</span>，将来源：应急管理部《安全生产执法文书样式》）'
    assert page.count(pending) == sum(d.form_name_pending for d in docs.values())


def test_pending_content_names_its_source(site: Site) -> None:
    pending = [p for s in site.procedures.stages for p in s.pending]
    assert any("应急管理部令第18号" in p.source for p in pending)
    assert any("浙江省应急管理行政处罚裁量基准适用细则" in p.source for p in pending)
    assert all(p.what and p.source for p in pending)


# Each case breaks one stage file in one way: (file, old text, new text).
STAGE_CASES: dict[str, tuple[str, str, str]] = {
    "limit_not_in_article": ("3-balc.yaml", "    期限: 九十日", "    期限: 八十日"),
    "limit_not_a_period": ("3-balc.yaml", "    期限: 九十日", "    期限: 90天"),
    "unknown_document": ("1-xcjc.yaml", "    文书: [wts]", "    文书: [wts, nosuch]"),
    "step_without_basis": ("4-zyc.yaml", "    依据:\n      - {法规: 行政处罚法, 条: 45, 款: 2}\n", ""),
    "unresolvable_citation": ("2-flsy.yaml", "（《行政处罚法》第二十九条）", "（《行政处罚法》第二百九十条）"),
    "unknown_procedure": ("3-balc.yaml", "    程序: 简易程序\n    做法:\n      - 违法事实确凿",
                          "    程序: 快速程序\n    做法:\n      - 违法事实确凿"),
}


@pytest.mark.parametrize("case", sorted(STAGE_CASES))
def test_bad_stage_data_is_reported(case: str, data_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    name, old, new = STAGE_CASES[case]
    assert_golden(f"errors/stage_{case}.txt", validate_edited(data_copy, [(f"stages/{name}", old, new)],
                                                              monkeypatch, capsys))


def test_checklist_names_each_law_once() -> None:
    from generator.pages.guides import short_citations

    assert short_citations(["《行政处罚法》第五十二条", "《行政处罚法》第六十八条", "《行政强制法》第十八条",
                            "《行政处罚法》第七十条"]) == \
        "《行政处罚法》第五十二条、第六十八条、《行政强制法》第十八条、《行政处罚法》第七十条"
