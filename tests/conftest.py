"""Shared fixtures: a data folder built from the fixture list, copies of it to break, golden-file comparison.

Tests stand on the fixture list in tests/fixtures/ (the guidance's five rows), not on the live list in
data/checklist.yaml, which grows with every import. The rest of data/ (laws, stages, documents,
delegation, guidance) is the project's curated content, not the list: the fixture data folder takes it
from data/ as it is.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.model.laws import load_library
from generator.model.model import Library
from generator.model.site import Site, load_site

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
SOURCES = DATA / "sources"
SEED = SOURCES / "000_51858d30e771066a.txt"
LAW_TEXTS = SOURCES / "laws"
# The list's own files; everything else in data/ is content that every data folder shares.
LIST_FILES = ("checklist.yaml", "changelog.yaml")
# No test reads the clock: every build and import in the tests is dated 2026-01-01 (Beijing time).
EPOCH = "1767196800"
BUILD_DATE = "2026-01-01"


def pytest_configure(config: pytest.Config) -> None:
    """Pin the date of every build and import the tests make (SOURCE_DATE_EPOCH)."""
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH


def make_data(target: Path, list_dir: Path = FIXTURES) -> Path:
    """A data folder at target: the project's content from data/, and the list files from list_dir."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in DATA.iterdir():
        if entry.name in LIST_FILES or entry.name == "sources":
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name)
        else:
            shutil.copy2(entry, target / entry.name)
    for name in LIST_FILES:
        if (list_dir / name).exists():
            shutil.copy2(list_dir / name, target / name)
    return target


def make_project(target: Path, data: Path | None = None) -> Path:
    """The project's inputs (mkdocs.yml, docs/, overrides/) at target, with the fixture data (or a copy of data)."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    if data is None:
        make_data(target / "data")
    else:
        shutil.copytree(data, target / "data")
    return target


def assert_golden(name: str, text: str) -> None:
    """Compare text with tests/golden/<name>; UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def fixture_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture list with the project's content: a data folder not to be changed (use data_copy for that)."""
    return make_data(tmp_path_factory.mktemp("fixture") / "data")


@pytest.fixture(scope="session")
def library(fixture_data: Path) -> Library:
    """The law library."""
    return load_library(fixture_data / "laws")


@pytest.fixture(scope="session")
def site(fixture_data: Path) -> Site:
    """The fixture data, loaded and checked (shown as data/ in messages)."""
    return load_site(fixture_data, display_dir="data")


@pytest.fixture(scope="session")
def built(fixture_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture data built once with our `build` command: <tmp>/site and <tmp>/dist/*.zip."""
    from generator.adapters.cli import main

    out = tmp_path_factory.mktemp("build")
    code = main(["build", "--data", str(fixture_data), "--config", str(ROOT / "mkdocs.yml"),
                 "--site-dir", str(out / "site"), "--dist-dir", str(out / "dist")])
    assert code == 0
    return out


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A fixture data folder in tmp_path/data, to change freely."""
    return make_data(tmp_path / "data")


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """The project's inputs with the fixture data in tmp_path, to build and change freely."""
    return make_project(tmp_path)


def validate_edited(data: Path, edits: list[tuple[str, str, str]], monkeypatch: pytest.MonkeyPatch,
                    capsys: pytest.CaptureFixture[str]) -> str:
    """Apply (file, old, new) edits to a data folder, run `validate` (it must fail) and return what it printed."""
    for name, old, new in edits:
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"the edit no longer matches {name}: {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    from generator.adapters.cli import main

    monkeypatch.chdir(data.parent)
    assert main(["validate", "--data", data.name, "--docs", "nodocs"]) == 1
    out = capsys.readouterr()
    return out.err + out.out
