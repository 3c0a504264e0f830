"""What is read of the law library while something is made, recorded where it is read (model.Library, model.Law).

A page made from one library can then be reused with the next one (`serve`, after a law file is edited) when
everything it read is the same in both: an article, a law's title, whether a name finds a law. A read that cannot
be narrowed down (every law, every name) is recorded as such, and a page that made it is made again with any other
library. Values kept between pages (memo.LibraryMemo, page.Shelf) keep the reads they were made with, and pass them
on whenever they are used, so that a page's reads are never fewer than what it shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from .model import Library

Read = tuple[object, ...]
"""("law", id): a law's title, names and dates (all but its articles); ("article", id, (number, sub)): one article;
("articles", id): every article of a law; ("outline", id): where each article of a law stands, not its text;
("name", name): which law a name finds; ("names",): every name;
("all",): every law."""
Reads = tuple[Read, ...]  # a tuple, not a set: held with every page of a 10,000-matter site

EVERYTHING: Reads = (("all",),)
NOTHING: Reads = ()

# The recordings under way, innermost last: a value made inside a page is recorded for itself and for the page.
ACTIVE: list[set[Read]] = []


def note(read: Read) -> None:
    """Record read in every recording under way (callers test ACTIVE first: reads are made millions of times)."""
    for reads in ACTIVE:
        reads.add(read)


def replay(reads: Iterable[Read]) -> None:
    """Record again what a value kept from earlier read when it was made: its reads are those of whatever uses it."""
    for recording in ACTIVE:
        recording.update(reads)


@contextmanager
def recording() -> Iterator[set[Read]]:
    """Record every read of the library made inside the block into the set given (see kept)."""
    reads: set[Read] = set()
    ACTIVE.append(reads)
    try:
        yield reads
    finally:
        del ACTIVE[next(i for i in range(len(ACTIVE) - 1, -1, -1) if ACTIVE[i] is reads)]


def kept(reads: set[Read]) -> Reads:
    """Reads as they are held: each read one object, however many pages made it."""
    return tuple(_ONE.setdefault(r, r) for r in reads) if reads else NOTHING


_ONE: dict[Read, Read] = {}  # a few thousand: the articles and names of the library


def _value(library: Library, read: Read) -> object:
    """What read finds in library, without recording it."""
    kind = read[0]
    if kind == "name":
        return library.known_as(str(read[1]))
    if kind == "names":
        return library.name_table()
    law = library.law_unrecorded(str(read[1]))
    if law is None:
        return None
    if kind == "law":
        return law.meta
    if kind == "articles":
        return law.every_article()
    if kind == "outline":
        return law.outline_unrecorded()
    number, sub = cast(tuple[int, int], read[2])
    return law.article_unrecorded(number, sub)


class _Comparison:
    """Whether each read finds the same in two libraries, each read compared once."""

    def __init__(self, old: Library, new: Library) -> None:
        self.old, self.new = old, new
        self.same: dict[Read, bool] = {}

    def holds(self, reads: Iterable[Read]) -> bool:
        for read in reads:
            same = self.same.get(read)
            if same is None:
                same = self.same[read] = read != ("all",) and _value(self.old, read) == _value(self.new, read)
            if not same:
                return False
        return True


_COMPARISONS: list[_Comparison] = []
_KEPT = 4  # `serve` compares the newest library with the one or two before it


def unchanged(old: Library, new: Library, reads: Iterable[Read]) -> bool:
    """Whether everything reads records finds the same in new as in old."""
    if old is new:
        return True
    found = next((c for c in _COMPARISONS if c.old is old and c.new is new), None)
    if found is None:
        found = _Comparison(old, new)
        _COMPARISONS.insert(0, found)
        del _COMPARISONS[_KEPT:]
    return found.holds(reads)
