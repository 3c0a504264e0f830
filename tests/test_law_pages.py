"""The built law pages: 之一 articles with their own anchors, footnotes and appendices, dates and version."""

from __future__ import annotations

import re
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


def test_each_law_page_shows_its_effective_date_and_version(built: Path) -> None:
    html = _page(built, "zjaqsctl")
    dates = text_of_id_free(html)
    assert "施行日期：2016年8月1日（见第五十一条）" in dates
    assert "现行版本：2016年7月29日修订" in dates
    assert 'href="#a51"' in html
    aqscf = text_of_id_free(_page(built, "aqscf"))
    assert "施行日期：2002年11月1日（见第一百一十九条）" in aqscf
    assert ("现行版本：2021年6月10日第三次修正；本版本自2021年9月1日起施行，"
            "见《全国人民代表大会常务委员会关于修改〈中华人民共和国安全生产法〉的决定》") in aqscf
    xf = text_of_id_free(_page(built, "xf"))
    assert "施行日期：1997年10月1日（见第四百五十二条）" in xf and "本版本自2024年3月1日起施行" in xf


def test_the_law_list_shows_dates_and_versions(built: Path) -> None:
    html = (built / "site" / "laws" / "index.html").read_text(encoding="utf-8")
    assert "<td>2016年8月1日</td>" in html and "<td>2016年7月29日修订</td>" in html
    assert "<td>2011年12月1日</td>" in html


def text_of_id_free(html: str) -> str:
    """The visible text of the page's dates block, white space removed."""
    start = html.index('class="law-dates"')
    return re.sub(r"<[^>]+>|\s+", "", html[start:html.index("</div>", start)])
