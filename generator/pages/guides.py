"""Stage guides, their printable checklists, the deadline table and the document index, as Markdown."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model.model import Library
from ..model.stages import Procedures, Stage, Statement, Step, TimeLimit
from ..model.urls import URLS
from .viewmodel import TODO_MARK, Link, ref_link

DOCUMENTS_PAGE = "stages/documents.md"
DEADLINES_PAGE = "stages/deadlines.md"
STAGES_INDEX = "stages/index.md"


@dataclass(frozen=True)
class StepView:
    """A step as shown: its number within its group, links for its basis and documents."""

    number: int
    name: str
    actions: tuple[Statement, ...]
    notes: tuple[str, ...]
    checks: tuple[str, ...]
    basis: tuple[Link, ...]
    documents: tuple[Link, ...]

    @property
    def basis_short(self) -> str:
        """The basis as one citation list, each law named once: 《行政处罚法》第五十二条、第六十八条."""
        return short_citations(link.text for link in self.basis)


def short_citations(labels: Iterable[str]) -> str:
    """Full labels (《X》第N条…) joined with each law named once, for the printed checklists (one A4 page)."""
    parts: list[str] = []
    law = ""
    for label in labels:
        name, sep, place = label.partition("》")
        if sep and name + sep == law:
            parts.append(place)
        else:
            law = name + sep if sep else ""
            parts.append(label)
    return "、".join(parts)


def step_groups(procs: Procedures, library: Library, stage: Stage, page: str) -> list[tuple[str, list[StepView]]]:
    """Steps grouped by procedure (简易程序 …) where the stage has them, numbered within each group."""
    groups: dict[str, list[Step]] = {}
    for st in stage.steps:
        groups.setdefault(st.procedure, []).append(st)
    return [(name, [_step_view(procs, library, st, page, n + 1) for n, st in enumerate(steps)])
            for name, steps in groups.items()]


def _step_view(procs: Procedures, library: Library, st: Step, page: str, number: int) -> StepView:
    docs = tuple(Link(procs.documents[d].name, URLS.link(page, DOCUMENTS_PAGE, f"doc-{d}")) for d in st.documents)
    said = tuple(a for a in st.actions if not a.is_note)
    notes = tuple(a.text for a in st.actions if a.is_note)
    return StepView(number, st.name, said, notes, st.checks, tuple(ref_link(library, page, r) for r in st.basis), docs)


@dataclass(frozen=True)
class LimitView:
    """A time limit as shown: its article, and the article that makes it 工作日 (if any), as links."""

    limit: TimeLimit
    basis: Link
    working_days: Link | None


def limit_view(library: Library, page: str, t: TimeLimit) -> LimitView:
    """A time limit with its links from page."""
    return LimitView(t, ref_link(library, page, t.basis),
                     ref_link(library, page, t.working_days) if t.working_days else None)


def _limits(library: Library, limits: Iterable[TimeLimit], page: str) -> list[LimitView]:
    return [limit_view(library, page, t) for t in limits]


def stage_pages(procs: Procedures, library: Library, draw: Callable[..., str]) -> dict[str, str]:
    """Every guide page: the index, one page and one checklist per stage, deadlines, documents."""
    pages: dict[str, str] = {}
    if not procs.stages:
        return pages
    pages[STAGES_INDEX] = draw("stages.md.j2", stages=[
        (s, URLS.link(STAGES_INDEX, s.path), URLS.link(STAGES_INDEX, s.checklist_path)) for s in procs.stages])
    for s in procs.stages:
        pages[s.path] = draw("stage.md.j2", s=s, groups=step_groups(procs, library, s, s.path),
                             limits=_limits(library, s.limits, s.path), todo=TODO_MARK,
                             checklist=URLS.link(s.path, s.checklist_path))
        pages[s.checklist_path] = draw("stage_checklist.md.j2", s=s,
                                       groups=step_groups(procs, library, s, s.checklist_path),
                                       limits=_limits(library, s.limits, s.checklist_path),
                                       back=URLS.link(s.checklist_path, s.path))
    names = {s.id: s for s in procs.stages}
    pages[DEADLINES_PAGE] = draw("deadlines.md.j2", limits=[
        (Link(names[t.stage].name, URLS.link(DEADLINES_PAGE, names[t.stage].path)),
         limit_view(library, DEADLINES_PAGE, t)) for t in procs.limits])
    used: dict[str, list[Link]] = {}
    for s in procs.stages:
        for st in s.steps:
            for d in st.documents:
                link = Link(s.name, URLS.link(DOCUMENTS_PAGE, s.path))
                if link not in used.setdefault(d, []):
                    used[d].append(link)
    pages[DOCUMENTS_PAGE] = draw("documents.md.j2", todo=TODO_MARK, documents=[
        (d, ref_link(library, DOCUMENTS_PAGE, d.basis), used.get(d.id, [])) for d in procs.documents.values()])
    return pages
