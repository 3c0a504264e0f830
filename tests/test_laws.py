"""The law library: converted from the official texts by a repeatable command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.laws import LawSource, load_sources, parse_law_markdown
from generator.model import Library

from .conftest import DATA, LAW_TEXTS

LAWS_DIR = LAW_TEXTS
ARTICLE_COUNTS = {
    "aqscf": 119, "xzcff": 86, "xzqzf": 71, "xzfyf": 90, "zjaqsctl": 51, "zjzhxzzftl": 38,
    "whpaqgltl": 102, "scaqsgyjtl": 35, "scaqsgbgdctl": 46,
}


def test_article_counts_match_the_texts(library: Library) -> None:
    assert {law_id: len(law.articles) for law_id, law in library.laws.items()} == ARTICLE_COUNTS
    for law in library.laws.values():
        assert [a.number for a in law.articles] == list(range(1, len(law.articles) + 1))


def test_titles_short_names_and_dates(library: Library) -> None:
    law = library.find("《安全生产法》")
    assert law is not None and law.title == "中华人民共和国安全生产法"
    assert library.find("中华人民共和国安全生产法") is law
    assert (law.version_date, law.effective_date) == ("2021-06-10", "2021-09-01")
    assert [c.title for c in law.chapters][-1] == "第七章 附则"


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
        from generator.laws import dump_law

        assert dump_law(law) == (DATA / "laws" / f"{source.id}.yaml").read_text(encoding="utf-8"), source.file


def test_malformed_text_is_reported_with_its_line() -> None:
    from generator.laws import LawTextError

    src = LawSource("x(2020-01-01).md", "x", (), "法律", "2020")
    with pytest.raises(LawTextError) as err:
        parse_law_markdown("# 某法\n<!-- INFO END -->\n\n第一条 甲\n\n第三条 乙\n", src, "2020-01-01")
    assert err.value.line == 6 and "排在第 1 条之后" in str(err.value)


def test_laws_import_converts_the_registered_texts_by_default(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    # `laws import` with no file reads data/sources/laws: the copies kept in the repository.
    from generator.cli import main

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
    from generator.cli import main

    data = tmp_path / "data"
    shutil.copytree(DATA / "laws", data / "laws")
    (data / "sources" / "laws").mkdir(parents=True)
    assert main(["laws", "import", "--data", str(data)]) == 1
    assert "安全生产法(2021-06-10).md: 找不到这个正式文本文件" in capsys.readouterr().err
