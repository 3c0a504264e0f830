"""`generator validate`: every problem at once, as path:line: key.path: message (golden files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.adapters.cli import main

from .conftest import assert_golden

FIRST_CODE = "事项代码: '330225002022'"

# Each case breaks the real checklist in one way: (old text, new text).
CASES: dict[str, list[tuple[str, str]]] = {
    "code_11_digits": [(FIRST_CODE, "事项代码: '33022500202'")],
    "code_duplicate": [("事项代码: '330225008001'", FIRST_CODE)],
    "code_unquoted_number": [(FIRST_CODE, "事项代码: 330225002022")],
    "unknown_category": [("  类别: 预案管理类", "  类别: 预案管理")],
    "missing_field": [("  事项名称: 对生产经营单位特种作业人员未按规定培训取证上岗作业的行政处罚\n", "")],
    "unknown_field": [("  事项名称: 对生产经营单位特种作业人员", "  事项名: 对生产经营单位特种作业人员")],
    "malformed_yaml": [("    - {法规: 安全生产法, 条: 30}", "    - {法规: 安全生产法, 条: 30")],
    "unknown_law": [("{法规: 安全生产法, 条: 81}", "{法规: 安全生产违法行为行政处罚办法, 条: 81}")],
    "unknown_article": [("{法规: 安全生产法, 条: 99, 项: 1}", "{法规: 安全生产法, 条: 199, 项: 1}")],
    "unknown_item": [("{法规: 安全生产法, 条: 97, 项: 7}", "{法规: 安全生产法, 条: 97, 项: 17}")],
    "article_in_chinese": [("{法规: 安全生产法, 条: 49}", "{法规: 安全生产法, 条: 第四十九条}")],
    "many_at_once": [
        (FIRST_CODE, "事项代码: '3302250020'"),
        ("  类别: 预案管理类", "  类别: 预案管理"),
        ("{法规: 安全生产法, 条: 97, 项: 7}", "{法规: 安全生产法, 条: 97, 项: 17}"),
    ],
}


def _validate(data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    monkeypatch.chdir(data_dir.parent)
    code = main(["validate", "--data", "data"])
    out = capsys.readouterr()
    return code, out.err + out.out


def test_clean_data_passes_with_a_summary(data_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _validate(data_copy, monkeypatch, capsys)
    assert code == 0
    assert out.splitlines()[-1].startswith("data/checklist.yaml：3 类 5 个事项")


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_with_file_line_and_key(case: str, data_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = data_copy / "checklist.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in CASES[case]:
        assert old in text, f"the case {case} no longer matches the data: {old!r}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    code, out = _validate(data_copy, monkeypatch, capsys)
    assert code == 1
    assert_golden(f"errors/{case}.txt", out)


def test_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "data").mkdir()
    code, out = _validate(tmp_path / "data", monkeypatch, capsys)
    assert code == 1
    assert "data/checklist.yaml: 找不到文件（提示：用 --data 目录 指定数据目录）" in out
