"""List pages: the home page, the list of matters (with its table), the categories and the laws."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from ..model.citations import full_label
from ..model.model import Category, Matter, Ref
from ..model.site import Site
from ..model.urls import URLS
from ..published.export import XLSX_PATH
from .county_pages import mark
from .escape import md_prose, script_json
from .fragments import marker
from .htmltable import Cell, table
from .page import Inputs, Made, Recipe
from .statutes import law_dates, law_order
from .template import draw
from .viewmodel import Link

MATTERS_INDEX = "matters/index.md"
# The list page holds this many rows as HTML: what the eye sees first, quick on an old PC or a phone at 10,000
# matters. The rest (and the filter and sort over every matter) come from MATTER_ROWS, loaded when first needed.
LIST_SHOWN = 100
MATTER_ROWS = "assets/matter-rows.js"
ROWS_VERSION = 1
CATEGORIES_INDEX = "categories/index.md"
LAWS_INDEX = "laws/index.md"


@dataclass(frozen=True)
class MatterRow:
    """A row of a matters table."""

    code: Link
    name: str
    category: Link
    basis: str
    penalty: str


def matter_row(site: Site, page: str, m: Matter) -> MatterRow:
    """A matter as a row of the list and category tables."""
    cat = site.checklist.category(m.category)
    return MatterRow(Link(m.code, URLS.link(page, m.path)), m.name + mark(m.code, site.edition, site.counties),
                     Link(cat.name, URLS.link(page, URLS.category(cat.id))),
                     "、".join(full_label(site.library, r) for r in m.basis.refs),
                     "、".join(full_label(site.library, r) for r in m.penalty.refs))


def matters_table(site: Site, page: str, shown: int) -> str:
    """The first `shown` matters of the list as an HTML table (see htmltable); the rest are in MATTER_ROWS."""
    rows = []
    for m in site.checklist.matters[:shown]:
        cat = site.checklist.category(m.category)
        rows.append([Cell(links=((m.code, URLS.link(page, m.path)),)),
                     Cell(m.name + mark(m.code, site.edition, site.counties)),
                     Cell(links=((cat.name, URLS.link(page, URLS.category(cat.id))),)),
                     Cell(links=tuple((full_label(site.library, r), URLS.cited(page, r)) for r in m.basis.refs)),
                     Cell(links=tuple((full_label(site.library, r), URLS.cited(page, r)) for r in m.penalty.refs))])
    return table(("事项代码", "事项名称", "类别", "法律依据", "处罚条款"), rows)


def matter_rows(site: Site) -> str:
    """Every row of the list as a script (loadable from file://), for the filter and sort over all matters.

    window.YJZF_MATTERS = {version, categories: [[name, url]], cites: [[label, url]], rows: [[code, name, category
    index, [cite index …] (法律依据), [cite index …] (处罚条款)]]}; URLs from the site root, each cited place once.
    """
    cl = site.checklist
    cats = {c.name: i for i, c in enumerate(cl.categories)}
    cites: dict[tuple[str, str], int] = {}

    def cite(ref: Ref) -> int:
        key = (full_label(site.library, ref), URLS.from_root(URLS.law(ref.law), ref.anchor))
        return cites.setdefault(key, len(cites))

    rows = [[m.code, m.name + mark(m.code, site.edition, site.counties), cats[m.category],
             [cite(r) for r in m.basis.refs], [cite(r) for r in m.penalty.refs]] for m in cl.matters]
    data = {"version": ROWS_VERSION, "categories": [[c.name, URLS.from_root(URLS.category(c.id))]
                                                   for c in cl.categories],
            "cites": [list(k) for k in cites], "rows": rows}
    return "window.YJZF_MATTERS=" + script_json(data) + ";\n"


def category_links(site: Site, page: str) -> list[tuple[Link, Category, int]]:
    """Each category, linked from page, with its number of matters."""
    return [(Link(c.name, URLS.link(page, URLS.category(c.id))), c, len(site.checklist.in_category(c.name)))
            for c in site.checklist.categories]


def home_recipe(site: Site, inputs: Inputs) -> Recipe:
    """The home page (inputs: the whole site's)."""
    return Recipe("index.md", inputs, lambda: draw("home.md.j2", site=site, cl=site.checklist,
                                                   categories=category_links(site, "index.md"),
                                                   law_count=len(site.library.laws)))


def matters_recipe(site: Site, inputs: Inputs) -> Recipe:
    """The list of matters: its table an HTML fragment (see fragments)."""
    return Recipe(MATTERS_INDEX, inputs, partial(_matters_page, site))


def _matters_page(site: Site) -> Made:
    cl, page = site.checklist, MATTERS_INDEX
    block = matters_table(site, page, LIST_SHOWN)
    body = draw("matters.md.j2", cl=cl, xlsx=URLS.link(page, XLSX_PATH), dated=site.data_date,
                table_html=Markup(marker("matters-table", block)), total=len(cl.matters),
                shown=min(LIST_SHOWN, len(cl.matters)), rows=URLS.html_link(page, MATTER_ROWS),
                categories=script_json([c.name for c in cl.categories]))
    return body, (("matters-table", block),)


def category_recipes(site: Site, inputs: Inputs) -> list[Recipe]:
    """The categories index (inputs: the whole site's) and a page per category (made from its own matters)."""
    out = [Recipe(CATEGORIES_INDEX, inputs, lambda: draw("categories.md.j2", cl=site.checklist,
                                                         categories=category_links(site, CATEGORIES_INDEX)))]
    for c in site.checklist.categories:
        matters = tuple(site.checklist.in_category(c.name))
        own = Inputs("category", c, matters, site.edition, site.counties, site.library)
        out.append(Recipe(URLS.category(c.id), own, partial(_category_page, site, c, matters)))
    return out


def _category_page(site: Site, c: Category, matters: tuple[Matter, ...]) -> str:
    path = URLS.category(c.id)
    return draw("category.md.j2", c=c, description=md_prose(c.description, path),
                rows=[matter_row(site, path, m) for m in matters])


def laws_recipe(site: Site, inputs: Inputs) -> Recipe:
    """The list of laws (inputs: the whole site's)."""
    def make() -> str:
        laws = sorted(site.library.laws.values(), key=law_order)
        return draw("laws.md.j2", laws=[(Link(law.title, URLS.link(LAWS_INDEX, law.path)), law,
                                         len({k for k in site.cited_by if k[0] == law.id}),
                                         law_dates(law, LAWS_INDEX)) for law in laws])
    return Recipe(LAWS_INDEX, inputs, make)
