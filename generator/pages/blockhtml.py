"""Generated Markdown blocks made into HTML by the generator itself, with the site's Markdown settings, once each.

The largest repeated or often-edited pieces of a page (a matter's 谁来办理, its official texts, penalty table and
stage items, a study page's items) are fragments: HTML put into the built page after the engine (fragments.py).
They are converted here, each distinct text once, so that the engine converts only what is left of the page, and
`serve` converts only the piece an edit changed; a piece many pages hold alike is one fragment they share.
The extensions are mkdocs.yml's, less the table of contents (fragments hold no headings; a test keeps the two
lists together).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import signal
import threading
from functools import lru_cache

import markdown as markdown_lib

from ..model.urls import URLS
from .fragments import marker

EXTENSIONS = ("admonition", "attr_list", "md_in_html", "tables", "pymdownx.details")


def block_html(markdown: str) -> str:
    """A generated Markdown block (its links already made) as HTML, its page links pointing at .html pages."""
    key = _key(markdown)
    found = _MADE.get(key)
    if found is None:
        if len(_MADE) >= MAX_HELD:  # `serve` after many edits: start again rather than grow
            _MADE.clear()
        found = _MADE[key] = _convert(markdown)
    return found


BLOCK_START = "<!--block-->"
BLOCK_END = "<!--/block-->"
_BLOCK = re.compile(f"^{BLOCK_START}\n(.*?)^{BLOCK_END}$", re.M | re.S)


def shared_blocks(page: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The page with each region between BLOCK_START and BLOCK_END lines made a fragment, and those fragments.

    A template marks the pieces that many pages hold alike (an article's official text, a penalty table, the
    delegation table): each distinct piece is converted once, and its key is its digest, so that every page
    holding it shares one fragment. A region is top-level Markdown with no heading (the table of contents is
    the page's).
    """
    made: dict[str, str] = {}

    def one(found: re.Match[str]) -> str:
        text = found.group(1).strip("\n")
        if not text:
            return ""
        key, html = shared_fragment(block_html(text))
        made[key] = html
        return marker(key, html)
    return _BLOCK.sub(one, page), tuple(made.items())


def pieces(markdown: str) -> list[str]:
    """The Markdown cut at its BLOCK_START/BLOCK_END regions: the regions and what lies between, in order."""
    out, at = [], 0
    for found in _BLOCK.finditer(markdown):
        out += [markdown[at:found.start()], found.group(1)]
        at = found.end()
    out.append(markdown[at:])
    return [p.strip("\n") for p in out if p.strip("\n")]


def pieces_html(markdown: str) -> str:
    """Top-level Markdown as HTML, each piece (see pieces) converted once: the same as converting it whole."""
    return "\n".join(block_html(p) for p in pieces(markdown))


def table_html(markdown: str) -> str:
    """A pipe table (its head, its rule, then a row per line) as HTML, each row converted once (block_html) under
    the head: a row converts alike alone and among others, so that an edit converts only the rows it changed.
    Where most rows are new (a build), the table is converted whole, once, and cut into its rows for later.
    Anything else (no rows, a blank line, what does not convert to one table) is converted whole."""
    lines = markdown.strip("\n").split("\n")
    head, rows = "\n".join(lines[:2]), lines[2:]
    if not rows or not all(r.strip() for r in rows):
        return block_html(markdown)
    alone = [f"{head}\n{row}" for row in rows]
    if sum(_key(a) not in _MADE for a in alone) > len(rows) // 2:
        _cut(_convert(markdown), alone)
    made = []
    for one in map(block_html, alone):
        top, body = _split(one)
        if top is None:
            return block_html(markdown)
        made.append((top, body))
    if len({top for top, _ in made}) != 1:
        return block_html(markdown)
    return made[0][0] + "\n".join(body for _, body in made) + _BODY_END


def _parts(table: str) -> tuple[str, str] | None:
    """A table's HTML as its top (up to its body) and its rows; None if it is not one table with a body."""
    start = table.find(_BODY)
    if not table.startswith("<table>") or start < 0 or not table.endswith(_BODY_END):
        return None
    return table[:start + len(_BODY)], table[start + len(_BODY):len(table) - len(_BODY_END)]


def _split(table: str) -> tuple[str | None, str]:
    """A one-row table's HTML as its top and its row; (None, "") if it is not that."""
    parts = _parts(table)
    return parts if parts is not None and table.count("<tr>") == 2 else (None, "")


def _cut(whole: str, alone: list[str]) -> None:
    """Hold, for each one-row table of alone, the HTML the whole table's conversion gives its row; nothing where
    the whole cannot be cut exactly (each row is then converted alone)."""
    parts = _parts(whole)
    if parts is None:
        return
    top, inner = parts
    bodies = [f"<tr>{b}</tr>" for b in inner.removeprefix("<tr>").removesuffix("</tr>").split("</tr>\n<tr>")]
    if len(bodies) != len(alone) or "\n".join(bodies) != inner or any(b.count("<tr>") != 1 for b in bodies):
        return
    if len(_MADE) + len(alone) >= MAX_HELD:
        _MADE.clear()
    for markdown, body in zip(alone, bodies, strict=True):
        _MADE[_key(markdown)] = top + body + _BODY_END


_BODY, _BODY_END = "<tbody>\n", "\n</tbody>\n</table>"


def numbered_html(items: list[str]) -> str:
    """Markdown blocks as the items of a numbered list, each converted once (as a loose Markdown list would be)."""
    if not items:
        return ""
    return "<ol>\n" + "\n".join(f"<li>\n{block_html(item)}\n</li>" for item in items) + "\n</ol>"


def shared_fragment(html: str) -> tuple[str, str]:
    """A fragment keyed by its digest, so that every page holding the same HTML shares it."""
    return "block-" + _key(html).hex()[:20], html


def _key(markdown: str) -> bytes:
    # A digest, not the text: at 10,000 matters the study items' Markdown would hold 70 MiB for nothing.
    return hashlib.blake2b(markdown.encode("utf-8"), digest_size=20).digest()


def prefetch(blocks: list[str]) -> None:
    """Convert many blocks on every core at once (a build's study pages); block_html then finds them made.

    Only from a process with one thread (a build): forking beside other threads (`serve`'s server) is unsafe,
    and `serve` converts a few blocks at a time anyway. Not from a helper process (one making pages beside the
    build's, which may not start processes of its own): the build uses every core already.
    """
    todo = [b for b in dict.fromkeys(blocks) if _key(b) not in _MADE]
    workers = min(os.cpu_count() or 1, len(todo) // PER_WORKER)
    if (workers < 2 or threading.active_count() > 1 or multiprocessing.current_process().daemon
            or "fork" not in multiprocessing.get_all_start_methods()):
        return
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=default_stop_signals)
    try:
        made = pool.map(_convert, todo, chunksize=max(1, len(todo) // (workers * 4)))
        # Closed, not terminated (as `with Pool()` does): a worker stopped by SIGTERM while it held the task queue's
        # lock, or one started just then, left another waiting for that lock for ever, and the build with it.
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
    for markdown, html in zip(todo, made, strict=True):
        _MADE[_key(markdown)] = html


# The signals `serve` makes stop it as Ctrl-C does (plugin.stop_on_signals), by name: not every system has each.
STOP_SIGNALS = ("SIGTERM", "SIGHUP", "SIGQUIT")


def default_stop_signals() -> None:
    """Give a forked worker the default stopping signals: a pool or a build stops its workers by SIGTERM, and the
    handler `serve` installs (plugin.stop_on_signals), inherited by the fork, made each print a traceback."""
    for name in STOP_SIGNALS:
        sig = getattr(signal, name, None)
        if sig is not None:
            signal.signal(sig, signal.SIG_DFL)


def _convert(markdown: str) -> str:
    return str(_converter().reset().convert(_MD_LINK.sub(lambda x: x.group(1) + URLS.output(x.group(2)) + ")",
                                                          markdown)))


MAX_HELD = 50_000
PER_WORKER = 32  # fewer blocks than this per core are converted here, without starting processes
_MADE: dict[bytes, str] = {}  # by the digest of the Markdown


@lru_cache(maxsize=1)
def _converter() -> markdown_lib.Markdown:
    return markdown_lib.Markdown(extensions=list(EXTENSIONS))


_MD_LINK = re.compile(r"(\]\()([^)\s]+)\)")
