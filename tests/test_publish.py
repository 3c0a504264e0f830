"""Publishing is crash-safe: a crash at any step leaves site/ in place, and the next run makes a whole pair."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest

from generator.adapters import publish as pub
from generator.model.site import Site

ZIP = "site.zip"
NO_DATA = pub.BuiltSite(cast(Site, None), [])  # these tests are about the files, not what the pages say
FOLDER = "yjzf-site"


def _fake_build(version: str) -> object:
    """A stand-in for mkdocs: a two-page site that says which version it is."""

    def build(config_file: Path, data_dir: Path, out_dir: Path, *args: str) -> pub.BuiltSite:
        (out_dir / "a").mkdir(parents=True)
        (out_dir / "index.html").write_text(f'<a href="a/index.html">{version}</a>', encoding="utf-8")
        (out_dir / "a" / "index.html").write_text(f'<a href="../index.html">{version}</a>', encoding="utf-8")
        return NO_DATA

    return build


def _publish(root: Path, version: str, dist: Path | None = None) -> pub.Published:
    return pub.publish(root / "mkdocs.yml", root / "data", root / "site", dist or root / "dist", ZIP, FOLDER)


def _state(root: Path, dist: Path | None = None) -> tuple[str, str]:
    """(the site's version, the zip's version)."""
    site = (root / "site" / "index.html").read_text(encoding="utf-8")
    with zipfile.ZipFile((dist or root / "dist") / ZIP) as zf:
        zipped = zf.read(f"{FOLDER}/index.html").decode()
    return site.split(">")[1].split("<")[0], zipped.split(">")[1].split("<")[0]


def _leftovers(root: Path, dist: Path | None = None) -> list[str]:
    names = [p.name for p in root.iterdir() if p.name.startswith(".") and not p.name.endswith(".lock")]
    return names + [p.name for p in (dist or root / "dist").iterdir() if p.name != ZIP]


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(pub, "build_site", _fake_build("v1"))
    _publish(tmp_path, "v1")
    assert _state(tmp_path) == ("v1", "v1") and not _leftovers(tmp_path)
    return tmp_path


STEPS = ["zip_site", "check_zip", "write_journal", "swap_site", "replace_zip", "recover"]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_a_crash_at_any_step_leaves_a_site_and_the_next_run_a_whole_pair(
        step: str, exchange: bool, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pub, "build_site", _fake_build("v2"))
    if not exchange:
        monkeypatch.setattr(pub, "_exchange", lambda a, b: False)
    pid = os.fork()
    if pid == 0:  # the child publishes v2 and dies, as by a power cut, when it reaches the step
        real = getattr(pub, step)
        calls = []

        def crash(*args: object) -> object:
            calls.append(1)
            if step == "recover" and len(calls) == 1:
                return real(*args)  # the first call tidies up before the build; die in the final one
            os._exit(9)

        monkeypatch.setattr(pub, step, crash)
        try:
            _publish(root, "v2")
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 9
    _wait_unlocked(root)  # after a power cut nothing runs: the build's own helper processes are gone too
    assert (root / "site" / "index.html").exists()  # never no site/
    pub.recover((root / "site").resolve(), (root / "dist").resolve())
    assert _state(root) in {("v1", "v1"), ("v2", "v2")}
    assert not _leftovers(root)
    # And the run after it publishes normally.
    _publish(root, "v2")
    assert _state(root) == ("v2", "v2") and not _leftovers(root)


def _wait_unlocked(root: Path) -> None:
    """Wait (a few seconds at most) until no process holds the build's lock: a helper process the killed build had
    forked (forked.py) ends with it, a moment later."""
    for _ in range(200):
        try:
            os.close(pub._lock((root / "site").resolve()))
            return
        except pub.PublishError:
            time.sleep(0.05)
    raise AssertionError("the lock is still held")


def test_a_failed_build_or_check_leaves_the_old_pair(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(config_file: Path, data_dir: Path, out_dir: Path, *args: str) -> pub.BuiltSite:
        (out_dir / "a").mkdir(parents=True)
        (out_dir / "index.html").write_text('<a href="missing.html">v2</a>', encoding="utf-8")
        return NO_DATA

    monkeypatch.setattr(pub, "build_site", broken)
    with pytest.raises(pub.PublishError, match="失效链接"):
        _publish(root, "v2")
    assert _state(root) == ("v1", "v1") and not _leftovers(root)


@pytest.fixture
def other_fs(tmp_path: Path) -> Iterator[Path]:
    shm = Path("/dev/shm")
    if not shm.is_dir() or shm.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second filesystem (/dev/shm) here")
    folder = shm / f"yjzf-test-{os.getpid()}-{tmp_path.name}"
    folder.mkdir()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_site_and_dist_on_another_filesystem(tmp_path: Path, other_fs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pub, "build_site", _fake_build("v1"))
    _publish(tmp_path, "v1", other_fs)  # the zip on tmpfs, the site on the disk
    monkeypatch.setattr(pub, "build_site", _fake_build("v2"))
    _publish(tmp_path, "v2", other_fs)
    assert _state(tmp_path, other_fs) == ("v2", "v2") and not _leftovers(tmp_path, other_fs)
    # and the site on tmpfs, the zip on the disk
    pub.publish(tmp_path / "mkdocs.yml", tmp_path / "data", other_fs / "site", tmp_path / "dist", ZIP, FOLDER)
    assert (other_fs / "site" / "index.html").read_text(encoding="utf-8").count("v2") == 1


def test_two_builds_at_once_are_refused(root: Path) -> None:
    held = pub._lock((root / "site").resolve())
    try:
        with pytest.raises(pub.PublishError, match="另一个 build 正在生成"):
            _publish(root, "v2")
    finally:
        os.close(held)


def test_a_real_build_with_the_zip_on_another_filesystem(project_copy: Path, other_fs: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.adapters.cli import main

    monkeypatch.chdir(project_copy)
    (project_copy / ".site-new-123-dead").mkdir()  # left by a run killed before this one
    assert main(["build", "--dist-dir", str(other_fs / "dist")]) == 0
    assert (project_copy / "site" / "index.html").is_file()
    zips = list((other_fs / "dist").iterdir())
    assert len(zips) == 1 and zips[0].suffix == ".zip" and zipfile.ZipFile(zips[0]).testzip() is None
    assert not [p for p in project_copy.glob(".site*") if not p.name.endswith(".lock")]


def test_a_zip_another_running_build_is_writing_is_not_a_leftover(root: Path) -> None:
    # Editions built side by side share dist/: only zips of builds that are gone are removed.
    dist = (root / "dist").resolve()
    other = subprocess.Popen(["sleep", "30"])
    try:
        writing = dist / f".other-edition.zip.new-{other.pid}-abcd1234"
        stale = dist / ".old-edition.zip.new-999999999-abcd1234"
        writing.write_bytes(b"in progress")
        stale.write_bytes(b"left by a killed build")
        pub.recover((root / "site").resolve(), dist)
        assert writing.exists() and not stale.exists()
    finally:
        other.kill()
        other.wait()
