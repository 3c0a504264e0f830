"""The folder tree of generator/ is the flow of the data; imports only run down it."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

# Each stage may import from the stages before it, never from one after it.
FLOW = ("model", "published", "pages", "built", "adapters")
PACKAGE = ROOT / "generator"


def _imports(path: Path) -> list[str]:
    """The generator subpackages a module imports from (relative imports, at any depth in the module)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 2 and node.module:
            out.append(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("generator."):
            out.append((node.module or "").split(".")[1])
    return out


def test_every_module_is_in_a_stage_of_the_flow() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert loose == []
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()) == sorted(FLOW)


def test_imports_only_run_down_the_flow() -> None:
    upward = [f"{path.relative_to(ROOT)} imports {stage}"
              for own in FLOW for path in sorted((PACKAGE / own).glob("*.py"))
              for stage in _imports(path) if stage in FLOW and FLOW.index(stage) > FLOW.index(own)]
    assert upward == []


def test_the_core_does_not_import_the_engine() -> None:
    # Only the adapters know MkDocs: the model, the pages and the steps on a built site are engine-neutral.
    found = [str(path.relative_to(ROOT)) for own in FLOW[:-1] for path in sorted((PACKAGE / own).glob("*.py"))
             if any(isinstance(n, (ast.Import, ast.ImportFrom)) and "mkdocs" in ast.unparse(n)
                    for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))]
    assert found == []
