"""How `serve`'s development server answers while the site is being finished after a rebuild.

The engine's server reloads every open page as soon as a rebuild returns; the print page (assembled from the
built pages) and the downloads (spreadsheets, Word) are made just after, so that the edited pages show at once.
A request for one of them waits until it is made again: a browser reloaded at the rebuild's end would otherwise
get the old one, and keep it until the next edit (a stale page). Large files go out in large pieces (the server's
8 KB pieces made a 38 MB print page cost thousands of writes, each waiting for the interpreter), a large page
gets its reload script with one copy of it, not two, and the print page is answered from memory as soon as it is
made (Finishing.done with its pieces), before it is written.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import wsgiref.util
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PIECE = 1 << 20          # bytes a large file is sent in at a time
LONGEST_WAIT = 30.0      # seconds a request waits for a file being made; after that it gets what is there

log = logging.getLogger("mkdocs.plugins.checklist")


class Finishing:
    """The files a rebuild makes after the engine's build, by kind ("print", "downloads"): each is held (a request
    for it waits) from the rebuild's start until it is made again, or the rebuild gives up on it."""

    def __init__(self, kinds: Iterable[str]) -> None:
        self._ready = {kind: threading.Event() for kind in kinds}
        self._made: dict[str, list[bytes]] = {}  # a page made in memory, answered before it is written
        for ready in self._ready.values():
            ready.set()

    def hold(self, kind: str) -> None:
        """A rebuild will make kind again: its requests wait from now on."""
        self._ready[kind].clear()
        self._made.pop(kind, None)

    def done(self, kind: str | None = None, made: list[bytes] | None = None) -> None:
        """kind (None: every kind) is made, or will not be: its requests are answered (with made, the page's bytes in
        pieces, where given, until the next hold; else with the file)."""
        if kind is not None and made is not None:
            self._made[kind] = made
        for name, ready in self._ready.items():
            if kind is None or name == kind:
                ready.set()

    def made(self, kind: str) -> list[bytes] | None:
        """The page of kind as made in memory since it was last held, if it was."""
        return self._made.get(kind)

    def held(self, kind: str) -> bool:
        """Whether requests for kind wait."""
        return not self._ready[kind].is_set()

    def wait(self, kind: str, timeout: float = LONGEST_WAIT) -> bool:
        """Wait until kind is made (at most timeout seconds); whether it was."""
        return self._ready[kind].wait(timeout)


def answer_when_finished(server: Any, finishing: Finishing, kind_of: Callable[[str], str | None]) -> bool:
    """Make server hold each request for a file being finished (kind_of its path gives its kind, or None) and send
    large files in large pieces; False where the server is not the engine's (nothing is changed then)."""
    original = getattr(server, "_serve_request", None)
    if original is None or getattr(original, "answers_when_finished", False):
        return original is not None
    epochs = _Epochs(server)

    def serve_request(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes] | None:
        path = str(environ.get("PATH_INFO", ""))
        kind = kind_of(path)
        deadline = time.monotonic() + LONGEST_WAIT
        started: list[tuple[Any, ...]] = []  # the answer's status and headers, given once it is the one sent
        while True:
            started.clear()
            epoch = epochs.settled(deadline) if kind is not None else None
            if kind is not None and not finishing.wait(kind, max(0.0, deadline - time.monotonic())):
                shown = path.encode("latin-1", "replace").decode("utf-8", "replace")
                log.warning(f"{shown} 等了 {LONGEST_WAIT:.0f} 秒仍未生成完，先返回现有的（可能不是最新的）")
                epoch = None
            made = finishing.made(kind) if kind is not None and epoch is not None else None
            answer: Iterable[bytes] | None = (
                _from_memory(server, made, epoch, path, lambda *args: started.append(args))
                if made is not None and epoch is not None else original(environ, lambda *args: started.append(args)))
            # A rebuild begun meanwhile (a newer edit) makes the file again: its answer waits for that one, else a
            # browser would get this file with the newer rebuild's mark, and never reload it.
            if epoch is None or epochs.current() == epoch or time.monotonic() > deadline:
                break
            _close(answer)
        for args in started:
            start_response(*args)
        if isinstance(answer, wsgiref.util.FileWrapper):
            answer.blksize = max(answer.blksize, PIECE)
        return answer

    serve_request.answers_when_finished = True  # type: ignore[attr-defined]
    server._serve_request = serve_request
    _inject_with_one_copy(server)
    return True


def _from_memory(server: Any, made: list[bytes], epoch: int, path: str,
                 start_response: Callable[..., Any]) -> Iterable[bytes]:
    """A page made in memory, answered as the engine answers its file: its reload script (for epoch) put in as the
    engine puts it, before the last </body> (the last piece holding one holds the page's last), the same headers,
    the bytes in large pieces."""
    pieces = list(made) or [b""]
    if server._watched_paths:
        last = next((i for i in range(len(pieces) - 1, -1, -1) if b"</body>" in pieces[i]), len(pieces) - 1)
        pieces[last] = bytes(server._inject_js_into_html(pieces[last], epoch))
    start_response("200 OK", [("Content-Type", server._guess_type(path)),
                              ("Content-Length", str(sum(map(len, pieces))))])
    return _joined(pieces)


def _joined(pieces: list[bytes]) -> Iterator[bytes]:
    """The pieces joined into pieces of about PIECE bytes: a section at a time would be thousands of writes."""
    group: list[bytes] = []
    size = 0
    for piece in pieces:
        group.append(piece)
        size += len(piece)
        if size >= PIECE:
            yield b"".join(group)
            group, size = [], 0
    if group:
        yield b"".join(group)


class _Epochs:
    """The engine's count of rebuilds (its epochs), read as the engine reads them, where the server has them."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.cond = getattr(server, "_epoch_cond", None)
        if self.cond is None or not hasattr(server, "_visible_epoch") or not hasattr(server, "_wanted_epoch"):
            self.cond = None

    def settled(self, deadline: float) -> int | None:
        """Wait until no rebuild is under way (as the engine does before it reads a file); the rebuild shown, or None
        if one is still under way at the deadline (the engine's own answer then waits for it)."""
        if self.cond is None:
            return None
        with self.cond:
            if not self.cond.wait_for(lambda: self.server._visible_epoch == self.server._wanted_epoch,
                                      max(0.0, deadline - time.monotonic())):
                return None
            return int(self.server._wanted_epoch)

    def current(self) -> int | None:
        """The rebuild under way or shown last."""
        if self.cond is None:
            return None
        with self.cond:
            return int(self.server._wanted_epoch)


def _close(answer: Iterable[bytes] | None) -> None:
    close = getattr(answer, "close", None)
    if callable(close):
        close()


LARGE = 1 << 20  # bytes from which a page's reload script is put in with one copy of the page, not two


def _inject_with_one_copy(server: Any) -> None:
    """Put the reload script into a large page with one copy of it: the engine's way copies the page twice, and the
    print page is tens of megabytes. The script is the engine's own (what it puts before an empty page's </body>)."""
    original = getattr(server, "_inject_js_into_html", None)
    if original is None:
        return

    def inject(content: bytes, epoch: int) -> bytes:
        end = content.rfind(b"</body>") if len(content) >= LARGE else -1
        if end < 0:
            return bytes(original(content, epoch))
        script = bytes(original(b"</body>", epoch))  # the script, then </body>
        view = memoryview(content)
        return b"".join((view[:end], script, view[end + len(b"</body>"):]))

    server._inject_js_into_html = inject


@contextmanager
def freed_after(path: Path) -> Iterator[None]:
    """Replace path inside the block; the old file's space is freed when the block ends (by a second name kept until
    then): freeing tens of megabytes takes the disk a moment, which the page's answer need not wait for."""
    kept = path.with_name(f".{path.name}.old")
    try:
        kept.unlink(missing_ok=True)
        os.link(path, kept)
        linked = True
    except OSError:  # no hard links here (or no old file): the old space is freed as it is replaced
        linked = False
    try:
        yield
    finally:
        if linked:
            kept.unlink(missing_ok=True)
