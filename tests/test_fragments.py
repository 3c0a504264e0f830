"""Pieces of built pages put in after Markdown: fragments, and the print page's sections."""

from __future__ import annotations

from generator.pages import blockhtml
from generator.pages.blockhtml import block_html, table_html
from generator.pages.escape import md_text
from generator.pages.fragments import fill, marker
from generator.pages.printpage import article, placeholder, rebase
from generator.pages.printpage import fill as fill_print

from .hostile import HOSTILE, PROSE, SHORT


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


def _whole(markdown_text: str) -> str:
    """The oracle: Python-Markdown on the whole text at once, with the site's extensions, links to .html pages."""
    import markdown

    from generator.model.urls import URLS
    from generator.pages.blockhtml import _MD_LINK, EXTENSIONS

    linked = _MD_LINK.sub(lambda x: x.group(1) + URLS.output(x.group(2)) + ")", markdown_text)
    return str(markdown.Markdown(extensions=list(EXTENSIONS)).convert(linked))


def test_shared_blocks_make_the_html_markdown_makes_of_the_whole_page() -> None:
    from generator.pages.blockhtml import BLOCK_END, BLOCK_START, shared_blocks

    table = "| a | b |\n| --- | --- |\n| [x](../laws/a.md#a1) | *y* |"
    details = '??? note "全文"\n    <mark>第一款</mark>\n\n    第二款'
    page = (f"## 一\n\n{BLOCK_START}\n**[t](../laws/a.md#a2)**（正式文本）\n\n{details}\n{BLOCK_END}\n\n"
            f"??? quote \"清单原文\"\n    > q\n\n## 二\n\n{BLOCK_START}\n{table}\n{BLOCK_END}\n\n"
            f"{BLOCK_START}\n\n{BLOCK_END}\n\n尾")
    body, fragments = shared_blocks(page)
    assert len(fragments) == 2 and BLOCK_START not in body and "## 一" in body and "??? quote" in body
    plain = page.replace(f"{BLOCK_START}\n", "").replace(f"{BLOCK_END}\n", "")
    assert _html_lines(fill(_whole(body), dict(fragments))) == _html_lines(_whole(plain))


def _html_lines(html: str) -> list[str]:
    return [line for line in html.splitlines() if line.strip()]


def test_the_same_block_is_one_fragment_whatever_page_holds_it() -> None:
    from generator.pages.blockhtml import BLOCK_END, BLOCK_START, shared_blocks

    block = f"{BLOCK_START}\n正式文本\n{BLOCK_END}\n"
    one, two = shared_blocks(f"# A\n\n{block}"), shared_blocks(f"# B\n\n{block}\n尾")
    assert one[1] == two[1] and one[1][0][0].startswith("block-")


def test_a_delimiter_inside_a_line_is_text() -> None:
    from generator.pages.blockhtml import BLOCK_END, BLOCK_START, shared_blocks

    page = f"文字 {BLOCK_START}\nx\n{BLOCK_END} 文字\n"
    assert shared_blocks(page) == (page, ())


def test_numbered_html_is_the_loose_list_markdown_makes() -> None:
    from generator.pages.blockhtml import numbered_html

    items = ["**[甲](../stages/a.md)**：一\n\n本环节的文书：[书](../stages/d.md#doc-x)",
             "乙\n\n**要点**：丙<span class=\"todo\">待补充</span>", "丁"]
    as_list = "\n\n".join(f"{i}. " + item.replace("\n\n", "\n\n    ") for i, item in enumerate(items, 1))
    assert _html_lines(numbered_html(items)) == _html_lines(_whole(as_list))
    assert numbered_html([]) == ""


def test_a_table_made_row_by_row_is_the_html_markdown_makes_of_it_whole() -> None:
    # The inspection sheets' tables are converted a row at a time (each row once), so that an edit converts only
    # its rows again: what that makes must be what converting the table whole makes, whatever the cells hold.
    head = "| 序号 | 事项 | 检查内容 |\n| --- | --- | --- |"
    escaped = md_text(HOSTILE)
    rows = [f"| 1 | [330225002014](../matters/330225002014.md) {escaped} | 对照法律依据检查：<br>{md_text(SHORT)} |",
            f"| 2 | {md_text(PROSE.replace(chr(10), ' '))} | *强调* `代码` &amp; |", "| 3 |  |  |",
            "| 4 | <tr><td>x | y |", "| 5 | a | b | c |", "| 6 | a |"]
    for n in range(1, len(rows) + 1):
        table = "\n".join([head, *rows[:n]])
        assert table_html(table) == block_html(table), rows[n - 1]
    # A table whose rows are all new is converted whole and cut into its rows: each as converting it alone makes.
    fresh = [f"| {n} | 新行 {md_text(SHORT)} {n} | 内容 |" for n in range(5)]
    assert table_html("\n".join([head, *fresh])) == block_html("\n".join([head, *fresh]))
    for row in fresh:
        assert blockhtml._MADE[blockhtml._key(f"{head}\n{row}")] == blockhtml._convert(f"{head}\n{row}")
    odd = ["| 7 | </tr>\n<tr> |", "| 8 | <tr><td>新 | y |", "| 9 | 新 |  |"]  # cannot be cut: rows alone
    assert table_html("\n".join([head, *odd])) == block_html("\n".join([head, *odd]))
    assert table_html(head) == block_html(head)  # no rows
    assert table_html(f"{head}\n{rows[0]}\n\n{rows[1]}") == block_html(f"{head}\n{rows[0]}\n\n{rows[1]}")
