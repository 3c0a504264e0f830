"""`serve` while the data is broken: the browser shows the errors, recovers on the next good save, and
stopping serve by a signal removes its temporary folders. A real `mkdocs serve` on a free local port."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.serve import _free_port, _get
from generator.adapters.plugin import CACHE_PREFIX, remove_stale_caches
from generator.model.errors import Problem
from generator.pages.errorpage import error_page

from . import tiny

NAME = "对未设置安全警示标志的行政处罚"


def _until(check: Callable[[], bool], proc: subprocess.Popen[bytes], what: str, timeout: float = 120) -> None:
    start = time.monotonic()
    while not check():
        assert proc.poll() is None, f"mkdocs serve stopped while waiting for {what}"
        assert time.monotonic() - start < timeout, f"not within {timeout} s: {what}"
        time.sleep(0.3)


def test_serve_shows_the_errors_and_recovers(tmp_path: Path) -> None:
    project = tiny.write_project(tmp_path / "p")
    checklist = project / "data" / "checklist.yaml"
    good = checklist.read_text(encoding="utf-8")
    checklist.write_text("标题: [\n", encoding="utf-8")  # broken from the start
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",
                             "-a", f"127.0.0.1:{port}"], cwd=project, env={**os.environ, "TMPDIR": str(tmp)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = f"{base}matters/{tiny.CODES[0]}.html"
        _until(lambda: "数据有错误" in _get(f"{base}matters/index.html"), proc, "the error page at start")
        assert "data/checklist.yaml:2: YAML 格式错误" in _get(f"{base}matters/index.html")
        checklist.write_text(good, encoding="utf-8")
        _until(lambda: NAME in _get(page), proc, "recovery from a start with broken data")
        line = good[:good.index(tiny.CODES[1])].count("\n") + 1
        checklist.write_text(good.replace(tiny.CODES[1], tiny.CODES[1][:-1] + "２"), encoding="utf-8")
        _until(lambda: "数据有错误" in _get(page), proc, "the error page after a bad save")
        shown = _get(page)
        assert f"data/checklist.yaml:{line}: 事项[1].事项代码: 事项代码应为 12 位半角数字" in shown
        assert NAME not in shown
        checklist.write_text(good, encoding="utf-8")
        _until(lambda: NAME in _get(page) and "数据有错误" not in _get(page), proc, "recovery after a good save")
        assert any(p.name.startswith(CACHE_PREFIX) for p in tmp.iterdir())
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    left = [p.name for p in tmp.iterdir() if p.name.startswith((CACHE_PREFIX, "mkdocs_"))]
    assert not left, f"temporary folders left by serve after SIGTERM: {left}"


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGINT], ids=["SIGHUP", "SIGINT"])
def test_other_signals_remove_the_temporary_folders_too(sig: signal.Signals, tmp_path: Path) -> None:
    project = tiny.write_project(tmp_path / "p")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",
                             "-a", f"127.0.0.1:{port}"], cwd=project, env={**os.environ, "TMPDIR": str(tmp)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _until(lambda: NAME in _get(f"http://127.0.0.1:{port}/matters/{tiny.CODES[0]}.html"), proc, "the first build")
    finally:
        proc.send_signal(sig)
        proc.wait(timeout=60)
    assert not [p.name for p in tmp.iterdir() if p.name.startswith((CACHE_PREFIX, "mkdocs_"))]


def test_the_caches_of_killed_servers_are_removed(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"{CACHE_PREFIX}{dead.pid}-abc"
    live = tmp_path / f"{CACHE_PREFIX}{os.getpid()}-abc"
    for folder in (stale, live):
        (folder / "matters").mkdir(parents=True)
    remove_stale_caches(tmp_path)
    assert not stale.exists() and live.exists()


def test_the_error_page_shows_every_error_as_text() -> None:
    page = error_page([Problem("data/checklist.yaml", 3, "事项[0].事项名称", "<script>alert(1)</script>"),
                       Problem("data/laws/x.yaml", 0, "", "文件为空")])
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<li><code>data/checklist.yaml:3: 事项[0].事项名称: &lt;script&gt;" in page
    assert "data/laws/x.yaml: 文件为空" in page
