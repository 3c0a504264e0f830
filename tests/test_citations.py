"""The citation linker on the forms officers write, and on text that must stay plain."""

from __future__ import annotations

import pytest

from generator.model.citations import find_citations, link_citations, place_label
from generator.model.model import Library, Ref

# (text, [(linked text, anchor url)]) — the url is relative to matters/x.md.
LINKED: list[tuple[str, list[tuple[str, str]]]] = [
    ("《中华人民共和国安全生产法》第九十九条", [("《中华人民共和国安全生产法》第九十九条", "../laws/aqscf.md#a99")]),
    ("《安全生产法》第九十七条第（七）项", [("《安全生产法》第九十七条第（七）项", "../laws/aqscf.md#a97-1-7")]),
    ("依据《安全生产法》第九十九条第一款第（八）项", [("《安全生产法》第九十九条第一款第（八）项", "../laws/aqscf.md#a99-1-8")]),
    ("《安全生产法》第九十七条第三项", [("《安全生产法》第九十七条第三项", "../laws/aqscf.md#a97-1-3")]),
    ("《安全生产法》第九十七条第(三)项", [("《安全生产法》第九十七条第(三)项", "../laws/aqscf.md#a97-1-3")]),
    ("安全生产法第99条", [("安全生产法第99条", "../laws/aqscf.md#a99")]),
    ("《安全生产法》第97条第1款第7项", [("《安全生产法》第97条第1款第7项", "../laws/aqscf.md#a97-1-7")]),
    ("《安全生产法》第９７条", [("《安全生产法》第９７条", "../laws/aqscf.md#a97")]),
    ("《安全生产法》第一百零三条第二款", [("《安全生产法》第一百零三条第二款", "../laws/aqscf.md#a103-2")]),
    ("《中华人民共和国安全生产法（2021年修订）》第八十一条", [("《中华人民共和国安全生产法（2021年修订）》第八十一条", "../laws/aqscf.md#a81")]),
    ("《安全生产法》第九十七条、第九十九条", [("《安全生产法》第九十七条", "../laws/aqscf.md#a97"), ("第九十九条", "../laws/aqscf.md#a99")]),
    ("《安全生产法》第九十七条和第九十九条", [("《安全生产法》第九十七条", "../laws/aqscf.md#a97"), ("第九十九条", "../laws/aqscf.md#a99")]),
    ("《行政处罚法》第六十四条至第六十五条", [("《行政处罚法》第六十四条", "../laws/xzcff.md#a64"), ("第六十五条", "../laws/xzcff.md#a65")]),
    ("《安全生产法》第九十七条第（六）项、第（七）项",
     [("《安全生产法》第九十七条第（六）项", "../laws/aqscf.md#a97-1-6"), ("第（七）项", "../laws/aqscf.md#a97-1-7")]),
    ("《安全生产法》第一百零三条第一款、第二款",
     [("《安全生产法》第一百零三条第一款", "../laws/aqscf.md#a103-1"), ("第二款", "../laws/aqscf.md#a103-2")]),
    ("根据《安全生产法》的规定，第三十条要求持证上岗", [("第三十条", "../laws/aqscf.md#a30")]),
    ("违反《安全生产法》第三十条规定，依照第九十七条处罚", [("《安全生产法》第三十条", "../laws/aqscf.md#a30"), ("第九十七条", "../laws/aqscf.md#a97")]),
    ("依据《安全生产法》第三十条；处罚依据第九十七条第（七）项", [("《安全生产法》第三十条", "../laws/aqscf.md#a30"), ("第九十七条第（七）项", "../laws/aqscf.md#a97-1-7")]),
    ("《行政处罚法》第六十条", [("《行政处罚法》第六十条", "../laws/xzcff.md#a60")]),
    ("《中华人民共和国行政处罚法》第五十一条", [("《中华人民共和国行政处罚法》第五十一条", "../laws/xzcff.md#a51")]),
    ("行政处罚法第36条", [("行政处罚法第36条", "../laws/xzcff.md#a36")]),
    ("《行政强制法》第二十五条", [("《行政强制法》第二十五条", "../laws/xzqzf.md#a25")]),
    ("《行政复议法》第二十条", [("《行政复议法》第二十条", "../laws/xzfyf.md#a20")]),
    ("《浙江省综合行政执法条例》第九条", [("《浙江省综合行政执法条例》第九条", "../laws/zjzhxzzftl.md#a9")]),
    ("《浙江省安全生产条例》第十条", [("《浙江省安全生产条例》第十条", "../laws/zjaqsctl.md#a10")]),
    ("《危险化学品安全管理条例》第八十条", [("《危险化学品安全管理条例》第八十条", "../laws/whpaqgltl.md#a80")]),
    ("《生产安全事故应急条例》第三十条", [("《生产安全事故应急条例》第三十条", "../laws/scaqsgyjtl.md#a30")]),
    ("《生产安全事故报告和调查处理条例》第九条", [("《生产安全事故报告和调查处理条例》第九条", "../laws/scaqsgbgdctl.md#a9")]),
    ("《安全生产法》第九十七条；另见《行政处罚法》第三十二条",
     [("《安全生产法》第九十七条", "../laws/aqscf.md#a97"), ("《行政处罚法》第三十二条", "../laws/xzcff.md#a32")]),
    # Lists under one 第: each part is linked (issue 11, point 9), as the stage guides write them.
    ("查封、扣押的程序见《行政强制法》第十八、十九、二十三、二十四、二十五、二十七、二十八条。",
     [("《行政强制法》第十八", "../laws/xzqzf.md#a18"), ("十九", "../laws/xzqzf.md#a19"),
      ("二十三", "../laws/xzqzf.md#a23"), ("二十四", "../laws/xzqzf.md#a24"), ("二十五", "../laws/xzqzf.md#a25"),
      ("二十七", "../laws/xzqzf.md#a27"), ("二十八条", "../laws/xzqzf.md#a28")]),
    ("简易程序也要告知并听取陈述、申辩（《行政处罚法》第四十四、四十五条）",
     [("《行政处罚法》第四十四", "../laws/xzcff.md#a44"), ("四十五条", "../laws/xzcff.md#a45")]),
    ("有《安全生产法》第九十九条第一款第六、七项情形的",
     [("《安全生产法》第九十九条第一款", "../laws/aqscf.md#a99-1"), ("第六", "../laws/aqscf.md#a99-1-6"),
      ("七项", "../laws/aqscf.md#a99-1-7")]),
    ("《安全生产法》第九十七条第（六）、（七）项",
     [("《安全生产法》第九十七条", "../laws/aqscf.md#a97"), ("第（六）", "../laws/aqscf.md#a97-1-6"),
      ("（七）项", "../laws/aqscf.md#a97-1-7")]),
    ("《安全生产法》第九十七条第五项至第七项",
     [("《安全生产法》第九十七条第五项", "../laws/aqscf.md#a97-1-5"), ("第七项", "../laws/aqscf.md#a97-1-7")]),
    ("《安全生产法》第九十七条第五至七项",
     [("《安全生产法》第九十七条", "../laws/aqscf.md#a97"), ("第五", "../laws/aqscf.md#a97-1-5"),
      ("七项", "../laws/aqscf.md#a97-1-7")]),
    ("《安全生产法》第一百零三条第二款、第三款",
     [("《安全生产法》第一百零三条第二款", "../laws/aqscf.md#a103-2"), ("第三款", "../laws/aqscf.md#a103-3")]),
    ("《安全生产法》第一百零三条第一、二款",
     [("《安全生产法》第一百零三条", "../laws/aqscf.md#a103"), ("第一", "../laws/aqscf.md#a103-1"),
      ("二款", "../laws/aqscf.md#a103-2")]),
    ("移送的依据是《行政处罚法》第二十七条、第五十七条第一款第（四）项",
     [("《行政处罚法》第二十七条", "../laws/xzcff.md#a27"), ("第五十七条第一款第（四）项", "../laws/xzcff.md#a57-1-4")]),
    ("查封、扣押（《安全生产法》第六十五条第一款第（四）项）",
     [("《安全生产法》第六十五条第一款第（四）项", "../laws/aqscf.md#a65-1-4")]),
    ("《行政处罚法》第四十二条、第四十四条、第四十五条、第六十三条",
     [("《行政处罚法》第四十二条", "../laws/xzcff.md#a42"), ("第四十四条", "../laws/xzcff.md#a44"),
      ("第四十五条", "../laws/xzcff.md#a45"), ("第六十三条", "../laws/xzcff.md#a63")]),
    ("构成犯罪的，依照刑法第一百三十四条追究刑事责任", [("刑法第一百三十四条", "../laws/xf.md#a134")]),
    # Sentences of the stage guides and matter pages (issue 11).
    ("乡镇（街道）以委托行政机关名义实施（《行政处罚法》第二十条第二款），交由乡镇行使的以自己的名义实施（《行政处罚法》第二十四条、"
     "《浙江省综合行政执法条例》第九条）",
     [("《行政处罚法》第二十条第二款", "../laws/xzcff.md#a20-2"), ("《行政处罚法》第二十四条", "../laws/xzcff.md#a24"),
      ("《浙江省综合行政执法条例》第九条", "../laws/zjzhxzzftl.md#a9")]),
    ("催告书送达十日后当事人仍未履行的，可以申请人民法院强制执行（《行政强制法》第五十四条、第五十五条）",
     [("《行政强制法》第五十四条", "../laws/xzqzf.md#a54"), ("第五十五条", "../laws/xzqzf.md#a55")]),
    ("期限中的“二日”“三日”“五日”“七日”指工作日（《行政处罚法》第八十五条；《行政强制法》第六十九条）",
     [("《行政处罚法》第八十五条", "../laws/xzcff.md#a85"), ("《行政强制法》第六十九条", "../laws/xzqzf.md#a69")]),
    ("停止供电须符合《安全生产法》第七十条第一款规定的条件", [("《安全生产法》第七十条第一款", "../laws/aqscf.md#a70-1")]),
    ("决定书载明的事项见《行政处罚法》第五十二条第二款", [("《行政处罚法》第五十二条第二款", "../laws/xzcff.md#a52-2")]),
    ("受委托的乡镇（街道）不得实施行政强制措施（《行政强制法》第十七条第一款）",
     [("《行政强制法》第十七条第一款", "../laws/xzqzf.md#a17-1")]),
    # 之一 articles: their own anchor, never 第X条第一款 (a134-1).
    ("涉嫌《刑法》第一百三十四条之一规定的危险作业罪的，依法移送", [("《刑法》第一百三十四条之一", "../laws/xf.md#a134zhi1")]),
    ("《中华人民共和国刑法》第一百三十九条之一", [("《中华人民共和国刑法》第一百三十九条之一", "../laws/xf.md#a139zhi1")]),
    ("《刑法》第一百三十四条之一第（二）项", [("《刑法》第一百三十四条之一第（二）项", "../laws/xf.md#a134zhi1-1-2")]),
    ("《刑法》第一百三十四条、第一百三十四条之一、第一百三十五条、第一百三十九条之一",
     [("《刑法》第一百三十四条", "../laws/xf.md#a134"), ("第一百三十四条之一", "../laws/xf.md#a134zhi1"),
      ("第一百三十五条", "../laws/xf.md#a135"), ("第一百三十九条之一", "../laws/xf.md#a139zhi1")]),
    ("《刑法》第一百三十四条第二款", [("《刑法》第一百三十四条第二款", "../laws/xf.md#a134-2")]),
    ("先看《安全生产法》第三十五条，再看该法第九十九条", [("《安全生产法》第三十五条", "../laws/aqscf.md#a35"), ("该法第九十九条", "../laws/aqscf.md#a99")]),
]

# Text that must not be linked: no law named, not an article, or inside code or a link already.
PLAIN = [
    "第三十条",
    "依照第九十七条处罚",
    "第一章 总则",
    "第二节 简易程序",
    "2021年6月10日 第十三届全国人民代表大会常务委员会第二十九次会议",
    "第三次修正",
    "中华人民共和国国务院令第708号公布",
    "填写《行政处罚决定书》。第五条",
    "`《安全生产法》第九十七条`",
    "[《安全生产法》第九十七条](../laws/aqscf.md#a97)",
    "《安全生产法》。第九十七条",
    "第二款",
    "第（七）项",
    "每年第一季度",
    "前款规定的",
    "根据有关规定第五条",
    "依法第三条",
    "每年第一、二季度",
]

# Citations that are reported, not linked.
UNRESOLVED = [
    ("《安全生产违法行为行政处罚办法》第五条", "不在法规库中"),
    ("《安全生产法》第一千条", "没有第一千条"),
    ("《安全生产法》第三十条第三款", "没有第3款"),
    ("《安全生产法》第九十七条第（十）项", "不存在"),
    ("依照该法第三十条", "前面没有写明是哪部法律"),
    ("依照本法第九条", "只能用在该法自己的页面上"),
    ("《刑法》第一百三十四条之二", "刑法没有第一百三十四条之二"),
    # A law named without 《》 that the library does not hold ends the law named before it.
    ("依照《安全生产法》第三十条和消防法第十条处理", "“消防法”不在法规库中"),
    ("违反民法典第一千一百六十五条", "“民法典”不在法规库中"),
    ("《行政处罚法》第二十条；中华人民共和国消防法第六十条第一款", "“中华人民共和国消防法”不在法规库中"),
    ("《安全生产法》第三十条、刑法修正案（十一）第三条", "“刑法修正案（十一）”不在法规库中"),
    ("《安全生产法》第九十七条第（六）项、第（八）项", "不存在"),
]


@pytest.mark.parametrize(("text", "expected"), LINKED)
def test_linked(library: Library, text: str, expected: list[tuple[str, str]]) -> None:
    out, cites = link_citations(text, library, "matters/x.md")
    assert [(c.text, c.problem) for c in cites if c.problem] == []
    for label, url in expected:
        assert f"[{label}]({url})" in out
    assert out.count("](") == len(expected)


@pytest.mark.parametrize("text", PLAIN)
def test_plain(library: Library, text: str) -> None:
    out, cites = link_citations(text, library, "matters/x.md")
    assert out == text
    assert [c for c in cites if c.ref is not None] == []
    assert [c.problem for c in cites] == []


@pytest.mark.parametrize(("text", "problem"), UNRESOLVED)
def test_unresolved_are_reported(library: Library, text: str, problem: str) -> None:
    out, cites = link_citations(text, library, "matters/x.md")
    bad = [c for c in cites if c.ref is None]
    assert len(bad) == 1 and problem in bad[0].problem
    assert f"[{bad[0].text}]" not in out


# After a law that is not in the library, nothing in the sentence is linked to the law named before it.
UNKNOWN_CONTEXT = [
    "依照《安全生产法》第三十条和消防法第十条、第十一条处理",
    "《安全生产法》第三十条；民法典第一千一百六十五条、第一千一百六十六条",
    "《行政处罚法》第二十条和消防法第十、十一条",
]


@pytest.mark.parametrize("text", UNKNOWN_CONTEXT)
def test_unknown_law_ends_the_previous_context(library: Library, text: str) -> None:
    out, cites = link_citations(text, library, "matters/x.md")
    assert [c.ref for c in cites if c.ref is not None] == [cites[0].ref]  # only the first, known citation
    assert len([c for c in cites if c.problem]) == 2
    assert out.count("](") == 1


def test_self_reference_on_a_law_page(library: Library) -> None:
    law = library.laws["aqscf"]
    out, _ = link_citations("违反本法第九十七条规定", library, "laws/aqscf.md", law)
    assert out == "违反[本法第九十七条](#a97)规定"


def test_enough_strings_in_the_table() -> None:
    assert len(LINKED) + len(PLAIN) + len(UNRESOLVED) >= 40


def test_place_label_leaves_out_the_only_paragraph(library: Library) -> None:
    assert place_label(library, Ref("aqscf", 97, 1, 7)) == "第九十七条第（七）项"
    assert place_label(library, Ref("aqscf", 103, 2)) == "第一百零三条第二款"


def test_positions(library: Library) -> None:
    text = "见《安全生产法》第三十条。"
    (cite,) = find_citations(text, library)
    assert text[cite.start:cite.end] == "《安全生产法》第三十条"


def test_sub_article_on_its_own_law_page(library: Library) -> None:
    law = library.laws["xf"]
    out, _ = link_citations("依照本法第一百三十三条之一的规定", library, "laws/xf.md", law)
    assert out == "依照[本法第一百三十三条之一](#a133zhi1)的规定"


def test_sub_article_labels(library: Library) -> None:
    assert Ref("xf", 134, None, None, 1).anchor == "a134zhi1"
    assert Ref("xf", 134, 1, 2, 1).anchor == "a134zhi1-1-2"
    assert place_label(library, Ref("xf", 134, 1, 2, 1)) == "第一百三十四条之一第（二）项"
    assert Ref("aqscf", 97, 1).anchor == "a97-1"  # 第九十七条第一款: unchanged


def test_a_law_not_yet_in_the_library_is_never_read_as_the_previous_one(library: Library) -> None:
    # 刑法 before it was added: the article after it is reported, not linked to 安全生产法.
    without = Library()
    for law in library.laws.values():
        if law.id != "xf":
            without.add(law)
    text = "违反《安全生产法》第三十六条，涉嫌刑法第一百三十四条之一规定的犯罪的，依法移送"
    out, cites = link_citations(text, without, "stages/x.md")
    assert [(c.text, c.ref is not None) for c in cites] == [("《安全生产法》第三十六条", True),
                                                             ("刑法第一百三十四条之一", False)]
    assert "“刑法”不在法规库中" in cites[1].problem and out.count("](") == 1
    out, cites = link_citations(text, library, "stages/x.md")
    assert "[刑法第一百三十四条之一](../laws/xf.md#a134zhi1)" in out
