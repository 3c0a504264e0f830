"""The domain model: matters of the key-enforcement list, and the laws they cite."""

from __future__ import annotations

from dataclasses import dataclass, field

from .numerals import int_to_cn
from .urls import URLS

ArticleKey = tuple[str, int, int]
"""An article across the library: (law id, number, 之 number)."""


def article_number(number: int, sub: int = 0) -> int | str:
    """An article number as data files write it: 97, or "134之一"."""
    return f"{number}之{int_to_cn(sub)}" if sub else number


def article_anchor(number: int, sub: int = 0) -> str:
    """An article's anchor: a97; a134zhi1 for 第一百三十四条之一 (never a134-1, which is 第一款)."""
    return f"a{number}zhi{sub}" if sub else f"a{number}"


def article_label(number: int, sub: int = 0) -> str:
    """第九十七条; 第一百三十四条之一."""
    return f"第{int_to_cn(number)}条" + (f"之{int_to_cn(sub)}" if sub else "")


@dataclass(frozen=True, order=True)
class Ref:
    """A structured citation: law, 条, and optionally 款 and 项."""

    law: str
    article: int
    paragraph: int | None = None
    item: int | None = None
    sub: int = 0  # 之一 is 1: 第一百三十四条之一 is article 134, sub 1

    @property
    def anchor(self) -> str:
        """The stable HTML anchor of the cited place: a97, a97-2, a97-1-7, a134zhi1, a134zhi1-2."""
        parts = [article_anchor(self.article, self.sub)]
        if self.paragraph is not None:
            parts.append(str(self.paragraph))
        if self.item is not None:
            parts.append(str(self.item))
        return "-".join(parts)

    @property
    def label(self) -> str:
        """The place as officers write it: 第九十七条第一款第（七）项."""
        text = article_label(self.article, self.sub)
        if self.paragraph is not None:
            text += f"第{int_to_cn(self.paragraph)}款"
        if self.item is not None:
            text += f"第（{int_to_cn(self.item)}）项"
        return text

    def article_ref(self) -> Ref:
        """The whole article this citation points into."""
        return Ref(self.law, self.article, sub=self.sub)

    @property
    def article_id(self) -> ArticleKey:
        """The cited article across the library: ("xf", 134, 1)."""
        return (self.law, self.article, self.sub)

    @property
    def article_key(self) -> tuple[int, int]:
        """The cited article's number and 之 number: (134, 1) for 第一百三十四条之一."""
        return (self.article, self.sub)


@dataclass(frozen=True)
class Quote:
    """A passage of law as the list quotes it, with the places it cites."""

    text: str
    refs: tuple[Ref, ...]
    key: str = ""
    line: int = field(default=0, compare=False)  # for messages only, as Matter.line


@dataclass(frozen=True)
class Category:
    """A category of matters (类别), with an ASCII id for its page URL."""

    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Matter:
    """One row of the key-enforcement list, plus optional local enrichments."""

    seq: int
    category: str
    code: str
    name: str
    basis: Quote
    penalty: Quote
    checks: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    discretion: str = ""
    local_notes: str = ""
    # Where the matter stands in the list file, for messages: not part of what a matter is (a line added above
    # it must not make its pages, questions and index entry look changed).
    line: int = field(default=0, compare=False)
    _hash: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Matters key the page and search caches: hash the fields once, not on every look-up.
        fields = (self.seq, self.category, self.code, self.name, self.basis, self.penalty, self.checks,
                  self.evidence, self.documents, self.discretion, self.local_notes)
        object.__setattr__(self, "_hash", hash(fields))

    def __hash__(self) -> int:
        return self._hash

    @property
    def path(self) -> str:
        """The matter page's source path; it is served as matters/<code>.html."""
        return URLS.matter(self.code)


@dataclass(frozen=True)
class Checklist:
    """The whole list as loaded from data/checklist.yaml."""

    title: str
    source: str
    categories: tuple[Category, ...]
    matters: tuple[Matter, ...]

    def category(self, name: str) -> Category:
        """The category called name."""
        return next(c for c in self.categories if c.name == name)

    def in_category(self, name: str) -> list[Matter]:
        """Matters of one category, in list order."""
        return [m for m in self.matters if m.category == name]


@dataclass(frozen=True)
class Item:
    """A 项 of a 款: （一）…."""

    number: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A 款 of an article, with its 项."""

    number: int
    text: str
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Article:
    """An article (条) with its paragraphs; the first paragraph's text omits the 第X条 heading."""

    number: int
    paragraphs: tuple[Paragraph, ...]
    chapter: str = ""
    section: str = ""
    sub: int = 0  # 之一 is 1

    @property
    def key(self) -> tuple[int, int]:
        """Number and 之 number: (134, 1) for 第一百三十四条之一; articles sort by it."""
        return (self.number, self.sub)

    @property
    def label(self) -> str:
        """第九十七条; 第一百三十四条之一."""
        return article_label(self.number, self.sub)

    @property
    def anchor(self) -> str:
        """a97; a134zhi1."""
        return article_anchor(self.number, self.sub)

    def paragraph(self, number: int) -> Paragraph | None:
        """The 款 numbered number, if it exists."""
        return self.paragraphs[number - 1] if 0 < number <= len(self.paragraphs) else None

    @property
    def item_paragraphs(self) -> list[Paragraph]:
        """The 款 that carry 项."""
        return [p for p in self.paragraphs if p.items]


@dataclass(frozen=True)
class Chapter:
    """A chapter (章) or section (节) heading and the article numbers under it."""

    title: str
    level: int
    first: int
    last: int


@dataclass(frozen=True)
class Appendix:
    """An appendix of a law (刑法 附件一): a heading and its lines, which are a list, not articles."""

    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Law:
    """One law or regulation in full."""

    id: str
    title: str
    short_names: tuple[str, ...]
    version_date: str
    effective_date: str
    kind: str
    history: tuple[str, ...]
    chapters: tuple[Chapter, ...]
    articles: tuple[Article, ...]
    source: str = ""
    note: str = ""
    version: str = ""                   # the version as its history names it: 2021年6月10日第三次修正
    version_effective_date: str = ""    # when this version took effect, where the text itself does not say
    version_effective_source: str = ""  # the document that says so (the amending decision)
    footnotes: tuple[str, ...] = ()  # lines after the last article such as 刑法's ① note, verbatim
    appendices: tuple[Appendix, ...] = ()
    _by_number: dict[tuple[int, int], Article] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_number.update({a.key: a for a in self.articles})

    @property
    def short_name(self) -> str:
        """The name officers use most: 安全生产法."""
        return self.short_names[0] if self.short_names else self.title

    @property
    def path(self) -> str:
        """The law page's source path."""
        return URLS.law(self.id)

    def article(self, number: int, sub: int = 0) -> Article | None:
        """The article numbered number (之sub), if it exists."""
        return self._by_number.get((number, sub))


@dataclass(eq=False)  # compared and hashed by identity: caches keyed on a library last as long as it does
class Library:
    """All laws, findable by id, full title or short name."""

    laws: dict[str, Law] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict)

    def add(self, law: Law) -> None:
        """Register a law under its id, title and short names."""
        self.laws[law.id] = law
        for name in (law.id, law.title, *law.short_names):
            self._names[name] = law.id

    def find(self, name: str) -> Law | None:
        """The law known by this id, title or short name (with or without 《》)."""
        key = self._names.get(name.strip("《》 "))
        return self.laws.get(key) if key else None

    @property
    def names(self) -> list[str]:
        """Every name a law is known by, longest first (so that matching prefers the full title)."""
        return sorted(self._names, key=len, reverse=True)
