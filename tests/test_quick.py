"""The quick conversion of plain pages (quick.py): the engine's own conversion, byte for byte, or none at all."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.adapters.quick import applies, quick_render
from generator.adapters.rendercache import Rendered, toc_items
from generator.model.urls import URLS

from .conftest import ROOT


def engine(page: Page, config: Any, files: Files) -> Rendered:
    """What the engine's own conversion sets on the page."""
    page.render(config, files)
    links = page.links_to_anchors
    return Rendered(page.content or "", toc_items(page.toc), page._title_from_render,
                    sorted(page.present_anchor_ids or ()),
                    {f.src_uri: dict(v) for f, v in links.items()} if links is not None else None)


@pytest.fixture(scope="module", params=["mkdocs", "properdocs"])
def staged(built: Path, request: pytest.FixtureRequest) -> tuple[Any, Files, type[Page]]:
    """An engine's configuration, files and page type for the fixture site's staged build."""
    engine = request.param
    config = importlib.import_module(f"{engine}.config").load_config(  # without our plugin: not the engine's kind
        str(built / ".cache" / "stage" / "site" / "engine.yml"), plugins=[])
    files = importlib.import_module(f"{engine}.structure.files").get_files(config)
    return config, files, importlib.import_module(f"{engine}.structure.pages").Page


def test_the_project_settings_are_the_ones_it_writes(staged: tuple[Any, Files, type[Page]], tmp_path: Path) -> None:
    assert applies(staged[0])
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    ours = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for changed in (ours.replace("  - pymdownx.details\n", "  - pymdownx.details\n  - smarty\n"),
                    ours.replace("permalink: true", 'permalink: "#"'),
                    ours.replace("case: lower", "case: upper")):
        assert changed != ours
        (tmp_path / "mkdocs.yml").write_text(changed, encoding="utf-8")
        assert not applies(load_config(str(tmp_path / "mkdocs.yml")))


def test_every_page_it_converts_is_the_engines_and_it_converts_every_matter_and_study_page(
        staged: tuple[Any, Files, type[Page]]) -> None:
    config, files, page_type = staged
    quick = set()
    for file in files.documentation_pages():
        page = page_type(None, file, config)
        page.read_source(config)
        made = quick_render(page, config, files)
        if made is None:
            continue
        quick.add(file.src_uri)
        again = page_type(None, file, config)
        again.read_source(config)
        assert made == engine(again, config, files), file.src_uri
    matters = {f.src_uri for f in files.documentation_pages() if URLS.matter_code(f.src_uri)}
    study = {f.src_uri for f in files.documentation_pages() if f.src_uri.startswith("training/study-")}
    assert matters and study and matters | study <= quick


# --- any page made of the lines it reads, with any text: the engine's conversion, or None -------------------

_PIECES = ["甲", "乙", "，", "。", "（", "）", "《法》", " ", "  ", "&#42;", "&#32;", "&#60;", "&amp;", "&", "*", "_",
           "[", "]", "(", ")", "#", "<", ">", "|", "\\", "`", "{", "}", "{: .x}", ":", "-", ".", "!", "?", '"', "'",
           "1", "1. ", "- ", "a", "\t", "\u3000", "\u2028", "\x02", "<br>", '<strong class="code">', "</strong>",
           "[甲](../laws/a.md#a1)", "[乙](../laws/a.md)", "[丙](#x)", "[丁](missing.md)", "[戊](/abs.md)",
           "[己](https://example.org)", "===", "---"]
_PLAIN = ["甲", "乙", "，", "。", "第", "一", "条", "&#42;", "&#46;", " ", "[甲](../laws/a.md#a1)", "[乙](1.md)",
          '<strong class="code">', "</strong>", "<br>"]
# Mostly what it reads, now and then anything: every kind of block, well formed or not.
_TEXT = st.lists(st.one_of(*[st.sampled_from(_PLAIN)] * 12, st.sampled_from(_PIECES)), min_size=1, max_size=8).map(
    "".join)
_WORDS = st.lists(st.one_of(*[st.sampled_from(["甲", "乙", "，", "第一条", "（", "）", " "])] * 12,
                            st.sampled_from(_PIECES)), min_size=1, max_size=6).map("".join)
_MARKER = '<div data-fragment="block-1a" data-digest="0f"></div>'
_BLOCK = st.one_of(
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 7), st.one_of(_WORDS, _TEXT)),
    _TEXT,
    st.builds(lambda rows: "\n".join([f"| {rows[0][0]} | {rows[0][1]} |", "| --- | --- |",
                                      *(f"| {a} | {b} |" for a, b in rows[1:])]),
              st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=3)),
    st.builds(lambda title, lines: f'??? quote "{title}"\n' + "\n    >\n".join(f"    > {t}" for t in lines),
              st.one_of(_WORDS, _TEXT), st.lists(_TEXT, min_size=1, max_size=3)),
    st.just(_MARKER),
)
_LINE = st.one_of(_BLOCK, st.just("| --- |"), st.just("    >"), st.just(""))
_PAGE = st.one_of(st.lists(_BLOCK, max_size=8).map("\n\n".join), st.lists(_LINE, max_size=12).map("\n".join))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Files, File]:
    """The project's settings, a page matters/1.md, and the pages it may link to."""
    root = tmp_path_factory.mktemp("quick")
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    config = load_config(str(root / "mkdocs.yml"))
    names = ("matters/1.md", "laws/a.md", "abs.md")
    files = Files([File(n, config.docs_dir, config.site_dir, config.use_directory_urls) for n in names])
    return config, files, files.get_file_from_path("matters/1.md")  # type: ignore[return-value]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(markdown=_PAGE)
def test_any_page_is_the_engines_or_left_to_it(small: tuple[Any, Files, File], markdown: str) -> None:
    config, files, file = small
    page = Page(None, file, config)
    page.markdown = markdown
    made = quick_render(page, config, files)
    if made is not None:
        again = Page(None, file, config)
        again.markdown = markdown
        assert made == engine(again, config, files)


def test_a_link_the_engine_cannot_resolve_is_left_to_it(small: tuple[Any, Files, File]) -> None:
    config, files, file = small
    page = Page(None, file, config)
    page.markdown = "# 甲\n\n见[乙](../laws/a.md#a1)。"
    assert quick_render(page, config, files) is not None
    page.markdown = "# 甲\n\n见[乙](../laws/b.md#a1)。"  # no such page: the engine warns (and --strict stops)
    assert quick_render(page, config, files) is None


class _OtherPage(Page):
    """A page of an engine this module does not know (its module has no link code)."""


def test_a_page_of_another_engine_is_left_to_it(small: tuple[Any, Files, File]) -> None:
    config, files, file = small
    page = _OtherPage(None, file, config)
    page.markdown = "# 甲"
    assert quick_render(page, config, files) is None
