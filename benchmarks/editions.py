"""Editions with the render cache: every edition cold against one cold edition, and a warm rebuild after an edit."""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

Run = Callable[[list[str], Path], tuple[float, int]]


def _edit_one_matter(project: Path) -> None:
    """Rename one synthetic matter, as an editor would."""
    path = project / "data" / "checklist.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("【合成1】", "【合成1·改】", 1), encoding="utf-8")


def edition_rows(project: Path, count: int, run: Run) -> list[tuple[str, str]]:
    """Cold city edition, cold city + every county edition, then warm rebuilds after a one-matter edit."""
    cache = project / ".cache"  # the render cache and the staged pages: cold means neither
    build = [sys.executable, "-m", "generator", "build"]
    counties = sorted(p.stem for p in (project / "data" / "counties").glob("*.yaml"))
    shutil.rmtree(cache, ignore_errors=True)
    one, _ = run(build, project)
    shutil.rmtree(cache, ignore_errors=True)
    start = time.perf_counter()
    run([*build, "--all-counties"], project)
    every = time.perf_counter() - start
    warm_one, _ = run(build, project)
    _edit_one_matter(project)
    edited_one, _ = run(build, project)
    _edit_one_matter(project)
    edited_all, _ = run([*build, "--all-counties"], project)
    editions = len(counties) + 1
    return [
        (f"one edition (city), cold cache, {count} matters (site + zip)", f"{one:.1f} s"),
        (f"city + {len(counties)} county editions, cold cache, {count}", f"{every:.1f} s"),
        ("  ratio every edition / one edition (goal ≤ 3)", f"{every / one:.2f} ({editions} editions)"),
        (f"city edition again, nothing changed, warm cache, {count}", f"{warm_one:.1f} s"),
        (f"city edition after a one-matter edit, warm cache, {count}", f"{edited_one:.1f} s"),
        (f"every edition after a one-matter edit, warm cache, {count}", f"{edited_all:.1f} s"),
    ]
