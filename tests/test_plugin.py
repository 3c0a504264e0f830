"""The MkDocs adapter's own decisions, tested without a build."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from mkdocs.config import load_config

from generator.adapters.plugin import search_problem

from .conftest import ROOT


def test_chinese_search_needs_jieba(monkeypatch: pytest.MonkeyPatch) -> None:
    assert search_problem() == ""
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "jieba" else real(name, *a))
    assert "jieba" in search_problem()


def test_material_search_is_not_used() -> None:
    # It cannot run from a folder; the site's own index replaces it.
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert "search" not in config.plugins and "material/search" not in config.plugins


def test_build_stops_when_jieba_is_missing(project_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from generator.adapters.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "jieba" else real(name, *a))
    monkeypatch.chdir(project_copy)
    assert main(["build", "--no-zip"]) == 1
    assert "jieba" in capsys.readouterr().err
    assert not (project_copy / "site").exists()
