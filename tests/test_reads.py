"""What a page reads of the law library is recorded, and a page is reused with another library only where all it
read is the same there: after any law edit, the pages are those a fresh render makes (no stale legal text)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator.model import citations, reads
from generator.model.laws import dump_law, law_from_data
from generator.model.memo import LibraryMemo
from generator.model.model import Article, Law, Library, Paragraph
from generator.model.site import Site, load_site
from generator.pages import matters, training_pages
from generator.pages.page import SHELF, Inputs, Recipe, Shelf
from generator.pages.render import render_pages

from .conftest import ROOT

LawEdit = Callable[[Law], Law]


def _law(text: str = "本法所称的事项。") -> Law:
    return Law("t", "中华人民共和国测试法", ("测试法",), "2020-01-01", "2020-01-01", "法律", (), (),
               (Article(1, (Paragraph(1, text),)), Article(2, (Paragraph(1, "第二条。"),))))


def _library(*laws: Law) -> Library:
    library = Library()
    for law in laws:
        library.add(law)
    return library


def test_each_way_into_the_library_is_recorded() -> None:
    law = _law()
    library = _library(law)
    with reads.recording() as read:
        found = library.find("《测试法》")
        assert found is law and library.laws.get("none") is None and "t" in library.laws
        assert law.article(2) is not None and law.article(9) is None
    assert read == {("name", "测试法"), ("law", "t"), ("law", "none"), ("article", "t", (2, 0)),
                    ("article", "t", (9, 0))}
    with reads.recording() as read:
        assert len(law.articles) == 2 and library.names
    assert read == {("articles", "t"), ("names",)}
    with reads.recording() as read:
        assert [(p.number, p.chapter) for p in law.outline()] == [(1, ""), (2, "")]
    assert read == {("outline", "t")}
    with reads.recording() as read:
        assert list(library.laws.values()) == [law]
    assert ("all",) in read
    with reads.recording() as outer, reads.recording() as inner:
        law.article(1)
    assert outer == inner == {("article", "t", (1, 0))}  # a value made inside a page: recorded for both
    assert not reads.ACTIVE


def test_a_read_is_unchanged_only_where_it_finds_the_same() -> None:
    old = _library(_law())
    new = _library(_law("本法所称的事项（改）。"))
    assert reads.unchanged(old, new, [("article", "t", (2, 0)), ("law", "t"), ("names",), ("name", "测试法")])
    assert not reads.unchanged(old, new, [("article", "t", (1, 0))])
    assert not reads.unchanged(old, new, [("articles", "t")])
    assert reads.unchanged(old, new, [("outline", "t")])  # where the articles stand: the same
    assert not reads.unchanged(old, old and _library(_law()), [("all",)])  # every law: never taken as the same
    renamed = _library(Law("t", "中华人民共和国新测试法", ("测试法",), "2020-01-01", "2020-01-01", "法律", (), (),
                           _law().every_article()))
    assert not reads.unchanged(old, renamed, [("law", "t")]) and not reads.unchanged(old, renamed, [("names",)])
    assert reads.unchanged(old, renamed, [("name", "测试法"), ("article", "t", (1, 0))])
    empty = _library()
    assert not reads.unchanged(old, empty, [("law", "t")]) and not reads.unchanged(old, empty, [("name", "t")])


def test_a_memo_gives_a_value_for_a_newer_library_only_if_what_it_read_is_the_same() -> None:
    old, new = _library(_law()), _library(_law("本法所称的事项（改）。"))
    memo: LibraryMemo[str] = LibraryMemo(100)
    first = memo.make(old, "first", lambda: old.laws["t"].article(1).paragraphs[0].text)  # type: ignore[union-attr]
    second = memo.make(old, "second", lambda: old.laws["t"].article(2).paragraphs[0].text)  # type: ignore[union-attr]
    assert (first, second) == ("本法所称的事项。", "第二条。")
    memo.put(old, "anything", "甲")  # made without its reads recorded: never given for another library
    with reads.recording() as read:
        assert memo.get(new, "first") is None and memo.get(new, "anything") is None
        assert memo.get(new, "second") == "第二条。"
    assert read == {("law", "t"), ("article", "t", (2, 0))}  # a value given: what it read is read where it is used
    newest = _library(_law("本法所称的事项（改）。"))
    assert memo.get(newest, "second") == "第二条。"
    assert {e[2] for e in memo.held.values()} <= {new, newest}  # libraries before the one before: dropped


def test_a_shelf_page_is_reused_with_another_library_only_if_what_it_read_is_the_same() -> None:
    old, new = _library(_law()), _library(_law("本法所称的事项（改）。"))
    shelf = Shelf()
    made: list[str] = []

    def recipe(library: Library, number: int) -> Recipe:
        def make() -> str:
            made.append(f"a{number}")
            return library.laws["t"].article(number).paragraphs[0].text  # type: ignore[union-attr]
        return Recipe(f"a{number}.md", Inputs(number), make, library)

    shelf.page(recipe(old, 1)), shelf.page(recipe(old, 2))
    shelf.begin()
    assert shelf.page(recipe(new, 1)).body == "本法所称的事项（改）。"
    assert shelf.page(recipe(new, 2)).body == "第二条。"
    assert made == ["a1", "a2", "a1"]


def test_a_page_that_takes_a_held_value_reads_what_the_value_read() -> None:
    old, new = _library(_law()), _library(_law("本法所称的事项（改）。"))
    memo: LibraryMemo[str] = LibraryMemo(100)
    shelf = Shelf()

    def recipe(library: Library, path: str) -> Recipe:
        # Both pages show article 1 through the memo: the second takes the value the first made.
        text = lambda: library.laws["t"].article(1).paragraphs[0].text  # type: ignore[union-attr]  # noqa: E731
        return Recipe(path, Inputs(path), lambda: memo.make(library, "article 1", text), library)

    pages = [shelf.page(recipe(old, p)) for p in ("a.md", "b.md")]
    assert all(set(page.reads) == {("law", "t"), ("article", "t", (1, 0))} for page in pages)
    shelf.begin()
    assert [shelf.page(recipe(new, p)).body for p in ("a.md", "b.md")] == ["本法所称的事项（改）。"] * 2


def _edited(data: Path, law_id: str, edit: LawEdit) -> None:
    path = data / "laws" / f"{law_id}.yaml"
    law = law_from_data(yaml.safe_load(path.read_text(encoding="utf-8")))
    path.write_text(dump_law(edit(law)), encoding="utf-8")


def _article_edit(number: int, sub: int) -> LawEdit:
    def edit(law: Law) -> Law:
        articles = tuple(Article(a.number, (Paragraph(1, a.paragraphs[0].text + "（测试修改）", a.paragraphs[0].items),
                                            *a.paragraphs[1:]), a.chapter, a.section, a.sub)
                         if a.key == (number, sub) else a for a in law.every_article())
        return Law(law.id, law.title, law.short_names, law.version_date, law.effective_date, law.kind, law.history,
                   law.chapters, articles, law.source, law.note, law.version, law.version_effective_date,
                   law.version_effective_source, law.footnotes, law.appendices)
    return edit


def _forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing made before is reused: the shelf and every memo of library values empty."""
    SHELF.clear()
    for module, name in ((citations, "_FOUND"), (matters, "_ITEMS"), (matters, "_COUNTY"), (training_pages, "_ITEMS")):
        monkeypatch.setattr(module, name, LibraryMemo(getattr(module, name).limit))


def _render(site: Site, docs: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    fragments: dict[str, str] = {}
    return render_pages(site, docs, fragments=fragments), fragments


def _read_articles(site: Site, shown: tuple[dict[str, str], dict[str, str]]) -> list[tuple[str, int, int]]:
    """The articles to edit: every article a page that records its reads read one by one, and every article such a
    page links to (a read not recorded at all would otherwise go untested); of the law pages' reads (each reads all
    its own law, and other laws' articles it links to, as the other pages do), the first ten of other laws."""
    recording = [page for page in SHELF._current.values() if page.library is site.library]
    laws = [p for p in recording if p.path.startswith("laws/")]
    others = [p for p in recording if not p.path.startswith("laws/")]
    found: set[tuple[str, int, int]] = {(str(r[1]), *r[2]) for page in others  # type: ignore[misc]
                                        for r in page.reads if r[0] == "article"}
    pages, fragments = shown
    texts = [pages[p.path] for p in others] + [fragments[k] for p in others for k, _ in p.fragments]
    found |= {(law, int(n), int(sub or 0)) for text in texts for law, n, sub in LINKED.findall(text)}
    across = sorted({(str(r[1]), *r[2]) for page in laws for r in page.reads  # type: ignore[misc]
                     if r[0] == "article" and page.path != f"laws/{r[1]}.md"} - found)
    found |= set(across[:10])
    return sorted(a for a in found if site.library.laws.get(a[0]) and site.library.laws[a[0]].article(a[1], a[2]))


LINKED = re.compile(r"laws/([a-z0-9-]+)\.(?:md|html)#a(\d+)(?:zhi(\d+))?")


def test_after_an_edit_to_any_article_a_page_reads_the_pages_are_those_a_fresh_render_makes(
        data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.model.docs import read_docs

    docs = read_docs(ROOT / "docs")
    _forget(monkeypatch)
    site = load_site(data_copy)
    articles = _read_articles(site, _render(site, docs))
    assert ("aqscf", 35, 0) in articles and ("xzcff", 32, 0) in articles and len(articles) >= 15
    original = {p: p.read_text(encoding="utf-8") for p in (data_copy / "laws").glob("*.yaml")}
    for law_id, number, sub in articles:
        # On the shelf: the pages of the last edit's fresh render (that article edited, this one not).
        _edited(data_copy, law_id, _article_edit(number, sub))
        site = load_site(data_copy)
        again, kept = _render(site, docs), SHELF.reused
        _forget(monkeypatch)
        fresh = _render(site, docs)
        stale = sorted(k for one, two in zip(fresh, again, strict=True) for k in one.keys() | two.keys()
                       if one.get(k) != two.get(k))
        assert not stale, f"{law_id} {number}-{sub}: pages reused that are not what they show now: {stale}"
        assert kept > 0  # the test tests reuse: pages that did not read the article were taken from the shelf
        for path, text in original.items():
            path.write_text(text, encoding="utf-8")


# A law the project's pages name (《安全生产违法行为行政处罚办法》第…条) that the library does not hold; its text
# here is made up, and never leaves the test.
EXTRA = Law("aqscwfbf", "安全生产违法行为行政处罚办法", ("安全生产违法行为行政处罚办法",), "2015-05-01", "2015-05-01",
            "部门规章", (), (), tuple(Article(n, (Paragraph(1, f"测试条文{n}。"),)) for n in range(1, 81)))


@pytest.mark.parametrize("change", ["title", "short_name", "version", "new_last_article", "new_law", "no_law"])
def test_after_a_change_to_a_law_as_a_whole_the_pages_are_those_a_fresh_render_makes(
        data_copy: Path, monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    from generator.model.docs import read_docs

    docs = read_docs(ROOT / "docs")
    _forget(monkeypatch)
    _render(load_site(data_copy), docs)
    laws = data_copy / "laws"
    extra = laws / "aqscwfbf.yaml"
    if change == "new_law":  # a law the pages name but the library lacked: their citations of it become links
        extra.write_text(dump_law(EXTRA), encoding="utf-8")
    elif change == "no_law":  # and the other way round
        extra.write_text(dump_law(EXTRA), encoding="utf-8")
        _forget(monkeypatch)
        _render(load_site(data_copy), docs)
        extra.unlink()
    else:
        def edit(law: Law) -> Law:
            fields = {"title": law.title + "（改）"} if change == "title" else \
                {"short_names": (*law.short_names, "处罚法")} if change == "short_name" else \
                {"version": law.version + "（改）"}
            last = law.every_article()[-1]
            articles = law.every_article() + ((Article(last.number + 1, (Paragraph(1, "新增条文。"),), last.chapter,
                                                        last.section),) if change == "new_last_article" else ())
            return Law(**{"id": law.id, "title": law.title, "short_names": law.short_names,
                          "version_date": law.version_date, "effective_date": law.effective_date, "kind": law.kind,
                          "history": law.history, "chapters": law.chapters, "articles": articles,
                          "source": law.source, "note": law.note, "version": law.version,
                          "version_effective_date": law.version_effective_date,
                          "version_effective_source": law.version_effective_source, "footnotes": law.footnotes,
                          "appendices": law.appendices, **fields})
        _edited(data_copy, "xzcff", edit)
    before = dict(SHELF._current)
    site = load_site(data_copy)
    again = _render(site, docs)
    # A law's names are read by every page that links citations: a change to them makes every page again.
    assert 0 < SHELF.reused < len(before) or change in ("title", "short_name", "new_law", "no_law")
    _forget(monkeypatch)
    assert _render(site, docs) == again
