"""Timings that load on the machine cannot bias: runs interleaved (A B A B …), cold, reported as min / median / max."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Runs:
    """The wall seconds and peak memory (MiB) of each run of one command."""

    seconds: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def summary(self) -> str:
        """min / median / max, and the peak memory's median."""
        return (f"median {self.median:.1f} s (min {min(self.seconds):.1f}, max {max(self.seconds):.1f}; "
                f"{len(self.seconds)} runs), peak {statistics.median(self.peaks):.0f} MiB")


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak memory (MiB, the largest process of the command) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}:\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return elapsed, usage.ru_maxrss // 1024


def interleaved(commands: dict[str, Callable[[], tuple[float, int]]], rounds: int) -> dict[str, Runs]:
    """Run each command once per round, in turn (A B C A B C …), so that a slow spell hits all alike."""
    out = {name: Runs() for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            seconds, peak = command()
            out[name].seconds.append(seconds)
            out[name].peaks.append(peak)
    return out


def floor_seconds(site_dir: Path) -> tuple[float, float]:
    """The physical floor of a build: writing the site's bytes to a fresh folder, and zipping that folder."""
    files = {p.relative_to(site_dir): p.read_bytes() for p in site_dir.rglob("*") if p.is_file()}
    work = Path(tempfile.mkdtemp(prefix="yjzf-floor-"))
    try:
        start = time.perf_counter()
        for rel, data in files.items():
            out = work / "site" / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
        written = time.perf_counter() - start
        start = time.perf_counter()
        with zipfile.ZipFile(work / "site.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for rel in sorted(files):
                zf.write(work / "site" / rel, f"site/{rel.as_posix()}")
        zipped = time.perf_counter() - start
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return written, zipped
