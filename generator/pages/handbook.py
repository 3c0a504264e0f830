"""The print page (打印版): every matter and guide on one page, to print or save as PDF."""

from __future__ import annotations

from functools import partial

from markupsafe import Markup

from ..model.site import Site
from .fragments import marker
from .guides import DEADLINES_PAGE, DOCUMENTS_PAGE
from .htmltable import Cell, table
from .page import Inputs, Made, Recipe
from .printpage import guide_anchor, guide_placeholder, placeholder
from .template import draw
from .viewmodel import Link, md_escape

PRINT_PAGE = "print.md"


def print_guide_pages(site: Site) -> list[str]:
    """The guide pages the print handbook holds after the matters: each stage guide, the deadlines, the documents."""
    return [s.path for s in site.procedures.stages] + [DEADLINES_PAGE, DOCUMENTS_PAGE]


def print_guide_links(site: Site) -> list[Link]:
    """The print handbook's contents entries for its guide pages."""
    names = {s.path: s.name for s in site.procedures.stages}
    names.update({DEADLINES_PAGE: "法定期限一览", DOCUMENTS_PAGE: "执法文书一览"})
    return [Link(md_escape(names[p]), f"#{guide_anchor(p)}") for p in print_guide_pages(site)]


def print_contents(site: Site, page: str) -> str:
    """The print page's table of contents as an HTML table."""
    return table(("事项代码", "事项名称"), [[Cell(links=((m.code, f"#m-{m.code}"),)), Cell(m.name)]
                                          for m in site.checklist.matters])


def handbook_recipe(site: Site, inputs: Inputs) -> Recipe:
    """The print page (inputs: the whole site's): its contents an HTML fragment, and an empty section per matter
    and guide, filled with the pages as built (built/finish.assemble_print, after whichever engine built them)."""
    return Recipe(PRINT_PAGE, inputs, partial(_handbook, site))


def _handbook(site: Site) -> Made:
    cl = site.checklist
    made = (("print-contents", print_contents(site, PRINT_PAGE)),
            ("print-sections", "\n".join(placeholder(m.code) for m in cl.matters)),
            ("print-guides", "\n".join(guide_placeholder(p) for p in print_guide_pages(site))))
    contents, sections, guides = (Markup(marker(key, block)) for key, block in made)
    return draw("print.md.j2", cl=cl, contents=contents, sections=sections,
                guides=guides, guide_links=print_guide_links(site)), made
