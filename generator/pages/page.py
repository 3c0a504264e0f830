"""Generated pages as values, made by pure functions of the model and reused while their inputs are the same.

A page declares what it was made from (its inputs: the model objects it reads). Its key is its path and
those inputs; `serve` renders every page on every edit, and a page whose key is unchanged is not made again.
No other cache of pages exists: a page that reads something must name it in its inputs. The one exception is the
law library of a recipe that names it apart (Recipe.library): what the page reads of it is recorded as it is made
(model/reads.py), and the page is reused with another library only where all it read is the same there.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Hashable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from ..model import reads as libreads
from ..model.docs import page_title
from ..model.model import Library


class Inputs:
    """What a page was made from: a tuple of hashable model objects, hashed once (pages are looked up often)."""

    __slots__ = ("_hash", "parts")

    def __init__(self, *parts: Hashable) -> None:
        self.parts = parts
        self._hash = hash(parts)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        # Identity first: a tuple compares its items by identity before equality, so an unchanged
        # model object costs nothing; a reloaded one (`serve`) is compared field by field.
        return isinstance(other, Inputs) and (self is other or (self._hash == other._hash
                                                                 and self.parts == other.parts))

    def __repr__(self) -> str:
        return f"Inputs{self.parts!r}"


def digest(value: Any) -> str:
    """A stable digest of plain data (lists and dicts from YAML) that is not hashable as it is."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes, its title, its Markdown, its HTML fragments, and what it was made from.

    fragments are put into the built page after Markdown (see fragments.py); the body holds their markers.
    """

    path: str
    title: str
    body: str
    inputs: Inputs = field(compare=False)
    fragments: tuple[tuple[str, str], ...] = ()
    library: Library | None = field(default=None, compare=False)  # the recipe's library, if it named one
    reads: libreads.Reads = field(default=libreads.EVERYTHING, compare=False)  # what the page read of it

    @property
    def key(self) -> tuple[str, Inputs]:
        """The page's cache key: its path and its inputs."""
        return (self.path, self.inputs)


Made = tuple[str, tuple[tuple[str, str], ...]]  # a page's body and its fragments


T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Later(Protocol[T_co]):
    """A value being made elsewhere."""

    def result(self) -> T_co:
        """The value, once made."""


class Beside(Protocol):
    """Runs a function elsewhere (the other core) while the caller goes on: the adapters' forked.Elsewhere."""

    def __call__(self, make: Callable[[], T]) -> AbstractContextManager[Later[T]]:
        """Start make; its value comes from the context's Later."""


MIN_AWAY = 64  # fewer pages than this to make are made here: starting a process would cost more


@dataclass(frozen=True)
class Recipe:
    """How to make a page: its path, what it is made from, and the pure function that makes it from them.

    library: a law library the page is made from besides its inputs, what it reads of it recorded (reads.py).
    """

    path: str
    inputs: Inputs
    make: Callable[[], str | Made]
    library: Library | None = None


def made(recipe: Recipe) -> tuple[str | Made, libreads.Reads]:
    """What the recipe's function makes, and what it read of the recipe's library (if it names none: anything)."""
    if recipe.library is None:
        return recipe.make(), libreads.EVERYTHING
    with libreads.recording() as read:
        out = recipe.make()
    return out, libreads.kept(read)


def halves(recipes: list[Recipe]) -> list[Recipe]:
    """Every other recipe of each kind (a folder and the name's first word: matters/, training/study-, laws/ …):
    pages of one kind cost alike, and kinds come in runs (a category's study page, then its inspection sheet)."""
    seen: dict[str, int] = {}
    out = []
    for r in recipes:
        folder, _, name = r.path.rpartition("/")
        kind = f"{folder}/{name.split('-')[0] if '-' in name else ''}"
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] % 2 == 0:
            out.append(r)
    return out


class Shelf:
    """The pages of the last two renders, by key: a page with the same key is taken, not made again.

    Two renders are kept so that editions built one after another (and `serve` going back and forth) share
    what they have in common; anything older is dropped, which bounds the memory to two sites' pages.
    """

    def __init__(self, parts: Shelf | None = None, keep: bool = True) -> None:
        self.parts = parts  # a shelf of pieces shared by pages (begun and cleared with this one)
        self.keep = keep    # False: make every page, keep none (a shelf used only when several editions are built)
        self._current: dict[tuple[str, Inputs], Page] = {}
        self._previous: dict[tuple[str, Inputs], Page] = {}
        self._shared: dict[Inputs, Inputs] = {}
        self._shared_before: dict[Inputs, Inputs] = {}
        self.made = 0
        self.reused = 0

    def begin(self) -> None:
        """Start a render: what the last one used is kept for this one."""
        if self._current:
            self._previous, self._current = self._current, {}
            self._shared_before, self._shared = self._shared, {}
        self.made = self.reused = 0
        if self.parts is not None:
            self.parts.begin()

    def page(self, recipe: Recipe, elsewhere: tuple[str | Made, libreads.Reads] | None = None) -> Page:
        """The page of a recipe: the one on the shelf with its key (and what it read of the recipe's library the
        same), or the one its function makes (elsewhere: what it made elsewhere, and read)."""
        key = (recipe.path, recipe.inputs)
        found = self._found(key, recipe)
        if found is None:
            out, read = made(recipe) if elsewhere is None else elsewhere
            body, fragments = (out, ()) if isinstance(out, str) else out
            found = Page(recipe.path, page_title(body, recipe.path), body, recipe.inputs, fragments,
                         recipe.library, read)
            self.made += 1
        else:
            if libreads.ACTIVE:  # a page's piece (PARTS) reused inside a page being made: the page read it too
                libreads.replay(found.reads)
            self.reused += 1
        if self.keep:
            self._current[key] = found
        return found

    def _found(self, key: tuple[str, Inputs], recipe: Recipe) -> Page | None:
        found = self._current.get(key) or self._previous.get(key)
        if found is None or recipe.library is None or found.library is recipe.library:
            return found
        return found if found.library is not None and libreads.unchanged(found.library, recipe.library,
                                                                      found.reads) else None

    def pages(self, recipes: list[Recipe], beside: Beside | None = None) -> list[Page]:
        """The pages of recipes, in order; given beside, every other page not on the shelf is made by the function
        it starts (on the other core) while this process makes the rest."""
        if beside is None:
            return [self.page(r) for r in recipes]
        todo = [r for r in recipes if not self.holds(r)]
        away = halves(todo) if len(todo) >= MIN_AWAY else []
        if not away:
            return [self.page(r) for r in recipes]
        handed = {id(r) for r in away}
        with beside(lambda: [made(r) for r in away]) as later:
            here = {id(r): self.page(r) for r in recipes if id(r) not in handed}
            results = later.result()
        there = {id(r): self.page(r, m) for r, m in zip(away, results, strict=True)}
        return [here[id(r)] if id(r) in here else there[id(r)] for r in recipes]

    def holds(self, recipe: Recipe) -> bool:
        """Whether the recipe's page is on the shelf."""
        return self._found((recipe.path, recipe.inputs), recipe) is not None

    def intern(self, inputs: Inputs) -> Inputs:
        """The equal inputs already on the shelf, if any: many pages share them, and identity compares fastest."""
        held = self._shared.get(inputs) or self._shared_before.get(inputs) or inputs
        self._shared[held] = held
        return held

    def clear(self) -> None:
        """Forget every page (tests, and a build that must not reuse anything)."""
        self._current, self._previous, self._shared, self._shared_before = {}, {}, {}, {}
        if self.parts is not None:
            self.parts.clear()


# Pieces of pages that every edition shares (a matter page's body without its 谁来办理 block): kept only while
# several editions are built (cli), since one edition would hold each matter page twice for nothing.
PARTS = Shelf(keep=False)
SHELF = Shelf(PARTS)


def as_dict(pages: Iterable[Page]) -> dict[str, str]:
    """Pages as {docs path: Markdown}."""
    return {p.path: p.body for p in pages}
