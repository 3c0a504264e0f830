"""The quote check: the list's wording against the official text."""

from __future__ import annotations

from generator.model.model import Library, Quote, Ref
from generator.model.quotes import check_quote, describe, diff, normalise
from generator.model.site import BASIS, PENALTY, Site


def test_normalise_ignores_tags_space_width_and_closing_punctuation() -> None:
    assert normalise("<p>甲，乙: 丙。</p> ") == "甲，乙：丙"


def test_diff_reads_a_reordering_as_one_change() -> None:
    parts = diff("制定本单位的安全生产事故应急救援预案", "制定本单位生产安全事故应急救援预案")
    assert describe(parts) == "“制定本单位”之后，正式文本为“生产安全”，清单为“的安全生产”"


def test_diff_of_a_missing_word() -> None:
    parts = diff("有较大危险因素的场所", "有较大危险因素的生产经营场所")
    assert describe(parts) == "“大危险因素的”之后，清单少了“生产经营”"


def test_the_real_list_differs_where_it_does(site: Site) -> None:
    differs = sorted((code, role, c.closest.anchor) for (code, role), checks in site.quote_checks.items()
                     for c in checks if c.differs)
    assert differs == sorted([
        ("330225002022", BASIS, "a35"), ("330225002022", PENALTY, "a99-1-1"),
        ("330225002038", BASIS, "a81"),
        ("330225008001", BASIS, "a35"), ("330225008001", PENALTY, "a99-1-1"),
    ])


def test_a_quote_of_one_paragraph_matches_that_paragraph(site: Site) -> None:
    (check,) = site.quote_checks[("330225002036", BASIS)]
    assert not check.differs and check.matched == Ref("aqscf", 49, 2)


def test_lead_and_item_match_the_cited_item(library: Library) -> None:
    a97 = library.laws["aqscf"].article(97)
    assert a97 is not None
    lead, item = a97.paragraphs[0].text, a97.paragraphs[0].items[6].text
    quote = Quote(f"《安全生产法》第九十七条 {lead}{item}", (Ref("aqscf", 97, 1, 7),))
    (check,) = check_quote(quote, library)
    assert not check.differs


def test_warnings_name_the_matter_and_the_article(site: Site) -> None:
    assert len(site.warnings) == 5
    first = str(site.warnings[0])
    assert first.startswith("data/checklist.yaml:22: 警告: 事项[0].法律依据.原文: 330225002022：")
    assert "《安全生产法》第三十五条" in first
