"""The editors' live preview: after an edit of data/, `mkdocs serve --dirty` shows it on every page it touches.

Correctness only (the time is measured by `make bench`): a page rebuilt from stale fragments or a
stale cache would show the old name.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.serve import edit_to_update, make_edit
from generator.adapters.plugin import DATA_POLL_SECONDS, SETTLE_SECONDS, watch_fast, write_if_changed
from generator.adapters.stage import Written
from generator.model.urls import URLS

from . import tiny


def test_an_edit_reaches_every_page_that_shows_it(project_copy: Path) -> None:
    seen = edit_to_update(project_copy, timeout=90)
    assert set(seen) >= {"matter", "category", "list", "cited_by", "search_index", "study", "sheet", "print"}


@pytest.mark.parametrize("kind", ["citation", "stage", "law"])
def test_each_kind_of_edit_reaches_its_pages(project_copy: Path, kind: str) -> None:
    # A citation moved to another article, a stage guide's text, a law's article text: no page is left stale
    # (edit_to_update fails when a page that must show the edit does not within the time).
    pages = set(make_edit(project_copy, kind, "0").pages)
    assert set(edit_to_update(project_copy, timeout=90, kind=kind)) == {"startup", *pages}


def test_write_if_changed_keeps_the_time_of_unchanged_files(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b.md"
    written: Written = {}
    assert write_if_changed(path, "x", written)
    stamp = path.stat().st_mtime_ns
    assert not write_if_changed(path, "x", written)
    assert path.stat().st_mtime_ns == stamp
    assert write_if_changed(path, "y", written) and path.read_text() == "y"
    assert not write_if_changed(path, "y")  # without memory, by reading the file back
    same = "".join(["z"] * 3)
    assert write_if_changed(path, same, written) and not write_if_changed(path, same, written)  # the same object
    assert not write_if_changed(path, "".join(["z"] * 3), written)  # an equal one
    path.unlink()
    assert write_if_changed(path, same, written) and path.read_text() == "zzz"  # written again if it went away


def test_matter_code() -> None:
    assert URLS.matter_code("matters/330225002022.md") == "330225002022"
    assert URLS.matter_code("matters/index.md") == ""


def test_data_is_polled_often_and_rebuilt_soon() -> None:
    class Observer:
        _timeout = 0.5

    class Server:
        def __init__(self) -> None:
            self.build_delay, self.observer, self.watched = 0.1, Observer(), []

        def watch(self, path: str) -> None:
            self.watched.append((path, self.observer._timeout))

    server: Any = Server()
    watch_fast(server, Path("data"))
    assert server.watched == [("data", DATA_POLL_SECONDS)] and server.observer._timeout == 0.5  # docs/ as usual
    assert server.build_delay == SETTLE_SECONDS < 0.1
    # A save found half written by one poll is found written by the next, one interval later: still one rebuild.
    assert DATA_POLL_SECONDS < SETTLE_SECONDS


def test_what_the_first_build_made_is_left_out_of_later_collections() -> None:
    # In a fresh interpreter: freezing is for the whole process.
    code = ("import gc; from generator.adapters.plugin import keep_out_of_collections as keep; keep(); "
            "n = gc.get_freeze_count(); keep(); assert gc.get_freeze_count() == n > 0")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_theme_s_files_listed_once_are_the_engine_s_list(tmp_path: Path) -> None:
    # `serve` lists the installed theme's 14,000 files once; the project's overrides/ every time.
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from generator.adapters.themefiles import ThemeFiles, list_once

    project = tiny.write_project(tmp_path / "p")

    def theme_files(config: Any) -> list[str]:
        files = Files([])
        files.add_files_from_theme(config.theme.get_env(), config)
        return [f"{f.abs_src_path}" for f in files]
    listed = load_config(str(project / "mkdocs.yml"))
    listing = ThemeFiles(project)
    list_once(listed.theme, listing)
    plain = theme_files(load_config(str(project / "mkdocs.yml")))
    assert theme_files(listed) == plain and theme_files(listed) == plain
    assert listing.listed and not any(folder.startswith(str(project)) for folder in listing.listed)
    added = project / "overrides" / "assets" / "new.css"
    added.parent.mkdir(parents=True, exist_ok=True)
    added.write_text("p {}", encoding="utf-8")
    assert theme_files(listed) == theme_files(load_config(str(project / "mkdocs.yml"))) != plain
    assert str(added) in theme_files(listed)


def test_serve_never_writes_the_print_page_with_its_sections_empty(tmp_path: Path) -> None:
    # The engine's print page has every section empty until the finish thread fills it: while the last filled page
    # is there, the engine's is kept in memory only, and the finish thread replaces the page whole.
    from types import SimpleNamespace

    from generator.adapters.plugin import ChecklistPlugin, QuietPrintSkip
    from generator.pages.handbook import PRINT_PAGE

    plugin = ChecklistPlugin()
    plugin.load_config({})
    plugin.cache_dir = tmp_path / "cache"
    page: Any = SimpleNamespace(file=SimpleNamespace(src_uri=PRINT_PAGE))
    config: Any = SimpleNamespace(site_dir=str(tmp_path / "site"))
    assert plugin.on_post_page("<html>frame</html>", page=page, config=config) == "<html>frame</html>"  # none yet
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / URLS.output(PRINT_PAGE)).write_text("<html>filled</html>", encoding="utf-8")
    assert plugin.on_post_page("<html>frame 2</html>", page=page, config=config) == ""
    assert plugin.print_frame == "<html>frame 2</html>" and plugin.print_stale
    skipped = logging.LogRecord("mkdocs.commands.build", logging.INFO, "", 0,
                                f"Page skipped: '{PRINT_PAGE}'. Generated empty output.", None, None)
    assert not QuietPrintSkip().filter(skipped)


def test_a_rebuild_collects_its_garbage_once_its_pages_are_out() -> None:
    import gc

    from generator.adapters import plugin as plugin_module

    plugin = plugin_module.ChecklistPlugin()
    plugin.load_config({})
    config: Any = None
    plugin.on_pre_build(config)
    assert gc.isenabled()  # not in `serve`
    plugin.cache_dir = Path("unused")
    plugin.on_pre_build(config)
    assert gc.isenabled()  # `serve`'s first build: not yet frozen
    plugin.frozen = True  # what the first build made is frozen (freeze_now)
    try:
        plugin.on_pre_build(config)
        assert not gc.isenabled()
        plugin.on_build_error(error=RuntimeError())  # a failed rebuild turns it back on
        assert gc.isenabled()
        plugin.on_pre_build(config)
        plugin.collect_again()
        assert gc.isenabled()
    finally:
        gc.enable()


def test_a_request_for_a_file_being_finished_waits_until_it_is_made() -> None:
    # The engine reloads the browsers when a rebuild returns; the print page and the downloads are made just after.
    # A request for one of them waits for it (a browser reloaded at once would keep the old one: a stale page).
    import io
    import threading
    import time
    import wsgiref.util

    from generator.adapters.devserver import PIECE, Finishing, answer_when_finished
    from generator.adapters.plugin import finished_later

    assert finished_later("/print.html") == "print" and finished_later("/kb/print.html", "/kb/") == "print"
    assert finished_later("/./print.html") == "print"  # read as the engine reads it
    # Only the print page itself: another page of that name, or one outside the site's path, is the engine's to answer.
    assert finished_later("/matters/print.html") is None and finished_later("/print.html", "/kb/") is None
    assert finished_later("/乡镇应急管理执法知识库.xlsx") == "downloads" and finished_later("/matters/print.md") is None
    assert finished_later("/matters/330225002022.html") is None

    made: list[str] = []

    class Server:
        def __init__(self) -> None:
            self._epoch_cond = threading.Condition()
            self._visible_epoch = self._wanted_epoch = 1

        def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
            return wsgiref.util.FileWrapper(io.BytesIO(" ".join(made).encode()))

    server: Any = Server()
    finishing = Finishing(("print", "downloads"))
    assert answer_when_finished(server, finishing, finished_later)
    assert answer_when_finished(server, finishing, finished_later)  # once only: not wrapped twice
    assert not answer_when_finished(object(), finishing, finished_later)  # another server: left as it is
    finishing.hold("print")
    answers: list[bytes] = []
    asking = threading.Thread(target=lambda: answers.extend(server._serve_request({"PATH_INFO": "/print.html"}, None)))
    asking.start()
    assert b"".join(server._serve_request({"PATH_INFO": "/index.html"}, None)) == b""  # other pages at once
    time.sleep(0.2)
    assert asking.is_alive() and finishing.held("print") and not finishing.held("downloads")
    made.append("new")
    finishing.done("print")
    asking.join(5)
    assert answers == [b"new"]
    answer = server._serve_request({"PATH_INFO": "/print.html"}, None)
    assert answer.blksize >= PIECE  # large files go out in large pieces


def _rebuilding() -> Any:
    """A `serve` plugin whose rebuild has begun (on_pre_build)."""
    from generator.adapters.plugin import ChecklistPlugin

    plugin = ChecklistPlugin()
    plugin.load_config({})
    plugin.cache_dir = Path("unused")
    config: Any = None
    plugin.on_pre_build(config)
    return plugin


def test_a_failed_rebuild_answers_the_files_it_held() -> None:
    from generator.adapters.plugin import FINISHED_LATER

    plugin = _rebuilding()
    assert all(plugin.held.held(kind) for kind in FINISHED_LATER)
    plugin.on_build_error(error=RuntimeError())
    assert not any(plugin.held.held(kind) for kind in FINISHED_LATER)
    plugin.collect_again()


def test_a_replaced_file_s_old_space_is_freed_after_the_block(tmp_path: Path) -> None:
    import os

    from generator.adapters.devserver import freed_after

    page = tmp_path / "print.html"
    page.write_text("old", encoding="utf-8")
    with freed_after(page):
        new = tmp_path / ".print.html.tmp"
        new.write_text("new", encoding="utf-8")
        os.replace(new, page)
        assert (tmp_path / ".print.html.old").read_text(encoding="utf-8") == "old"  # still held
    assert page.read_text(encoding="utf-8") == "new" and sorted(p.name for p in tmp_path.iterdir()) == ["print.html"]
    with freed_after(tmp_path / "none.html"):  # no old file: nothing to keep
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["print.html"]


def test_a_large_page_gets_the_engine_s_reload_script_as_the_engine_puts_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import mkdocs.livereload as livereload

    from generator.adapters.devserver import LARGE, Finishing, answer_when_finished

    monkeypatch.setattr(livereload, "_timestamp", lambda: 1234567890123)
    server = livereload.LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=".")
    try:
        engine = server._inject_js_into_html
        assert answer_when_finished(server, Finishing(("print",)), lambda path: None)
        for page in (b"<html><body>" + "事项".encode() * LARGE + b"</body></html>\n",
                     b"<html><body>" + b"x" * LARGE + b"</body><!-- </body> -->",  # the last </body>, as the engine
                     b"x" * LARGE, b"<html><body>small</body></html>"):
            assert server._inject_js_into_html(page, 42) == engine(page, 42)
    finally:
        server.server_close()


def test_the_print_page_made_in_memory_is_answered_as_the_engine_answers_its_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mkdocs.livereload as livereload

    from generator.adapters.devserver import PIECE, Finishing, answer_when_finished

    monkeypatch.setattr(livereload, "_timestamp", lambda: 1234567890123)
    pieces = [b"<html><head></head><body><h1>\xe6\x89\x93\xe5\x8d\xb0</h1>", b"x" * (PIECE + 5),
              b"<p>a </body> in a section</p>", b"y" * 10, b"</body><!-- after -->", b"\n</html>\n"]
    (tmp_path / "print.html").write_bytes(b"".join(pieces))
    server = livereload.LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    finishing = Finishing(("print",))
    try:
        server.watch(str(tmp_path))
        assert answer_when_finished(server, finishing, lambda path: "print" if path == "/print.html" else None)

        def answer() -> tuple[list[Any], bytes]:
            started: list[Any] = []
            body = server._serve_request({"PATH_INFO": "/print.html", "REQUEST_METHOD": "GET"},
                                         lambda *args: started.append(args))
            return started, b"".join(body)

        from_file = answer()
        (tmp_path / "print.html").write_bytes(b"<html><body>the last page</body></html>")  # not written yet
        finishing.hold("print")
        finishing.done("print", pieces)
        from_memory = answer()
        assert from_memory == from_file and from_file[1].count(b"livereload(") == 1
        assert from_file[1].index(b"<script>") < from_file[1].index(b"</body><!-- after -->")  # the last </body>
        finishing.hold("print")  # a new rebuild: what was made in memory is not answered again
        finishing.done("print")
        assert finishing.made("print") is None and b"the last page" in answer()[1]
    finally:
        server.observer.stop()
        server.server_close()


def test_the_benchmark_reads_the_reload_script_the_engine_puts_in_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    # The serve benchmark waits for a rebuild as that script does: a change to the engine's script must fail here.
    import mkdocs.livereload as livereload

    from benchmarks.serve import _RELOAD

    monkeypatch.setattr(livereload, "_timestamp", lambda: 1234567890123)
    server = livereload.LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=".")
    try:
        page = server._inject_js_into_html(b"<html><body>x</body></html>", 42).decode()
    finally:
        server.server_close()
    found = [m.groups() for m in _RELOAD.finditer(page)]
    assert found == [("42", "1234567890123")]
    assert 'req.open("GET", "/livereload/" + epoch + "/" + requestId);' in page  # where it asks


def test_a_request_waiting_for_the_print_page_waits_for_a_newer_rebuild_s_too() -> None:
    # Rebuild 1's print page is being made; a browser asks for it; the editor saves again (rebuild 2) before it is
    # made. The request must get rebuild 2's page, not rebuild 1's with rebuild 2's mark (it would never reload).
    import threading
    import time

    from generator.adapters.devserver import Finishing, answer_when_finished

    class Server:
        def __init__(self) -> None:
            self._epoch_cond = threading.Condition()
            self._visible_epoch = self._wanted_epoch = 1
            self.page = "print page 0"

        def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
            with self._epoch_cond:  # as the engine: wait for the rebuild under way, then read the file
                self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                epoch = self._visible_epoch
            start_response("200 OK", [])
            return [f"{self.page} (rebuild {epoch})".encode()]

    server: Any = Server()
    finishing = Finishing(("print",))
    answer_when_finished(server, finishing, lambda path: "print" if path == "/print.html" else None)
    finishing.hold("print")  # rebuild 1 has returned; its print page is being made
    answers: list[bytes] = []
    statuses: list[str] = []
    asking = threading.Thread(target=lambda: answers.extend(
        server._serve_request({"PATH_INFO": "/print.html"}, lambda status, headers: statuses.append(status))))
    asking.start()
    time.sleep(0.1)
    with server._epoch_cond:
        server._wanted_epoch = 2  # a new edit: rebuild 2 begins
    finishing.done()  # rebuild 2 stops rebuild 1's finishing (its pages were made already)
    finishing.hold("print")
    time.sleep(0.1)
    with server._epoch_cond:
        server._visible_epoch = 2  # rebuild 2 returns: the browsers are told to reload
        server._epoch_cond.notify_all()
    time.sleep(0.1)
    assert asking.is_alive()  # rebuild 2's print page is not made yet
    server.page = "print page 2"
    finishing.done("print")
    asking.join(5)
    assert answers == [b"print page 2 (rebuild 2)"] and statuses == ["200 OK"]


def test_a_build_that_fails_after_its_pages_leaves_the_files_held_to_its_finish_thread() -> None:
    import threading

    plugin = _rebuilding()
    release = threading.Event()
    plugin.finishing = threading.Thread(target=release.wait)  # as on_post_build starts it, before --strict fails
    plugin.finishing.start()
    plugin.on_build_error(error=RuntimeError())
    assert plugin.held.held("print")  # the finish thread answers it once the print page is made
    release.set()
    plugin.finishing.join()
    plugin.held.done()


def test_a_rebuild_still_under_way_at_the_deadline_gives_no_rebuild_to_mark_a_page_with() -> None:
    # Else the page of the last rebuild would be answered with the mark of the one under way, and never reloaded.
    import threading
    import time

    from generator.adapters.devserver import _Epochs

    class Server:
        _epoch_cond = threading.Condition()
        _visible_epoch, _wanted_epoch = 1, 2

    epochs = _Epochs(Server())
    assert epochs.settled(time.monotonic() + 0.05) is None and epochs.current() == 2
    Server._visible_epoch = 2
    assert epochs.settled(time.monotonic() + 0.05) == 2
