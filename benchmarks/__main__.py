"""`make bench`: our build against Material's defaults, at 1,000 and 3,000 synthetic matters, in one run.

Prints: build times and their ratio, the generator's own time, peak memory, site / index / zip sizes,
output size per matter (linear growth), the edit-to-update time in `serve`, search time in Chromium
with the CPU throttled 4× (first result on a fresh page; the slowest of the officers' query set), recall@3 of
that query set on the fixture list, and the search index's size at 10,000 matters.
`--only search` builds the sites and measures search alone (no baseline, no serve).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .baseline import make_project
from .editions import edition_rows
from .search import first_result_ms, fixture_recall, index_bytes, typed_ms
from .serve import edit_to_update
from .synth import make_data

ROOT = Path(__file__).resolve().parent.parent


def _run(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak memory (MiB) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}:\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return elapsed, usage.ru_maxrss // 1024


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def _project(work: Path, count: int) -> Path:
    project = work / f"site-{count}"
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    make_data(ROOT / "data", project / "data", count)
    return project


def generator_seconds(project: Path) -> float:
    """The core alone (load, check, render every page and the index), best of three, in a fresh process."""
    code = ("import time,sys; from pathlib import Path; from generator.site import load_site; "
            "from generator.render import render_pages, render_assets; from generator.docs import read_docs; "
            "best=1e9\nfor _ in range(3):\n t=time.perf_counter(); s=load_site(Path('data')); "
            "d=read_docs(Path('docs')); f={}; p=render_pages(s, d, f); render_assets(s, d, p); "
            "best=min(best, time.perf_counter()-t)\nprint(best)")
    out = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def _search_rows(site: Path, count: int) -> list[tuple[str, str]]:
    """First result on a fresh page for the bench queries; the slowest query of the officers' set, index loaded."""
    from tests.searchquery import load_queries

    fresh = first_result_ms(site)
    typed = typed_ms(site, [q.query for q in load_queries()])
    slow = max(typed, key=lambda q: typed[q])
    return [(f"search, first result, CPU 4× slower, fresh page, {count} (target ≤ 300 ms)",
             " ".join(f"{q}:{ms:.0f}" for q, ms in fresh.items()) + f" ms (slowest {max(fresh.values()):.0f})"),
            (f"search, officers' query set ({len(typed)}), CPU 4× slower, index loaded, {count}",
             f"median {sorted(typed.values())[len(typed) // 2]:.0f} ms, slowest {slow}:{typed[slow]:.0f} ms")]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--only", choices=["search"], help="measure search alone (no baseline, no serve)")
    parser.add_argument("--editions", action="store_true",
                        help="only the editions benchmark (render cache), at the first count")
    args = parser.parse_args()
    search_only = args.only == "search"
    work = Path(tempfile.mkdtemp(prefix="yjzf-bench-"))
    rows: list[tuple[str, str]] = []
    try:
        if args.editions:
            rows += edition_rows(_project(work, args.counts[0]), args.counts[0], _run)
            return _print(rows)
        sizes: dict[int, int] = {}
        first = args.counts[0]
        for count in args.counts:
            project = _project(work, count)
            seconds, peak = _run([sys.executable, "-m", "generator", "build"], project)
            site, (zip_path,) = project / "site", list((project / "dist").glob("*.zip"))
            sizes[count] = _size(site)
            rows += [(f"our full build, {count} matters (site + zip)", f"{seconds:.1f} s"),
                     (f"  generator alone (load, check, render), {count}", f"{generator_seconds(project):.2f} s"),
                     (f"  peak memory, {count}", f"{peak} MiB"),
                     (f"  site / search index / zip, {count}",
                      f"{sizes[count] / 2**20:.1f} MiB / {_size(site / 'assets' / 'search-index.js') / 2**20:.2f} MiB"
                      f" / {_size(zip_path) / 2**20:.1f} MiB")]
            if search_only or count == max(args.counts):
                rows += _search_rows(site, count)
            if count == first and not search_only:
                ours = seconds
                config = make_project(ROOT, project / "data", ROOT / "docs", work / f"baseline-{count}")
                base, base_peak = _run([sys.executable, "-m", "mkdocs", "build", "-q"], config.parent)
                rows += [(f"baseline: Material defaults (full nav, jieba search), {count}", f"{base:.1f} s"),
                         ("  ratio ours / baseline (target ≤ 0.25)", f"{ours / base:.3f}"),
                         (f"  baseline peak memory, {count}", f"{base_peak} MiB")]
                served = edit_to_update(project)
                rows.append((f"serve --dirty: name edited → pages updated, {count} (target ≤ 2 s)",
                             " ".join(f"{k}:{v:.2f}" for k, v in served.items() if k != "startup") + " s"))
        value, found, expected, misses = fixture_recall()
        rows.append(("search recall@3, officers' query set on the fixture list (target 1.0)",
                     f"{value:.3f} ({found}/{expected})" + (f"; missed: {misses}" if misses else "")))
        rows.append(("search index alone, 10,000 matters (target ≤ 3 MB)",
                     f"{index_bytes(ROOT, 10000) / 1e6:.2f} MB"))
        if len(sizes) > 1:
            per = {c: s / c / 1024 for c, s in sizes.items()}
            rows.append(("site size per matter (linear growth)", " ".join(f"{c}:{v:.1f} KiB" for c, v in per.items())))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return _print(rows)


def _print(rows: list[tuple[str, str]]) -> int:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d')}")
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key.ljust(width)}  {value}")
    return 0


sys.exit(main())
