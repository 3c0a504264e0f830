"""A content-addressed cache of Markdown → HTML conversions, shared by every edition and every rebuild.

A page's entry is keyed on what its conversion is made from: the page's Markdown (fragment digests left out:
fragments are put in after conversion), its path, the set of pages it may link to, the Markdown settings
and the MkDocs version. Identical inputs give identical HTML, so a hit is served without converting; any
change of input is a new key. Entries are plain JSON files written atomically: deleting the folder only
makes the next build convert everything again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = "2"  # bump when what an entry holds changes
SUFFIX = ".entry"
_DIGEST = re.compile(r' data-digest="[0-9a-f]+"')


@dataclass(frozen=True)
class Rendered:
    """What a conversion yields: the HTML, the table of contents, the title, and the anchors."""

    content: str
    toc: list[dict[str, Any]]          # [{title, id, level, children}]
    title: str | None
    anchors: list[str]                 # ids present in the page
    links_to_anchors: dict[str, dict[str, str]] | None  # {linked page's src_uri: {anchor: original link}}


def context_key(settings: object, paths: Iterable[str]) -> str:
    """The part of every key shared by one build: Markdown settings, versions, the set of pages."""
    h = hashlib.sha256(FORMAT.encode())
    h.update(repr(settings).encode("utf-8"))
    for path in sorted(paths):
        h.update(b"\0" + path.encode("utf-8"))
    return h.hexdigest()


def page_key(context: str, src_uri: str, markdown: str) -> str:
    """A page's key: the build context, its path, and its Markdown without fragment digests."""
    h = hashlib.sha256(context.encode())
    h.update(b"\0" + src_uri.encode("utf-8") + b"\0")
    h.update(_DIGEST.sub("", markdown).encode("utf-8"))
    return h.hexdigest()


class RenderCache:
    """Entries under root/<2 hex>/<key>.entry: a line of JSON (everything but the HTML), then the HTML.

    The engine of a staged build reads the first line when it lays out the site and the HTML only when it writes
    the page (lazy), so that the HTML of each page is read once.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}{SUFFIX}"

    def get(self, key: str, content: bool = True) -> Rendered | None:
        """The entry for key (without its HTML unless content), or None (a missing, damaged or foreign entry is
        a miss)."""
        try:
            with self._path(key).open(encoding="utf-8", newline="") as f:  # the HTML exactly as stored
                data = json.loads(f.readline())
                found = Rendered(content=f.read() if content else "", **data)
        except (OSError, ValueError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, key: str, rendered: Rendered) -> None:
        """Store an entry; a cache that cannot be written is only slower, never an error."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        except OSError:
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                meta = {k: v for k, v in rendered.__dict__.items() if k != "content"}
                f.write(json.dumps(meta, ensure_ascii=False) + "\n" + rendered.content)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)


def stable_repr(value: object) -> str:
    """Settings as text that is the same in every process (functions by name, not by address)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=lambda o: getattr(
        o, "__qualname__", type(o).__qualname__) + repr(getattr(o, "keywords", "")))


def toc_items(items: Iterable[Any]) -> list[dict[str, Any]]:
    """A MkDocs table of contents as plain data."""
    return [{"title": a.title, "id": a.id, "level": a.level, "children": toc_items(a.children)} for a in items]


class WarningCount(logging.Handler):
    """Counts MkDocs warnings: a page that warned while converting is not cached (strict must see it again)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def serve_from_cache(cache: RenderCache, key: str, page: Any, warnings: WarningCount, lazy: bool = False,
                     quick: Callable[[Any, Any, Any], Rendered | None] | None = None) -> bool:
    """Make page.render use the cached conversion for key, or convert and store it (MkDocs Page); True on a hit.

    lazy: a hit leaves the page's HTML out (content ""), for the caller to fetch just before the page is written
    (content_of), so that an engine never holds every page's HTML at once.
    quick: a conversion tried before the engine's on a miss (quick.quick_render), or None where it gives up.
    """
    hit = cache.get(key, content=not lazy)
    original = page.render

    def from_cache(config: Any, files: Any) -> None:
        assert hit is not None
        _apply(page, hit, files, "" if lazy else hit.content)

    def convert_and_store(config: Any, files: Any) -> None:
        made = quick(page, config, files) if quick is not None else None
        if made is not None:
            _apply(page, made, files, made.content)
            cache.put(key, made)
            return
        before = warnings.count
        original(config, files)
        if warnings.count != before:
            return
        links = getattr(page, "links_to_anchors", None)
        cache.put(key, Rendered(page.content or "", toc_items(page.toc), page._title_from_render,
                                sorted(page.present_anchor_ids or ()),
                                {f.src_uri: dict(v) for f, v in links.items()} if links is not None else None))

    page.render = from_cache if hit is not None else convert_and_store
    return hit is not None


def _apply(page: Any, rendered: Rendered, files: Any, content: str) -> None:
    """Set on a MkDocs Page what its render would have (content: its HTML, or "" until it is written)."""
    from mkdocs.structure.toc import AnchorLink, TableOfContents

    def anchor(d: dict[str, Any]) -> AnchorLink:
        a = AnchorLink(d["title"], d["id"], d["level"])
        a.children = [anchor(c) for c in d["children"]]
        return a

    page.content = content
    page.toc = TableOfContents([anchor(d) for d in rendered.toc])
    page._title_from_render = rendered.title
    page.present_anchor_ids = set(rendered.anchors)
    if rendered.links_to_anchors is not None:
        page.links_to_anchors = {f: links for uri, links in rendered.links_to_anchors.items()
                                 if (f := files.get_file_from_path(uri)) is not None}


def content_of(cache: RenderCache, key: str) -> str | None:
    """The HTML of a cached conversion (for a page served lazily), or None if the entry is gone."""
    entry = cache.get(key)
    return entry.content if entry is not None else None
