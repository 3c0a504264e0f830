"""Shared fixtures: the real data, copies of it to break, and golden-file comparison."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.laws import load_library
from generator.model import Library
from generator.site import Site, load_site

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_51858d30e771066a.txt"


def assert_golden(name: str, text: str) -> None:
    """Compare text with tests/golden/<name>; UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def library() -> Library:
    """The real law library."""
    return load_library(DATA / "laws")


@pytest.fixture(scope="session")
def site() -> Site:
    """The real data, loaded and checked."""
    return load_site(DATA, display_dir="data")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built once with our `build` command: <tmp>/site and <tmp>/dist/*.zip."""
    from generator.cli import main

    out = tmp_path_factory.mktemp("build")
    code = main(["build", "--data", str(DATA), "--config", str(ROOT / "mkdocs.yml"),
                 "--site-dir", str(out / "site"), "--dist-dir", str(out / "dist")])
    assert code == 0
    return out


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ in tmp_path/data, to change freely."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project's inputs (mkdocs.yml, docs/, overrides/, data/) to build in tmp_path."""
    for name in ("docs", "overrides", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path
