"""Work done once: fragments made by the generator, pieces shared by editions, checks that repeat nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.adapters.engine import read_mkdocs_yml
from generator.built.linkcheck import broken_links
from generator.built.sitecheck import external_loads
from generator.model.docs import read_docs
from generator.model.site import load_site
from generator.model.yamlsource import read_yaml
from generator.pages.blockhtml import EXTENSIONS, block_html
from generator.pages.matters import Related, matter_view, related_html
from generator.pages.page import PARTS, SHELF
from generator.pages.render import render_site
from generator.pages.viewmodel import Link

from .conftest import ROOT


def test_fragments_are_converted_with_the_sites_markdown_extensions() -> None:
    # The generator converts fragments itself: with what mkdocs.yml gives the engine (no toc: no headings).
    config = read_mkdocs_yml(ROOT / "mkdocs.yml")
    site = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert sorted(EXTENSIONS) == sorted(e for e in site if e != "toc")


def _related_markdown(related: tuple[Related, ...]) -> str:
    """The related matters as the Markdown list the matter page held before they were made straight to HTML."""
    def link(x: Link) -> str:
        return f"[{x.text}]({x.url})"

    lines = []
    for r in related:
        shown = "；".join(link(x) for x in r.matters) or "无其他事项"
        if r.matters and r.total > len(r.matters):
            shown += (f"；以上是清单中与本事项相邻的 {len(r.matters)} 项，共 {r.total} 项，全部列在"
                      f"{link(Link('该条的“引用本条的事项”', r.article.url))}中")
        lines.append(f"- {link(r.article)}：{shown}\n")
    return "".join(lines)


def test_related_matters_straight_to_html_are_what_markdown_made_of_them(fixture_data: Path) -> None:
    site = load_site(fixture_data)
    shown = 0
    for m in site.checklist.matters:
        view = matter_view(site, m)
        assert related_html(view.related) == block_html(_related_markdown(view.related)).strip()
        shown += sum(len(r.matters) for r in view.related)
    assert shown  # the fixture has matters citing the same articles


def test_a_study_page_holds_its_items_as_fragments(fixture_data: Path) -> None:
    site = load_site(fixture_data)
    pages = {p.path: p for p in render_site(site, read_docs(ROOT / "docs"))}
    study = next(p for path, p in pages.items() if path.startswith("training/study-"))
    category = next(c for c in site.checklist.categories if study.path.endswith(f"-{c.id}.md"))
    codes = [m.code for m in site.checklist.in_category(category.name)]
    assert codes and sorted(k for k, _ in study.fragments) == sorted(f"study-{c}" for c in codes)
    for key, html in study.fragments:
        assert f'data-fragment="{key}"' in study.body and "事项代码" in html and "<details" in html
        assert ".md" not in html.replace(".md-", "")  # every page link already points at the built page


def test_a_second_edition_takes_every_matter_body_from_the_first(fixture_data: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PARTS, "keep", True)  # as `build --all-counties` sets it
    docs = read_docs(ROOT / "docs")
    SHELF.clear()
    render_site(load_site(fixture_data), docs)
    county = sorted(p.stem for p in (fixture_data / "counties").glob("*.yaml"))[0]
    edition = load_site(fixture_data, county=county)
    pages = render_site(edition, docs)
    own = {m.code for m in edition.checklist.matters} - {m.code for m in load_site(fixture_data).checklist.matters}
    assert PARTS.made == len(own)  # only the county's own matters are new
    body = next(p for p in pages if p.path == edition.checklist.matters[0].path)
    assert f'data-fragment="county-{edition.checklist.matters[0].code}"' in body.body


def test_one_edition_keeps_no_second_copy_of_its_matter_pages(fixture_data: Path) -> None:
    SHELF.clear()
    render_site(load_site(fixture_data), read_docs(ROOT / "docs"))
    render_site(load_site(fixture_data, county=sorted(p.stem for p in (fixture_data / "counties").glob("*.yaml"))[0]),
                read_docs(ROOT / "docs"))
    assert PARTS.reused == 0 and PARTS.made > 0


def test_a_broken_link_is_reported_on_every_page_of_a_folder(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "a.html").write_text('<a href="../gone.html">x</a><a href="#top">t</a>', encoding="utf-8")
    (tmp_path / "m" / "b.html").write_text('<h1 id="top">b</h1><a href="../gone.html">x</a><a href="#top">t</a>',
                                           encoding="utf-8")
    assert broken_links(tmp_path) == ["m/a.html: ../gone.html（没有这个文件）", "m/a.html: #top（没有锚点 #top）",
                                      "m/b.html: ../gone.html（没有这个文件）"]


def test_outside_loads_in_css_are_found_in_any_case(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<script>new URL("..")</script><div style="background:URL( \'//x.org/i.png\')">',
                                     encoding="utf-8")
    (tmp_path / "b.html").write_text("<style>@IMPORT 'https://y.org/s.css';</style>", encoding="utf-8")
    (tmp_path / "c.html").write_text('<script>new URL("..", location)</script>', encoding="utf-8")
    assert external_loads(tmp_path) == ["a.html: //x.org/i.png", "b.html: https://y.org/s.css"]


def test_a_data_file_is_parsed_again_only_when_its_text_changed(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    first, again = read_yaml(path), read_yaml(path)
    path.write_text("a: 2\n", encoding="utf-8")
    changed = read_yaml(path)
    assert first is again and changed is not first and changed.data == {"a": 2}


def test_many_blocks_are_converted_on_every_core_as_one_at_a_time() -> None:
    # In a fresh interpreter: prefetch forks only from a process with one thread, and the test process has others.
    code = """
import os
os.cpu_count = lambda: 2  # as on the 2-core machines it runs on
from generator.pages import blockhtml
blocks = [f"**{n}** [链接](../laws/x.md#a{n})\\n\\n??? note \\"第{n}条\\"\\n    正文 {n}\\n" for n in range(80)]
alone = [blockhtml._convert(b) for b in blocks]
blockhtml.prefetch(blocks)
assert all(blockhtml._key(b) in blockhtml._MADE for b in blocks), "not converted by the workers"
assert [blockhtml.block_html(b) for b in blocks] == alone, "not what one process makes"
assert 'href="../laws/x.html#a1"' in alone[1] and "<details" in alone[1], alone[1]
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr


def test_the_workers_stop_quietly_under_serve_s_signal_handlers() -> None:
    # `serve` makes SIGTERM stop it as Ctrl-C does; the pool stops its workers by SIGTERM once they are done, and
    # each worker, forked with that handler, printed a KeyboardInterrupt traceback into the editor's terminal.
    code = """
import os
os.cpu_count = lambda: 2
from generator.adapters.plugin import stop_on_signals
from generator.pages import blockhtml
stop_on_signals()
for round in range(20):  # whether a worker is waiting where the signal interrupts it varies: many pools
    blocks = [f"**{n}** 正文 {round}" for n in range(80)]
    blockhtml.prefetch(blocks)
    assert all(blockhtml._key(b) in blockhtml._MADE for b in blocks), "not converted by the workers"
from generator.adapters.forked import beside
for round in range(20):  # a process beside the build, stopped once its result is in (serve's first build)
    with beside("测试", pow, 2, round) as later:
        assert later.result() == 2 ** round
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0 and not done.stderr, done.stderr


def test_the_print_page_takes_again_only_the_pages_that_changed(tmp_path: Path) -> None:
    # `serve` keeps the print page's sections by built page: an edit re-reads the pages it rebuilt, not all.
    from generator.built.finish import Sections, assemble_print
    from generator.pages.printpage import placeholder

    def article(text: str) -> str:
        return f'<article class="md-content__inner md-typeset"><h1 id="t">{text}</h1></article>'

    (tmp_path / "matters").mkdir()
    one, two = tmp_path / "matters" / "330225002014.html", tmp_path / "matters" / "330225002022.html"
    one.write_text(article("甲"), encoding="utf-8")
    two.write_text(article("乙"), encoding="utf-8")
    printed = tmp_path / "print.html"
    printed.write_text(placeholder("330225002014") + placeholder("330225002022"), encoding="utf-8")
    held: Sections = {}
    assert assemble_print(printed, tmp_path, {}, set(), held).filled == 2
    assert '<h1 id="m-330225002014-t">甲</h1>' in printed.read_text(encoding="utf-8") and len(held) == 2
    stamp, section, found = held[one]
    held[one] = (stamp, section.replace("甲".encode(), "甲（上次的）".encode()), found)  # unchanged: taken as held
    two.write_text(article("乙（改）"), encoding="utf-8")
    assemble_print(printed, tmp_path, {}, set(), held)
    text = printed.read_text(encoding="utf-8")
    assert "甲（上次的）" in text and "乙（改）" in text and "乙<" not in text


def test_the_print_page_made_in_two_halves_is_the_page_made_in_one(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # A build makes the second half of the sections elsewhere, into a file beside the page, and reads it back.
    from contextlib import contextmanager
    from types import SimpleNamespace

    from generator.built import finish
    from generator.pages.printpage import guide_placeholder, placeholder

    monkeypatch.setattr(finish, "MIN_SPLIT", 2)
    (tmp_path / "matters").mkdir()
    (tmp_path / "stages").mkdir()
    codes = [f"3302250020{n:02d}" for n in range(7)]
    for n, code in enumerate(codes):
        body = f'<h2 id="h">事项{n}</h2><p>第{n}段\r\n<a href="../laws/aqscf.html#a{n}">条文</a></p>' if n != 3 else ""
        (tmp_path / "matters" / f"{code}.html").write_text(
            f'<article class="md-content__inner md-typeset">{body}</article>' if body else "", encoding="utf-8")
    (tmp_path / "stages" / "xcjc.html").write_text(
        '<article class="md-content__inner md-typeset"><p>现场检查</p></article>', encoding="utf-8")
    frame = ("<main>" + "".join(placeholder(c) for c in codes[:4]) + guide_placeholder("stages/xcjc.md")
             + guide_placeholder("stages/other.md") + "".join(placeholder(c) for c in codes[4:]) + "</main>")
    made = []

    @contextmanager
    def beside(make):  # type: ignore[no-untyped-def]
        value = make()
        made.append(len(value))
        yield SimpleNamespace(result=lambda: value)

    pages = {}
    for name, how in (("one", None), ("two", beside)):
        (tmp_path / "print.html").write_text(frame, encoding="utf-8")
        filled = finish.assemble_print(tmp_path / "print.html", tmp_path, {}, {"stages/xcjc.md"}, beside=how)
        pages[name] = ((tmp_path / "print.html").read_bytes(), filled.filled, filled.empty)
    assert pages["two"] == pages["one"] and pages["one"][1:] == (7, 1) and made == [5]
    assert "第6段\n<a href=\"laws/aqscf.html#a6\">".encode() in pages["two"][0]  # the last section, read back whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["matters", "print.html", "stages"]  # no part file left


def test_the_fragments_filled_in_two_halves_are_those_filled_in_one(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from contextlib import contextmanager
    from types import SimpleNamespace

    from generator.built import finish
    from generator.pages.fragments import marker

    monkeypatch.setattr(finish, "MIN_SPLIT", 2)
    fragments = {f"f{n}": f"<p>片段{n}</p>" for n in range(5)}
    pages = [f"laws/l{n}.md" for n in range(5)]
    calls = []

    @contextmanager
    def beside(make):  # type: ignore[no-untyped-def]
        value = make()
        calls.append(value)
        yield SimpleNamespace(result=lambda: value)

    sites = {}
    for name, how in (("one", None), ("two", beside)):
        site = tmp_path / name
        (site / "laws").mkdir(parents=True)
        for n, page in enumerate(pages):
            (site / page.replace(".md", ".html")).write_text(f"<main>{marker(f'f{n}', fragments[f'f{n}'])}</main>",
                                                             encoding="utf-8")
        finish.finish_site(site, pages, fragments, [], how)
        sites[name] = {p.name: p.read_text(encoding="utf-8") for p in sorted((site / "laws").iterdir())}
    assert sites["two"] == sites["one"] and sites["one"]["l4.html"] == "<main><p>片段4</p></main>" and calls == [2]
