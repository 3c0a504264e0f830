"""What each edition shows of the counties: their delegation documents, key and own matters, county pages.

Pure functions from the county data to view objects; every string from the data is escaped by the caller's
escape function (Markdown), and every fact no source gives is shown as 待补充 with the document it will come from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from ..model.counties import NO_DOCUMENT_SOURCE, County, DelegationDoc, Text, Texts, Todo
from ..model.model import Library, Matter
from ..model.site import Site
from ..model.urls import URLS
from .page import Inputs, Recipe
from .template import draw
from .viewmodel import TODO, TODO_MARK, Link, md_escape, ref_link

COUNTIES_INDEX = "counties/index.md"
FIELDS = (("标题", "title"), ("文号", "number"), ("日期", "date"), ("形式", "form"), ("乡镇（街道）", "townships"),
          ("委托或交由实施的事项", "codes"), ("金额限制", "limits"), ("保留措施", "reserved"), ("来源", "source"))
Escape = Callable[[str], str]


@dataclass(frozen=True)
class DocView:
    """One document as rows of (label, shown value); form_basis links the articles of its legal form."""

    rows: tuple[tuple[str, str], ...]
    form_basis: tuple[Link, ...]


@dataclass(frozen=True)
class CountyView:
    """A county as an edition shows it."""

    name: str
    link: Link
    docs: tuple[DocView, ...]
    pending: tuple[str, ...]   # one sentence per distinct source: which facts are 待补充 and where they will come from
    covers: str                # whether the matter shown is delegated: 在内 / 不在所列事项中 / 待补充
    form: str


def fact(value: Text | Texts, esc: Escape) -> str:
    """A fact as shown: the text, a list joined by 、, or 待补充."""
    if isinstance(value, Todo):
        return TODO_MARK
    if isinstance(value, tuple):
        return Markup("、").join(Markup(esc(v)) for v in value)
    return Markup(esc(value))


def pending(county: County, esc: Escape) -> tuple[str, ...]:
    """Which facts are 待补充, grouped by the document each will come from."""
    if isinstance(county.documents, Todo):
        return (_pending_line(esc(county.documents.what), esc(county.documents.source)),)
    by_source: dict[str, list[str]] = {}
    for doc in county.documents:
        for label, attr in FIELDS:
            value = getattr(doc, attr)
            if isinstance(value, Todo):
                by_source.setdefault(value.source, []).append(label)
    return tuple(_pending_line(esc("、".join(labels)), esc(source)) for source, labels in by_source.items())


def _pending_line(what: str, source: str) -> Markup:
    # what and source come escaped (esc); the marker is the site's own markup.
    return TODO_MARK + Markup(f"：{what}。将来源：{source}")


def doc_view(doc: DelegationDoc, library: Library, page: str, esc: Escape) -> DocView:
    """A document's facts as table rows."""
    return DocView(tuple((label, fact(getattr(doc, attr), esc)) for label, attr in FIELDS),
                   tuple(ref_link(library, page, r) for r in doc.basis))


def covers(county: County, code: str | None, esc: Escape) -> str:
    """Whether the county's documents delegate the matter, as the documents say (never guessed)."""
    if code is None:
        return ""
    found = county.delegated(code)
    if found is None:
        return TODO_MARK
    if not found:
        return "不在所列事项中"
    assert not isinstance(county.documents, Todo)
    titles = [fact(d.title, esc) for d in county.documents if isinstance(d.codes, tuple) and code in d.codes]
    return Markup("在内（") + Markup("、").join(titles) + Markup("）")


def county_view(county: County, library: Library, page: str, esc: Escape, code: str | None = None) -> CountyView:
    """A county for a matter page (code given), a stage guide or its own page."""
    docs = () if isinstance(county.documents, Todo) else tuple(
        doc_view(d, library, page, esc) for d in county.documents)
    forms = TODO_MARK if isinstance(county.documents, Todo) else Markup("、").join(
        dict.fromkeys(fact(d.form, esc) for d in county.documents))
    return CountyView(esc(county.name), Link(esc(county.name), URLS.link(page, county.path)), docs,
                      pending(county, esc), covers(county, code, esc), forms)


def mark(code: str, edition: County | None, counties: tuple[County, ...]) -> str:
    """The mark after a matter's name on the list: the edition's key or own matter, or (city) the counties."""
    if edition is not None:
        if any(m.code == code for m in edition.own):
            return f"（{edition.name}增加的重点事项）"
        return f"（{edition.name}重点事项）" if edition.is_key(code) else ""
    names = [c.name for c in counties if c.is_key(code)]
    return f"（重点：{'、'.join(names)}）" if names else ""


def matter_links(county: County, page: str, matters: dict[str, Matter], linked: bool,
                 esc: Escape) -> list[tuple[str, str, str]]:
    """(code, name, url or '') of the county's key matters of the list."""
    if isinstance(county.key_codes, Todo):
        return []
    return [(c, esc(matters[c].name), URLS.link(page, matters[c].path) if linked else "")
            for c in county.key_codes if c in matters]


@dataclass(frozen=True)
class CountyPageView:
    """Everything a county page shows."""

    c: CountyView
    name_source: str
    key: tuple[tuple[str, str, str], ...]
    key_todo: tuple[str, str] | None
    own: tuple[tuple[str, str, str], ...]
    notes: tuple[tuple[str, str], ...]
    no_document_source: str
    todo: str = TODO


def county_page_values(county: County, edition: County | None, library: Library, matters: dict[str, Matter],
                       page: str, esc: Escape) -> CountyPageView:
    """Everything a county page shows."""
    own_linked = edition is not None and edition.id == county.id
    key_todo = county.key_codes if isinstance(county.key_codes, Todo) else None
    return CountyPageView(
        c=county_view(county, library, page, esc),
        name_source=esc(county.name_source),
        key=tuple(matter_links(county, page, matters, True, esc)),
        key_todo=(esc(key_todo.what), esc(key_todo.source)) if key_todo else None,
        own=tuple((m.code, esc(m.name), URLS.link(page, m.path) if own_linked else "") for m in county.own),
        notes=tuple((code, esc(note)) for code, note in county.notes),
        no_document_source=esc(NO_DOCUMENT_SOURCE),
    )


def county_handling(site: Site, page: str, code: str | None = None) -> Markup:
    """谁来办理 of this edition: its county's documents, or (city edition) every county side by side."""
    return handling(site.library, site.counties, site.edition, page, code)


def handling(library: Library, counties: tuple[County, ...], edition: County | None, page: str,
             code: str | None = None) -> Markup:
    """谁来办理 from what it is made of: the library, the counties and the edition (county_handling)."""
    e = edition
    return Markup(draw("county_handling.md.j2", todo=TODO_MARK, code=code,
                       no_document_source=md_escape(NO_DOCUMENT_SOURCE),
                       edition=county_view(e, library, page, md_escape, code) if e else None,
                       local_note=md_escape(e.note(code)) if e and code else "",
                       counties=[county_view(c, library, page, md_escape, code) for c in counties]))


def county_recipes(site: Site, inputs: Inputs) -> list[Recipe]:
    """The counties index and a page per county (its documents, key matters, own matters, notes).

    inputs: the whole site's (the pages show the list's matters, the edition and every county).
    """
    matters = {m.code: m for m in site.checklist.matters}
    out = [Recipe(COUNTIES_INDEX, inputs, lambda: draw("counties.md.j2", todo=TODO_MARK, counties=[
        county_view(c, site.library, COUNTIES_INDEX, md_escape) for c in site.counties]))]
    for c in site.counties:
        out.append(Recipe(c.path, inputs, partial(_county_page, site, c, matters)))
    return out


def _county_page(site: Site, c: County, matters: dict[str, Matter]) -> str:
    return draw("county.md.j2", v=county_page_values(c, site.edition, site.library, matters, c.path, md_escape))
