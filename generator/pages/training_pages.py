"""Training pages, made from the data: the guidance, study pages, a rotation plan, the quiz, the 大比武
question bank, cross-inspection sheets, the case-file review sheet and the 通报 templates."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from functools import lru_cache, partial

from markupsafe import Markup

from ..model import reads
from ..model.citations import full_label, link_citations
from ..model.guidance import Block
from ..model.memo import LibraryMemo
from ..model.model import Category, Library, Matter
from ..model.penalty import clause_ladder
from ..model.scope import official_text
from ..model.site import BASIS, PENALTY, Site
from ..model.training import Question
from ..model.urls import URLS
from .blockhtml import pieces, pieces_html, prefetch, shared_fragment, table_html
from .escape import html_attr, html_text, md_text, script_json, site_url
from .fragments import marker
from .page import Inputs, Made, Recipe
from .template import draw
from .viewmodel import TODO, CitedText, Link, cited_text, linked_html, md_escape, ref_link

TRAINING = "training"
QUIZ_DATA = "assets/quiz-data.js"
# A question's fields in window.YJZF_QUIZ (a list of objects), as docs/assets/quiz.js reads them (FIELDS there).
QUIZ_FIELDS = ("id", "kind", "text", "options", "answer", "explain")
BANK_XLSX, BANK_DOCX = "downloads/question-bank.xlsx", "downloads/question-bank.docx"
GUIDANCE_PAGE = "guidance.md"


def study_path(c: Category) -> str:
    """The study page of a category."""
    return f"{TRAINING}/study-{c.id}.md"


def inspection_path(c: Category) -> str:
    """The cross-inspection sheet of a category."""
    return f"{TRAINING}/inspection-{c.id}.md"


def inspection_xlsx(c: Category) -> str:
    """The cross-inspection sheet of a category, as a spreadsheet."""
    return f"downloads/inspection-{c.id}.xlsx"


@dataclass(frozen=True)
class StudyItem:
    """A matter as a trainee studies it: what the law requires, what it punishes, and the key points."""

    matter: Matter
    link: Link
    basis: tuple[Link, ...]
    basis_texts: tuple[CitedText, ...]  # the cited 款/项 of each 法律依据, the rest of the article collapsed
    penalty: tuple[Link, ...]
    points: tuple[str, ...]
    questions: tuple[Question, ...]
    penalty_texts: tuple[CitedText, ...] = ()


def study_order(site: Site, matters: list[Matter]) -> list[Matter]:
    """Matters in the order a trainee can follow: by the article they apply, so that neighbours share one."""
    def key(m: Matter) -> tuple[str, tuple[int, int], tuple[int, int], int]:
        ref = m.basis.refs[0]
        pen = m.penalty.refs[0]
        return (ref.law, ref.article_key, pen.article_key, m.seq)

    return sorted(matters, key=key)


def _points(site: Site, m: Matter) -> tuple[str, ...]:
    steps = clause_ladder(site.library, m.penalty.refs[0])
    out = []
    for s in steps or []:
        parts = [*s.orders]
        if s.unit_fine:
            parts.append(f"对单位处{s.unit_fine.text}的罚款")
        if s.person_fine:
            parts.append(f"对直接负责的主管人员和其他直接责任人员处{s.person_fine.text}的罚款")
        out.append(f"{s.condition}：{'，'.join(parts)}。")
    if any(c.differs for role in (BASIS, PENALTY) for c in site.quote_checks[(m.code, role)]):
        out.append("清单所录条文与正式文本有出入，办案时以正式文本为准（见事项页面）。")
    out += list(m.checks)
    return tuple(out)


def study_item(site: Site, m: Matter, page: str, by_matter: dict[str, list[Question]]) -> StudyItem:
    """A matter as its category's study page shows it."""
    lib = site.library
    return StudyItem(m, Link(f"{m.code} {m.name}", URLS.link(page, m.path)),
                     tuple(ref_link(lib, page, r) for r in m.basis.refs),
                     tuple(cited_text(lib, page, r) for r in m.basis.refs),
                     tuple(ref_link(lib, page, r) for r in m.penalty.refs),
                     _points(site, m), tuple(by_matter.get(m.code, [])),
                     tuple(cited_text(lib, page, r) for r in m.penalty.refs))


def quiz_data(questions: list[Question]) -> str:
    """The questions as a script for the in-browser quiz (loadable from file://): objects of QUIZ_FIELDS."""
    rows = [dict(zip(QUIZ_FIELDS, (q.id, q.kind, q.text, list(q.options), q.answer,
                                   URLS.from_root(q.explain_path, q.explain_anchor)), strict=True))
            for q in questions]
    return "window.YJZF_QUIZ=" + script_json(rows) + ";\n"


def guidance_view(site: Site, blocks: list[Block], page: str) -> list[tuple[Block, Markup]]:
    """The guidance's paragraphs, each of the four mechanisms with the site's tools for it."""
    cats = site.checklist.categories
    tools = {
        "定期学习": [Link("轮训和挂职跟班学习计划", URLS.link(page, f"{TRAINING}/plan.md")),
                 Link("分类学习", URLS.link(page, f"{TRAINING}/index.md")),
                 Link("自测", URLS.link(page, f"{TRAINING}/quiz.md")),
                 Link("大比武题库", URLS.link(page, f"{TRAINING}/bank.md"))],
        "交叉检查": [Link(f"交叉检查表：{c.name}", URLS.link(page, inspection_path(c))) for c in cats],
        "定期通报": [Link("每周通报模板（县级）", URLS.link(page, f"{TRAINING}/report-weekly.md")),
                 Link("每月通报模板（市级）", URLS.link(page, f"{TRAINING}/report-monthly.md"))],
        "案卷评查": [Link("案卷自查评查表", URLS.link(page, f"{TRAINING}/case-review.md"))],
    }
    out: list[tuple[Block, Markup]] = []
    pending: list[Link] = []
    for b in blocks:
        if b.mechanism:
            pending = tools[b.mechanism]
            out.append((b, Markup("")))
        elif pending and not b.heading:
            out.append((b, Markup("　").join(Markup(f"[{md_text(t.text)}]({site_url(t.url)})") for t in pending)))
            pending = []
        else:
            out.append((b, Markup("")))
    return out


# Each item's HTML, by what it is made from: in `serve`, an edit to one matter makes only its item again.
_ITEMS: LibraryMemo[str] = LibraryMemo(20_000)


def _item_key(site: Site, m: Matter, by_matter: dict[str, list[Question]], page: str) -> Hashable:
    # What a study item is made from besides the library (study_item): not the item itself, whose texts of the law,
    # held as keys, were tens of megabytes at 10,000 matters, and which is made only when its HTML is not held.
    return m, _points(site, m), tuple(by_matter.get(m.code, [])), page


def questions_html(it: StudyItem, library: Library, page: str) -> str:
    """A study item's self-test, collapsed: each question, its options and its answer, as HTML (as a Markdown list
    in a collapsed block, the first question's text came after its options)."""
    if not it.questions:
        return ""
    items = []
    for q in it.questions:
        options = "\n".join(f"<li>{'ABCD'[i]}. {linked_html(o, library, page)}</li>" for i, o in enumerate(q.options))
        items.append(f"<li>\n<p>{linked_html(q.text, library, page)}</p>\n<ul>\n{options}\n</ul>\n"
                     f"<p>答案：{q.answer_letter}</p>\n</li>")
    return ('<details class="question">\n<summary>自测（点开看题目和答案）</summary>\n<ol>\n' + "\n".join(items)
            + "\n</ol>\n</details>")


def bank_html(questions: list[Question], page: str) -> str:
    """The question bank as HTML (thousands of questions, see fragments)."""
    return f'<ol class="question-bank">{"".join(_bank_item(q, page) for q in questions)}</ol>'


@lru_cache(maxsize=65_536)  # `serve`: an edit changes a few questions of thousands
def _bank_item(q: Question, page: str) -> str:
    options = "".join(f"<li>{html_text(o)}</li>" for o in q.options)
    explain = html_attr(URLS.html_link(page, q.explain_path, q.explain_anchor))
    return (f"<li><p>【{html_text(q.kind)}】{html_text(q.text)}</p><ol type=\"A\">{options}</ol>"
            f"<p><strong>答案：{q.answer_letter}</strong>（<a href=\"{explain}\">讲解</a>）</p></li>")


def _study_page(site: Site, c: Category, path: str, by_matter: dict[str, list[Question]]) -> Made:
    """A category's study page: each item's text a fragment, so that an edit to one matter converts only its item
    again (a category's page is a few hundred kilobytes of Markdown at 1,000 matters)."""
    matters = study_order(site, site.checklist.in_category(c.name))
    keys = [_item_key(site, m, by_matter, path) for m in matters]
    made = {f"study-{m.code}": _ITEMS.get(site.library, key) or "" for m, key in zip(matters, keys, strict=True)}
    todo = [(m, key) for m, key in zip(matters, keys, strict=True) if not made[f"study-{m.code}"]]
    linked = [_linked_item(site, m, path, by_matter) for m, _ in todo]
    prefetch([piece for text, _, _ in linked for piece in pieces(text)])
    for (m, key), (text, test, read) in zip(todo, linked, strict=True):
        made[f"study-{m.code}"] = _ITEMS.put(site.library, key, "\n".join(filter(None, (pieces_html(text), test))),
                                             read)
    markers = [Markup(marker(key, block) + "\n\n") for key, block in made.items()]
    return draw("study.md.j2", c=c, items=list(zip(matters, markers, strict=True))), tuple(made.items())


def _linked_item(site: Site, m: Matter, page: str,
                 by_matter: dict[str, list[Question]]) -> tuple[str, str, reads.Reads]:
    """A study item's Markdown, linked, and its self-test, with what they read of the library (the item's law texts
    among it)."""
    with reads.recording() as read:
        it = study_item(site, m, page, by_matter)
        text = link_citations(draw("study_item.md.j2", it=it), site.library, page)[0]
        test = questions_html(it, site.library, page)
    return text, test, reads.kept(read)


def _inspection_page(site: Site, c: Category, path: str) -> Made:
    """A category's cross-inspection sheet: its table a fragment made row by row (table_html), so that an edit
    converts only the rows it changed (a law edit changes rows on most sheets; each took 0.05 s whole)."""
    table = link_citations(draw("inspection_table.md.j2", rows=inspection_rows(site, c, path)), site.library, path)[0]
    key, html = shared_fragment(table_html(table))
    return draw("inspection.md.j2", c=c, table=Markup(marker(key, html)), xlsx=URLS.link(path, inspection_xlsx(c)),
                dated=site.data_date), ((key, html),)


def category_inputs(site: Site, c: Category, by_matter: dict[str, list[Question]]) -> Inputs:
    """What a category's study page and inspection sheet are made from besides the law library (what they read of
    it is recorded: training_recipes): its matters, the checks of their quotes, and their questions."""
    matters = tuple(site.checklist.in_category(c.name))
    checks = tuple(tuple(site.quote_checks[(m.code, role)]) for m in matters for role in (BASIS, PENALTY))
    return Inputs(c, site.data_date, matters, checks, tuple(tuple(by_matter.get(m.code, ())) for m in matters),
                  site.procedures.stamp)


def training_recipes(site: Site, questions: list[Question], blocks: list[Block], inputs: Inputs) -> list[Recipe]:
    """Every training page; inputs: the whole site's, for the pages that show it all.

    The question bank is an HTML fragment (thousands of questions, see fragments).
    """
    out: list[Recipe] = []
    cats = site.checklist.categories
    by_matter: dict[str, list[Question]] = {}
    for q in questions:
        code = q.id.split("-", 1)[1]
        by_matter.setdefault(code, []).append(q)
    index = f"{TRAINING}/index.md"
    out.append(Recipe(index, inputs, lambda: draw("training.md.j2", categories=[
        (c, URLS.link(index, study_path(c)), URLS.link(index, inspection_path(c)),
         len(site.checklist.in_category(c.name))) for c in cats], count=len(questions))))
    for c in cats:
        # A category's pages show its matters and their questions only: reused while those are unchanged.
        own = category_inputs(site, c, by_matter)
        path, ipath = study_path(c), inspection_path(c)
        out.append(Recipe(path, Inputs("study", own), partial(_study_page, site, c, path, by_matter), site.library))
        out.append(Recipe(ipath, Inputs("inspection", own), partial(_inspection_page, site, c, ipath), site.library))
    out.append(Recipe(f"{TRAINING}/plan.md", inputs, partial(_plan_page, site)))
    out.append(Recipe(f"{TRAINING}/quiz.md", inputs, lambda: draw("quiz.md.j2", count=len(questions))))
    out.append(Recipe(f"{TRAINING}/bank.md", inputs, partial(_bank_page, site, questions)))
    out.append(Recipe(f"{TRAINING}/case-review.md", inputs, partial(_review_page, site)))
    guide = URLS.link(f"{TRAINING}/report-weekly.md", GUIDANCE_PAGE)
    out.append(Recipe(f"{TRAINING}/report-weekly.md", inputs, lambda: draw("report_weekly.md.j2", guidance=guide)))
    out.append(Recipe(f"{TRAINING}/report-monthly.md", inputs,
                      lambda: draw("report_monthly.md.j2", guidance=guide)))
    out.append(Recipe(GUIDANCE_PAGE, inputs, lambda: draw(
        "guidance.md.j2", paragraphs=guidance_view(site, blocks, GUIDANCE_PAGE),
        checklist=URLS.link(GUIDANCE_PAGE, "matters/index.md"))))
    return out


def _plan_page(site: Site) -> str:
    plan, cats = f"{TRAINING}/plan.md", site.checklist.categories
    return draw("plan.md.j2", stages=[(s, URLS.link(plan, s.path), URLS.link(plan, s.checklist_path))
                                      for s in site.procedures.stages],
                categories=[(c, URLS.link(plan, study_path(c))) for c in cats],
                guidance=URLS.link(plan, GUIDANCE_PAGE), quiz=URLS.link(plan, f"{TRAINING}/quiz.md"),
                bank=URLS.link(plan, f"{TRAINING}/bank.md"), deadlines=URLS.link(plan, "stages/deadlines.md"))


def _bank_page(site: Site, questions: list[Question]) -> Made:
    bank = f"{TRAINING}/bank.md"
    block = bank_html(questions, bank)
    body = draw("bank.md.j2", count=len(questions), html=Markup(marker("question-bank", block)),
                xlsx=URLS.link(bank, BANK_XLSX), docx=URLS.link(bank, BANK_DOCX), dated=site.data_date)
    return body, (("question-bank", block),)


def _review_page(site: Site) -> str:
    review = f"{TRAINING}/case-review.md"
    docs = site.procedures.documents
    return draw("case_review.md.j2", stages=[
        (s, URLS.link(review, s.path),
         [(docs[d].name, URLS.cited(review, docs[d].basis), full_label(site.library, docs[d].basis))
          for d in dict.fromkeys(d for st in s.steps for d in st.documents)],
         [c for st in s.steps for c in st.checks]) for s in site.procedures.stages], todo=TODO)


_NO_MARKUP = Markup("")


@dataclass(frozen=True)
class InspectionRow:
    """A matter on a cross-inspection sheet: what to check and on what basis; result and notes are blank."""

    code: str
    name: str
    link: str
    what: str             # plain text, 款 and 项 on lines of their own (the spreadsheet's cell)
    basis: tuple[Link, ...]
    what_markdown: Markup = _NO_MARKUP  # the same for the sheet's table cell: escaped, lines joined with <br>


def inspection_rows(site: Site, c: Category, page: str) -> list[InspectionRow]:
    """The rows of a category's cross-inspection sheet, in study order."""
    lib = site.library
    rows = []
    for m in study_order(site, site.checklist.in_category(c.name)):
        # The check is the cited 款 or 项 (with its 款's lead), not the whole article; each on its own line.
        lines = list(m.checks) if m.checks else \
            ["对照法律依据检查：", *(line for r in m.basis.refs for line in official_text(lib, r))]
        what = "；".join(m.checks) if m.checks else "\n".join(lines)
        what_md = md_escape("；".join(m.checks)) if m.checks else Markup("<br>").join(md_escape(x) for x in lines)
        rows.append(InspectionRow(m.code, m.name, URLS.link(page, m.path), what,
                                  tuple(ref_link(lib, page, r) for r in m.basis.refs), what_md))
    return rows
