"""Values the templates show: precomputed, so that templates hold no logic."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..model.citations import find_citations, full_label, link_citations, place_label
from ..model.model import Library, Ref
from ..model.scope import official_text, passages
from ..model.urls import URLS
from .escape import html_attr, html_text, md_text

TODO = "待补充"  # what a page says where a fact is not in our data yet (it also names the source)
# The same word as the page shows it: a styled marker, so that what is missing stands out on screen and on paper.
TODO_MARK = Markup(f'<span class="todo">{TODO}</span>')


@dataclass(frozen=True)
class Link:
    """A label and where it leads (a docs-relative .md URL, with its anchor)."""

    text: str
    url: str


def ref_link(library: Library, page: str, ref: Ref) -> Link:
    """《安全生产法》第九十七条第（七）项, linked from page to its anchor."""
    return Link(full_label(library, ref), URLS.cited(page, ref))


def linked_html(text: str, library: Library, page: str) -> Markup:
    """Text as HTML, each article it cites a link to the built law page (for HTML the engine does not convert)."""
    out, at = [], 0
    for c in find_citations(text, library):
        if c.ref is None:
            continue
        url = html_attr(URLS.output(URLS.cited(page, c.ref)))
        out += [html_text(text[at:c.start]), Markup('<a href="{}">{}</a>').format(url, html_text(c.text))]
        at = c.end
    out.append(html_text(text[at:]))
    return Markup("").join(out)


def md_escape(text: str) -> Markup:
    """Text from the data or the law as one line of Markdown, shown as typed (see escape.md_text)."""
    return md_text(text)


def _law_text(library: Library, page: str, ref: Ref, paragraphs: list[Markup]) -> Markup:
    # Each 款 and 项 a paragraph of its own; 本法 in the text is the law cited.
    markdown = Markup("\n\n").join(paragraphs)
    return Markup(link_citations(markdown, library, page, library.laws[ref.law])[0])


def cited_markdown(library: Library, page: str, ref: Ref) -> Markup:
    """The official text a citation covers, as Markdown paragraphs: its 款, or a 项 under its 款's lead."""
    return _law_text(library, page, ref, [md_escape(line) for line in official_text(library, ref)])


def article_markdown(library: Library, page: str, ref: Ref) -> Markup:
    """The whole article a citation points into, the part it covers marked, or '' when it covers all of it."""
    parts = passages(library, ref)
    if all(p.cited for p in parts):
        return Markup("")
    return _law_text(library, page, ref, [Markup("<mark>{}</mark>").format(md_escape(p.text)) if p.cited
                                          else md_escape(p.text) for p in parts])


def article_title(library: Library, ref: Ref) -> str:
    """The heading of the collapsed whole article: 第九十七条全文（所引第（七）项已加底色）."""
    whole = place_label(library, ref.article_ref())
    return f"{whole}全文（所引{place_label(library, ref).removeprefix(whole)}已加底色）"


@dataclass(frozen=True)
class CitedText:
    """A cited place with its official text as a quote, and its whole article (collapsed) when it is narrower."""

    link: Link
    quote: Markup       # the cited 款/项 as a Markdown blockquote, one paragraph each
    article: Markup     # the whole article, the cited part marked; '' when the whole article is cited
    article_title: str


def cited_text(library: Library, page: str, ref: Ref) -> CitedText:
    """What a study page shows of a citation: the text it covers first, the rest of its article secondary."""
    quote = Markup("\n>\n".join(f"> {p}" for p in cited_markdown(library, page, ref).split("\n\n")))
    article = article_markdown(library, page, ref)
    return CitedText(ref_link(library, page, ref), quote, article, article_title(library, ref) if article else "")
