"""Memos of values made from one law library: kept for the newest library only, bounded in size."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

from .model import Library

V = TypeVar("V")


class LibraryMemo(Generic[V]):
    """Values by key, all made from one library.

    Only the newest library's are kept: `serve` loads a new library when a law file changes, and the old one's
    values would never be asked for again (other caches may keep the old library itself alive for a while). Full,
    it starts again rather than grow: a long `serve` session keeps making new values.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.library: Library | None = None
        self.held: dict[Hashable, V] = {}

    def get(self, library: Library, key: Hashable) -> V | None:
        """The value made from library for key, if held."""
        return self.held.get(key) if library is self.library else None

    def put(self, library: Library, key: Hashable, value: V) -> V:
        """Hold value, made from library, for key; the value."""
        if library is not self.library or len(self.held) >= self.limit:
            self.library, self.held = library, {}
        self.held[key] = value
        return value
