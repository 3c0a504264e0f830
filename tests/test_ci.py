"""The CI file builds one edition per county file, in parallel, and keeps the render cache."""

from __future__ import annotations

import yaml

from .conftest import DATA, ROOT


def test_ci_matrix_lists_every_county_edition() -> None:
    ci = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    build = ci["build"]
    editions = build["parallel"]["matrix"][0]["EDITION"]
    counties = sorted(p.stem for p in (DATA / "counties").glob("*.yaml"))
    assert editions[0] == "city" and sorted(editions[1:]) == counties
    assert any(c.get("paths") == [".cache/render"] for c in build["cache"])
    assert "dist/" in build["artifacts"]["paths"]


def test_ci_builds_with_the_second_engine() -> None:
    ci = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert any("--engine properdocs" in line for line in ci["engines"]["script"])
