"""Pages as values: each page is made from the inputs it declares, and reused while they are the same."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from generator.model.docs import read_docs
from generator.model.site import load_site
from generator.pages.page import MIN_AWAY, SHELF, Inputs, Made, Page, Recipe, Shelf
from generator.pages.render import render_pages, render_site

from .conftest import ROOT

EDITED = "330225002022"    # cites 安全生产法 第三十五条 and 第九十九条第（一）项, as 330225008001 does
NEIGHBOUR = "330225008001"
UNRELATED = ("330225002036", "330225002014", "330225002038")


def _keys(data: Path) -> dict[str, Inputs]:
    pages = render_site(load_site(data), read_docs(ROOT / "docs"))
    return {p.path: p.inputs for p in pages}


def _edit(data: Path, old: str, new: str) -> None:
    path = data / "checklist.yaml"
    text, stat = path.read_text(encoding="utf-8"), path.stat()
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # The file keeps its time: the data's date (the newest file's day) is not what these tests are about, and
    # would change with the day the test runs.
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_same_inputs_same_key_and_the_page_is_not_made_again(fixture_data: Path) -> None:
    docs = read_docs(ROOT / "docs")
    first = render_site(load_site(fixture_data), docs)
    again = render_site(load_site(fixture_data), docs)  # reloaded: new objects, equal values
    assert [p.key for p in first] == [p.key for p in again]
    assert SHELF.made == 0 and SHELF.reused == len(again)
    assert all(a is b for a, b in zip(first, again, strict=True))


def test_render_pages_is_render_site_as_a_dict(fixture_data: Path) -> None:
    site, docs = load_site(fixture_data), read_docs(ROOT / "docs")
    fragments: dict[str, str] = {}
    pages = render_pages(site, docs, fragments)
    values = render_site(site, docs)
    assert pages == {p.path: p.body for p in values}
    assert fragments == {k: v for p in values for k, v in p.fragments}
    assert "matters-table" in fragments and f"county-{EDITED}" in fragments
    assert all(p.title for p in values)


def test_an_edit_to_a_matter_changes_the_pages_that_show_it_and_no_others(data_copy: Path) -> None:
    before = _keys(data_copy)
    _edit(data_copy, "事项名称: 对生产经营单位未按规定在有较大危险因素的场所",
          "事项名称: 对生产经营单位（改）未按规定在有较大危险因素的场所")
    after = _keys(data_copy)
    assert before.keys() == after.keys()
    changed = {path for path in before if before[path] != after[path]}
    # Its own page, the neighbour naming it, the law it cites, its category and its category's study pages.
    assert {f"matters/{EDITED}.md", f"matters/{NEIGHBOUR}.md", "laws/aqscf.md", "categories/zhjg.md",
            "training/study-zhjg.md", "training/inspection-zhjg.md", "matters/index.md", "print.md"} <= changed
    # Not the pages of matters that do not show it, other categories, or laws it does not cite.
    assert not changed & {f"matters/{code}.md" for code in UNRELATED}
    assert not changed & {"categories/tzzy.md", "categories/yagl.md", "training/study-tzzy.md",
                          "training/inspection-yagl.md", "laws/xzcff.md"}
    assert not any(p.startswith("stages/") for p in changed)


def test_an_edit_shown_on_its_own_page_only_leaves_the_neighbour_and_the_law(data_copy: Path) -> None:
    before = _keys(data_copy)
    _edit(data_copy, "  事项代码: '330225002022'\n", "  事项代码: '330225002022'\n  本地补充: 本地的一条说明。\n")
    after = _keys(data_copy)
    changed = {path for path in before if before[path] != after[path]}
    assert f"matters/{EDITED}.md" in changed
    assert f"matters/{NEIGHBOUR}.md" not in changed and "laws/aqscf.md" not in changed
    # The line added moves the matters below it in the file: their pages are the same.
    assert not changed & {f"matters/{code}.md" for code in UNRELATED} and "categories/tzzy.md" not in changed


def test_a_page_is_a_value_and_its_key_is_its_path_and_inputs() -> None:
    shelf = Shelf()
    made: list[int] = []

    def make() -> str:
        made.append(1)
        return "---\ntitle: 标题\n---\n\n# 标题\n"

    one = shelf.page(Recipe("a.md", Inputs("x", 1), make))
    assert one == Page("a.md", "标题", "---\ntitle: 标题\n---\n\n# 标题\n", Inputs("x", 1))
    assert one.key == ("a.md", Inputs("x", 1))
    shelf.begin()
    assert shelf.page(Recipe("a.md", Inputs("x", 1), make)) is one and made == [1]
    shelf.page(Recipe("a.md", Inputs("x", 2), make))
    shelf.page(Recipe("b.md", Inputs("x", 1), make))
    assert made == [1, 1, 1]
    shelf.begin()
    shelf.page(Recipe("c.md", Inputs("x", 1), make))
    shelf.begin()  # two renders without it: dropped
    shelf.page(Recipe("a.md", Inputs("x", 1), make))
    assert len(made) == 5


def test_a_guide_wording_edit_remakes_the_guide_not_the_matter_pages(data_copy: Path) -> None:
    docs = read_docs(ROOT / "docs")
    before = _keys(data_copy)
    stage = data_copy / "stages" / "1-xcjc.yaml"
    stat = stage.stat()
    text = stage.read_text(encoding="utf-8")
    stage.write_text(text.replace("编者说明: 检查前打开本站", "编者说明: （改）检查前打开本站", 1), encoding="utf-8")
    os.utime(stage, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    site = load_site(data_copy)
    reused = {p.path: p for p in render_site(site, docs)}
    changed = {path for path in before if before[path] != reused[path].inputs}
    assert "stages/xcjc.md" in changed and not any(p.startswith("matters/33") for p in changed)
    # What the matter pages were not made again from is what they would be made from: nothing they show changed.
    SHELF.clear()
    fresh = {p.path: p.body for p in render_site(site, docs)}
    assert all(fresh[m.path] == reused[m.path].body for m in site.checklist.matters)
    assert "（改）检查前打开本站" in fresh["stages/xcjc.md"]


def test_every_other_page_made_beside_comes_back_in_its_place() -> None:
    shelf = Shelf()
    recipes = [Recipe(f"p{i}.md", Inputs(i), lambda i=i: f"# 第{i}页") for i in range(100)]
    handed: list[int] = []

    @contextmanager
    def beside(make: Callable[[], list[str | Made]]) -> Iterator[Any]:
        made = make()
        handed.append(len(made))
        yield SimpleNamespace(result=lambda: made)

    pages = shelf.pages(recipes, beside)
    assert [p.body for p in pages] == [f"# 第{i}页" for i in range(100)] and handed == [50]
    assert [p.title for p in pages][:2] == ["第0页", "第1页"]
    shelf.begin()
    assert shelf.pages(recipes, beside) == pages and shelf.made == 0 and handed == [50]  # on the shelf: none made
    few = [Recipe(f"q{i}.md", Inputs(i), lambda i=i: f"# {i}") for i in range(MIN_AWAY - 1)]
    assert len(shelf.pages(few, beside)) == MIN_AWAY - 1 and handed == [50]  # too few to start a process for
