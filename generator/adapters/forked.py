"""A function run on the other core while the caller goes on: in a forked process, its result sent back by a pipe.

A build does two things at once this way: the downloads and scripts beside the pages, half of the pages beside the
other half, half of the finishing beside the other half, the site's checks beside its zip.
The child sees the parent's memory as it was at the fork, so nothing is pickled on the way in. Where forking is
not safe (other threads are running, as in `serve`) or not possible, the function runs at once, in this process.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

from ..pages.blockhtml import default_stop_signals

T = TypeVar("T")


class ChildDied(RuntimeError):
    """The forked process ended without sending its result (killed, or out of memory)."""


@dataclass
class _Failed:
    error: BaseException


class Later(Generic[T]):
    """The result of a function started beside the caller."""

    def __init__(self, receive: Callable[[], T]) -> None:
        self._receive = receive

    def result(self) -> T:
        """The function's value, waiting for it; its exception raised here; ChildDied if its process died."""
        return self._receive()


def can_fork() -> bool:
    """Whether this process may fork safely now: one thread only, on a system that forks."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def beside(what: str, function: Callable[..., T], *args: Any) -> Iterator[Later[T]]:
    """Start function(*args) in a forked process (what: its name in messages); the child is stopped on exit if its
    result was not asked for."""
    if not can_fork():
        yield Later(_ran(function, args))
        return
    context = multiprocessing.get_context("fork")
    mine, theirs = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(theirs, os.getpid(), function, args),
                            daemon=True)
    child.start()
    theirs.close()  # the child holds the only writing end: its death ends the pipe

    def receive() -> T:
        try:
            got = mine.recv()
        except EOFError:
            child.join()
            raise ChildDied(f"{what}的进程意外结束（退出码 {child.exitcode}）") from None
        if isinstance(got, _Failed):
            raise got.error
        value: T = got
        return value

    try:
        yield Later(receive)
    finally:
        mine.close()
        if child.is_alive():
            child.terminate()
        child.join()


class Elsewhere:
    """beside, named for its messages, for the core's functions that take a way to run work elsewhere
    (page.Beside)."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __call__(self, make: Callable[[], T]) -> AbstractContextManager[Later[T]]:
        return beside(self.what, make)


def _ran(function: Callable[..., T], args: tuple[Any, ...]) -> Callable[[], T]:
    """function(*args) run now; what gives its value, or raises its exception, when asked."""
    try:
        value = function(*args)
    except Exception as exc:
        error = exc

        def fail() -> T:
            raise error
        return fail
    return lambda: value


def _run(conn: Connection, parent: int, function: Callable[..., object], args: tuple[Any, ...]) -> None:
    die_with(parent)
    default_stop_signals()  # stopped by SIGTERM once its result is sent (beside): quietly, whatever serve installed
    try:
        result: object = function(*args)
    except BaseException as exc:  # sent back: the parent raises it where it asks for the result
        result = _Failed(exc)
    conn.send(result)
    conn.close()


PR_SET_PDEATHSIG = 1


def die_with(parent: int) -> None:
    """End this child when its parent ends: killed mid-build, the parent would leave it holding the build's lock."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the line above
        os._exit(1)
