"""Values the templates show: precomputed, so that templates hold no logic."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .citations import full_label, link_citations, place_label, ref_url
from .model import Library, Ref
from .scope import passages

TODO = "待补充"  # what a page says where a fact is not in our data yet (it also names the source)


@dataclass(frozen=True)
class Link:
    """A label and where it leads (a docs-relative .md URL, with its anchor)."""

    text: str
    url: str


def ref_link(library: Library, page: str, ref: Ref) -> Link:
    """《安全生产法》第九十七条第（七）项, linked from page to its anchor."""
    return Link(full_label(library, ref), ref_url(page, ref))


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(text: str) -> str:
    """Escape the characters Markdown would read as markup; law text is shown as it is."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _law_text(library: Library, page: str, ref: Ref, paragraphs: list[str]) -> str:
    # Each 款 and 项 a paragraph of its own; 本法 in the text is the law cited.
    markdown = "\n\n".join(paragraphs)
    return link_citations(markdown, library, page, library.laws[ref.law])[0]


def cited_markdown(library: Library, page: str, ref: Ref) -> str:
    """The official text a citation covers, as Markdown paragraphs: its 款, or a 项 under its 款's lead."""
    return _law_text(library, page, ref, [md_escape(p.text) for p in passages(library, ref) if p.cited])


def article_markdown(library: Library, page: str, ref: Ref) -> str:
    """The whole article a citation points into, the part it covers marked, or '' when it covers all of it."""
    parts = passages(library, ref)
    if all(p.cited for p in parts):
        return ""
    return _law_text(library, page, ref, [f"<mark>{md_escape(p.text)}</mark>" if p.cited else md_escape(p.text)
                                          for p in parts])


def article_title(library: Library, ref: Ref) -> str:
    """The heading of the collapsed whole article: 第九十七条全文（所引第（七）项已加底色）."""
    whole = place_label(library, ref.article_ref())
    return f"{whole}全文（所引{place_label(library, ref).removeprefix(whole)}已加底色）"


@dataclass(frozen=True)
class CitedText:
    """A cited place with its official text as a quote, and its whole article (collapsed) when it is narrower."""

    link: Link
    quote: str          # the cited 款/项 as a Markdown blockquote, one paragraph each
    article: str        # the whole article, the cited part marked; '' when the whole article is cited
    article_title: str


def cited_text(library: Library, page: str, ref: Ref) -> CitedText:
    """What a study page shows of a citation: the text it covers first, the rest of its article secondary."""
    quote = "\n>\n".join(f"> {p}" for p in cited_markdown(library, page, ref).split("\n\n"))
    article = article_markdown(library, page, ref)
    return CitedText(ref_link(library, page, ref), quote, article, article_title(library, ref) if article else "")
