"""The scope of a citation: which 款 and 项 of its article it covers, each kept as a paragraph of its own."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Library, Ref


@dataclass(frozen=True)
class Passage:
    """One 款 or 项 of an article as the official text has it, and whether a citation covers it."""

    text: str
    is_item: bool
    cited: bool


def passages(library: Library, ref: Ref) -> list[Passage]:
    """Every 款 and 项 of the article ref points into, in order, each marked as covered by ref or not.

    A 项 is cited with the lead of its 款 (有下列行为之一的……：), which gives it its meaning.
    """
    article = library.laws[ref.law].article(ref.article, ref.sub)
    if article is None:
        return []
    out = []
    for p in article.paragraphs:
        in_para = ref.paragraph in (None, p.number)
        # A 项 cited without its 款 (an article whose 项 stand in one 款) covers that 款's lead.
        lead = in_para and (ref.item is None or any(i.number == ref.item for i in p.items))
        out.append(Passage(p.text, False, lead))
        out += [Passage(i.text, True, in_para and ref.item in (None, i.number)) for i in p.items]
    return out


def official_text(library: Library, ref: Ref) -> list[str]:
    """The official text of a cited place, one line per 款 and 项: the article, its 款 with their 项, or a 项
    under its 款's lead. Every page, sheet, check and quote shows a cited place's text through this function."""
    return [p.text for p in passages(library, ref) if p.cited]


def is_partial(library: Library, ref: Ref) -> bool:
    """Whether the citation covers less than its whole article."""
    return any(not p.cited for p in passages(library, ref))
