"""The URL scheme: every kind of link, from every depth of the site."""

from __future__ import annotations

import pytest

from generator.model.model import Ref
from generator.model.urls import URLS


def test_source_paths_of_pages() -> None:
    assert URLS.matter("330225002014") == "matters/330225002014.md"
    assert URLS.law("aqscf") == "laws/aqscf.md"
    assert URLS.category("zh") == "categories/zh.md"


@pytest.mark.parametrize(("url", "out"), [
    ("matters/330225002014.md", "matters/330225002014.html"),
    ("../laws/aqscf.md#a97-1-7", "../laws/aqscf.html#a97-1-7"),
    ("index.md", "index.html"),
    ("#a97", "#a97"),
    ("../downloads/checklist.xlsx", "../downloads/checklist.xlsx"),
    ("https://example.org/x.md", "https://example.org/x.html"),
])
def test_output_paths(url: str, out: str) -> None:
    assert URLS.output(url) == out


@pytest.mark.parametrize(("page", "target", "anchor", "link"), [
    ("index.md", "matters/330225002014.md", "", "matters/330225002014.md"),          # root → one down
    ("matters/index.md", "matters/330225002014.md", "", "330225002014.md"),          # same folder
    ("matters/330225002014.md", "laws/aqscf.md", "a97-1-7", "../laws/aqscf.md#a97-1-7"),  # across folders
    ("matters/330225002014.md", "index.md", "", "../index.md"),                       # up to the root
    ("training/study-zh.md", "stages/documents.md", "doc-x", "../stages/documents.md#doc-x"),
    ("laws/aqscf.md", "laws/aqscf.md", "a97", "#a97"),                                # the page itself
    ("laws/aqscf.md", "laws/aqscf.md", "", "#"),
    ("a/b/c.md", "d/e.md", "", "../../d/e.md"),                                       # two deep
])
def test_links_from_every_depth(page: str, target: str, anchor: str, link: str) -> None:
    assert URLS.link(page, target, anchor) == link
    assert URLS.html_link(page, target, anchor) == URLS.output(link)


def test_cited_places_keep_their_anchors() -> None:
    # Article, 款 and 项 anchors are published: they never move.
    assert URLS.cited("matters/1.md", Ref("aqscf", 97)) == "../laws/aqscf.md#a97"
    assert URLS.cited("matters/1.md", Ref("aqscf", 97, 1, 7)) == "../laws/aqscf.md#a97-1-7"
    assert URLS.cited("laws/aqscf.md", Ref("aqscf", 134, sub=1)) == "#a134zhi1"
    assert URLS.cited("index.md", Ref("xzcff", 46, 1)) == "laws/xzcff.md#a46-1"


def test_urls_from_the_site_root() -> None:
    # The search index and quiz data hold URLs from the site root, to built pages.
    assert URLS.from_root(URLS.matter("330225002014")) == "matters/330225002014.html"
    assert URLS.from_root("laws/aqscf.md", "a97") == "laws/aqscf.html#a97"
    assert URLS.from_root("guidance.md") == "guidance.html"
