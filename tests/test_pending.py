"""What the site knows and what it still lacks: the matter's stages reuse the guides; a to-do page lists the rest."""

from __future__ import annotations

import re
from pathlib import Path

from generator.adapters.cli import _pending_line
from generator.model.site import Site
from generator.model.urls import URLS
from generator.pages.guides import DOCUMENTS_PAGE
from generator.pages.matters import evidence_kinds, stage_documents
from generator.pages.pending import PENDING_PAGE, pending_count, pending_facts
from generator.pages.render import render_pages
from generator.pages.viewmodel import TODO, TODO_MARK


def _handling(page: str) -> str:
    return page[page.index("### 办理环节"):page.index("## 引用相同条文的其他事项")]


def test_each_stage_lists_the_documents_its_guide_names(site: Site) -> None:
    page = _handling(render_pages(site)["matters/330225002014.md"])
    for stage in site.procedures.stages:
        ids = dict.fromkeys(d for st in stage.steps for d in st.documents)
        links = stage_documents(site, stage, "matters/330225002014.md")
        assert [link.url for link in links] == [f"../{DOCUMENTS_PAGE}#doc-{d}"
                                                for d in ids]
        for link in links:
            assert f'<a href="{URLS.output(link.url)}">{link.text}</a>' in page  # the list is HTML (a fragment)
    assert page.count("本环节的执法文书（见执法指引）") == sum(
        1 for s in site.procedures.stages if any(st.documents for st in s.steps))


def test_the_kinds_of_evidence_are_quoted_from_the_law_not_retyped(site: Site) -> None:
    article = site.library.laws["xzcff"].article(46)
    assert article is not None
    items = article.paragraphs[0].items
    case = next(s for s in site.procedures.stages if s.id == "balc")
    kinds, ref = evidence_kinds(site, case)
    assert ref is not None and (ref.law, ref.article, ref.paragraph) == ("xzcff", 46, 1)
    assert len(kinds) == len(items) and all(k in i.text for k, i in zip(kinds, items, strict=True))
    assert kinds[0] == "书证" and "勘验笔录" in kinds[-1]
    page = _handling(render_pages(site)["matters/330225002014.md"])
    assert ('法定证据种类（<a href="../laws/xzcff.html#a46-1">《行政处罚法》第四十六条第一款</a>）：'
            + "、".join(kinds)) in page
    # A stage whose guide does not cite 第四十六条 shows no evidence list.
    assert evidence_kinds(site, next(s for s in site.procedures.stages if s.id == "zyc")) == ((), None)


def test_no_bare_todo_is_left_on_a_matter_page(site: Site) -> None:
    for m in site.checklist.matters:
        page = render_pages(site)[m.path]
        # The counties' table names the source once, under the table, for every 待补充 in it.
        table_note = f"表中写“{TODO_MARK}”的，将来源" in page
        for line in page.splitlines():
            if TODO in line:
                assert TODO_MARK in line, line
                assert "将来源" in line or (table_note and line.startswith("<td>")), line


def test_pending_page_lists_every_pending_fact_with_its_source(site: Site) -> None:
    facts = pending_facts(site)
    page = render_pages(site)[PENDING_PAGE]
    stage_pending = [(s, p) for s in site.procedures.stages for p in s.pending]
    assert stage_pending, "the guides have pending items"
    for stage, p in stage_pending:
        assert f"| [{stage.name}](stages/{stage.id}.md) | {p.what} | {p.source} | 1 |" in page
    for d in site.procedures.documents.values():
        assert (f"| {d.name}的式样名称 |" in page) == d.form_name_pending
    steps = [a for s in site.procedures.stages for st in s.steps for a in st.actions if a.is_todo]
    assert steps and all(f"| {a.text} |" in page for a in steps)  # its source may hold linked citations
    n = len(site.checklist.matters)
    assert "| [事项页面](matters/index.md) | 本事项特有的现场检查要点 |" in page and f"| {n} |" in page
    assert f"共 {pending_count(facts)} 处" in page
    assert pending_count(facts) == len(stage_pending) + len(steps) + sum(
        d.form_name_pending for d in site.procedures.documents.values()) + 5 * n  # 4 parts and 谁来办理


def test_build_prints_how_many_facts_are_pending(site: Site) -> None:
    line = _pending_line(site)
    count = pending_count(pending_facts(site))
    assert re.fullmatch(rf"待补充事项：{count} 处（\d+ 类），逐项列在 todo\.html（将来源于哪份文件）", line), line


def test_pending_page_is_linked_from_the_navigation_and_home(site: Site) -> None:
    root = Path(__file__).resolve().parent.parent
    assert "待补充事项: todo.md" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "[待补充事项](todo.md)" in render_pages(site)["index.md"]
