"""Law pages: every article, 款 and 项 at its fixed anchor, linked, with the matters and guides citing it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from markupsafe import Markup

from ..model.citations import link_citations, place_label
from ..model.docs import PageCite
from ..model.laws import effective_article, iso_to_cn
from ..model.model import Article, ArticleKey, Law
from ..model.site import Site
from ..model.urls import URLS
from .escape import html_attr, html_text
from .fragments import marker
from .page import Inputs, Made, Recipe
from .template import draw
from .viewmodel import Link, md_escape

_NO_MARKUP = Markup("")


@dataclass(frozen=True)
class LawDates:
    """A law's 施行日期 as its text states it (with the article), and its version with the version's date."""

    effective: str
    effective_article: Link | None
    version: str
    version_effective: str


def law_dates(law: Law, page: str) -> LawDates:
    """The dates a law page and the law list show, in the laws' own wording (2016年8月1日)."""
    article = effective_article(law)
    link = Link(article.label, URLS.link(page, law.path, article.anchor)) if article else None
    version_effective = ""
    if law.version_effective_date:
        version_effective = (f"本版本自{iso_to_cn(law.version_effective_date)}起施行，"
                             f"见{law.version_effective_source}")
    return LawDates(iso_to_cn(law.effective_date), link, law.version or law.version_date, version_effective)


@dataclass(frozen=True)
class ArticleView:
    """An article with its anchors, linked text and the matters citing it."""

    anchor: str
    label: str
    paragraphs: tuple[tuple[str, Markup, tuple[tuple[str, Markup], ...]], ...]  # (anchor, text, ((anchor, text), …))
    cited_by: tuple[tuple[Link, str], ...]
    guides: tuple[Link, ...]
    chapter_heading: Markup
    cited_marker: Markup = _NO_MARKUP  # the "cited by" box's marker: the box goes in as HTML, after Markdown


@dataclass(frozen=True)
class LawView:
    """Everything the law template shows, precomputed."""

    law: Law
    history: tuple[str, ...]
    articles: tuple[ArticleView, ...]
    toc: tuple[tuple[int, Link, str], ...]
    indents: dict[int, Markup]
    dates: LawDates
    note: str
    footnotes: tuple[str, ...]
    appendices: tuple[tuple[str, Markup, tuple[str, ...]], ...]
    cited_count: int


def law_view(site: Site, law: Law, pages: dict[ArticleKey, list[PageCite]] | None = None) -> LawView:
    """Everything the law template shows, precomputed."""
    page = law.path
    headings: dict[int, list[str]] = {}
    for i, c in enumerate(law.chapters):
        headings.setdefault(c.first, []).append(Markup(f"{'#' * c.level} {md_escape(c.title)} {{#ch-{i + 1}}}"))
    guides = {key: [Link(p.title, URLS.link(page, p.path)) for p in cites]
              for key, cites in (pages or {}).items() if key[0] == law.id}
    # A chapter's first article is never a 之一 one: the heading goes before the article of that number.
    articles = [_article_view(site, law, a, page,
                              _NO_MARKUP if a.sub else Markup("\n\n").join(headings.get(a.number, [])),
                              guides.get((law.id, *a.key), []))
                for a in law.articles]
    toc = [(c.level, Link(c.title, f"#ch-{i + 1}"), f"第{c.first}–{c.last}条")
           for i, c in enumerate(law.chapters)]
    return LawView(law, law.history, tuple(articles), tuple(toc),
                   {level: Markup("    " * max(level - 2, 0)) for level in range(1, 7)},
                   law_dates(law, page), law.note, law.footnotes,
                   tuple((x.title, Markup(f"{{#appendix-{i + 1}}}"), x.lines) for i, x in enumerate(law.appendices)),
                   len({k for k in site.cited_by if k[0] == law.id}))


def _article_view(site: Site, law: Law, a: Article, page: str, heading: Markup,
                  guides: list[Link]) -> ArticleView:
    def linked(text: str) -> Markup:
        return Markup(link_citations(md_escape(text), site.library, page, law)[0])

    paras = tuple(
        (f"{a.anchor}-{p.number}", linked(p.text),
         tuple((f"{a.anchor}-{p.number}-{i.number}", linked(i.text)) for i in p.items))
        for p in a.paragraphs
    )
    cited = tuple(
        (Link(f"{c.matter.code} {c.matter.name}", URLS.link(page, c.matter.path)),
         f"{c.role}：{place_label(site.library, c.ref)}")
        for c in site.citing(law.id, a.number, a.sub)
    )
    return ArticleView(a.anchor, a.label, paras, cited, tuple(guides), heading)


def cited_html(a: ArticleView) -> str:
    """An article's "cited by" box as HTML (see fragments)."""
    def links(items: Iterable[tuple[Link, str]]) -> str:
        return "；".join(f'<a href="{html_attr(URLS.output(link.url))}">{html_text(link.text)}</a>{html_text(note)}'
                        for link, note in items)

    parts = []
    if a.cited_by:
        matters = links((link, f"（{role}）") for link, role in a.cited_by)
        parts.append(f"<p><strong>引用本条的事项</strong>：{matters}</p>")
    if a.guides:
        parts.append(f"<p><strong>引用本条的指引</strong>：{links((link, '') for link in a.guides)}</p>")
    return f'<div class="cited-by">{"".join(parts)}</div>'




def law_inputs(site: Site, law: Law, guides: dict[ArticleKey, list[PageCite]]) -> Inputs:
    """What a law page is made from besides the library (what it reads of that, for its links, is recorded:
    law_recipe): the law, what each matter citing it shows of itself there, and the guide pages citing it."""
    cited = tuple((key, tuple((c.matter.code, c.matter.name, c.matter.path, c.role, c.ref) for c in citing))
                  for key, citing in site.cited_by.items() if key[0] == law.id)
    by_guides = tuple((key, tuple(cites)) for key, cites in guides.items() if key[0] == law.id)
    return Inputs(law, cited, by_guides)


def law_recipe(site: Site, law: Law, guides: dict[ArticleKey, list[PageCite]]) -> Recipe:
    """How to make a law's page: the "cited by" boxes are HTML fragments (see fragments)."""
    return Recipe(law.path, law_inputs(site, law, guides), lambda: law_page(site, law, guides), site.library)


def law_page(site: Site, law: Law, guides: dict[ArticleKey, list[PageCite]]) -> Made:
    """A law's page and its fragments."""
    view = law_view(site, law, guides)
    made: list[tuple[str, str]] = []
    articles = []
    for a in view.articles:
        if a.cited_by or a.guides:
            key, box = f"cited-{law.id}-{a.anchor}", cited_html(a)
            made.append((key, box))
            a = replace(a, cited_marker=Markup(marker(key, box)))
        articles.append(a)
    view = replace(view, articles=tuple(articles))
    return draw("law.md.j2", **{f.name: getattr(view, f.name) for f in fields(view)}), tuple(made)


_KIND_ORDER = {"法律": 0, "行政法规": 1, "地方性法规": 2}


def law_order(law: Law) -> tuple[int, str]:
    """Laws in the order the list shows them: laws, administrative regulations, local regulations, by id."""
    return (_KIND_ORDER.get(law.kind, 9), law.id)
