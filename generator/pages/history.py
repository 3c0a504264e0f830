"""The 更新记录 page: each import of the list, newest first, with what it added, removed and changed."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..model.changelog import short
from ..model.site import Site
from ..model.urls import URLS
from .page import Inputs, Recipe
from .template import draw
from .viewmodel import Link, md_escape

CHANGELOG_PAGE = "changelog.md"


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



def history_recipe(site: Site, inputs: Inputs) -> Recipe:
    """The 更新记录 page (inputs: the whole site's)."""
    return Recipe(CHANGELOG_PAGE, inputs, lambda: draw("changelog.md.j2", records=changelog_view(site, CHANGELOG_PAGE),
                                                       data_date=site.data_date, count=len(site.checklist.matters)))
