"""Memos of values made from a law library: the newest library's only, bounded, never missing a page's part."""

from __future__ import annotations

import pytest

from generator.model.memo import LibraryMemo
from generator.model.model import Library
from generator.model.site import Site
from generator.pages import training_pages
from generator.pages.page import SHELF
from generator.pages.render import render_pages


def test_only_the_newest_library_s_values_are_kept_and_a_full_memo_starts_again() -> None:
    old, new = Library(), Library()
    memo: LibraryMemo[str] = LibraryMemo(2)
    assert memo.put(old, "a", "甲") == "甲" and memo.get(old, "a") == "甲"
    assert memo.get(new, "a") is None  # made from another library
    memo.put(new, "a", "乙")
    assert memo.get(old, "a") is None and memo.get(new, "a") == "乙"  # the old library's values are dropped
    memo.put(new, "b", "丙")
    memo.put(new, "c", "丁")  # full: starts again
    assert (memo.get(new, "a"), memo.get(new, "c")) == (None, "丁")


def test_study_pages_are_whole_when_their_memo_fills_up(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    # A memo emptied while a page was being made once lost the page's items already held (a KeyError in `serve`).
    def study() -> tuple[dict[str, str], dict[str, str]]:
        SHELF.clear()
        fragments: dict[str, str] = {}
        pages = render_pages(site, fragments=fragments)
        return ({p: md for p, md in pages.items() if "study-" in p},
                {k: v for k, v in fragments.items() if k.startswith("study-")})

    monkeypatch.setattr(training_pages, "_ITEMS", LibraryMemo(10**6))
    whole = study()
    assert whole[0] and whole[1]
    memo = training_pages._ITEMS
    memo.held.pop(next(iter(memo.held)))  # one item to make again (as after an edit), the others held
    memo.limit = len(memo.held)           # and the memo full: it starts again while the page is being made
    assert study() == whole
    assert study() == whole
