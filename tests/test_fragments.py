"""Pieces of built pages put in after Markdown: fragments, and the print page's sections."""

from __future__ import annotations

from generator.pages.fragments import fill, marker
from generator.pages.printpage import article, placeholder, rebase
from generator.pages.printpage import fill as fill_print


def test_a_marker_is_replaced_in_any_attribute_order() -> None:
    m = marker("t", "<table></table>")
    reordered = m.replace('data-fragment="t" data-digest', "data-digest")
    reordered = reordered.replace("></div>", ' data-fragment="t"></div>')
    for page in (f"<p>x</p>{m}", f"<p>x</p>{reordered}"):
        assert fill(page, {"t": "<table></table>"}) == "<p>x</p><table></table>"


def test_the_marker_changes_with_its_fragment() -> None:
    # `serve --dirty` rebuilds a page only when its source changes.
    assert marker("t", "a") != marker("t", "b")
    assert marker("t", "a") == marker("t", "a")


def test_an_unknown_marker_is_left() -> None:
    m = marker("other", "x")
    assert fill(m, {}) == m


def test_print_sections_are_filled_and_refilled() -> None:
    page = f"<main>{placeholder('330225002014')}</main>"
    once = fill_print(page, {"330225002014": "<h1>A</h1>"})
    assert "<h1>A</h1>" in once
    twice = fill_print(once, {"330225002014": "<h1>B</h1>"})
    assert "<h1>B</h1>" in twice and "<h1>A</h1>" not in twice


def test_rebase_moves_links_and_prefixes_ids() -> None:
    html = ('<h2 id="x">t<a href="#x">¶</a></h2><a href="../laws/a.html#a1">l</a><a href="330225002022.html">m</a>'
            '<a href="https://example.org/">e</a><details class="quote"><summary>s</summary></details>')
    out = rebase(html, "matters", ".", "m-1")
    assert 'id="m-1-x"' in out and 'href="#m-1-x"' in out
    assert 'href="laws/a.html#a1"' in out and 'href="matters/330225002022.html"' in out
    assert 'href="https://example.org/"' in out and "<details open " in out


def test_article_is_the_page_content() -> None:
    assert article('<nav>n</nav><article class="md-content__inner md-typeset"><p>c</p></article>') == "<p>c</p>"
