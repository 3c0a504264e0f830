"""The maintainers' guide (docs/maintenance.md): in the navigation, and its examples are real messages."""

from __future__ import annotations

import re

from mkdocs.config import load_config

from .conftest import GOLDEN, ROOT

GUIDE = ROOT / "docs" / "maintenance.md"


def test_the_guide_is_in_the_navigation() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert {"维护说明": "maintenance.md"} in config["nav"]


def test_its_checklist_examples_are_what_validate_prints() -> None:
    # Messages about the list come from the fixture list, so they stay as the golden files have them;
    # an example shortened with …… is left out.
    golden = {line for path in (GOLDEN / "errors").glob("*.txt") for line in path.read_text("utf-8").splitlines()}
    blocks = re.findall(r"```text\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)
    examples = [line for b in blocks for line in b.splitlines()
                if line.startswith("data/checklist.yaml:") and "……" not in line and "警告" not in line]
    assert len(examples) >= 8
    assert [e for e in examples if e not in golden] == []
