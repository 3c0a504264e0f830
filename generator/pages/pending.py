"""Every fact the site still lacks (待补充), where it is shown and the document it will come from."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model.site import Site
from ..model.urls import URLS
from .guides import DOCUMENTS_PAGE
from .page import Inputs, Recipe
from .template import draw
from .viewmodel import md_escape

PENDING_PAGE = "todo.md"

# The optional parts of a matter page, the Matter field each is read from, and the source that will fill it.
MATTER_PARTS = (
    ("现场检查要点", "checks", "本事项法律依据条文的要求，以及县（市、区）应急管理部门的检查指引"),
    ("证据材料", "evidence",
     "《中华人民共和国行政处罚法》第四十六条规定的证据种类，以及县（市、区）应急管理部门的取证要求"),
    ("执法文书", "documents", "应急管理部《安全生产执法文书样式》"),
    ("裁量说明", "discretion", "《浙江省应急管理行政处罚裁量基准适用细则》（2024年12月），其裁量表尚未收入本库"),
)
# A matter page names where the 较大数额 standard is tracked: with the 办案流程 guide's pending items (data/stages).
LARGE_FINE_SOURCE = "将来源：浙江省关于行政处罚听证“较大数额”的规定"


@dataclass(frozen=True)
class PendingFact:
    """One missing fact: where it shows (page title and source path), what is missing, and its source."""

    where: str
    path: str
    what: str
    source: str
    count: int = 1  # how many pages show it (a part missing from many matters is one line)


def pending_facts(site: Site) -> list[PendingFact]:
    """Every 待补充 on the site, grouped so that a part missing from many matters is one line with its count."""
    facts: list[PendingFact] = []
    procs = site.procedures
    for stage in procs.stages:
        facts += [PendingFact(stage.name, stage.path, p.what, p.source) for p in stage.pending]
        # A sentence of a step written {待补充: …, 来源: …} (stages.statement) is a pending fact too.
        facts += [PendingFact(stage.name, stage.path, a.text, a.source)
                  for step in stage.steps for a in step.actions if a.is_todo]
    for doc in procs.documents.values():
        if doc.form_name_pending:
            facts.append(PendingFact("执法文书一览", DOCUMENTS_PAGE, f"{doc.name}的式样名称", doc.form_source))
    if procs.delegation is not None and procs.delegation.county.is_todo:
        county = procs.delegation.county
        facts.append(PendingFact("事项页面“谁来办理”", "matters/index.md", county.text, county.source,
                                 len(site.checklist.matters)))
    matters = site.checklist.matters
    for title, field, source in MATTER_PARTS:
        missing = sum(1 for m in matters if not getattr(m, field))
        if missing:
            facts.append(PendingFact("事项页面", "matters/index.md", f"本事项特有的{title}", source, missing))
    return facts


def pending_count(facts: list[PendingFact]) -> int:
    """How many places on the site say 待补充."""
    return sum(f.count for f in facts)


def pending_rows(facts: list[PendingFact]) -> list[tuple[PendingFact, str]]:
    """Each fact with the link from the pending page to where it shows."""
    return [(f, URLS.link(PENDING_PAGE, f.path)) for f in facts]


def pending_recipe(site: Site, inputs: Inputs) -> Recipe:
    """The 待补充 page: every fact the site lacks, with the source it will come from (inputs: the whole site's)."""
    def make() -> str:
        facts = pending_facts(site)
        return draw("todo.md.j2", total=pending_count(facts), rows=[
            (replace(f, where=md_escape(f.where), what=md_escape(f.what), source=md_escape(f.source)), url)
            for f, url in pending_rows(facts)])
    return Recipe(PENDING_PAGE, inputs, make)
