"""Turn the site model into Markdown pages: {docs path: Markdown text}. No MkDocs here."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

import jinja2
import markdown as markdown_lib
from markupsafe import Markup

from .changelog import short
from .citations import full_label, link_citations, place_label
from .codes import CODE_PATTERN
from .counties import NO_DOCUMENT_SOURCE
from .county_pages import COUNTIES_INDEX, county_page_values, county_view, mark
from .decisionpath import MISSING as PATH_MISSING
from .decisionpath import available, decision_path, path_html
from .delegation import mentions_crime, route_views
from .docs import PageCite, cited_articles, page_title
from .escape import FILTERS, finalize, html_attr, html_text, md_prose, md_text, script_json
from .export import XLSX_PATH, bank_docx, bank_xlsx, checklist_xlsx, inspection_xlsx, stamp_text
from .fragments import marker
from .guidance import blocks
from .guides import DEADLINES_PAGE, DOCUMENTS_PAGE, stage_pages
from .htmltable import Cell, table
from .laws import effective_article, iso_to_cn
from .model import Article, ArticleKey, Category, Law, Matter, Ref
from .penalty import Fine, Step, clause_ladder, lead_text, penalty_clause
from .pending import LARGE_FINE_SOURCE, MATTER_PARTS, PENDING_PAGE, pending_count, pending_facts, pending_rows
from .printpage import guide_anchor, guide_placeholder, placeholder
from .quotes import Part, QuoteCheck, describe
from .search import INDEX_PATH, build_index
from .site import BASIS, PENALTY, Site
from .stages import Stage
from .training import questions
from .training_pages import (
    BANK_DOCX,
    BANK_XLSX,
    QUIZ_DATA,
    inspection_path,
    inspection_rows,
    quiz_data,
    training_pages,
)
from .training_pages import inspection_xlsx as inspection_xlsx_path
from .urls import URLS
from .viewmodel import TODO_MARK, Link, article_markdown, article_title, cited_markdown, md_escape, ref_link


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    # Every printed value passes escape.finalize: text unless it is Markup (made by escape.py or our code).
    env = jinja2.Environment(loader=jinja2.PackageLoader("generator", "templates"), autoescape=False,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined, finalize=finalize)
    env.filters.update(FILTERS)
    return env


def _render(template: str, **values: object) -> str:
    return _env().get_template(template).render(**values)


# --- view models ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Notice:
    """Where the list's wording of a passage is not the official text: both, with the differences marked."""

    summary: str
    official: str
    listed: str


@dataclass(frozen=True)
class OfficialText:
    """The official wording of one cited place, as Markdown, with a link to it, and any quote notice."""

    link: Link
    markdown: str
    notice: Notice | None = None
    narrower: Link | None = None  # the 款 or 项 the list's quote actually reproduces, when narrower
    article: str = ""        # the whole article, the cited 款 or 项 marked, when the citation is narrower
    article_title: str = ""


@dataclass(frozen=True)
class LadderRow:
    """A row of the penalty table, each cell the law's own words or empty."""

    condition: str
    orders: str
    unit_fine: str
    person_fine: str


@dataclass(frozen=True)
class Enrichment:
    """An optional section of a matter page: its items, or where they will come from."""

    title: str
    items: tuple[str, ...]
    text: str
    pending: str


@dataclass(frozen=True)
class Related:
    """The other matters citing one article: the first few, and how many there are in all."""

    article: Link
    matters: tuple[Link, ...]
    total: int


# A matter page names at most this many other matters per article; the article's own "cited by" list has
# them all. Without the cap, pages grow with the whole list and the site as N². The ones shown are the
# nearest in list order, so that each matter is named on a bounded number of pages (an edit to one matter
# touches only those pages in `serve`).
RELATED_SHOWN = 8


def nearest(matter: Matter, others: list[Matter], count: int = RELATED_SHOWN) -> list[Matter]:
    """The count other matters nearest to matter in list order, in list order."""
    return sorted(sorted(others, key=lambda m: (abs(m.seq - matter.seq), m.seq))[:count], key=lambda m: m.seq)


def _related(site: Site, page: str, matter: Matter, ref: Ref, others: list[Matter]) -> Related:
    shown = tuple(Link(f"{m.code} {m.name}", URLS.link(page, m.path)) for m in nearest(matter, others))
    return Related(ref_link(site.library, page, ref), shown, len(others))


@dataclass(frozen=True)
class MatterRow:
    """A row of a matters table."""

    code: Link
    name: str
    category: Link
    basis: str
    penalty: str


STAGE_INSPECTION, STAGE_LAW, STAGE_CASE, STAGE_DISCRETION, STAGE_FILING = "xcjc", "flsy", "balc", "zyc", "ajgd"
ENRICHMENT_SOURCES = {title: source for title, _, source in MATTER_PARTS}


def _quote_block(text: str, site: Site, page: str) -> str:
    lines = [link_citations(md_escape(line), site.library, page)[0] for line in text.splitlines() if line.strip()]
    return Markup("\n>\n".join(f"> {line}" for line in lines))


def _fine(fine: Fine | None) -> str:
    return f"{fine.text}的罚款" if fine else ""


def ladder_rows(steps: list[Step]) -> list[LadderRow]:
    """Table rows of a penalty ladder."""
    return [LadderRow(s.condition, "；".join(s.orders), _fine(s.unit_fine), _fine(s.person_fine)) for s in steps]


def matter_view(site: Site, matter: Matter, page: str = "") -> dict[str, object]:
    """Everything the matter template shows, precomputed; page is where it is shown (its own page by default)."""
    page = page or matter.path
    category = site.checklist.category(matter.category)
    penalty_ref = matter.penalty.refs[0]
    steps = clause_ladder(site.library, penalty_ref)
    clause_ref = Ref(penalty_ref.law, penalty_ref.article, penalty_ref.paragraph, sub=penalty_ref.sub)
    return {
        "m": matter,
        "category": Link(category.name, URLS.link(page, URLS.category(category.id))),
        "basis_quote": _quote_block(matter.basis.text, site, page),
        "penalty_quote": _quote_block(matter.penalty.text, site, page),
        "basis_official": _officials(site, page, matter.basis.refs, site.quote_checks[(matter.code, BASIS)]),
        "penalty_official": _officials(site, page, matter.penalty.refs, site.quote_checks[(matter.code, PENALTY)]),
        "ladder": ladder_rows(steps) if steps else [],
        "ladder_source": ref_link(site.library, page, clause_ref),
        "ladder_lead": md_escape(lead_text(penalty_clause(site.library, penalty_ref))),
        "related": [_related(site, page, matter, ref, others) for ref, others in site.related(matter)],
        "local_notes": md_prose(matter.local_notes, page),
        "todo": TODO_MARK,
        "zyc_marker": ZYC_MARKER,
        **_handling(site, matter, page, steps),
    }


def _officials(site: Site, page: str, refs: tuple[Ref, ...], checks: list[QuoteCheck]) -> list[OfficialText]:
    out = []
    for ref, check in zip(refs, checks, strict=True):
        narrower = check.matched if check.matched not in (None, ref) else None
        whole = article_markdown(site.library, page, ref)
        out.append(OfficialText(ref_link(site.library, page, ref), cited_markdown(site.library, page, ref),
                                _notice(site, check) if check.differs else None,
                                ref_link(site.library, page, narrower) if narrower else None,
                                whole, article_title(site.library, ref) if whole else ""))
    return out


def _marked(parts: tuple[Part, ...], keep: str, tag: str) -> Markup:
    return Markup("").join(md_escape(p.text) if p.kind == "same" else Markup(f"<{tag}>{md_escape(p.text)}</{tag}>")
                   for p in parts if p.kind in ("same", keep))


def _notice(site: Site, check: QuoteCheck) -> Notice:
    return Notice(md_escape(f"清单所录{full_label(site.library, check.closest)}的文字与正式文本不一致："
                            f"{describe(check.diff)}。以正式文本为准。"),
                  _marked(check.diff, "official", "ins"), _marked(check.diff, "list", "del"))


def _enrichment(title: str, value: tuple[str, ...] | str, page: str) -> Enrichment:
    items = value if isinstance(value, tuple) else ()
    text = value if isinstance(value, str) else ""
    return Enrichment(title, items, md_prose(text, page), "" if (items or text) else ENRICHMENT_SOURCES[title])


@dataclass(frozen=True)
class StageNote:
    """One stage of a matter's handling: a link to its guide, what applies here, and the matter's own points."""

    link: Link
    summary: str
    points: tuple[Enrichment, ...] = ()
    documents: tuple[Link, ...] = ()
    evidence: tuple[str, ...] = ()
    evidence_source: Link | None = None


# 行政处罚法 第四十六条第一款 lists the kinds of evidence; a stage whose guide cites it shows them, quoted from the law.
EVIDENCE_REF = Ref("xzcff", 46, 1)
_ITEM_MARK = re.compile(r"^（[一二三四五六七八九十]+）|[；;。，,]$")


def evidence_kinds(site: Site, stage: Stage) -> tuple[tuple[str, ...], Ref | None]:
    """The kinds of evidence of 行政处罚法 第四十六条, if the stage's guide cites that article, and the link to it."""
    cites = any(r.law == EVIDENCE_REF.law and r.article == EVIDENCE_REF.article for st in stage.steps for r in st.basis)
    law = site.library.laws.get(EVIDENCE_REF.law)
    article = law.article(EVIDENCE_REF.article) if law else None
    para = article.paragraph(1) if article else None
    if not cites or para is None or not para.items:
        return (), None
    return tuple(md_escape(_ITEM_MARK.sub("", i.text)) for i in para.items), EVIDENCE_REF


def stage_documents(site: Site, stage: Stage, page: str) -> tuple[Link, ...]:
    """Every document the stage's guide names, once each, in the guide's order, linked to the document index."""
    ids = dict.fromkeys(d for st in stage.steps for d in st.documents if d in site.procedures.documents)
    return tuple(Link(md_escape(site.procedures.documents[d].name), URLS.link(page, DOCUMENTS_PAGE, f"doc-{d}"))
                 for d in ids)


def _handling(site: Site, m: Matter, page: str, steps: list[Step] | None) -> dict[str, object]:
    procs = site.procedures
    rule = procs.delegation
    notes = {
        STAGE_INSPECTION: ("编者说明：按通用指引检查，重点核对法律依据条文规定的义务是否落实。",
                           (_enrichment("现场检查要点", m.checks, page),)),
        STAGE_LAW: ("违法条款为" + "、".join(full_label(site.library, r) for r in m.basis.refs)
                    + "；处罚条款为" + "、".join(full_label(site.library, r) for r in m.penalty.refs) + "。", ()),
        STAGE_CASE: (_procedure_note(steps),
                     (_enrichment("证据材料", m.evidence, page), _enrichment("执法文书", m.documents, page))),
        STAGE_DISCRETION: ("编者说明：在处罚条款的幅度内，按公布的裁量基准确定数额；"
                           "逐步判断见本页“自由裁量：逐步判断”一节。",
                           (_enrichment("裁量说明", m.discretion, page),)),
        STAGE_FILING: ("编者说明：按通用指引整理案卷。", ()),
    }
    stages = []
    for s in procs.stages:
        kinds, ref = evidence_kinds(site, s)
        stages.append(StageNote(Link(s.name, URLS.link(page, s.path)), *notes.get(s.id, ("", ())),
                                documents=stage_documents(site, s, page), evidence=kinds,
                                evidence_source=ref_link(site.library, page, ref) if ref else None))
    return {
        "routes": route_views(rule, site.library, page, md_escape),
        "county": (md_escape(rule.county.text), md_escape(rule.county.source)) if rule else None,
        "report_scope": (md_escape(rule.report_scope.text), md_escape(rule.report_scope.source)) if rule else None,
        "crime": mentions_crime(steps),
        "county_handling": county_handling(site, page, m.code),
        "stages": stages,
    }


def county_handling(site: Site, page: str, code: str | None = None) -> Markup:
    """谁来办理 of this edition: its county's documents, or (city edition) every county side by side."""
    e = site.edition
    return Markup(_render("county_handling.md.j2", todo=TODO_MARK, code=code,
                          no_document_source=md_escape(NO_DOCUMENT_SOURCE),
                          edition=county_view(e, site.library, page, md_escape, code) if e else None,
                          local_note=md_escape(e.note(code)) if e and code else "",
                          counties=[county_view(c, site.library, page, md_escape, code) for c in site.counties]))


def county_pages(site: Site) -> dict[str, str]:
    """The counties index and a page per county (its documents, key matters, own matters, notes)."""
    matters = {m.code: m for m in site.checklist.matters}
    pages = {COUNTIES_INDEX: _render("counties.md.j2", todo=TODO_MARK, counties=[
        county_view(c, site.library, COUNTIES_INDEX, md_escape) for c in site.counties])}
    for c in site.counties:
        pages[c.path] = _render("county.md.j2", v=county_page_values(c, site.edition, site.library, matters, c.path,
                                                                      md_escape))
    return pages


def _procedure_note(steps: list[Step] | None) -> Markup:
    """Which procedures may apply, from the ladder and 行政处罚法 第五十一条 and 第六十三条."""
    notes = ["违法事实确凿并有法定依据，对法人或者其他组织处以三千元以下罚款或者警告的，可以当场作出行政处罚决定；"
             "法律另有规定的，从其规定（《行政处罚法》第五十一条）；除此以外，依照《行政处罚法》第五十四条全面、客观、公正地调查，符合立案标准的及时立案"]
    if any("停产停业" in o for s in steps or [] for o in s.orders):
        notes.append("拟责令停产停业的，应当告知当事人有要求听证的权利（《行政处罚法》第六十三条第一款第（四）项）")
    notes.append("拟作出较大数额罚款的，也应当告知听证权利（《行政处罚法》第六十三条第一款第（一）项），"
                 "较大数额的标准")
    return md_text("；".join(notes)) + TODO_MARK + md_text(f"，{LARGE_FINE_SOURCE}。")


def matters_table(site: Site, page: str) -> str:
    """The list of all matters as an HTML table (for the MkDocs build; see htmltable)."""
    rows = []
    for m in site.checklist.matters:
        cat = site.checklist.category(m.category)
        rows.append([Cell(links=((m.code, URLS.link(page, m.path)),)),
                     Cell(m.name + mark(m.code, site.edition, site.counties)),
                     Cell(links=((cat.name, URLS.link(page, URLS.category(cat.id))),)),
                     Cell(links=tuple((full_label(site.library, r), URLS.cited(page, r)) for r in m.basis.refs)),
                     Cell(links=tuple((full_label(site.library, r), URLS.cited(page, r)) for r in m.penalty.refs))])
    return table(("事项代码", "事项名称", "类别", "法律依据", "处罚条款"), rows)


def print_guide_pages(site: Site) -> list[str]:
    """The guide pages the print handbook holds after the matters: each stage guide, the deadlines, the documents."""
    return [s.path for s in site.procedures.stages] + [DEADLINES_PAGE, DOCUMENTS_PAGE]


def print_guide_links(site: Site) -> list[Link]:
    """The print handbook's contents entries for its guide pages."""
    names = {s.path: s.name for s in site.procedures.stages}
    names.update({DEADLINES_PAGE: "法定期限一览", DOCUMENTS_PAGE: "执法文书一览"})
    return [Link(md_escape(names[p]), f"#{guide_anchor(p)}") for p in print_guide_pages(site)]


def print_contents(site: Site, page: str) -> str:
    """The print page's table of contents as an HTML table (for the MkDocs build)."""
    return table(("事项代码", "事项名称"), [[Cell(links=((m.code, f"#m-{m.code}"),)), Cell(m.name)]
                                          for m in site.checklist.matters])


def matter_row(site: Site, page: str, m: Matter) -> MatterRow:
    """A matter as a row of the list and category tables."""
    cat = site.checklist.category(m.category)
    return MatterRow(Link(m.code, URLS.link(page, m.path)), m.name + mark(m.code, site.edition, site.counties),
                     Link(cat.name, URLS.link(page, URLS.category(cat.id))),
                     "、".join(full_label(site.library, r) for r in m.basis.refs),
                     "、".join(full_label(site.library, r) for r in m.penalty.refs))


# --- law pages -----------------------------------------------------------------------------------

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
    cited_marker: Markup = _NO_MARKUP  # the MkDocs build puts the "cited by" box in as HTML, after Markdown


def law_view(site: Site, law: Law, pages: dict[ArticleKey, list[PageCite]] | None = None) -> dict[str, object]:
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
    return {"law": law, "history": law.history, "articles": articles, "toc": toc,
            "indents": {level: Markup("    " * max(level - 2, 0)) for level in range(1, 7)},
            "dates": law_dates(law, page), "note": law.note, "footnotes": law.footnotes,
            "appendices": [(x.title, Markup(f"{{#appendix-{i + 1}}}"), x.lines)
                           for i, x in enumerate(law.appendices)],
            "cited_count": len({k for k in site.cited_by if k[0] == law.id})}


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


# --- pages ---------------------------------------------------------------------------------------

_MATTER_PATH = re.compile(rf"matters/{CODE_PATTERN}\.md")
_PAGE_CACHE: dict[tuple[object, ...], str] = {}
_PAGE_CACHE_LIMIT = 50_000
_cache_owner: list[tuple[object, str]] = []  # the (library, stage data) the cached pages were made with


def _own_cache(site: Site) -> None:
    """Empty the page cache when the library or the stage data it was made with changed."""
    owner = (site.library, site.procedures.stamp)
    if not _cache_owner or _cache_owner[0][0] is not owner[0] or _cache_owner[0][1] != owner[1] \
            or len(_PAGE_CACHE) >= _PAGE_CACHE_LIMIT:
        _PAGE_CACHE.clear()
        _cache_owner[:] = [owner]


def _memo(site: Site, key: tuple[object, ...], make: Callable[[], str]) -> str:
    """A page made once for its key, while the library and stage data are the same (see _own_cache)."""
    _own_cache(site)
    page = _PAGE_CACHE.get(key)
    if page is None:
        page = _PAGE_CACHE[key] = make()
    return page


def _linked(site: Site, path: str, markdown: str) -> str:
    """A page with its citations linked; the same page text is linked once (`serve` renders all pages each time)."""
    _own_cache(site)
    key = ("linked", path, markdown)
    page = _PAGE_CACHE.get(key)
    if page is None:
        page = _PAGE_CACHE[key] = link_citations(markdown, site.library, path)[0]
    return page


ZYC_MARKER = Markup("<!-- zyc-path -->")


def _matter_page(site: Site, m: Matter, county_marker: str | None = None) -> str:
    """A matter page, linked; reused while everything it shows is unchanged (`serve` rebuilds on every edit).

    county_marker (the MkDocs build) stands for the edition's 谁来办理 block, put in as HTML after Markdown:
    the page's Markdown is then the same in every edition, and the render cache converts it once.
    """
    _own_cache(site)
    related = tuple((ref, tuple((o.code, o.name, o.seq) for o in nearest(m, others)), len(others))
                    for ref, others in site.related(m))
    key = (m, site.checklist.category(m.category), related, site.discretion,
           county_marker or (site.edition, site.counties))
    page = _PAGE_CACHE.get(key)
    if page is None:
        view = matter_view(site, m)
        if county_marker is not None:
            view["county_handling"] = Markup(county_marker)
        page = link_citations(_render("matter.md.j2", v=view), site.library, m.path)[0]
        # Inserted after linking: the path is raw HTML with its own links, which Markdown links would break.
        path = path_html(decision_path(site.library, m, site.discretion, m.path)) \
            if available(site.library) else f"<p>{PATH_MISSING}</p>"
        page = page.replace(ZYC_MARKER, path, 1)
        _PAGE_CACHE[key] = page
    return page


@lru_cache(maxsize=64)
def _block_html(markdown: str) -> str:
    """A generated Markdown block (its links already made) as HTML, its page links pointing at .html pages."""
    md = markdown_lib.Markdown(extensions=["tables"])
    return str(md.convert(_MD_LINK.sub(lambda x: x.group(1) + URLS.output(x.group(2)) + ")", markdown)))


_MD_LINK = re.compile(r"(\]\()([^)\s]+)\)")


def county_fragment(site: Site, m: Matter) -> str:
    """The edition's 谁来办理 block of a matter page, as HTML (see _matter_page)."""
    block = link_citations(county_handling(site, m.path, m.code), site.library, m.path)[0]
    return _block_html(block)


def render_assets(site: Site, docs: dict[str, str] | None = None,
                  generated: dict[str, str] | None = None) -> dict[str, str]:
    """Generated scripts: the search index (over hand-written, guide and training pages too), the quiz."""
    guides = {p: md for p, md in (generated or {}).items() if _indexed(p)}
    pages = {path: (page_title(md, path), md) for path, md in {**(docs or {}), **guides}.items()}
    return {INDEX_PATH: build_index(site, pages), QUIZ_DATA: quiz_data(questions(site))}


def _indexed(path: str) -> bool:
    """Generated pages with text of their own; study pages, sheets and the bank restate the matters, which are
    indexed already (indexing them again would make the index three times as large at 1,000 matters)."""
    if path.startswith("stages/"):
        return not path.endswith("-checklist.md")
    return path in {"guidance.md", "training/index.md", "training/plan.md", "training/report-weekly.md",
                    "training/report-monthly.md"}


def render_downloads(site: Site, built: str = "") -> dict[str, bytes]:
    """Generated files to download: the list, the question bank and the inspection sheets (xlsx, docx)."""
    return dict(iter_downloads(site, built))


def iter_downloads(site: Site, built: str = "") -> Iterator[tuple[str, bytes]]:
    """The downloads one at a time (so that `serve` can stop between two when a new edit comes).

    Each carries the data version and the build date (built) in its header or footer and its properties.
    """
    stamp = stamp_text(site.data_date, built)
    qs = questions(site)
    yield XLSX_PATH, checklist_xlsx(site.checklist, stamp)
    yield BANK_XLSX, bank_xlsx(qs, stamp)
    yield BANK_DOCX, bank_docx(qs, f"大比武题库（{site.checklist.title}）", stamp)
    for c in site.checklist.categories:
        rows = [(r.code, r.name, r.what, "、".join(link.text for link in r.basis))
                for r in inspection_rows(site, c, inspection_path(c))]
        yield inspection_xlsx_path(c), inspection_xlsx(rows, c.name, stamp)


@dataclass(frozen=True)
class RecordView:
    """One import, as the 更新记录 page shows it."""

    date: str
    source: str
    added: tuple[Link, ...]
    removed: tuple[Markup, ...]
    changed: tuple[Markup, ...]


def _value(value: object) -> Markup:
    return md_escape(short(value, 60))


def changelog_view(site: Site, page: str) -> list[RecordView]:
    """The records, newest first, with links to the matters that still exist."""
    codes = {m.code for m in site.checklist.matters}
    out = []
    for r in reversed(site.changelog):
        added = tuple(Link(f"{a['事项代码']} {a['事项名称']}", URLS.link(page, URLS.matter(a['事项代码'])))
                      if a["事项代码"] in codes else Link(f"{a['事项代码']} {a['事项名称']}", "")
                      for a in r.get("新增", []))
        removed = tuple(md_escape(f"{m.get('事项代码', '')} {m.get('事项名称', '')}") for m in r.get("删除", []))
        changed = tuple(Markup(f"{md_escape(c['事项代码'])} {md_escape(c['字段'])}：{_value(c['原值'])} → "
                               f"{_value(c['新值'])}") for c in r.get("修改", []))
        out.append(RecordView(str(r["日期"]), str(r.get("来源", "")), added, removed, changed))
    return out


def render_pages(site: Site, docs: dict[str, str] | None = None,
                 fragments: dict[str, str] | None = None) -> dict[str, str]:
    """Every generated page, as {docs path: Markdown}; docs are the hand-written pages, for "cited by".

    Given a fragments dict (the MkDocs build), the largest pieces are made as HTML into it and the pages
    hold markers for them (fragments.fill puts them in after Markdown), and the print page holds an empty
    section per matter, to be filled with the matter pages as built (printpage.fill). Without it, every
    page is plain Markdown, for any site engine.
    """
    cl = site.checklist
    html_mode = fragments is not None

    def fragment(key: str, html: str) -> Markup:
        assert fragments is not None
        fragments[key] = html
        return Markup(marker(key, html))

    pages: dict[str, str] = {}
    pages["index.md"] = _render("home.md.j2", site=site, cl=cl, categories=_category_links(site, "index.md"),
                                law_count=len(site.library.laws))
    list_page = "matters/index.md"
    pages[list_page] = _render("matters.md.j2", cl=cl, xlsx=URLS.link(list_page, XLSX_PATH), dated=site.data_date,
                               rows=[] if html_mode else [matter_row(site, list_page, m) for m in cl.matters],
                               table_html=fragment("matters-table", matters_table(site, list_page)) if html_mode
                               else "",
                               categories=script_json([c.name for c in cl.categories]))
    for m in cl.matters:
        pages[m.path] = _matter_page(site, m, fragment(f"county-{m.code}", county_fragment(site, m))
                                     if html_mode else None)
    pages["changelog.md"] = _render("changelog.md.j2", records=changelog_view(site, "changelog.md"),
                                    data_date=site.data_date, count=len(cl.matters))
    if html_mode:
        contents = fragment("print-contents", print_contents(site, "print.md"))
        sections = fragment("print-sections", "\n".join(placeholder(m.code) for m in cl.matters))
        guides = fragment("print-guides", "\n".join(guide_placeholder(p) for p in print_guide_pages(site)))
        pages["print.md"] = _render("print.md.j2", cl=cl, contents=contents, sections=sections, matters=[],
                                    guides=guides, guide_links=print_guide_links(site))
    else:
        pages["print.md"] = _render("print.md.j2", cl=cl, contents="", sections="", guides="", guide_links=[],
                                    matters=[(m, matter_view(site, m, "print.md")) for m in cl.matters])
    pages["categories/index.md"] = _render("categories.md.j2", cl=cl,
                                           categories=_category_links(site, "categories/index.md"))
    for c in cl.categories:
        path = URLS.category(c.id)
        pages[path] = _render("category.md.j2", c=c, description=md_prose(c.description, path),
                              rows=[matter_row(site, path, m) for m in cl.in_category(c.name)])
    laws = sorted(site.library.laws.values(), key=_law_order)
    pages["laws/index.md"] = _render("laws.md.j2", laws=[(Link(law.title, URLS.link("laws/index.md", law.path)), law,
                                                         len({k for k in site.cited_by if k[0] == law.id}),
                                                         law_dates(law, "laws/index.md"))
                                                        for law in laws])
    pages.update(stage_pages(site.procedures, site.library, _render))
    facts = pending_facts(site)
    pages[PENDING_PAGE] = _render("todo.md.j2", total=pending_count(facts), rows=[
        (replace(f, where=md_escape(f.where), what=md_escape(f.what), source=md_escape(f.source)), url)
        for f, url in pending_rows(facts)])
    for s in site.procedures.stages:
        if s.path in pages:  # each stage guide says whose delegation applies in this edition
            pages[s.path] += "\n## 本版适用的委托或交由实施的文件\n\n" + str(county_handling(site, s.path))
    pages.update(county_pages(site))
    pages.update(training_pages(site, questions(site), blocks(site.guidance), _render,
                                fragment if html_mode else None, lambda key, make: _memo(site, key, make)))
    # Guide pages cite articles too: their citations feed the "cited by" lists of the law pages.
    guide_cites = cited_articles({**(docs or {}), **{p: md for p, md in pages.items() if p.startswith("stages/")
                                                     and not p.endswith("-checklist.md")}}, site.library)
    # Every page but the law pages (linked article by article, with 本法) gets the linker's pass, so that
    # a citation written anywhere in a template or in the data is a link; matter pages had theirs already.
    pages = {path: md if _MATTER_PATH.fullmatch(path) else _linked(site, path, md) for path, md in pages.items()}
    for law in laws:
        view = law_view(site, law, guide_cites)
        if html_mode:
            view["articles"] = [replace(a, cited_marker=fragment(f"cited-{law.id}-{a.anchor}", cited_html(a)))
                                if a.cited_by or a.guides else a for a in view["articles"]]  # type: ignore[attr-defined]
        pages[law.path] = _render("law.md.j2", **view)
    return pages


def cited_html(a: ArticleView) -> str:
    """An article's "cited by" box as HTML (for the MkDocs build; see fragments)."""
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


def _category_links(site: Site, page: str) -> list[tuple[Link, Category, int]]:
    return [(Link(c.name, URLS.link(page, URLS.category(c.id))), c, len(site.checklist.in_category(c.name)))
            for c in site.checklist.categories]


_KIND_ORDER = {"法律": 0, "行政法规": 1, "地方性法规": 2}


def _law_order(law: Law) -> tuple[int, str]:
    return (_KIND_ORDER.get(law.kind, 9), law.id)

