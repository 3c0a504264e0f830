"""`make bench`: our build against two Material baselines, at 1,000 and 3,000 synthetic matters, in one run.

Timings are cold (a fresh process; no render cache, no staged pages, no earlier site) and interleaved: at the
first count ours and each baseline run in turn, A B C A B C …, `--rounds` times (default 3), and each is reported as
median (min, max). Baselines, on the same generated pages (written by `emit`): Material's defaults (no nav, so every
page lists every page; Material's search with jieba), and Material with our own configuration (nav, overrides,
styles, scripts) but no plugin and no search. Beside them the physical floor: writing the built site's bytes to a
fresh folder, and zipping it. Also: the generator alone (cold, three fresh processes), sizes, the edit-to-update time
in `serve`, search in Chromium with the CPU throttled 4×, recall@3 of the officers' query set, and the search
index's size at 10,000 matters. `--only search` builds the sites and measures search alone (no baseline, no serve).
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
from collections.abc import Callable
from pathlib import Path

from generator.built.linkcheck import script_data
from generator.pages.listings import MATTER_ROWS

from .baseline import make_project, make_same_nav_project
from .editions import edition_rows
from .search import first_result_ms, fixture_recall, index_bytes, list_page_ms, typed_ms
from .serve import KINDS, edit_to_update
from .synth import make_data
from .timing import Runs, floor_seconds, interleaved, run

ROOT = Path(__file__).resolve().parent.parent


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def _project(work: Path, count: int) -> Path:
    project = work / f"site-{count}"
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    make_data(ROOT / "data", project / "data", count)
    return project


def generator_seconds(project: Path, rounds: int) -> Runs:
    """The core alone (load, check, render every page and the index), cold: a fresh process per run."""
    code = ("import time; from pathlib import Path; t=time.perf_counter(); "
            "from generator.model.site import load_site; from generator.model.docs import read_docs; "
            "from generator.pages.render import render_pages, render_assets; "
            "s=load_site(Path('data')); d=read_docs(Path('docs')); f={}; p=render_pages(s, d, f); "
            "render_assets(s, d, p); print(time.perf_counter()-t)")
    runs = Runs()
    for _ in range(rounds):
        out = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True)
        runs.seconds.append(float(out.stdout.strip().splitlines()[-1]))
        runs.peaks.append(0)
    return runs


def _ours(project: Path) -> Callable[[], tuple[float, int]]:
    """Our full build, cold: no render cache, no staged pages, no earlier site."""
    def build() -> tuple[float, int]:
        for leftover in (project / ".cache", project / "site", project / "dist"):
            shutil.rmtree(leftover, ignore_errors=True)
        return run([sys.executable, "-m", "generator", "build"], project)
    return build


def _material(project: Path) -> Callable[[], tuple[float, int]]:
    """A plain `mkdocs build` of a baseline project, cold."""
    def build() -> tuple[float, int]:
        shutil.rmtree(project / "site", ignore_errors=True)
        return run([sys.executable, "-m", "mkdocs", "build", "-q"], project)
    return build


def last_code(site: Path) -> str:
    """The code of the list's last matter, from the built rows script."""
    return str(script_data(site / MATTER_ROWS, "YJZF_MATTERS")["rows"][-1][0])


def _search_rows(site: Path, count: int) -> list[tuple[str, str]]:
    """First result on a fresh page for the bench queries; the slowest query of the officers' set, index loaded."""
    from tests.searchquery import load_queries

    fresh = first_result_ms(site)
    typed = typed_ms(site, [q.query for q in load_queries()])
    slow = max(typed, key=lambda q: typed[q])
    usable, loaded, filtered = list_page_ms(site, last_code(site))
    return [(f"list page, CPU 4× slower, {count}: usable / load event / filter to the last matter (target ≤ 3 s)",
             f"{usable:.0f} / {loaded:.0f} / {filtered:.0f} ms"),
            (f"search, first result, CPU 4× slower, fresh page, {count} (target ≤ 300 ms)",
             " ".join(f"{q}:{ms:.0f}" for q, ms in fresh.items()) + f" ms (slowest {max(fresh.values()):.0f})"),
            (f"search, officers' query set ({len(typed)}), CPU 4× slower, index loaded, {count}",
             f"median {sorted(typed.values())[len(typed) // 2]:.0f} ms, slowest {slow}:{typed[slow]:.0f} ms")]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (ours, baselines) at the first count")
    parser.add_argument("--only", choices=["search", "serve"],
                        help="search: measure search alone (no baseline, no serve); serve: the live preview alone, "
                             "three edits, at the first count")
    parser.add_argument("--editions", action="store_true",
                        help="only the editions benchmark (render cache), at the first count")
    args = parser.parse_args()
    search_only = args.only == "search"
    work = Path(tempfile.mkdtemp(prefix="yjzf-bench-"))
    rows: list[tuple[str, str]] = []
    try:
        if args.editions:
            rows += edition_rows(_project(work, args.counts[0]), args.counts[0], run)
            return _print(rows)
        if args.only == "serve":
            project = _project(work, args.counts[0])
            for n in range(1, 4):  # each a fresh `serve` on the data as the last edit left it, each kind of edit
                for kind in KINDS:
                    served = edit_to_update(project, kind=kind)
                    rows.append((f"serve --dirty: {kind} edited → pages updated, {args.counts[0]}, run {n} "
                                 "(target ≤ 1 s)",
                                 " ".join(f"{k}:{v:.2f}" for k, v in served.items() if k != "startup") + " s"))
            return _print(rows)
        sizes: dict[int, int] = {}
        first = args.counts[0]
        for count in args.counts:
            project = _project(work, count)
            commands = {"ours": _ours(project)}
            baselines = count == first and not search_only
            if baselines:
                defaults = make_project(ROOT, project / "data", ROOT / "docs", work / f"baseline-{count}")
                same_nav = make_same_nav_project(ROOT, project / "data", ROOT / "docs", work / f"same-nav-{count}")
                commands["defaults"] = _material(defaults.parent)
                commands["same-nav"] = _material(same_nav.parent)
            runs = interleaved(commands, args.rounds if baselines or count == first else 1)
            ours = runs["ours"]
            site, (zip_path,) = project / "site", list((project / "dist").glob("*.zip"))
            sizes[count] = _size(site)
            rows += [(f"our full build, {count} matters (site + zip + downloads + checks), cold", ours.summary()),
                     (f"  generator alone (load, check, render), {count}, cold",
                      generator_seconds(project, 3).summary().split(", peak")[0]),
                     (f"  site / search index / zip, {count}",
                      f"{sizes[count] / 2**20:.1f} MiB / {_size(site / 'assets' / 'search-index.js') / 2**20:.2f} MiB"
                      f" / {_size(zip_path) / 2**20:.1f} MiB")]
            written, zipped = floor_seconds(site)
            rows.append((f"  floor, {count}: write the same bytes / zip the site",
                         f"{written:.2f} s / {zipped:.2f} s (sum {written + zipped:.2f} s)"))
            if baselines:
                rows += [(f"baseline: Material defaults (full nav, jieba search), same pages, {count}",
                          runs["defaults"].summary()),
                         (f"baseline: Material with our nav, no search, same pages, {count}",
                          runs["same-nav"].summary()),
                         ("  ratio of medians, ours / Material defaults (#17: ≤ 0.25)",
                          f"{ours.median / runs['defaults'].median:.3f}"),
                         ("  ratio of medians, ours / Material same nav (#18: ≤ 0.3)",
                          f"{ours.median / runs['same-nav'].median:.3f}"),
                         ("  ratio of medians, ours / floor", f"{ours.median / (written + zipped):.1f}")]
                served = edit_to_update(project)
                rows.append((f"serve --dirty: name edited → pages updated, {count} (#18: ≤ 1 s)",
                             " ".join(f"{k}:{v:.2f}" for k, v in served.items() if k != "startup") + " s"))
            if search_only or count == max(args.counts):
                rows += _search_rows(site, count)
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
