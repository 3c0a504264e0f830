"""The domain model: matters of the key-enforcement list, and the laws they cite."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from . import reads
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
class Place:
    """Where an article stands in its law: its number (and 之 number), chapter and section."""

    number: int
    sub: int
    chapter: str
    section: str


class _Articles:
    """Law.articles: every article of the law, a read the law records (reads.py) like a read of one article."""

    def __get__(self, law: Law | None, owner: type | None = None) -> tuple[Article, ...]:
        if law is None:
            raise AttributeError("articles")  # a field without a default (dataclasses asks the class for one)
        if reads.ACTIVE:
            reads.note(("articles", law.id))
        return law.__dict__["_articles"]  # type: ignore[no-any-return]

    def __set__(self, law: Law, articles: tuple[Article, ...]) -> None:
        law.__dict__["_articles"] = articles


@dataclass(frozen=True)
class Law:
    """One law or regulation in full.

    What is read of it while a page is made is recorded (reads.py): its articles, one by one or all, as they are
    read; the rest (its title, names, dates, chapters …) as soon as the law is found in its library.
    """

    id: str
    title: str
    short_names: tuple[str, ...]
    version_date: str
    effective_date: str
    kind: str
    history: tuple[str, ...]
    chapters: tuple[Chapter, ...]
    articles: _Articles = _Articles()
    source: str = ""
    note: str = ""
    version: str = ""                   # the version as its history names it: 2021年6月10日第三次修正
    version_effective_date: str = ""    # when this version took effect, where the text itself does not say
    version_effective_source: str = ""  # the document that says so (the amending decision)
    footnotes: tuple[str, ...] = ()  # lines after the last article such as 刑法's ① note, verbatim
    appendices: tuple[Appendix, ...] = ()
    _by_number: dict[tuple[int, int], Article] = field(default_factory=dict, compare=False, repr=False)
    _outline: list[Place] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_number.update({a.key: a for a in self.every_article()})
        self._outline.extend(Place(a.number, a.sub, a.chapter, a.section) for a in self.every_article())

    def outline(self) -> tuple[Place, ...]:
        """Where each article stands (its number, chapter and section), without its text: a read of the law's
        outline only (reads.py), which an edit to an article's text leaves the same."""
        if reads.ACTIVE:
            reads.note(("outline", self.id))
        return tuple(self._outline)

    def outline_unrecorded(self) -> tuple[Place, ...]:
        """outline(), not recorded."""
        return tuple(self._outline)

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
        if reads.ACTIVE:
            reads.note(("article", self.id, (number, sub)))
        return self._by_number.get((number, sub))

    def article_unrecorded(self, number: int, sub: int = 0) -> Article | None:
        """article(), not recorded (reads.py compares what was read)."""
        return self._by_number.get((number, sub))

    def every_article(self) -> tuple[Article, ...]:
        """articles, not recorded."""
        return self.__dict__["_articles"]  # type: ignore[no-any-return]

    @property
    def meta(self) -> tuple[object, ...]:
        """Everything of the law but its articles: what finding it reads (reads.py)."""
        return (self.id, self.title, self.short_names, self.version_date, self.effective_date, self.kind,
                self.history, self.chapters, self.source, self.note, self.version, self.version_effective_date,
                self.version_effective_source, self.footnotes, self.appendices)


class _Laws(Mapping[str, Law]):
    """A library's laws while reads are recorded: a law found by id is recorded, and so is every law when all are
    gone through (reads.py)."""

    __slots__ = ("_laws",)

    def __init__(self, laws: dict[str, Law]) -> None:
        self._laws = laws

    def __getitem__(self, law_id: str) -> Law:
        reads.note(("law", law_id))  # a law not found is a read too: a law added later would change the page
        return self._laws[law_id]

    def __contains__(self, law_id: object) -> bool:
        reads.note(("law", str(law_id)))
        return law_id in self._laws

    def __iter__(self) -> Iterator[str]:
        reads.note(("all",))
        return iter(self._laws)

    def __len__(self) -> int:
        reads.note(("all",))
        return len(self._laws)


@dataclass(eq=False)  # compared and hashed by identity: caches keyed on a library last as long as it does
class Library:
    """All laws, findable by id, full title or short name; what is read of it is recorded (reads.py)."""

    _laws: dict[str, Law] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict)

    @property
    def laws(self) -> Mapping[str, Law]:
        """The laws by id."""
        return _Laws(self._laws) if reads.ACTIVE else self._laws

    def add(self, law: Law) -> None:
        """Register a law under its id, title and short names."""
        self._laws[law.id] = law
        for name in (law.id, law.title, *law.short_names):
            self._names[name] = law.id

    def find(self, name: str) -> Law | None:
        """The law known by this id, title or short name (with or without 《》)."""
        name = name.strip("《》 ")
        if reads.ACTIVE:
            reads.note(("name", name))
        key = self._names.get(name)
        return self.laws.get(key) if key else None

    @property
    def names(self) -> list[str]:
        """Every name a law is known by, longest first (so that matching prefers the full title)."""
        if reads.ACTIVE:
            reads.note(("names",))
        return sorted(self._names, key=len, reverse=True)

    def known_as(self, name: str) -> str | None:
        """The id of the law name finds, not recorded (reads.py compares what was read)."""
        return self._names.get(name)

    def name_table(self) -> dict[str, str]:
        """Every name and the id it finds, not recorded."""
        return self._names

    def law_unrecorded(self, law_id: str) -> Law | None:
        """The law of this id, not recorded."""
        return self._laws.get(law_id)
