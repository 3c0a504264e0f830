"""Matter pages: a page per 事项代码, with the official text of what it cites, its penalties and its handling."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Hashable
from dataclasses import dataclass, replace

from markupsafe import Markup

from ..model.citations import full_label, link_citations
from ..model.counties import County
from ..model.memo import LibraryMemo
from ..model.model import Library, Matter, Ref
from ..model.penalty import Fine, Step, clause_ladder, lead_text, penalty_clause
from ..model.quotes import Part, QuoteCheck, describe
from ..model.site import BASIS, PENALTY, Site
from ..model.stages import Stage
from ..model.urls import URLS
from .blockhtml import block_html, numbered_html, shared_blocks, shared_fragment
from .county_pages import handling
from .decisionpath import MISSING as PATH_MISSING
from .decisionpath import available, decision_path, path_html
from .delegation import mentions_crime, route_views
from .escape import html_attr, html_text, md_prose, md_text, site_url
from .fragments import marker
from .guides import DOCUMENTS_PAGE
from .page import PARTS, Inputs, Made, Recipe
from .pending import LARGE_FINE_SOURCE, MATTER_PARTS
from .template import draw
from .viewmodel import TODO_MARK, Link, article_markdown, article_title, cited_markdown, md_escape, ref_link

ZYC_MARKER = Markup("<!-- zyc-path -->")
NO_BLOCK = Markup("")


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


def _related(site: Site, page: str, ref: Ref, nearest: list[Matter], total: int) -> Related:
    shown = tuple(Link(f"{m.code} {m.name}", URLS.link(page, m.path)) for m in nearest)
    return Related(ref_link(site.library, page, ref), shown, total)


STAGE_INSPECTION, STAGE_LAW, STAGE_CASE, STAGE_DISCRETION, STAGE_FILING = "xcjc", "flsy", "balc", "zyc", "ajgd"
ENRICHMENT_SOURCES = {title: source for title, _, source in MATTER_PARTS}


def _quote_block(text: str, site: Site, page: str) -> Markup:
    lines = [link_citations(md_escape(line), site.library, page)[0] for line in text.splitlines() if line.strip()]
    return Markup("\n>\n".join(f"> {line}" for line in lines))


def _fine(fine: Fine | None) -> str:
    return f"{fine.text}的罚款" if fine else ""


def ladder_rows(steps: list[Step]) -> list[LadderRow]:
    """Table rows of a penalty ladder."""
    return [LadderRow(s.condition, "；".join(s.orders), _fine(s.unit_fine), _fine(s.person_fine)) for s in steps]


@dataclass(frozen=True)
class MatterView:
    """Everything the matter template shows, precomputed."""

    m: Matter
    category: Link
    basis_quote: Markup
    penalty_quote: Markup
    basis_official: tuple[OfficialText, ...]
    penalty_official: tuple[OfficialText, ...]
    ladder: tuple[LadderRow, ...]
    ladder_source: Link
    ladder_lead: Markup
    related: tuple[Related, ...]
    local_notes: str
    routes: tuple[object, ...]
    county: tuple[Markup, Markup] | None
    report_scope: tuple[Markup, Markup] | None
    crime: bool
    county_handling: Markup
    stages: tuple[StageNote, ...]
    todo: Markup = TODO_MARK
    zyc_marker: Markup = ZYC_MARKER
    related_block: Markup = NO_BLOCK  # the related matters' marker
    stages_block: Markup = NO_BLOCK   # the 办理环节 list's marker


def matter_view(site: Site, matter: Matter, county_block: Markup = NO_BLOCK) -> MatterView:
    """Everything the matter template shows, precomputed; county_block stands for the 谁来办理 block (see
    matter_page)."""
    page = matter.path
    category = site.checklist.category(matter.category)
    penalty_ref = matter.penalty.refs[0]
    steps = clause_ladder(site.library, penalty_ref)
    clause_ref = Ref(penalty_ref.law, penalty_ref.article, penalty_ref.paragraph, sub=penalty_ref.sub)
    rule = site.procedures.delegation
    return MatterView(
        m=matter,
        category=Link(category.name, URLS.link(page, URLS.category(category.id))),
        basis_quote=_quote_block(matter.basis.text, site, page),
        penalty_quote=_quote_block(matter.penalty.text, site, page),
        basis_official=_officials(site, page, matter.basis.refs, site.quote_checks[(matter.code, BASIS)]),
        penalty_official=_officials(site, page, matter.penalty.refs, site.quote_checks[(matter.code, PENALTY)]),
        ladder=tuple(ladder_rows(steps)) if steps else (),
        ladder_source=ref_link(site.library, page, clause_ref),
        ladder_lead=md_escape(lead_text(penalty_clause(site.library, penalty_ref))),
        related=tuple(_related(site, page, ref, shown, total)
                      for ref, shown, total in site.related(matter, RELATED_SHOWN)),
        local_notes=md_prose(matter.local_notes, page),
        routes=tuple(route_views(rule, site.library, page, md_escape)),
        county=(md_escape(rule.county.text), md_escape(rule.county.source)) if rule else None,
        report_scope=(md_escape(rule.report_scope.text), md_escape(rule.report_scope.source)) if rule else None,
        crime=mentions_crime(steps),
        county_handling=county_block,
        stages=_stage_notes(site, matter, page, steps),
    )


def _officials(site: Site, page: str, refs: tuple[Ref, ...], checks: list[QuoteCheck]) -> tuple[OfficialText, ...]:
    out = []
    for ref, check in zip(refs, checks, strict=True):
        narrower = check.matched if check.matched not in (None, ref) else None
        whole = article_markdown(site.library, page, ref)
        out.append(OfficialText(ref_link(site.library, page, ref), cited_markdown(site.library, page, ref),
                                _notice(site, check) if check.differs else None,
                                ref_link(site.library, page, narrower) if narrower else None,
                                whole, article_title(site.library, ref) if whole else ""))
    return tuple(out)


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


def _stage_notes(site: Site, m: Matter, page: str, steps: list[Step] | None) -> tuple[StageNote, ...]:
    """What applies to the matter at each stage of its handling, with each stage's guide."""
    procs = site.procedures
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
    return tuple(stages)


def _procedure_note(steps: list[Step] | None) -> Markup:
    """Which procedures may apply, from the ladder and 行政处罚法 第五十一条 and 第六十三条."""
    notes = ["违法事实确凿并有法定依据，对法人或者其他组织处以三千元以下罚款或者警告的，可以当场作出行政处罚决定；"
             "法律另有规定的，从其规定（《行政处罚法》第五十一条）；除此以外，依照《行政处罚法》第五十四条全面、客观、公正地调查，符合立案标准的及时立案"]
    if any("停产停业" in o for s in steps or [] for o in s.orders):
        notes.append("拟责令停产停业的，应当告知当事人有要求听证的权利（《行政处罚法》第六十三条第一款第（四）项）")
    notes.append("拟作出较大数额罚款的，也应当告知听证权利（《行政处罚法》第六十三条第一款第（一）项），"
                 "较大数额的标准")
    return md_text("；".join(notes)) + TODO_MARK + md_text(f"，{LARGE_FINE_SOURCE}。")


def procedures_shown(site: Site) -> Inputs:
    """What of the stage data a matter page shows (_stage_notes, route_views): each stage's id and name, the
    documents its guide names and whether it cites 行政处罚法 第四十六条; the documents' names; the delegation rule.
    Not a guide's own wording: an edit to it remakes the guide, not every matter page."""
    procs = site.procedures
    stages = tuple((s.id, s.name, tuple(dict.fromkeys(d for st in s.steps for d in st.documents)),
                    any(r.law == EVIDENCE_REF.law and r.article == EVIDENCE_REF.article
                        for st in s.steps for r in st.basis)) for s in procs.stages)
    return Inputs("procedures-shown", stages, tuple((d.id, d.name) for d in procs.documents.values()),
                  procs.delegation)


def matter_inputs(site: Site, m: Matter, county: Hashable, procedures: Inputs) -> Inputs:
    """What a matter page is made from besides the law library (what it reads of that is recorded: matter_recipe):
    the matter, its category, the checks of its quotes, the nearest matters citing the same articles, the
    discretion tables, what it shows of the stage data (procedures_shown), and the slot its county block leaves
    (matter_recipe adds what the block is made from: county_inputs)."""
    related = tuple((ref, tuple((o.code, o.name, o.seq) for o in shown), total)
                    for ref, shown, total in site.related(m, RELATED_SHOWN))
    checks = (tuple(site.quote_checks[(m.code, BASIS)]), tuple(site.quote_checks[(m.code, PENALTY)]))
    return Inputs(m, site.checklist.category(m.category), checks, related, site.discretion, procedures, county)


def matter_page(site: Site, m: Matter, county_marker: str) -> Made:
    """A matter page: its 谁来办理 block and its related matters stand as fragment markers (see fragments).

    county_marker stands for the edition's 谁来办理 block: the page's Markdown is then the same in every edition,
    and the render cache converts it once. The related matters name other matters: an edit to one of them then
    changes only that fragment, and the page's Markdown stays what the render cache holds.
    """
    view = matter_view(site, m, county_block=Markup(county_marker))
    key = f"related-{m.code}"
    related = related_html(view.related)
    view = replace(view, related_block=Markup(marker(key, related)))
    stages_key, stages = shared_fragment(stages_html(site, view, m.path))
    view = replace(view, stages_block=Markup(marker(stages_key, stages)) if stages else NO_BLOCK)
    body, fragments = _finish_page(site, m, view)
    return body, ((key, related), (stages_key, stages), *fragments)


def stages_html(site: Site, view: MatterView, page: str) -> str:
    """The 办理环节 list as HTML: each stage's item converted once, shared by the matters that say the same."""
    return numbered_html([_stage_item(st, view.todo, site.library, page) for st in view.stages])


def _stage_item(st: StageNote, todo: Markup, library: Library, page: str) -> str:
    # Most items read the same on every matter page: drawn and linked once per folder (a citation's link is
    # relative to the page's folder; it never points at a matter page) and library (compared by identity).
    key = (st, todo, posixpath.dirname(page))
    return _ITEMS.make(library, key, lambda: link_citations(draw("matter_stage.md.j2", st=st, todo=todo), library,
                                                            page)[0])


_ITEMS: LibraryMemo[str] = LibraryMemo(20_000)


def related_html(related: tuple[Related, ...]) -> str:
    """The related matters as HTML, straight (Markdown would add nothing)."""
    items = []
    for r in related:
        shown = "；".join(_a(x) for x in r.matters) or "无其他事项"
        if r.matters and r.total > len(r.matters):
            shown += (f"；以上是清单中与本事项相邻的 {len(r.matters)} 项，共 {r.total} 项，全部列在"
                      f"{_a(Link('该条的“引用本条的事项”', r.article.url))}中")
        items.append(f"<li>{_a(r.article)}：{shown}</li>")
    return "<ul>\n" + "\n".join(items) + "\n</ul>" if items else ""


def _a(link: Link) -> str:
    return f'<a href="{html_attr(URLS.output(site_url(link.url)))}">{html_text(link.text)}</a>'


def _finish_page(site: Site, m: Matter, view: MatterView) -> Made:
    """The page's Markdown, linked, with its shared blocks and its decision path as fragments."""
    page, blocks = shared_blocks(link_citations(draw("matter.md.j2", v=view), site.library, m.path)[0])
    # A fragment: the path is HTML already (with its own links), which Markdown would only pass through.
    path = path_html(decision_path(site.library, m, site.discretion, m.path)) \
        if available(site.library) else f"<p>{PATH_MISSING}</p>"
    key = f"zyc-{m.code}"
    return page.replace(ZYC_MARKER, marker(key, path), 1), ((key, path), *blocks)


def matter_recipe(site: Site, m: Matter, procedures: Inputs, county: Inputs) -> Recipe:
    """How to make a matter's page (procedures: procedures_shown's; county: county_inputs'): its county block an
    HTML fragment, the page holding a marker."""
    # The page without its 谁来办理 block is the same in every edition: made once, on its own shelf.
    body = Recipe(m.path, matter_inputs(site, m, COUNTY_SLOT, procedures), lambda: matter_page(site, m, COUNTY_SLOT),
                  site.library)

    def make() -> Made:
        # Made here, with the page (on whichever core makes it), not with the recipe: 8 counties' views a matter.
        key, block = f"county-{m.code}", county_fragment(site, m)
        shared = PARTS.page(body)
        return shared.body.replace(COUNTY_SLOT, marker(key, block), 1), ((key, block), *shared.fragments)
    # What it reads of the law library is recorded (page.Recipe): a law edit makes again only the pages that read
    # what it changed.
    return Recipe(m.path, Inputs(body.inputs, county), make, site.library)


def county_inputs(site: Site) -> Inputs:
    """What a matter's 谁来办理 block is made from besides the matter and the library (see _county_fragment)."""
    return Inputs("county", site.counties, site.edition)


COUNTY_SLOT = "<!-- county-block -->"  # where an edition's 谁来办理 marker goes in a matter page's shared body


def county_fragment(site: Site, m: Matter) -> str:
    """The edition's 谁来办理 block of a matter page, as HTML (see matter_page)."""
    # Made from exactly these (county_handling reads nothing else of the site): a rebuild in `serve` after an
    # edit elsewhere, and every edition sharing a county's block, make it once.
    return _COUNTY.make(site.library, (site.counties, site.edition, m.path, m.code), lambda: block_html(
        county_markdown(site.library, site.counties, site.edition, m.path, m.code)))


_COUNTY: LibraryMemo[str] = LibraryMemo(65_536)


def county_markdown(library: Library, counties: tuple[County, ...], edition: County | None, path: str,
                    code: str) -> str:
    """The edition's 谁来办理 block of a matter page as Markdown, its citations linked (county_fragment converts it)."""
    return link_citations(handling(library, counties, edition, path, code), library, path)[0]
