"""Quote check: is the list's wording of a passage the official text of the place it cites?"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from .citations import find_citations
from .model import Library, Quote, Ref

_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_WIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})
_CLOSING = "。；，：、"
CONTEXT = 6     # characters of shared text named before a change
MIN_SHARED = 3  # shorter shared runs between two changes are read as one change (的安全生产 → 生产安全)


def normalise(text: str) -> str:
    """Text as compared: no HTML tags or white space, full-width punctuation, no closing punctuation."""
    return _SPACE.sub("", _TAGS.sub("", text)).translate(_WIDTH).rstrip(_CLOSING)


@dataclass(frozen=True)
class Part:
    """One piece of a diff: text both share, or text only the list or only the official text has."""

    kind: str  # "same", "list", "official"
    text: str


@dataclass(frozen=True)
class QuoteCheck:
    """The result for one quoted passage: which place it matches, and how it differs if it does."""

    ref: Ref
    matched: Ref | None            # the exact 条/款/项 the quote is word for word, if any
    closest: Ref                   # the place it is closest to
    official: str                  # the official text of that place, as compared
    diff: tuple[Part, ...] = ()

    @property
    def differs(self) -> bool:
        """Whether the list's wording is not the official wording."""
        return self.matched is None


def quoted_passages(quote: Quote, library: Library) -> list[str]:
    """The law text of a quote, split at each citation heading it contains (《…》第X条 …)."""
    cites = [c for c in find_citations(quote.text, library) if c.ref is not None]
    heads = [c for c in cites if c.start == 0 or quote.text[c.start - 1] in "\n 。；"]
    if not heads:
        return [quote.text]
    out = []
    for i, c in enumerate(heads):
        end = heads[i + 1].start if i + 1 < len(heads) else len(quote.text)
        out.append(quote.text[c.end:end])
    return out


def candidates(library: Library, ref: Ref) -> list[tuple[Ref, str]]:
    """The places within ref a quote may reproduce: the whole, each 款, each 款 with one 项, each 项."""
    article = library.laws[ref.law].article(ref.article, ref.sub)
    assert article is not None
    paras = [article.paragraph(ref.paragraph)] if ref.paragraph else list(article.paragraphs)
    out: list[tuple[Ref, str]] = []
    if ref.paragraph is None:
        out.append((ref.article_ref(), "".join(_para_text(p.text, p.items) for p in article.paragraphs)))
    for p in paras:
        assert p is not None
        pref = Ref(ref.law, ref.article, p.number, sub=ref.sub)
        items = [i for i in p.items if ref.item in (None, i.number)]
        if ref.item is None:
            out.append((pref, _para_text(p.text, p.items)))
        for i in items:
            out.append((Ref(ref.law, ref.article, p.number, i.number, ref.sub), p.text + i.text))
    return out


def _para_text(text: str, items: tuple[object, ...]) -> str:
    return text + "".join(getattr(i, "text", "") for i in items)


def check_quote(quote: Quote, library: Library) -> list[QuoteCheck]:
    """One check per structured citation of the quote, pairing each with its passage of the quote."""
    return list(_check(quote.text, quote.refs, library))


@lru_cache(maxsize=8192)
def _check(text: str, refs: tuple[Ref, ...], library: Library) -> tuple[QuoteCheck, ...]:
    # Many matters quote the same articles, and `serve` checks every quote on every rebuild: remember them.
    passages = quoted_passages(Quote(text, refs), library)
    checks = []
    for n, ref in enumerate(refs):
        passage = normalise(passages[min(n, len(passages) - 1)])
        options = [(r, normalise(t)) for r, t in candidates(library, ref)]
        exact = next(((r, t) for r, t in options if t == passage), None)
        if exact is not None:
            checks.append(QuoteCheck(ref, exact[0], exact[0], exact[1]))
            continue
        best_ref, best_text = max(options, key=lambda o: difflib.SequenceMatcher(None, passage, o[1]).ratio())
        checks.append(QuoteCheck(ref, None, best_ref, best_text, diff(passage, best_text)))
    return tuple(checks)


def _grouped(listed: str, official: str) -> list[tuple[str, int, int, int, int]]:
    """Diff opcodes with two changes that are MIN_SHARED or fewer characters apart merged into one."""
    out: list[tuple[str, int, int, int, int]] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, listed, official, autojunk=False).get_opcodes():
        kind = "same" if op == "equal" else "change"
        if kind == "change" and out and out[-1][0] == "change":
            out[-1] = ("change", out[-1][1], a2, out[-1][3], b2)
        elif (kind == "change" and len(out) >= 2 and out[-2][0] == "change"
              and out[-1][2] - out[-1][1] < MIN_SHARED):
            out.pop()
            out[-1] = ("change", out[-1][1], a2, out[-1][3], b2)
        else:
            out.append((kind, a1, a2, b1, b2))
    return out


def diff(listed: str, official: str) -> tuple[Part, ...]:
    """The list's text against the official text, as shared runs and changes."""
    parts: list[Part] = []
    for kind, a1, a2, b1, b2 in _grouped(listed, official):
        if kind == "same":
            parts.append(Part("same", listed[a1:a2]))
            continue
        if a2 > a1:
            parts.append(Part("list", listed[a1:a2]))
        if b2 > b1:
            parts.append(Part("official", official[b1:b2]))
    return tuple(parts)


def describe(parts: tuple[Part, ...]) -> str:
    """The differences in words: 正式文本为“生产经营场所”，清单为“场所”."""
    changes = []
    for i, p in enumerate(parts):
        if p.kind == "same":
            continue
        before = next((q.text[-CONTEXT:] for q in reversed(parts[:i]) if q.kind == "same"), "")
        if p.kind == "official":
            listed = parts[i - 1].text if i and parts[i - 1].kind == "list" else ""
            changes.append(f"“{before}”之后，正式文本为“{p.text}”，清单为“{listed}”" if listed
                           else f"“{before}”之后，清单少了“{p.text}”")
        elif not (i + 1 < len(parts) and parts[i + 1].kind == "official"):
            changes.append(f"“{before}”之后，清单多了“{p.text}”")
    return "；".join(changes)
