"""Every data file: unknown keys and citations that cannot be linked, reported by `validate` with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.adapters.cli import main
from generator.model.citations import find_citations
from generator.model.datafiles import DATA_FILES, DataFile, Each, Keys, check_data_files
from generator.model.model import Library
from generator.model.site import Site
from generator.pages.render import render_pages

from .conftest import assert_golden

CHANGELOG = """记录:
  - 日期: '2024-05-01'
    来源: list.xlsx
    备注: 手工加的
    新增:
      - {事项代码: '330225002022', 事项名字: 某事项}
"""

# (file under data/, old text, new text, the key added): each adds one key that no reader knows.
UNKNOWN_KEYS: dict[str, tuple[str, str, str, str]] = {
    "stage": ("stages/1-xcjc.yaml", "    文书: [wts]\n", "    文书: [wts]\n    编者注: 先看委托书\n", "编者注"),
    "documents": ("documents.yaml", "    依据: {法规: 安全生产法, 条: 68}\n",
                  "    依据: {法规: 安全生产法, 条: 68}\n    式样: 待补充\n", "式样"),
    "delegation": ("delegation.yaml", "本县规定:", "县级措施: []\n本县规定:", "县级措施"),
    "sources": ("laws/sources.yaml", "    effective_date: \"2012-01-01\"\n",
                "    effective_date: \"2012-01-01\"\n    effective: \"2012-01-01\"\n", "effective"),
    "law": ("laws/xzqzf.yaml", "- number: 18\n", "- number: 18\n  label: 第十八条\n", "label"),
    "checklist": ("checklist.yaml", "分类:\n", "版本: 2024\n分类:\n", "版本"),
}


def _validate(data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    monkeypatch.chdir(data.parent)
    code = main(["validate", "--data", "data", "--docs", "nodocs"])
    out = capsys.readouterr()
    return code, out.err + out.out


def _break(data: Path, name: str, old: str, new: str) -> None:
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("case", sorted(UNKNOWN_KEYS))
def test_unknown_key_in_every_data_file(case: str, data_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    name, old, new, key = UNKNOWN_KEYS[case]
    _break(data_copy, name, old, new)
    text = (data_copy / name).read_text(encoding="utf-8")
    line = text[: text.index(new) + new.index(f"{key}:")].count("\n") + 1
    code, out = _validate(data_copy, monkeypatch, capsys)
    assert code == 1
    found = [ln for ln in out.splitlines() if f"未知的键“{key}”" in ln]
    assert len(found) == 1, out
    assert found[0].startswith(f"data/{name}:{line}: ") and "允许的键：" in found[0]


def test_unknown_key_in_a_stage_golden(data_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    _break(data_copy, *UNKNOWN_KEYS["stage"][:3])
    code, out = _validate(data_copy, monkeypatch, capsys)
    assert code == 1
    assert_golden("errors/unknown_key_stage.txt", out)


def test_unknown_keys_in_the_changelog_and_a_law_file_golden(data_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    (data_copy / "changelog.yaml").write_text(CHANGELOG, encoding="utf-8")
    _break(data_copy, *UNKNOWN_KEYS["law"][:3])
    code, out = _validate(data_copy, monkeypatch, capsys)
    assert code == 1
    assert_golden("errors/unknown_key_changelog_law.txt", out)


def test_every_unknown_key_at_once(data_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    for name, old, new, _ in UNKNOWN_KEYS.values():
        _break(data_copy, name, old, new)
    code, out = _validate(data_copy, monkeypatch, capsys)
    assert code == 1
    assert out.count("未知的键") == len(UNKNOWN_KEYS)


def test_the_nearest_key_is_named(data_copy: Path, library: Library) -> None:
    _break(data_copy, "stages/1-xcjc.yaml", "    核对:\n", "    核对项:\n")
    (problem,) = [p for p in check_data_files(data_copy, library, "data") if "未知的键" in p.message]
    assert problem.key == "步骤[0].核对项" and "是否想写“核对”" in problem.hint


def test_a_new_kind_of_data_file_plugs_in(tmp_path: Path, library: Library) -> None:
    # A new kind (here data/plans/*.yaml): one DataFile entry, and its keys and citations are checked like the others.
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "kc.yaml").write_text(
        "县: 柯城区\n委托书:\n  - 名称: 委托书\n    文号: 柯应急〔2024〕1号\n    范围: 依照消防法第十条\n",
        encoding="utf-8")
    county = DataFile("plans/*.yaml", Keys({"县": None, "委托书": Each(Keys({"名称": None, "文号": None}))}))
    problems = check_data_files(tmp_path, library, "data", (*DATA_FILES, county))
    where = ("data/plans/kc.yaml", 5, "委托书[0].范围", "error")
    assert [(p.file, p.line, p.key, p.severity) for p in problems] == [where, where]
    assert [p.message[:4] for p in problems] == ["未知的键", "无法链接"]


# Citations that cannot be linked, in any data file: (file, old, new, severity).
CITATIONS: dict[str, tuple[str, str, str, str]] = {
    "stage_intro": ("stages/1-xcjc.yaml", "简介: 本指引按", "简介: 依照消防法第十条，本指引按", "error"),
    "document_purpose": ("documents.yaml", "    用途: 行政机关书面委托实施行政处罚时使用",
                         "    用途: 依照《行政处罚法》第二百条，行政机关书面委托实施行政处罚时使用",
                         "error"),
    "checklist_local": ("checklist.yaml", "  事项名称: 对生产经营单位特种作业人员未按规定培训取证上岗作业的行政处罚\n",
                        "  事项名称: 对生产经营单位特种作业人员未按规定培训取证上岗作业的行政处罚\n"
                        "  本地补充: 另见民法典第一千一百六十五条\n", "error"),
}


@pytest.mark.parametrize("case", sorted(CITATIONS))
def test_unresolved_citation_in_a_data_file(case: str, data_copy: Path, library: Library) -> None:
    name, old, new, severity = CITATIONS[case]
    _break(data_copy, name, old, new)
    line = (data_copy / name).read_text(encoding="utf-8").index(new.strip().split("\n")[-1])
    expected_line = (data_copy / name).read_text(encoding="utf-8")[:line].count("\n") + 1
    problems = [p for p in check_data_files(data_copy, library, "data") if p.message.startswith("无法链接")]
    assert [(p.file, p.line, p.severity) for p in problems] == [(f"data/{name}", expected_line, severity)]


def test_guidance_and_quoted_text_only_warn(data_copy: Path, library: Library) -> None:
    guidance = data_copy / "guidance.txt"
    guidance.write_text(guidance.read_text(encoding="utf-8") + "\n依照消防法第十条处理。\n", encoding="utf-8")
    problems = [p for p in check_data_files(data_copy, library, "data") if p.message.startswith("无法链接")]
    assert [(p.file, p.severity) for p in problems] == [("data/guidance.txt", "warning")]
    assert problems[0].line == len(guidance.read_text(encoding="utf-8").splitlines())


def test_the_real_data_has_no_unknown_key_or_unresolved_citation(library: Library) -> None:
    from .conftest import DATA

    assert [str(p) for p in check_data_files(DATA, library, "data") if p.severity == "error"] == []


def test_no_generated_page_has_a_citation_that_cannot_be_linked(site: Site) -> None:
    # The templates' own text cites law too (行政处罚法 第五十一条 …): every citation on every page is linked.
    for path, markdown in render_pages(site).items():
        if not path.startswith("laws/"):  # law pages: citations.unresolved_in_laws, with their own 本法
            assert [c.text for c in find_citations(markdown, site.library) if c.problem] == [], path
