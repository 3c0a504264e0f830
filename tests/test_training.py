"""Training material: made from the data, changing with it, and every exported file complete."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.model.guidance import blocks, extract
from generator.model.site import Site, load_site
from generator.model.training import KIND_BASIS, KIND_CATEGORY, KIND_FINE, KIND_LIMIT, KIND_PENALTY, questions
from generator.pages.render import render_downloads, render_pages
from generator.pages.training_pages import BANK_DOCX, BANK_XLSX, QUIZ_FIELDS, quiz_data

from .conftest import DATA, SEED
from .searchquery import JS_FIXTURES, ROOT, node, node_json

QUIZ_JS = ROOT / "docs" / "assets" / "quiz.js"


def test_every_matter_gives_its_questions(site: Site) -> None:
    qs = questions(site)
    kinds = {(q.kind, q.id.split("-", 1)[1]) for q in qs}
    for m in site.checklist.matters:
        for kind in (KIND_BASIS, KIND_PENALTY, KIND_FINE, KIND_CATEGORY):
            assert (kind, m.code) in kinds
    assert sum(q.kind == KIND_LIMIT for q in qs) == len(site.procedures.limits)


def test_answers_are_the_facts_of_the_data(site: Site) -> None:
    by_id = {q.id: q for q in questions(site)}
    assert by_id["basis-330225002014"].answer_text == "《安全生产法》第三十条"
    assert by_id["penalty-330225002014"].answer_text == "《安全生产法》第九十七条第（七）项"
    assert by_id["fine-330225002014"].answer_text == "十万元以下的罚款"
    assert by_id["category-330225002038"].answer_text == "预案管理类"
    for q in by_id.values():
        assert len(set(q.options)) == len(q.options) >= 3
        # No wrong option is the right one in other words (第九十七条 for 第九十七条第（七）项).
        assert not any(o != q.answer_text and (o.startswith(q.answer_text) or q.answer_text.startswith(o))
                       for o in q.options)


def test_questions_change_when_the_data_does(data_copy: Path) -> None:
    path = data_copy / "checklist.yaml"
    text = path.read_text(encoding="utf-8").replace("{法规: 安全生产法, 条: 30}", "{法规: 安全生产法, 条: 28}")
    text = text.replace("  类别: 特种作业监管类", "  类别: 预案管理类")
    path.write_text(text, encoding="utf-8")
    by_id = {q.id: q for q in questions(load_site(data_copy))}
    assert by_id["basis-330225002014"].answer_text == "《安全生产法》第二十八条"
    assert by_id["category-330225002014"].answer_text == "预案管理类"


def test_the_bank_exports_hold_every_question(site: Site) -> None:
    from docx import Document
    from openpyxl import load_workbook

    qs = questions(site)
    files = render_downloads(site)
    ws = load_workbook(io.BytesIO(files[BANK_XLSX])).active
    assert ws is not None
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in rows] == [q.text for q in qs]
    assert [r[7] for r in rows] == [q.answer_letter for q in qs]
    text = "\n".join(p.text for p in Document(io.BytesIO(files[BANK_DOCX])).paragraphs)
    assert all(q.text in text for q in qs)
    assert all(f"{n}.{q.answer_letter}" in text for n, q in enumerate(qs, start=1))
    for c in site.checklist.categories:
        sheet = load_workbook(io.BytesIO(files[f"downloads/inspection-{c.id}.xlsx"])).active
        assert sheet is not None
        codes = [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)]
        assert sorted(codes) == sorted(m.code for m in site.checklist.in_category(c.name))


def test_downloads_are_reproducible(site: Site) -> None:
    assert render_downloads(site) == render_downloads(site)


def test_the_guidance_is_the_issued_text(site: Site) -> None:
    assert (DATA / "guidance.txt").read_text(encoding="utf-8") == extract(SEED.read_text(encoding="utf-8"))
    page = render_pages(site)["guidance.md"]
    flat = re.sub(r"\s+", "", page)
    for b in blocks(site.guidance):
        assert re.sub(r"\s+", "", b.text) in flat, b.text[:20]
    # A sentence split by the PDF's page break reads whole again.
    assert "市级应急管理部门每年至少要组织一次县级应急管理部门交叉行政执法检查。在交叉执法检查中" in flat


def test_each_mechanism_links_to_its_tools(site: Site) -> None:
    page = render_pages(site)["guidance.md"]
    for target in ("training/plan.md", "training/quiz.md", "training/bank.md", "training/inspection-zhjg.md",
                   "training/report-weekly.md", "training/report-monthly.md", "training/case-review.md"):
        assert f"]({target})" in page, target


def test_review_and_inspection_sheets_come_from_the_data(site: Site) -> None:
    pages = render_pages(site)
    review = pages["training/case-review.md"]
    for s in site.procedures.stages:
        assert f"## {s.name}" in review
        assert all(c in review for st in s.steps for c in st.checks)
    for d in site.procedures.documents.values():
        assert d.name in review
    sheet = pages["training/inspection-tzzy.md"]
    assert "330225002014" in sheet and "特种作业人员必须按照国家有关规定" in sheet


def test_report_templates_name_what_the_guidance_asks(site: Site) -> None:
    pages = render_pages(site)
    weekly, monthly = pages["training/report-weekly.md"], pages["training/report-monthly.md"]
    for item in ("执法系统运行", "案件（5万元以下）办理", "执法数据统计上报"):
        assert item in weekly
    for item in ("好的做法", "存在的问题", "下一步工作重点任务"):
        assert item in monthly


def test_study_pages_follow_the_articles(site: Site) -> None:
    page = render_pages(site)["training/study-zhjg.md"]
    order = [page.index(code) for code in ("330225002022", "330225008001", "330225002036")]
    assert order == sorted(order)  # 第三十五条 before 第四十九条


def test_each_self_test_question_reads_text_options_answer(site: Site, built: Path) -> None:
    # As a Markdown list in a collapsed block, the first question's text came after its options.
    codes = {m.code for m in site.checklist.matters}
    mine = [q for q in questions(site) if q.id.split("-", 1)[1] in codes]  # the others are on no study page
    shown = 0
    for page in (built / "site" / "training").glob("study-*.html"):
        html = page.read_text(encoding="utf-8")
        for block in re.findall(r'<details class="question">(.*?)</details>', html, re.S):
            items = re.findall(r"<li>\n<p>(.*?)</p>\n<ul>\n(.*?)\n</ul>\n<p>答案：([ABCD])</p>\n</li>", block, re.S)
            assert items and len(items) == block.count("<p>答案："), page.name
            for text, options, letter in items:
                q = next(q for q in mine if re.sub("<[^>]+>", "", text) == q.text)
                assert re.sub("<[^>]+>", "", options).split("\n") == [
                    f"{x}. {o}" for x, o in zip("ABCD", q.options, strict=False)]
                assert letter == q.answer_letter
                shown += 1
    assert shown == len(mine) > 0
    assert '<li>A. <a href="../laws/aqscf.html#a' in (built / "site" / "training" / "study-zhjg.html").read_text(
        encoding="utf-8")


def test_quiz_explanations_lead_to_existing_pages(site: Site, built: Path) -> None:
    data = (built / "site" / "assets" / "quiz-data.js").read_text(encoding="utf-8")
    for url in set(re.findall(r'"explain":"([^"]+)"', data)):
        path, _, anchor = url.partition("#")
        html = (built / "site" / path).read_text(encoding="utf-8")
        assert not anchor or f'id="{anchor}"' in html, url




def _quiz_rows(site: Site) -> list[dict[str, Any]]:
    text = quiz_data(questions(site))
    assert text.startswith("window.YJZF_QUIZ=") and text.endswith(";\n")
    rows: list[dict[str, Any]] = json.loads(text.removeprefix("window.YJZF_QUIZ=").removesuffix(";\n"))
    return rows


def test_quiz_data_has_exactly_the_fields_quiz_js_reads(site: Site) -> None:
    rows = _quiz_rows(site)
    js = node_json(f"const q = require({json.dumps(str(QUIZ_JS))}); console.log(JSON.stringify(q.FIELDS))")
    assert js == list(QUIZ_FIELDS) and rows and all(list(r) == list(QUIZ_FIELDS) for r in rows)
    # quiz.js leaves out a question it cannot show: none of the generator's.
    script = (f"const q = require({json.dumps(str(QUIZ_JS))}); const rows = JSON.parse(require('fs').readFileSync(0));"
              "console.log(JSON.stringify(q.questions(rows).length))")
    out = subprocess.run([node(), "-e", script], input=json.dumps(rows), capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == len(rows)


def test_the_js_tests_quiz_fixture_has_the_generators_shape(site: Site) -> None:
    # tests/js/quiz.test.js runs on a small hand-written quiz: its questions must be what the generator writes.
    def shape(row: dict[str, Any]) -> list[tuple[str, str]]:
        return [(k, type(v).__name__ + ("[" + type(v[0]).__name__ + "]" if isinstance(v, list) else ""))
                for k, v in row.items()]

    fixture = json.loads((JS_FIXTURES / "quiz-data.json").read_text(encoding="utf-8"))
    assert {repr(shape(r)) for r in fixture} == {repr(shape(r)) for r in _quiz_rows(site)}


def test_guidance_reads_the_notice_kept_in_the_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.adapters.cli import main

    data = tmp_path / "data"
    (data / "sources").mkdir(parents=True)
    shutil.copy2(SEED, data / "sources" / SEED.name)
    assert main(["guidance", "--data", str(data)]) == 0, capsys.readouterr().err
    assert (data / "guidance.txt").read_bytes() == (DATA / "guidance.txt").read_bytes()
