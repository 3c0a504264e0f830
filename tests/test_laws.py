"""The law library: converted from the official texts by a repeatable command."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.model.laws import LawSource, effective_article, import_law_file, load_sources, parse_law_markdown
from generator.model.model import Library

from .conftest import DATA, LAW_TEXTS

LAWS_DIR = LAW_TEXTS
ARTICLE_COUNTS = {
    "aqscf": 119, "xzcff": 86, "xzqzf": 71, "xzfyf": 90, "zjaqsctl": 51, "zjzhxzzftl": 38,
    "whpaqgltl": 102, "scaqsgyjtl": 35, "scaqsgbgdctl": 46, "xf": 505,
}
SOURCES = DATA / "sources" / "laws"
XF = SOURCES / "刑法(2023-12-29).md"


def test_article_counts_match_the_texts(library: Library) -> None:
    assert {law_id: len(law.articles) for law_id, law in library.laws.items()} == ARTICLE_COUNTS
    for law in library.laws.values():
        base = [a.number for a in law.articles if not a.sub]
        assert base == list(range(1, len(base) + 1))


def test_titles_short_names_and_dates(library: Library) -> None:
    law = library.find("《安全生产法》")
    assert law is not None and law.title == "中华人民共和国安全生产法"
    assert library.find("中华人民共和国安全生产法") is law
    assert (law.version_date, law.effective_date, law.version_effective_date) == ("2021-06-10", "2002-11-01",
                                                                                 "2021-09-01")
    assert law.version == "2021年6月10日第三次修正"
    assert [c.title for c in law.chapters][-1] == "第七章 附则"


def test_last_article_of_a_chapter_stays_in_it(library: Library) -> None:
    # 第十九条 ends 第一章: the heading after it does not pull it into 第二章.
    a19 = library.laws["aqscf"].article(19)
    assert a19 is not None and a19.chapter == "第一章 总则"
    a139 = library.laws["xf"].article(139, 1)
    assert a139 is not None and a139.chapter == "第二章 危害公共安全罪"


def test_paragraphs_and_items(library: Library) -> None:
    law = library.laws["aqscf"]
    a97 = law.article(97)
    assert a97 is not None and len(a97.paragraphs) == 1
    assert [i.number for i in a97.paragraphs[0].items] == [1, 2, 3, 4, 5, 6, 7]
    assert a97.paragraphs[0].items[6].text.startswith("（七）特种作业人员")
    a103 = law.article(103)
    assert a103 is not None and len(a103.paragraphs) == 3


def test_half_width_colons_are_normalised(library: Library) -> None:
    for law in library.laws.values():
        for a in law.articles:
            for p in a.paragraphs:
                assert ":" not in p.text and all(":" not in i.text for i in p.items), (law.id, a.number)


def _text_of(lib: Library, law_id: str) -> str:
    return "".join(p.text + "".join(i.text for i in p.items) for a in lib.laws[law_id].articles for p in a.paragraphs)


@pytest.mark.parametrize(("law_id", "name", "half_width"), [("aqscf", "安全生产法(2021-06-10).md", 12),
                                                             ("xzqzf", "行政强制法(2011-06-30).md", 18)])
def test_colons_count(library: Library, law_id: str, name: str, half_width: int) -> None:
    source = (LAWS_DIR / name).read_text(encoding="utf-8").split("<!-- INFO END -->")[1]
    assert source.count(":") == half_width
    assert _text_of(library, law_id).count("：") == source.count("：") + half_width


def test_import_is_repeatable(tmp_path: Path) -> None:
    # Converting the official texts again gives exactly the committed data/laws files.
    sources, problems = load_sources(DATA / "laws")
    assert not problems and len(sources) == len(list((DATA / "laws").glob("*.yaml"))) - 1
    for source in sources:
        version = source.file.split("(")[1].split(")")[0]
        law = parse_law_markdown((LAWS_DIR / source.file).read_text(encoding="utf-8"), source, version)
        from generator.model.laws import dump_law

        assert dump_law(law) == (DATA / "laws" / f"{source.id}.yaml").read_text(encoding="utf-8"), source.file


def test_malformed_text_is_reported_with_its_line() -> None:
    from generator.model.laws import LawTextError

    src = LawSource("x(2020-01-01).md", "x", (), "法律", "2020")
    with pytest.raises(LawTextError) as err:
        parse_law_markdown("# 某法\n<!-- INFO END -->\n\n第一条 甲\n\n第三条 乙\n", src, "2020-01-01")
    assert err.value.line == 6 and "排在第 1 条之后" in str(err.value)


def test_laws_import_converts_the_registered_texts_by_default(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    # `laws import` with no file reads data/sources/laws: the copies kept in the repository.
    from generator.adapters.cli import main

    data = tmp_path / "data"
    shutil.copytree(DATA / "laws", data / "laws")
    shutil.copytree(LAW_TEXTS, data / "sources" / "laws")
    for path in (data / "laws").glob("*.yaml"):
        if path.name != "sources.yaml":
            path.unlink()
    assert main(["laws", "import", "--data", str(data)]) == 0, capsys.readouterr().err
    written = sorted(p.name for p in (data / "laws").glob("*.yaml"))
    assert written == sorted(p.name for p in (DATA / "laws").glob("*.yaml"))
    for name in written:
        assert (data / "laws" / name).read_bytes() == (DATA / "laws" / name).read_bytes(), name


def test_laws_import_names_a_registered_text_that_is_missing(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from generator.adapters.cli import main

    data = tmp_path / "data"
    shutil.copytree(DATA / "laws", data / "laws")
    (data / "sources" / "laws").mkdir(parents=True)
    assert main(["laws", "import", "--data", str(data)]) == 1
    assert "安全生产法(2021-06-10).md: 找不到这个正式文本文件" in capsys.readouterr().err


def _source_article(label: str) -> list[str]:
    """The paragraphs of one article as the official text has them, heading word included."""
    lines = [ln for ln in XF.read_text(encoding="utf-8").splitlines() if ln.strip()]
    start = next(i for i, ln in enumerate(lines) if ln.startswith(label + " "))
    end = next(i for i in range(start + 1, len(lines)) if re.match(r"^(第[一二三四五六七八九十百零]+条|#)", lines[i]))
    return lines[start:end]


def _stored_article(library: Library, number: int, sub: int) -> list[str]:
    a = library.laws["xf"].article(number, sub)
    assert a is not None
    out = []
    for i, p in enumerate(a.paragraphs):
        out.append(f"{a.label} {p.text}" if i == 0 else p.text)
        out += [item.text for item in p.items]
    return out


def test_criminal_law_counts(library: Library) -> None:
    xf = library.laws["xf"]
    assert xf.title == "中华人民共和国刑法" and library.find("刑法") is xf
    assert library.find("《中华人民共和国刑法》") is xf
    assert (xf.version_date, xf.effective_date, xf.version_effective_date) == ("2023-12-29", "1997-10-01", "2024-03-01")
    assert len(xf.articles) == 505 and sum(1 for a in xf.articles if a.sub) == 53
    assert xf.articles[-1].label == "第四百五十二条"
    assert [a.label for a in xf.articles if a.number == 120][-1] == "第一百二十条之六"
    assert [c.level for c in xf.chapters[:4]] == [2, 3, 3, 4]  # 编, 章, 章, 节
    assert [(c.title, c.first, c.last) for c in xf.chapters if c.title == "第二章 危害公共安全罪"] == [
        ("第二章 危害公共安全罪", 114, 139)]


@pytest.mark.parametrize(("label", "number", "sub"), [("第一百三十四条之一", 134, 1), ("第一百三十九条之一", 139, 1),
                                                      ("第一百三十四条", 134, 0), ("第一百三十五条", 135, 0)])
def test_criminal_law_articles_are_verbatim(library: Library, label: str, number: int, sub: int) -> None:
    assert _stored_article(library, number, sub) == _source_article(label)
    a = library.laws["xf"].article(number, sub)
    assert a is not None and a.label == label and a.chapter == "第二章 危害公共安全罪" and a.section == ""


def test_criminal_law_134_1_and_139_1(library: Library) -> None:
    a = library.laws["xf"].article(134, 1)
    assert a is not None and a.anchor == "a134zhi1" and len(a.paragraphs) == 1
    assert a.paragraphs[0].text.startswith("在生产、作业中违反有关安全管理的规定，有下列情形之一，")
    assert [i.text[:3] for i in a.paragraphs[0].items] == ["（一）", "（二）", "（三）"]
    b = library.laws["xf"].article(139, 1)
    assert b is not None and b.paragraphs[0].text == (
        "在安全事故发生后，负有报告职责的人员不报或者谎报事故情况，贻误事故抢救，情节严重的，处三年以下有期徒刑或者拘役；"
        "情节特别严重的，处三年以上七年以下有期徒刑。")


def test_criminal_law_footnote_and_appendices_are_not_articles(library: Library) -> None:
    xf = library.laws["xf"]
    last = xf.article(452)
    assert last is not None and [p.text[:6] for p in last.paragraphs] == ["本法自199", "列于本法附件", "列于本法附件"]
    assert xf.footnotes == ("① 刑法、历次刑法修正案、涉及修改刑法的决定的施行日期，"
                            "分别依据各法律所规定的施行日期确定。",)
    assert [(x.title, len(x.lines)) for x in xf.appendices] == [("附件一", 16), ("附件二", 9)]
    assert xf.appendices[0].lines[1] == "1．中华人民共和国惩治军人违反职责罪暂行条例"


def test_criminal_law_import_is_repeatable(tmp_path: Path) -> None:
    # `laws import` on the kept copy writes exactly the committed data/laws/xf.yaml, twice over.
    laws = tmp_path / "laws"
    laws.mkdir()
    (laws / "sources.yaml").write_bytes((DATA / "laws" / "sources.yaml").read_bytes())
    first = import_law_file(XF, laws).read_bytes()
    assert first == (DATA / "laws" / "xf.yaml").read_bytes()
    assert import_law_file(XF, laws).read_bytes() == first


@pytest.mark.parametrize(("body", "message"), [
    ("第一条 甲\n\n第一条之二 乙\n", "第一条之二应紧跟在第一条之一之后，实际前一条为第一条"),
    ("第一条 甲\n\n第二条之一 乙\n", "第二条之一应紧跟在第二条之后，实际前一条为第一条"),
    ("第一条 甲\n\n① 注\n\n乙\n", "注释或附件之后、下一条之前出现了正文"),
    ("第一条 甲\n\n## 附件一\n\n1．某决定\n\n## 第二章 乙\n", "附件之后出现了标题"),
])
def test_malformed_sub_articles_footnotes_and_appendices(body: str, message: str) -> None:
    from generator.model.laws import LawTextError

    src = LawSource("x(2020-01-01).md", "x", (), "法律", "2020")
    with pytest.raises(LawTextError) as err:
        parse_law_markdown("# 某法\n<!-- INFO END -->\n\n" + body, src, "2020-01-01")
    assert message in str(err.value) and err.value.line > 3


# 施行日期 as each text's own 施行 article states it (issue 11, point 11).
EFFECTIVE = {
    "aqscf": ("2002-11-01", "第一百一十九条"), "xzcff": ("2021-07-15", "第八十六条"),
    "xzqzf": ("2012-01-01", "第七十一条"), "xzfyf": ("2024-01-01", "第九十条"),
    "zjaqsctl": ("2016-08-01", "第五十一条"), "zjzhxzzftl": ("2022-01-01", "第三十八条"),
    "whpaqgltl": ("2011-12-01", "第一百零二条"), "scaqsgyjtl": ("2019-04-01", "第三十五条"),
    "scaqsgbgdctl": ("2007-06-01", "第四十六条"), "xf": ("1997-10-01", "第四百五十二条"),
}


def test_every_effective_date_is_the_one_its_text_states(library: Library) -> None:
    found = {}
    for law in library.laws.values():
        article = effective_article(law)
        assert article is not None, law.id
        found[law.id] = (law.effective_date, article.label)
        assert law.version, law.id
    assert found == EFFECTIVE


def test_import_refuses_an_effective_date_no_article_states(tmp_path: Path) -> None:
    from generator.model.errors import DataError

    laws = tmp_path / "laws"
    laws.mkdir()
    sources = (DATA / "laws" / "sources.yaml").read_text(encoding="utf-8")
    # 2024-03-01 is when 修正案（十二） took effect; 刑法's own 施行 article says 1997年10月1日.
    (laws / "sources.yaml").write_text(sources.replace('effective_date: "1997-10-01"', 'effective_date: "2024-03-01"'),
                                       encoding="utf-8")
    with pytest.raises(DataError) as err:
        import_law_file(XF, laws)
    assert "施行日期 2024-03-01 不见于刑法的施行条款" in str(err.value)


def test_sources_dates_are_checked(tmp_path: Path) -> None:
    laws = tmp_path / "laws"
    laws.mkdir()
    sources = (DATA / "laws" / "sources.yaml").read_text(encoding="utf-8")
    (laws / "sources.yaml").write_text(
        sources.replace('effective_date: "2016-08-01"', 'effective_date: "2016"')
        .replace('    version_effective_source: 《中华人民共和国刑法修正案（十二）》\n', ""), encoding="utf-8")
    _, problems = load_sources(laws)
    assert [p.message for p in problems] == ["日期应写作 YYYY-MM-DD，实际为 '2016'",
                                             "version_effective_date 和 version_effective_source 须同时填写"]


def test_structured_citation_of_a_sub_article(library: Library) -> None:
    # Data files cite 第一百三十四条之一 as 条: 134之一; the importer writes it back the same way.
    from generator.model.errors import Problem
    from generator.model.load import read_ref
    from generator.model.model import Ref
    from generator.model.yamlsource import parse_yaml
    from generator.published.importer import ref_data

    src = parse_yaml("r: {法规: 刑法, 条: 134之一, 项: 2}\ns: {法规: 刑法, 条: 134之二}\n", "x.yaml")
    problems: list[Problem] = []
    ref = read_ref(src, ("r",), src.data["r"], library, problems)
    assert problems == [] and ref == Ref("xf", 134, 1, 2, 1) and ref.anchor == "a134zhi1-1-2"
    assert ref_data(Ref("xf", 134, sub=1), library) == {"法规": "刑法", "条": "134之一"}
    assert read_ref(src, ("s",), src.data["s"], library, problems) is None
    assert [str(p) for p in problems] == ["x.yaml:2: s: 刑法没有第一百三十四条之二"]
