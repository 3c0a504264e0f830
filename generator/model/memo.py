"""Memos of values made from a law library, each with what it read of it: reused with the next library where that
is the same, bounded in size."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from . import reads
from .model import Library

V = TypeVar("V")


class LibraryMemo(Generic[V]):
    """Values by key, each made from a library, with what it read of it (reads.py).

    A value is given for a newer library too when everything it read is the same there (`serve` loads a new library
    when a law file changes); it then counts as made from the newer one. Values of libraries older than the one
    before the newest are dropped: they would never be asked for again, and would keep their library alive. Full,
    the memo starts again rather than grow: a long `serve` session keeps making new values. A value given is
    recorded as read again where it is used: a page made from held values reads what they read.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.library: Library | None = None
        self.held: dict[Hashable, tuple[V, reads.Reads, Library]] = {}

    def get(self, library: Library, key: Hashable) -> V | None:
        """The value made from library for key, or from an earlier one reading the same, if held."""
        found = self.held.get(key)
        if found is None:
            return None
        value, read, made_from = found
        if made_from is not library:
            if not reads.unchanged(made_from, library, read):
                return None
            self._newest(library)
            self.held[key] = (value, read, library)
        if reads.ACTIVE:
            reads.replay(read)
        return value

    def put(self, library: Library, key: Hashable, value: V, read: reads.Reads = reads.EVERYTHING) -> V:
        """Hold value, made from library for key, having read what read says (by default, anything); the value."""
        self._newest(library)
        if len(self.held) >= self.limit:
            self.held = {}
        self.held[key] = (value, read, library)
        return value

    def make(self, library: Library, key: Hashable, make: Callable[[], V]) -> V:
        """The value held for key, else the one make makes from library now (what it reads recorded)."""
        found = self.get(library, key)
        if found is None:
            with reads.recording() as read:
                found = make()
            self.put(library, key, found, reads.kept(read))
        return found

    def _newest(self, library: Library) -> None:
        if library is not self.library:
            # The values of the library before this one are kept (for a value reused with this one), older ones not.
            self.held = {k: e for k, e in self.held.items() if e[2] is self.library}
            self.library = library
