"""The render cache: keys from what a conversion is made from, misses on damage, shared across editions."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.adapters.cli import main
from generator.adapters.rendercache import RenderCache, Rendered, context_key, page_key, stable_repr

from .conftest import FIXTURES, make_project


def test_keys_follow_the_inputs_but_not_fragment_digests() -> None:
    ctx = context_key(("mkdocs 1.6.1",), ["b.md", "a.md"])
    assert ctx == context_key(("mkdocs 1.6.1",), ["a.md", "b.md"])
    assert ctx != context_key(("mkdocs 1.6.1",), ["a.md"]) != context_key(("mkdocs 1.6.2",), ["a.md", "b.md"])
    one = page_key(ctx, "matters/1.md", '# 甲\n<div data-fragment="x" data-digest="0a1b"></div>\n')
    assert one == page_key(ctx, "matters/1.md", '# 甲\n<div data-fragment="x" data-digest="ffff"></div>\n')
    assert one != page_key(ctx, "matters/2.md", '# 甲\n<div data-fragment="x" data-digest="0a1b"></div>\n')
    assert one != page_key(ctx, "matters/1.md", '# 乙\n<div data-fragment="x" data-digest="0a1b"></div>\n')


def test_settings_are_named_the_same_in_every_process() -> None:
    def slug(text: str) -> str:
        return text

    assert "0x" not in stable_repr({"toc": {"slugify": slug}})


def test_entries_round_trip_and_damage_is_a_miss(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path / "render")
    toc = [{"title": "甲", "id": "a", "level": 1, "children": []}]
    entry = Rendered("<h1 id=\"a\">甲</h1>\r\n<p>\n乙\r</p>", toc, "甲", ["a"], None)
    assert cache.get("ab" * 32) is None
    cache.put("ab" * 32, entry)
    assert cache.get("ab" * 32) == entry
    assert cache.get("ab" * 32, content=False) == Rendered("", toc, "甲", ["a"], None)  # the first line only
    (tmp_path / "render" / "ab" / f"{'ab' * 32}.entry").write_text("{", encoding="utf-8")
    assert cache.get("ab" * 32) is None and (cache.hits, cache.misses) == (2, 2)


def test_editions_share_the_cache_and_deleting_it_changes_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    shutil.rmtree(project / "data" / "counties")
    shutil.copytree(FIXTURES / "counties", project / "data" / "counties")
    cache = project / ".cache" / "render"

    def build(*args: str) -> None:
        assert main(["build", "--data", str(project / "data"), "--config", str(project / "mkdocs.yml"),
                     "--no-zip", "--site-dir", str(project / "site"), *args]) == 0

    build()
    entries = sum(1 for _ in cache.rglob("*.entry"))
    build("--county", "cswj")
    # Only the pages that differ in the edition are converted again (stage guides, the county list marks).
    added = sum(1 for _ in cache.rglob("*.entry")) - entries
    assert 0 < added < entries // 4
    warm = {p.relative_to(project / "site-cswj"): p.read_bytes() for p in (project / "site-cswj").rglob("*.html")}
    shutil.rmtree(cache)
    build("--county", "cswj")
    cold = {p.relative_to(project / "site-cswj"): p.read_bytes() for p in (project / "site-cswj").rglob("*.html")}
    assert warm == cold
