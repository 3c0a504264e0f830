"""No traceback, ever: odd YAML, damaged law files, a non-UTF-8 guidance and disk errors end in a message."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.adapters.cli import main

from . import tiny


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text
    return code, text


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tiny.write_data(tmp_path / "data")


def _validate(data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    return _run(["validate", "--data", str(data), "--docs", str(tiny.ROOT / "docs")], capsys)


ODD_YAML = {
    "python_tag": ("事项名称: !!python/object/apply:os.system ['echo x']",
                   "不支持的 YAML 标签 !!python/object/apply:os.system"),
    "local_tag": ("事项名称: !mingcheng 对未设置安全警示标志的行政处罚", "不支持的 YAML 标签 !mingcheng"),
    "binary": ("事项名称: !!binary 5ZCN56ew", "不支持的 YAML 标签 !!binary"),
    "complex_key": ("? [事项名称, 别名]\n: 对未设置安全警示标志的行政处罚", "键必须是简单的文本"),
    "bad_date": ("本地补充: 2024-13-45", "无法读取的值 '2024-13-45'"),
    "set": ("现场检查要点: !!set {a, b}", "不支持的 YAML 标签 !!set"),
}


@pytest.mark.parametrize("case", sorted(ODD_YAML))
def test_odd_yaml_in_the_checklist_is_reported(case: str, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = data / "checklist.yaml"
    text = path.read_text(encoding="utf-8")
    line, expected = ODD_YAML[case]
    anchor = "  事项名称: 对未设置安全警示标志的行政处罚\n"
    assert anchor in text
    at = text[:text.index(anchor)].count("\n") + 1
    replacement = "".join(f"  {ln}\n" for ln in line.split("\n"))
    path.write_text(text.replace(anchor, replacement, 1), encoding="utf-8")
    code, out = _validate(data, capsys)
    assert code == 1 and f"checklist.yaml:{at}:" in out and expected in out, out


@pytest.mark.parametrize("content, expected", [
    ("", "csaqf.yaml:1: 文件为空"),
    ("id: csaqf\ntitle: [\n", "csaqf.yaml:3: YAML 格式错误"),
    ("- 1\n- 2\n", "应为法规数据"),
    ("id: csaqf\ntitle: 测试\n", "不是有效的法规数据：缺少字段 'articles'"),
    ("id: csaqf\ntitle: 测试\nversion_date: x\narticles: [{number: 1, paragraphs: [{text: [1]}]}]\n",
     "articles[1].paragraphs 应为文本"),
    ("id: !!python/name:os.system\n", "YAML 格式错误"),
])
def test_a_broken_law_file_is_named(content: str, expected: str, data: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    (data / "laws" / "csaqf.yaml").write_text(content, encoding="utf-8")
    code, out = _validate(data, capsys)
    assert code == 1 and expected in out and "laws/csaqf.yaml" in out, out
    (data.parent / "list.txt").write_text("x", encoding="utf-8")
    code, out = _run(["import", str(data.parent / "list.txt"), "--data", str(data)], capsys)
    assert code == 1 and expected in out


def test_a_guidance_not_in_utf8_is_named(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / "guidance.txt").write_bytes("第一行\n第二行\n".encode() + "第三行是 GBK".encode("gbk"))
    code, out = _validate(data, capsys)
    assert code == 1 and "guidance.txt:3: 不是 UTF-8 文本（第 3 行" in out, out


def test_a_full_disk_on_export(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    code, out = _run(["export", "--xlsx", "/dev/full", "--data", str(data)], capsys)
    assert code == 1 and "/dev/full: 无法读写文件" in out and "磁盘已满" in out


def test_a_folder_that_cannot_be_made(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    code, out = _run(["emit", str(blocker / "out"), "--data", str(data), "--docs", str(tiny.ROOT / "docs")], capsys)
    assert code == 1 and f"{blocker}" in out and "无法读写文件" in out
    code, out = _run(["export", "--xlsx", str(blocker / "x.xlsx"), "--data", str(data)], capsys)
    assert code == 1 and "无法读写文件" in out
    (tmp_path / "list.txt").write_text("x", encoding="utf-8")


def test_build_into_a_folder_that_cannot_be_made(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tiny.write_project(tmp_path / "p")
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    code, out = _run(["build", "--data", str(project / "data"), "--config", str(project / "mkdocs.yml"),
                      "--site-dir", str(blocker / "site"), "--dist-dir", str(tmp_path / "dist")], capsys)
    assert code == 1 and str(blocker) in out and "无法读写文件" in out


def test_an_import_that_cannot_write_writes_nothing(data: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from .test_import_robust import _save, _workbook

    path = _save(_workbook(tiny.rows()), tmp_path / "list.xlsx")
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    code, out = _run(["import", str(path), "--data", str(data), "-o", str(blocker / "checklist.yaml")], capsys)
    assert code == 1 and "无法读写文件" in out


@pytest.mark.parametrize("sources, expected", [
    ("- a\n", "laws: 应为法规列表"),
    ("laws: [1]\n", "laws[0]: 应为 file、id、short_names、kind、effective_date、version 的映射"),
    ("laws:\n- {file: 'x(2024-01-01).md', id: x, kind: 法律, effective_date: 2024-01-01, version: x, short_names: 3}\n",
     "laws[0].short_names: 应为简称的列表"),
])
def test_a_broken_sources_yaml_is_named(sources: str, expected: str, data: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    (data / "laws" / "sources.yaml").write_text(sources, encoding="utf-8")
    law = tmp_path / "x(2024-01-01).md"
    law.write_text("# x\n", encoding="utf-8")
    code, out = _run(["laws", "import", str(law), "--data", str(data)], capsys)
    assert code == 1 and expected in out, out


def test_a_law_text_not_in_utf8_is_named(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / "laws" / "sources.yaml").write_text(
        "laws:\n- {file: 'x(2024-01-01).md', id: x, kind: 法律, effective_date: 2024-01-01, version: x}\n",
        encoding="utf-8")
    law = tmp_path / "x(2024-01-01).md"
    law.write_bytes("# 测试法\n".encode("gbk"))
    code, out = _run(["laws", "import", str(law), "--data", str(data)], capsys)
    assert code == 1 and "不是 UTF-8 文本" in out, out
