"""The fixture list (tests/fixtures/checklist.yaml) holds the guidance's appendix exactly as published."""

from __future__ import annotations

from generator.model.site import Site
from generator.published.listtext import read_rows

from .conftest import SEED


def test_every_row_of_the_appendix_is_in_the_data_word_for_word(site: Site) -> None:
    rows = read_rows(SEED.read_text(encoding="utf-8"))
    assert len(rows) == 5
    matters = {m.code: m for m in site.checklist.matters}
    assert set(matters) == {r.get("事项代码") for r in rows}
    for row in rows:
        m = matters[row.get("事项代码")]
        assert (m.seq, m.category, m.name) == (int(row.get("序号")), row.get("类别"), row.get("事项名称"))
        assert m.basis.text == row.get("法律依据")
        assert m.penalty.text == row.get("处罚条款和内容")


def test_the_page_break_in_row_3_is_joined(site: Site) -> None:
    m = next(m for m in site.checklist.matters if m.seq == 3)
    assert m.category == "安全生产综合监管类"
    assert m.name.endswith("未对承包承租单位统一协调、管理的行政处罚")
    assert "出租给其他单位的" in m.basis.text


def test_p_tags_are_removed_and_paragraphs_kept(site: Site) -> None:
    m = next(m for m in site.checklist.matters if m.seq == 4)
    assert "<p>" not in m.basis.text and "</p>" not in m.penalty.text
    assert m.basis.text.count("\n") == 1


def test_structured_citations(site: Site) -> None:
    refs = {m.code: ([r.anchor for r in m.basis.refs], [r.anchor for r in m.penalty.refs])
            for m in site.checklist.matters}
    assert refs == {
        "330225002022": (["a35"], ["a99-1-1"]),
        "330225008001": (["a35"], ["a99-1-1"]),
        "330225002036": (["a49"], ["a103-2"]),
        "330225002014": (["a30"], ["a97-1-7"]),
        "330225002038": (["a81"], ["a97-1-6"]),
    }
