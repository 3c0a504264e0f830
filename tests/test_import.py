"""`generator import` and `export`: the list as published, merged without losing local additions."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.adapters.cli import main
from generator.model.model import Library
from generator.published.listtext import COLUMNS

from .conftest import DATA, FIXTURES, SEED


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out + out.err


def _seed_rows() -> list[list[str]]:
    data = yaml.safe_load((FIXTURES / "checklist.yaml").read_text(encoding="utf-8"))
    return [[str(m["序号"]), m["类别"], m["事项代码"], m["事项名称"], m["法律依据"]["原文"], m["处罚条款和内容"]["原文"]]
            for m in data["事项"]]


def _tsv(path: Path, rows: list[list[str]]) -> Path:
    lines = ["\t".join(COLUMNS)] + ["\t".join(c.replace("\n", "</p> <p>") for c in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _xlsx(path: Path, rows: list[list[str]], merge_category: bool = False) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    ws.append(["衢州市应急管理系统安全生产重点事项清单"])  # a title row above the table
    ws.append(list(COLUMNS))
    for r in rows:
        ws.append(r)
    if merge_category:  # rows 3–5 share one merged 类别 cell, as in the bureau's spreadsheet
        for row in (4, 5):
            ws.cell(row=row, column=2).value = None
        ws.merge_cells("B3:B5")
    wb.save(path)
    return path


def _docx(path: Path, rows: list[list[str]], merge_category: bool = False,
          merge_across: tuple[int, int, int] | None = None) -> Path:
    """The list as a Word table; merge_category merges 类别 down rows 1-3, merge_across merges (row, col, col)."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("附件")
    table = doc.add_table(rows=len(rows) + 1, cols=6)
    for c, name in enumerate(COLUMNS):
        table.cell(0, c).text = name
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    if merge_category:
        table.cell(1, 1).merge(table.cell(3, 1)).text = rows[0][1]
    if merge_across:
        row, first, last = merge_across
        table.cell(row, first).merge(table.cell(row, last))
    doc.save(str(path))
    return path


@pytest.fixture
def laws_only(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copytree(DATA / "laws", data / "laws")
    return data


def test_importing_the_seed_changes_nothing(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (data_copy / "checklist.yaml").read_bytes()
    code, out = _run(["import", str(SEED), "--data", str(data_copy)], capsys)
    assert code == 0 and "5 个事项，没有变化" in out
    assert (data_copy / "checklist.yaml").read_bytes() == before
    assert not (data_copy / "changelog.yaml").exists()


def test_importing_the_seed_into_nothing_gives_the_five_matters(laws_only: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(["import", str(SEED), "--data", str(laws_only)], capsys)
    assert code == 0 and out.count("新增 3302") == 5
    new = yaml.safe_load((laws_only / "checklist.yaml").read_text(encoding="utf-8"))["事项"]
    old = yaml.safe_load((FIXTURES / "checklist.yaml").read_text(encoding="utf-8"))["事项"]
    assert new == old


def test_a_new_version_keeps_local_additions_and_records_changes(data_copy: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = data_copy / "checklist.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["事项"][3]["现场检查要点"] = ["查看特种作业人员操作证"]
    data["事项"][1]["本地补充"] = "本县有限空间作业较多。"
    from generator.model.checklist_yaml import dump_checklist

    path.write_text(dump_checklist(data), encoding="utf-8")
    rows = _seed_rows()
    rows[3][3] = "对特种作业人员未按规定经专门培训并取得相应资格上岗作业的行政处罚"  # renamed
    removed = rows.pop(1)                                                             # dropped
    rows.append(["6", "预案管理类", "330225002099", "新增的测试事项", rows[3][4], rows[3][5]])
    code, out = _run(["import", str(_tsv(tmp_path / "v2.txt", rows)), "--data", str(data_copy)], capsys)
    assert code == 0, out
    assert "新增 330225002099 新增的测试事项" in out
    assert f"删除 {removed[2]}" in out and "本地补充的内容已存入更新记录" in out
    assert "修改 330225002014 事项名称" in out
    after = yaml.safe_load(path.read_text(encoding="utf-8"))["事项"]
    kept = next(m for m in after if m["事项代码"] == "330225002014")
    assert kept["现场检查要点"] == ["查看特种作业人员操作证"] and kept["事项名称"].startswith("对特种作业人员")
    log = yaml.safe_load((data_copy / "changelog.yaml").read_text(encoding="utf-8"))["记录"]
    assert log[-1]["删除"][0]["本地补充"] == "本县有限空间作业较多。"
    assert main(["validate", "--data", str(data_copy), "--docs", str(tmp_path / "none")]) == 0
    from generator.model.site import load_site
    from generator.pages.render import render_pages

    page = render_pages(load_site(data_copy))["changelog.md"]
    assert "新增的测试事项" in page and "330225008001" in page and "事项名称" in page


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_tables_with_merged_cells(fmt: str, laws_only: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    rows = _seed_rows()[:3]  # three rows of one category, its cell merged
    path = (_xlsx if fmt == "xlsx" else _docx)(tmp_path / f"list.{fmt}", rows, merge_category=True)
    code, out = _run(["import", str(path), "--data", str(laws_only)], capsys)
    assert code == 0, out
    new = yaml.safe_load((laws_only / "checklist.yaml").read_text(encoding="utf-8"))
    assert [m["类别"] for m in new["事项"]] == ["安全生产综合监管类"] * 3
    assert new["事项"][2]["处罚条款和内容"]["引用"] == [{"法规": "安全生产法", "条": 103, "款": 2}]


def test_a_row_split_by_a_page_break_in_a_spreadsheet_is_joined(laws_only: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    rows = _seed_rows()[2:3]
    first, second = list(rows[0]), ["", "", "", "", "", ""]
    for c in (3, 4, 5):
        cut = len(first[c]) // 2
        first[c], second[c] = first[c][:cut], first[c][cut:]
    code, out = _run(["import", str(_xlsx(tmp_path / "split.xlsx", [first, second])), "--data", str(laws_only)],
                     capsys)
    assert code == 0, out
    (m,) = yaml.safe_load((laws_only / "checklist.yaml").read_text(encoding="utf-8"))["事项"]
    assert m["事项名称"] == rows[0][3] and m["法律依据"]["原文"] == rows[0][4]


BAD: dict[str, tuple[str, Any]] = {
    "missing_columns": ("txt", lambda rows: "序号\t类别\t事项代码\t事项名称\n1\t甲\t330225002022\t乙\n"),
    "code_11_digits": ("xlsx", lambda rows: [[*r[:2], "33022500202", *r[3:]] if i == 1 else r
                                             for i, r in enumerate(rows)]),
    "duplicate_code": ("docx", lambda rows: [[*r[:2], rows[0][2], *r[3:]] if i == 2 else r
                                             for i, r in enumerate(rows)]),
    "article_does_not_exist": ("txt", lambda rows: [[*r[:5], r[5].replace("第九十九条", "第一百九十九条")] if i == 0 else r
                                                    for i, r in enumerate(rows)]),
    "law_not_in_library": ("xlsx", lambda rows: [[*r[:4], "《安全生产违法行为行政处罚办法》第五条 …", r[5]] if i == 0 else r
                                                 for i, r in enumerate(rows)]),
    "empty_file": ("txt", lambda rows: ""),
    "binary_file": ("txt", lambda rows: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10),
    "fifty_megabytes": ("txt", lambda rows: b"\t" * (50 * 1024 * 1024)),
    "not_really_xlsx": ("xlsx", lambda rows: "序号\t类别\n"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_reported_and_nothing_is_written(case: str, data_copy: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    fmt, make = BAD[case]
    content = make(_seed_rows())
    path = tmp_path / f"list.{fmt}"
    if isinstance(content, list):
        (_xlsx if fmt == "xlsx" else _docx if fmt == "docx" else _tsv)(path, content)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    before = (data_copy / "checklist.yaml").read_bytes()
    code, out = _run(["import", str(path), "--data", str(data_copy)], capsys)
    assert code == 1
    assert "Traceback" not in out and "没有写入" in out
    assert (data_copy / "checklist.yaml").read_bytes() == before
    expected = {
        "missing_columns": "list.txt: 找不到含有 序号、类别、事项代码、事项名称、法律依据、处罚条款和内容 各列的表头行；"
                           "缺少 法律依据、处罚条款和内容",
        "code_11_digits": "list.xlsx:Sheet1!C4: 事项代码: 事项代码应为 12 位半角数字，发现 '33022500202'（11 个字符，其中 11 位数字）",
        "duplicate_code": "list.docx:表1!R4C3: 事项代码: 事项代码 330225002022 重复；第一次出现在 list.docx:表1!R2C3",
        "article_does_not_exist": "list.txt:2: 处罚条款和内容: 无法识别引用 “《中华人民共和国安全生产法》"
                                  "第一百九十九条”：安全生产法没有第一百九十九条",
        "law_not_in_library": "list.xlsx:Sheet1!E3: 法律依据: 无法识别引用 “《安全生产违法行为行政处罚办法》第五条”："
                              "《安全生产违法行为行政处罚办法》不在法规库中",
        "empty_file": "list.txt: 文件是空的",
        "binary_file": "list.txt: 这是二进制文件，不是文本格式的清单",
        "fifty_megabytes": "list.txt: 文件大小 50.0 MB；清单文件应小于 10 MB",
        "not_really_xlsx": "list.xlsx: 无法按 .xlsx 读取",
    }[case]
    assert expected in out


def test_export_then_import_gives_the_same_data(data_copy: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    before = (data_copy / "checklist.yaml").read_bytes()
    assert _run(["export", "--xlsx", str(tmp_path / "out.xlsx"), "--data", str(data_copy)], capsys)[0] == 0
    code, out = _run(["import", str(tmp_path / "out.xlsx"), "--data", str(data_copy)], capsys)
    assert code == 0 and "没有变化" in out
    assert (data_copy / "checklist.yaml").read_bytes() == before


def test_export_is_the_official_column_layout(fixture_data: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    assert _run(["export", "--xlsx", str(tmp_path / "a.xlsx"), "--data", str(fixture_data)], capsys)[0] == 0
    assert _run(["export", "--xlsx", str(tmp_path / "b.xlsx"), "--data", str(fixture_data)], capsys)[0] == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    ws = load_workbook(tmp_path / "a.xlsx").active
    assert ws is not None
    assert [c.value for c in ws[1]] == list(COLUMNS)
    assert ws["C2"].value == "330225002022" and ws.max_row == 6


# --- round trip over random valid lists ------------------------------------------------------------

def _articles_with_items(library: Library) -> list[tuple[int, int, int]]:
    law = library.laws["aqscf"]
    return [(a.number, p.number, len(p.items)) for a in law.articles for p in a.paragraphs if p.items
            and len(a.item_paragraphs) == 1]


CJK = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=2, max_size=30)


@st.composite
def random_list(draw: st.DrawFn, library: Library) -> list[list[str]]:
    law = library.laws["aqscf"]
    items = _articles_with_items(library)
    count = draw(st.integers(min_value=1, max_value=6))
    codes = draw(st.lists(st.from_regex(r"\A3302[0-9]{8}\Z"), min_size=count, max_size=count, unique=True))
    rows = []
    for n, code in enumerate(codes, start=1):
        basis = law.articles[draw(st.integers(min_value=0, max_value=len(law.articles) - 1))]
        basis_text = f"《中华人民共和国安全生产法》{basis.label} " + "\n".join(p.text for p in basis.paragraphs)
        art, para, n_items = draw(st.sampled_from(items))
        article = law.article(art)
        assert article is not None
        lead = article.paragraphs[para - 1]
        item = lead.items[draw(st.integers(min_value=0, max_value=n_items - 1))]
        penalty = f"《中华人民共和国安全生产法》{article.label} {lead.text}{item.text}"
        rows.append([str(n), draw(st.sampled_from(["安全生产综合监管类", "预案管理类", "危化品监管类"])), code,
                     "对" + draw(CJK) + "的行政处罚", basis_text, penalty])
    return rows


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_round_trip_of_random_lists(data: st.DataObject, library: Library, tmp_path: Path) -> None:
    from generator.published.importer import read_source, rows_to_matters

    rows = data.draw(random_list(library))
    folder = tmp_path / str(abs(hash(str(rows))))
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "data").mkdir(parents=True)
    shutil.copytree(DATA / "laws", folder / "data" / "laws")
    first = rows_to_matters(read_source(_tsv(folder / "list.txt", rows)), library)
    assert main(["import", str(folder / "list.txt"), "--data", str(folder / "data")]) == 0
    assert main(["export", "--xlsx", str(folder / "out.xlsx"), "--data", str(folder / "data")]) == 0
    again = rows_to_matters(read_source(folder / "out.xlsx"), library)
    assert again == first
    stored = yaml.safe_load((folder / "data" / "checklist.yaml").read_text(encoding="utf-8"))["事项"]
    assert stored == first
