"""The project's own data/: what holds of any valid data (it validates, builds, every link resolves).

No count or text of the live list is checked here: the list grows with every import. The tests that
look at counts and texts stand on the fixture list in tests/fixtures/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.adapters.cli import main
from generator.built.linkcheck import broken_links
from generator.built.sitecheck import external_loads

from .conftest import DATA, FIXTURES, ROOT, make_data, make_project

LONGER_LIST = FIXTURES / "list-9.txt"


def _codes(data_dir: Path) -> list[str]:
    return [m["事项代码"] for m in yaml.safe_load((data_dir / "checklist.yaml").read_text(encoding="utf-8"))["事项"]]


def test_the_project_data_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--data", str(DATA), "--docs", str(ROOT / "docs")]) == 0, capsys.readouterr().err


def test_the_project_data_builds_and_every_link_resolves(tmp_path: Path) -> None:
    project = make_project(tmp_path, data=DATA)
    site = tmp_path / "out"
    assert main(["build", "--no-zip", "--data", str(project / "data"), "--config", str(project / "mkdocs.yml"),
                 "--site-dir", str(site)]) == 0
    assert broken_links(site) == [] and external_loads(site) == []
    assert all((site / "matters" / f"{code}.html").is_file() for code in _codes(DATA))


def test_a_longer_list_imports_validates_and_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The documented way the list grows: `import` a new version (9 matters, 3 new categories) into the data.
    data = make_data(tmp_path / "data", list_dir=DATA)
    assert main(["import", str(LONGER_LIST), "--data", str(data)]) == 0, capsys.readouterr().err
    codes = _codes(data)
    assert len(codes) >= 9 and "330225999009" in codes
    assert main(["validate", "--data", str(data), "--docs", str(ROOT / "docs")]) == 0, capsys.readouterr().err
    project = make_project(tmp_path / "project", data=data)
    site = tmp_path / "site"
    assert main(["build", "--no-zip", "--data", str(project / "data"), "--config", str(project / "mkdocs.yml"),
                 "--site-dir", str(site)]) == 0, capsys.readouterr().err
    assert all((site / "matters" / f"{code}.html").is_file() for code in codes)
    assert "危化品监管类" in (site / "categories" / "index.html").read_text(encoding="utf-8")
