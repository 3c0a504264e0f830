"""The built law pages: 之一 articles with their own anchors, footnotes and appendices, dates and version."""

from __future__ import annotations

from pathlib import Path

from .htmltext import text_of_id


def _page(built: Path, law_id: str) -> str:
    return (built / "site" / "laws" / f"{law_id}.html").read_text(encoding="utf-8")


def test_sub_articles_have_their_own_anchors(built: Path) -> None:
    html = _page(built, "xf")
    art = text_of_id(html, "a134zhi1")
    assert art is not None and art.startswith("第一百三十四条之一在生产、作业中违反有关安全管理的规定")
    assert text_of_id(html, "a134zhi1-1-2", set()) is not None
    assert (text_of_id(html, "a139zhi1") or "").startswith("第一百三十九条之一在安全事故发生后")
    # 第一百三十四条 keeps a134, its 第二款 a134-2; the 之一 article is not folded into it.
    assert (text_of_id(html, "a134") or "").startswith("第一百三十四条在生产、作业中")
    assert "第一百三十四条之一" not in (text_of_id(html, "a134") or "")
    assert (text_of_id(html, "a134-2", {"anchor-link"}) or "").startswith("强令他人违章冒险作业")


def test_footnote_and_appendices_are_shown_apart_from_the_articles(built: Path) -> None:
    html = _page(built, "xf")
    last = text_of_id(html, "a452") or ""
    assert "①" not in last and "附件一" in last  # the article mentions 附件一; the lists are not in it
    footnote = "①刑法、历次刑法修正案、涉及修改刑法的决定的施行日期，分别依据各法律所规定的施行日期确定。"
    assert footnote in html.replace("\n", "").replace(" ", "")
    appendix = text_of_id(html, "appendix-1")
    assert appendix is not None and appendix.startswith("附件一")
    assert "1．中华人民共和国惩治军人违反职责罪暂行条例" in html
