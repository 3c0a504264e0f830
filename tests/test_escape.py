"""The escaping functions, each in the place it is made for: what Markdown and HTML make of it."""

from __future__ import annotations

import json
import re

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator.pages.escape import (
    front_title,
    html_attr,
    html_text,
    link_target,
    md_lines,
    md_prose,
    md_text,
    one_line,
    script_json,
    site_url,
)

from .hostile import HOSTILE, PROSE, bad_parts, read_page, squash, visible

# The extensions of mkdocs.yml.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details"]
SPECIAL = [
    *"|<>&\"'{}[]*_#\\`!-+.=:~^()$@?%;,/\t ",
    "<!--", "-->", "<script>", "</script>", "<img src=x onerror=alert(1)>", "javascript:", "data:", "vbscript:",
    "{: onclick=alert(1) }", "[x]: javascript:alert(1)", "[a](javascript:alert(1))", "1. ", "- ", "# ", "> ",
    "!!! note", "??? q", "    ", "===", "---", "&amp;", "&#60;", "\x02wzxhzdk:0\x03", "\u2028", "W" * 300, "应急管理",
]
TEXT = st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=6)), max_size=12).map("".join)


def _html(md: str) -> str:
    return markdown.markdown(md, extensions=EXTENSIONS)


def _shown(text: str) -> str:
    """What a reader sees of a text: control characters replaced, white space not counted."""
    return squash(re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", "\ufffd", text))


def _tags(html: str) -> list[str]:
    return [tag for tag, _ in read_page(html).elements]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_a_line_of_text_is_one_paragraph_of_that_text(text: str) -> None:
    html = _html(md_text(text))
    if not _shown(text):
        return
    assert _tags(html) == ["p"], html
    assert visible(read_page(html)) == _shown(one_line(text))


@settings(max_examples=150, deadline=None)
@given(TEXT, TEXT)
def test_a_table_cell_and_a_heading_hold_their_text(a: str, b: str) -> None:
    html = _html(f"# {md_text(a)}\n\n| x | y |\n| --- | --- |\n| {md_text(a)} | {md_text(b)} |\n")
    assert _tags(html) == ["h1", "table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"], html
    page = read_page(html)
    assert visible(page) == _shown(one_line(a)) + "xy" + _shown(one_line(a)) + _shown(one_line(b))


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_lines_are_paragraphs_of_text(text: str) -> None:
    html = _html(md_lines(text))
    assert set(_tags(html)) <= {"p"}, html
    assert visible(read_page(html)) == _shown(one_line(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(TEXT, st.sampled_from(["\n", "\n\n", "**b**", "*i*", "- ", "1. ", "\n7. ", "\n  - ", "\n1) ",
                                                  "[t](https://example.org/a)", "[t](laws/aqscf.md#a30)"])),
                max_size=10).map("".join))
def test_prose_makes_only_the_subset(text: str) -> None:
    page = read_page(_html(md_prose(text, "matters/x.md")))
    assert {tag for tag, _ in page.elements} <= {"p", "ul", "ol", "li", "strong", "em", "a"}, page.elements
    assert all(names in ((), ("href",)) for _, names in page.elements), page.elements
    assert all(url.startswith(("https://", "http://", "../")) for url in page.urls), page.urls
    assert bad_parts(page) == []


def test_prose_keeps_emphasis_lists_and_allowed_links() -> None:
    html = _html(md_prose("**重点** *注意*\n- 一\n- 二\n\n[全文](laws/aqscf.md#a30) [网站](https://example.org/x?a=1&b=2)",
                          "matters/x.md"))
    assert "<strong>重点</strong>" in html and "<em>注意</em>" in html and "<li>一</li>" in html
    assert '<a href="../laws/aqscf.md#a30">全文</a>' in html
    assert '<a href="https://example.org/x?a=1&amp;b=2">网站</a>' in html


def test_prose_shows_html_scripts_links_attributes_and_definitions_as_typed() -> None:
    page = read_page(_html(md_prose(PROSE, "matters/x.md")))
    assert bad_parts(page) == []
    for typed in ("[x]: javascript:alert(5)", "<svg onload=alert(6)>", "![i](x.png)",
                  "[链接](data:text/html,<script>alert(7)</script>)", "<!-- 注释 {: .x onclick=alert(8) }"):
        assert squash(typed) in visible(page)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x", "vbscript:x",
                                 "//evil.example/x", "/etc/passwd", "https://x/<y>", "https://x/\"y", "x.html", ""])
def test_link_targets_outside_the_subset_are_refused(url: str) -> None:
    assert link_target(url, "matters/x.md") is None


def test_html_text_and_attribute() -> None:
    assert html_text('<a href="x">&') == "&lt;a href=&#34;x&#34;&gt;&amp;"
    assert html_attr("a\"b'\nc<") == "a&#34;b&#39; c&lt;"


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_a_title_is_valid_front_matter_showing_the_text(text: str) -> None:
    value = yaml.safe_load(f"title: {front_title(text)}\n")["title"]
    assert read_page(value).elements == []
    assert squash("".join(read_page(value).text)) == _shown(one_line(text)).replace("\ufffd", "\ufffd")


@settings(max_examples=200, deadline=None)
@given(st.recursive(TEXT, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                    max_leaves=6))
def test_json_in_a_script_cannot_end_it(value: object) -> None:
    text = script_json(value)
    assert json.loads(text) == value
    assert "<" not in text and "\u2028" not in text and "\u2029" not in text


def test_urls_in_templates_are_our_own() -> None:
    assert site_url("../laws/aqscf.md#a30") == "../laws/aqscf.md#a30"
    assert site_url("../matters/330225002022.md#法律依据").endswith("#法律依据")
    for bad in ("javascript:alert(1)", "/abs", "x y", "a)b"):
        with pytest.raises(ValueError):
            site_url(bad)


def test_the_fixed_hostile_texts_are_shown_as_typed() -> None:
    page = read_page(_html(md_text(HOSTILE)))
    assert bad_parts(page) == [] and _tags(_html(md_text(HOSTILE))) == ["p"]
    assert visible(page) == squash(HOSTILE)




def test_a_value_a_template_forgets_to_escape_is_shown_as_text() -> None:
    from generator.pages.template import env as _env

    out = _env().from_string("{{ x }} {{ y }} {{ z | url }}").render(x="<b>*粗*</b>", y=Markup("**ours**"), z="a.md#b")
    assert out == "&#60;b&#62;&#42;粗&#42;&#60;/b&#62; **ours** a.md#b"
