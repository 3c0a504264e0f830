"""A function run beside the caller in a forked process: its value, its error, and its death all come back."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator.adapters.forked import beside, can_fork


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def _fails() -> None:
    raise ValueError("坏数据")


def _dies() -> None:
    os._exit(7)


PRELUDE = ("import os\nfrom generator.adapters.forked import ChildDied, beside, can_fork\n"
           "from tests.test_forked import _dies, _pid_and\n")


def _fresh(code: str) -> str:
    """Run code in a fresh interpreter (this test session may hold threads, where nothing is forked)."""
    done = subprocess.run([sys.executable, "-c", PRELUDE + code], capture_output=True,
                          text=True, check=True, cwd=Path(__file__).resolve().parent.parent)
    return done.stdout.strip()


def test_the_value_comes_back_from_another_process() -> None:
    out = _fresh("with beside('测试', _pid_and, 21) as later:\n"
                 "    pid, value = later.result()\n"
                 "print(can_fork(), value, pid != os.getpid())")
    assert out == "True 42 True"


def test_its_error_is_raised_where_the_result_is_asked_for() -> None:
    with beside("测试", _fails) as later, pytest.raises(ValueError, match="坏数据"):
        later.result()


def test_a_child_that_dies_is_reported_not_waited_for() -> None:
    out = _fresh("try:\n"
                 "    with beside('生成下载文件', _dies) as later:\n"
                 "        later.result()\n"
                 "except ChildDied as exc:\n"
                 "    print(exc)")
    assert out == "生成下载文件的进程意外结束（退出码 7）"


def test_beside_other_threads_it_runs_here() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        with beside("测试", _pid_and, 1) as later:
            assert later.result() == (os.getpid(), 2)
        with beside("测试", _fails) as later, pytest.raises(ValueError, match="坏数据"):
            later.result()
    finally:
        stop.set()
        thread.join()


def test_a_result_not_asked_for_stops_the_child() -> None:
    with beside("测试", _pid_and, 1):
        pass  # leaving without the result: the child is stopped and reaped, nothing is left running


def test_pages_made_on_two_cores_are_the_pages_made_in_one() -> None:
    # Every page of the fixture data made in one process, then with half of them made in a forked one.
    out = _fresh("from pathlib import Path\n"
                 "from generator.model.site import load_site\n"
                 "from generator.pages import page\n"
                 "from generator.pages.render import render_pages\n"
                 "page.MIN_AWAY = 2\n"
                 "import tempfile\n"
                 "from tests.conftest import make_data\n"
                 "folder = Path(tempfile.mkdtemp())\n"
                 "site = load_site(make_data(folder / 'data'))\n"
                 "one, two = {}, {}\n"
                 "alone = render_pages(site, None, one)\n"
                 "page.SHELF.clear()\n"
                 "pids = set()\n"
                 "def elsewhere(make):\n"
                 "    return beside('生成页面', lambda: (pids.add(os.getpid()), make())[1])\n"
                 "shared = render_pages(site, None, two, elsewhere)\n"
                 "import shutil\n"
                 "shutil.rmtree(folder)\n"
                 "print(alone == shared, one == two, len(alone) > 20, pids == set())")
    assert out == "True True True True"  # the set is the parent's: the function ran in the child


def test_a_build_s_files_made_on_two_cores_are_those_made_in_one() -> None:
    # generate: downloads and scripts beside the pages, half the pages beside the other half; then all in one
    # process (a thread running, as in `serve`, where nothing is forked).
    out = _fresh("import tempfile, threading, shutil\n"
                 "from pathlib import Path\n"
                 "from tests.conftest import make_data\n"
                 "from generator.model.site import load_site\n"
                 "from generator.adapters.stage import generate\n"
                 "from generator.pages import page\n"
                 "page.MIN_AWAY = 2\n"
                 "folder = Path(tempfile.mkdtemp())\n"
                 "site = load_site(make_data(folder / 'data'))\n"
                 "docs = {'about.md': '# 关于\\n\\n见《安全生产法》第九十七条。\\n'}\n"
                 "two = generate(site, docs, '2026-12-01')\n"
                 "page.SHELF.clear()\n"
                 "stop = threading.Event()\n"
                 "threading.Thread(target=stop.wait, daemon=True).start()\n"
                 "forked = can_fork()\n"
                 "one = generate(site, docs, '2026-12-01')\n"
                 "stop.set()\n"
                 "shutil.rmtree(folder)\n"
                 "print(forked, two.files == one.files, two.fragments == one.fragments, len(one.files) > 20,\n"
                 "      any(p.endswith('.xlsx') for p in one.files))")
    assert out == "False True True True True"


def test_serve_s_generate_keeps_here_what_the_next_rebuild_reuses() -> None:
    # A forked build's search entries are made in a child and lost with it; `serve` (fork=False) keeps them.
    out = _fresh("import tempfile, shutil\n"
                 "from pathlib import Path\n"
                 "from tests.conftest import make_data\n"
                 "from generator.model.site import load_site\n"
                 "from generator.adapters.stage import generate\n"
                 "from generator.pages import page, search\n"
                 "page.MIN_AWAY = 2\n"
                 "folder = Path(tempfile.mkdtemp())\n"
                 "site = load_site(make_data(folder / 'data'))\n"
                 "generate(site, {}, '2026-12-01')\n"
                 "forked = search._matter_doc.cache_info().currsize\n"
                 "page.SHELF.clear()\n"
                 "generate(site, {}, '2026-12-01', fork=False)\n"
                 "kept = search._matter_doc.cache_info().currsize\n"
                 "shutil.rmtree(folder)\n"
                 "print(forked, kept == len(site.checklist.matters) > 0)")
    assert out == "0 True"
