"""Turn the site model into pages: every generated page as a value (page.Page). No MkDocs here.

Each kind of page has its module (matters, statutes, listings, guides, training_pages, county_pages, history,
pending, handbook; downloads for the files beside them); this one puts them in order and links the
citations written in their text. A page is made from the inputs its recipe declares, and reused (page.SHELF)
while they are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..model.citations import link_citations
from ..model.docs import cited_articles
from ..model.guidance import blocks
from ..model.site import Site
from ..model.training import questions
from .county_pages import county_handling, county_recipes
from .downloads import indexed, iter_downloads, render_assets, render_downloads
from .fragments import fill
from .guides import stage_pages
from .handbook import handbook_recipe, print_guide_pages
from .history import history_recipe
from .listings import category_recipes, home_recipe, laws_recipe, matters_recipe
from .matters import county_inputs, matter_recipe, procedures_shown
from .page import SHELF, Beside, Inputs, Made, Page, Recipe, as_dict, digest
from .pending import pending_recipe
from .statutes import law_order, law_recipe
from .template import draw
from .training_pages import training_recipes

# The adapters (plugin.py, cli.py) and the benchmarks take these from here.
__all__ = [
    "indexed_pages",
    "iter_downloads",
    "made_pages",
    "print_guide_pages",
    "render_assets",
    "render_downloads",
    "render_pages",
    "render_site",
    "site_inputs",
    "site_recipes",
]


def site_inputs(site: Site) -> Inputs:
    """The inputs of a page that shows the whole site (the list, the edition, the counties, the stage data …)."""
    return Inputs("site", site.library, site.procedures.stamp, site.checklist, site.edition, site.counties,
                  site.data_date, digest(site.changelog), site.guidance, site.discretion, site.synonyms)


def _linked(site: Site, recipe: Recipe) -> Recipe:
    """The recipe with the linker's pass after it: a citation written anywhere in a template or in the data
    becomes a link (law pages are linked article by article, with 本法; matter pages link their own)."""
    def make() -> str | Made:
        made = recipe.make()
        if isinstance(made, str):
            return link_citations(made, site.library, recipe.path)[0]
        return link_citations(made[0], site.library, recipe.path)[0], made[1]
    return replace(recipe, make=make)  # with its library, if it names one: what the linker reads is recorded too


def _given(text: str) -> Callable[[], str]:
    return lambda: text


def render_site(site: Site, docs: dict[str, str] | None = None, beside: Beside | None = None) -> list[Page]:
    """Every generated page; docs are the hand-written pages, for the "cited by" lists of the law pages; beside:
    how to make half of them on the other core (page.Shelf.pages), or None.

    The largest pieces are HTML fragments of their pages (Page.fragments) and the pages hold markers for them
    (fragments.fill puts them in after Markdown); the print page holds an empty section per matter and guide,
    filled with those pages as built (built/finish.py, after whichever engine built them).
    """
    return SHELF.pages(site_recipes(site, docs), beside)


def site_recipes(site: Site, docs: dict[str, str] | None = None) -> list[Recipe]:
    """Begin a render (page.SHELF) and give every generated page's recipe, in order (see render_site)."""
    SHELF.begin()
    whole = SHELF.intern(site_inputs(site))
    cl = site.checklist
    recipes = [_linked(site, home_recipe(site, whole)), _linked(site, matters_recipe(site, whole))]
    procedures = SHELF.intern(procedures_shown(site))
    county = SHELF.intern(county_inputs(site))
    recipes += [matter_recipe(site, m, procedures, county) for m in cl.matters]
    recipes += [_linked(site, history_recipe(site, whole)), _linked(site, handbook_recipe(site, whole))]
    recipes += [_linked(site, r) for r in category_recipes(site, whole)]
    recipes.append(_linked(site, laws_recipe(site, whole)))
    guides = stage_pages(site.procedures, site.library, draw)
    for s in site.procedures.stages:
        if s.path in guides:  # each stage guide says whose delegation applies in this edition
            guides[s.path] += "\n## 本版适用的委托或交由实施的文件\n\n" + str(county_handling(site, s.path))
    stages = SHELF.intern(Inputs("stages", site.procedures.stamp, site.library, site.edition, site.counties))
    recipes += [_linked(site, Recipe(path, stages, _given(md))) for path, md in guides.items()]
    recipes.append(_linked(site, pending_recipe(site, whole)))
    recipes += [_linked(site, r) for r in county_recipes(site, whole)]
    recipes += [_linked(site, r) for r in training_recipes(site, questions(site), blocks(site.guidance), whole)]
    # Guide pages cite articles too: their citations feed the "cited by" lists of the law pages.
    guide_cites = cited_articles({**(docs or {}), **{p: md for p, md in guides.items()
                                                     if not p.endswith("-checklist.md")}}, site.library)
    recipes += [law_recipe(site, law, guide_cites) for law in sorted(site.library.laws.values(), key=law_order)]
    return recipes


def render_pages(site: Site, docs: dict[str, str] | None = None,
                 fragments: dict[str, str] | None = None, beside: Beside | None = None) -> dict[str, str]:
    """Every generated page, as {docs path: Markdown} (see render_site).

    Given a fragments dict (a build), the pages hold their fragments' markers and the fragments go into it.
    Without one (emit, and reading a page whole), each page holds its fragments as HTML blocks in its Markdown;
    the print page's sections are still filled only after the site is built (built/finish.py).
    """
    return made_pages(site_recipes(site, docs), fragments, beside)


def indexed_pages(recipes: list[Recipe]) -> dict[str, str]:
    """The generated pages the search index reads (downloads.indexed), made now, as {docs path: Markdown}: the
    index can then be made beside the other pages. They stay on the shelf for made_pages."""
    return as_dict(SHELF.pages([r for r in recipes if indexed(r.path)]))


def made_pages(recipes: list[Recipe], fragments: dict[str, str] | None = None,
               beside: Beside | None = None) -> dict[str, str]:
    """The pages of recipes (from site_recipes), as render_pages gives them."""
    pages = SHELF.pages(recipes, beside)
    if fragments is None:
        return {p.path: fill(p.body, dict(p.fragments)) if p.fragments else p.body for p in pages}
    for page in pages:
        fragments.update(page.fragments)
    return as_dict(pages)
