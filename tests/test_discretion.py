"""Discretion: the path on each matter page (every branch), the tables' checks (golden errors), the questions."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from generator.adapters.cli import main
from generator.model.discretion import PENDING_SOURCES, Tables
from generator.model.model import Ref
from generator.model.site import Site, load_site
from generator.model.training import KIND_DISCRETION, discretion_questions, questions
from generator.pages.decisionpath import END, DecisionPath, Option, Outcome, Question, decision_path, path_html
from generator.pages.render import render_pages

from .conftest import DATA, FIXTURES, assert_golden

TABLE = FIXTURES / "discretion" / "test-table.yaml"
WITH_TABLE = "330225002014"  # 安全生产法 第九十七条第（七）项: the fixture table's clause
SAME_ARTICLE = "330225002038"  # 第九十七条第（六）项: same article, another 项, so no table


@pytest.fixture(scope="module")
def tabled(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The fixture data with the fixture table."""
    from .conftest import make_data

    data = make_data(tmp_path_factory.mktemp("tabled") / "data")
    (data / "discretion").mkdir(exist_ok=True)
    shutil.copy(TABLE, data / "discretion" / TABLE.name)
    return load_site(data, display_dir="data")


def _path(site: Site, code: str) -> DecisionPath:
    m = next(m for m in site.checklist.matters if m.code == code)
    return decision_path(site.library, m, site.discretion, m.path)


def _walks(p: DecisionPath) -> list[tuple[tuple[str, ...], str]]:
    """Every complete walk: the answers (step:value) in order and the outcome it ends at."""
    steps = {s.id: s for s in p.steps}
    out: list[tuple[tuple[str, ...], str]] = []

    def go(step: Question, taken: tuple[str, ...], stage: str) -> None:
        for o in step.options:
            if step.id == "jz" and stage and o.stage != stage:
                continue  # the page lists only the bands of the chosen ladder stage
            here = (*taken, f"{step.id}:{o.value}")
            if o.go == END:
                out.append((here, o.outcome))
            else:
                go(steps[o.go], here, o.stage if step.id == "jc" else stage)

    go(p.steps[0], (), "")
    return out


EXPECTED_PREFIXES = {
    ("sx:no",): "sx",
    ("sx:yes", "bc1:yes"): "bc1",
    ("sx:yes", "bc1:no", "bc2:yes", "bc2d:spare"): "bc2",
    ("sx:yes", "bc1:no", "bc2:no", "bc3:yes"): "bc3",
    ("sx:yes", "bc1:no", "bc2:yes", "bc2d:punish", "bc3:yes"): "bc3",
}


def test_every_branch_of_the_path_with_a_table(tabled: Site) -> None:
    p = _path(tabled, WITH_TABLE)
    assert [s.id for s in p.steps] == ["sx", "bc1", "bc2", "bc2d", "bc3", "cj", "cj2", "fd", "jc", "jz"]
    walks = _walks(p)
    ends = {w: e for w, e in walks}
    for prefix, outcome in EXPECTED_PREFIXES.items():
        assert ends[prefix] == outcome
    # Past 不予处罚: 从轻/减轻 (有 → 从轻 or 减轻; 没有) × 第三十七条 (新规定 ends) × ladder stage × its bands.
    punish = [w for w in walks if w[1] in ("fd", "cf")]
    assert len(punish) == 2 * 3 * (1 + 3)  # two ways past bc (首违仍处罚, 否), cj×3, then fd:yes or 3 bands
    bands = {w[0][-1] for w in walks if w[1] == "cf"}
    assert bands == {"jz:0", "jz:1", "jz:2"}
    # A band is offered only under its own ladder stage.
    pairs = {(w[0][-2], w[0][-1]) for w in walks if w[1] == "cf"}
    assert pairs == {("jc:0", "jz:0"), ("jc:0", "jz:1"), ("jc:1", "jz:2")}
    assert {o.id for o in p.outcomes} >= {e for _, e in walks}


def test_every_branch_without_a_table(site: Site) -> None:
    for code in (WITH_TABLE, SAME_ARTICLE):
        p = _path(site, code)
        assert p.steps[-1].id == "jc" and p.table == ""
        assert {o.outcome for o in p.steps[-1].options} == {"cf"}
        notes = " ".join(p.steps[-1].notes)
        assert "待补充" in notes and all(source in notes for source in PENDING_SOURCES)
        assert "应急管理部令第12号" in notes and "浙江省应急管理行政处罚裁量基准适用细则" in notes


def test_a_table_applies_only_to_its_own_clause(tabled: Site) -> None:
    assert _path(tabled, WITH_TABLE).table == "《测试用裁量基准（虚构）》（测试〔2024〕1号，2024-12-01）"
    assert _path(tabled, SAME_ARTICLE).table == ""


def test_the_law_is_quoted_word_for_word_and_cited(site: Site) -> None:
    p = _path(site, WITH_TABLE)
    law = site.library.laws["xzcff"]
    texts = {s.id: [q.text for q in s.quotes] for s in p.steps}
    a36, a33, a32, a37 = (law.article(n) for n in (36, 33, 32, 37))
    assert a36 is not None and a33 is not None and a32 is not None and a37 is not None
    assert texts["sx"] == ["\n".join(x.text for x in a36.paragraphs)]
    assert texts["bc1"] == [a33.paragraphs[0].text] and texts["bc3"] == [a33.paragraphs[1].text]
    assert texts["cj"][0].split("\n")[0] == a32.paragraphs[0].text
    assert texts["fd"] == [a37.paragraphs[0].text]
    # Each outcome's text is made of sentences of the official text, each followed by its place.
    for o in p.outcomes:
        for sentence, label in re.findall(r"([^）]+?)（(《行政处罚法》第[^）]+)）", o.text):
            if label.startswith("《行政处罚法》"):
                assert sentence.removeprefix("编者说明：") in _all_text(site) or "编者说明" in sentence, sentence
    # 可以 stays 可以, 应当 stays 应当: nothing the law leaves open is decided for the officer.
    bc2 = next(o for o in p.outcomes if o.id == "bc2")
    assert "可以不予行政处罚" in bc2.text
    assert [o.value for o in next(s for s in p.steps if s.id == "bc2d").options] == ["spare", "punish"]
    assert [o.value for o in next(s for s in p.steps if s.id == "cj2").options] == ["light", "reduce"]


def _all_text(site: Site) -> str:
    law = site.library.laws["xzcff"]
    return "".join(p.text for a in law.articles for p in a.paragraphs)


def test_every_finding_cites_its_article_or_the_table(tabled: Site) -> None:
    p = _path(tabled, WITH_TABLE)
    for s in p.steps:
        for o in s.options:
            if o.finding and s.id != "cj2":
                assert "《行政处罚法》第" in o.finding or "《安全生产法》第" in o.finding \
                    or "测试〔2024〕1号" in o.finding, o.finding
    cj = next(s for s in p.steps if s.id == "cj")
    assert next(c.finding for c in cj.checks) == "《行政处罚法》第三十二条第（一）项“主动消除或者减轻违法行为危害后果”"


def test_page_shows_the_path_and_pending_table(site: Site) -> None:
    page = render_pages(site)[f"matters/{WITH_TABLE}.md"]
    assert "## 自由裁量：逐步判断" in page and 'data-zyc' in page
    assert '<span class="todo">待补充</span>：本事项的裁量阶次和罚款幅度' in page
    assert 'href="../laws/xzcff.html#a36"' in page and 'href="../laws/aqscf.html#a97-1-7"' in page
    assert "<!-- zyc-path -->" not in page


def test_page_with_a_table_lists_its_bands(tabled: Site) -> None:
    page = render_pages(tabled)[f"matters/{WITH_TABLE}.md"]
    assert "六、裁量基准" in page and "第三阶次：测试情形丙，罚款 100000 元至 200000 元，责令停产停业整顿" in page
    assert 'data-stage="逾期未改正的"' in page


def test_every_value_is_escaped_for_html() -> None:
    hostile = '</div><script>alert("x")</script>&"\'<!--'
    p = DecisionPath((Question("sx", hostile, (), hostile, (Option("v" + hostile, hostile, END, "cf", hostile),),
                               notes=(hostile,)),),
                     (Outcome("cf", hostile, hostile),), hostile, (hostile,))
    html = path_html(p)
    assert "<script>" not in html and "</div><" not in html.replace("</div>\n<", "") and "<!--" not in html
    assert html.count('"v&lt;/div&gt;') == 1 and "&quot;x&quot;" in html


def test_questions_from_the_articles_and_the_table(site: Site, tabled: Site) -> None:
    qs = discretion_questions(site)
    assert qs and all(q.kind == KIND_DISCRETION for q in qs)
    words = [q for q in qs if q.id.startswith("zyc-word-")]
    assert {q.answer_text for q in words} == {"应当", "可以"}
    first = next(q for q in words if "初次违法" in q.text)
    assert first.answer_text == "可以"
    assert all(q.answer_text.startswith("《行政处罚法》第") for q in qs if q.id.startswith("zyc-source-"))
    assert not [q for q in qs if q.id.startswith("zyc-band-")]
    bands = [q for q in discretion_questions(tabled) if q.id.startswith("zyc-band-")]
    assert [q.answer_text for q in bands] == ["第一阶次", "第二阶次", "第三阶次"]
    assert set(discretion_questions(tabled)) <= set(questions(tabled))


def test_the_project_ships_no_table() -> None:
    # No invented band: until a published table is entered, data/discretion/ holds its README only.
    assert sorted(p.name for p in (DATA / "discretion").iterdir()) == ["README.md"]
    readme = (DATA / "discretion" / "README.md").read_text(encoding="utf-8")
    assert "待补充" in readme and all(s.split("（")[0] in readme for s in PENDING_SOURCES)


# --- validation ----------------------------------------------------------------------------------

def _validate(data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
              table: str) -> tuple[int, str]:
    (data / "discretion").mkdir(exist_ok=True)
    (data / "discretion" / "t.yaml").write_text(table, encoding="utf-8")
    monkeypatch.chdir(data.parent)
    code = main(["validate", "--data", "data", "--docs", "nodocs"])
    out = capsys.readouterr()
    return code, out.err + out.out


BAD = {
    "outside_range": ("        罚款下限: 30000\n        罚款上限: 100000\n",
                      "        罚款下限: 30000\n        罚款上限: 150000\n"),
    "overlap": ("        罚款下限: 30000\n", "        罚款下限: 20000\n"),
    "unknown_clause": ("    条: 97\n    项: 7\n", "    条: 97\n    项: 17\n"),
    "unknown_law": ("  - 法规: 安全生产法\n", "  - 法规: 消防法\n"),
    "unknown_key": ("        阶次: 第一阶次\n", "        阶次: 第一阶次\n        备注: 无\n"),
    "wrong_stage": ("        适用: 逾期未改正的\n", "        适用: 情节严重的\n"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_table_errors_golden(case: str, data_copy: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    old, new = BAD[case]
    text = TABLE.read_text(encoding="utf-8")
    assert old in text
    code, out = _validate(data_copy, monkeypatch, capsys, text.replace(old, new, 1))
    assert code == 1
    assert_golden(f"errors/discretion_{case}.txt", out)


def test_the_fixture_table_is_valid(data_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _validate(data_copy, monkeypatch, capsys, TABLE.read_text(encoding="utf-8"))
    assert code == 0, out


def test_bands_that_touch_do_not_overlap(tabled: Site) -> None:
    found = tabled.discretion.for_clause(_path_ref(tabled))
    assert found is not None and [(b.low, b.high) for b in found[1]] == [(0, 30000), (30000, 100000),
                                                                          (100000, 200000)]
    assert Tables().for_clause(_path_ref(tabled)) is None


def _path_ref(site: Site) -> Ref:
    return next(m for m in site.checklist.matters if m.code == WITH_TABLE).penalty.refs[0]


def test_a_crime_stage_is_stated_not_offered(site: Site) -> None:
    # 第九十九条: “构成犯罪的，依照刑法有关规定追究刑事责任” is no administrative penalty to choose.
    step = _path(site, "330225002022").steps[-1]
    assert [o.stage for o in step.options] == ["违法行为成立", "逾期未改正的", "情节严重的"]
    assert step.notes[0] == "构成犯罪的，依照刑法有关规定追究刑事责任（《安全生产法》第九十九条第（一）项）。"


def test_a_clause_without_a_readable_ladder_is_quoted_whole(site: Site) -> None:
    m = next(m for m in site.checklist.matters if m.code == WITH_TABLE)
    odd = replace(m, penalty=replace(m.penalty, refs=(Ref("xzcff", 36, 1),)))
    step = decision_path(site.library, odd, site.discretion, m.path).steps[-1]
    assert [(o.value, o.outcome) for o in step.options] == [("0", "cf")]
    assert step.options[0].label.startswith("按条文确定：违法行为在二年内未被发现的")
    assert "未整理成阶次" in step.ask


def test_every_matter_page_has_the_path(site: Site) -> None:
    pages = render_pages(site)
    for m in site.checklist.matters:
        page = pages[m.path]
        assert page.count("data-zyc") == 1 and "<!-- zyc-path -->" not in page, m.code
