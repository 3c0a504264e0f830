"""The engine's conversion of the plainest pages, made directly: the same HTML, without Python-Markdown.

A matter page's Markdown is a few headings, a table, the list's quotes and the markers of its fragments; the
engine takes about 2 ms to convert it, most of a build's conversions. This module reads such a page line by line
and writes what the engine would: the same HTML, table of contents, title, anchors and links to anchors. It
reads only what it knows exactly and gives up on anything else (the engine converts that page as ever):

- lines: ATX headings of plain text, pipe tables (no alignment), one-line paragraphs, `??? kind "title"` blocks
  holding a quote of one-line paragraphs, and the fragment markers (fragments.marker);
- inline: text with no Markdown punctuation (the escape module writes each such character of the data as a
  character reference), character references, links to files of the site, and `<strong class="code">`, `<br>`;
- the site's Markdown settings only (mkdocs.yml's extensions, with the table of contents' permalinks and
  slugs): `applies` tells the plugin whether the engine it runs in has them.

Links are made by the engine's own code (its relative-path processor), so that they resolve, and are recorded
for its anchor check, as in its conversion. Tests compare its conversion with each engine's on every page of the
fixture site and on random pages of the grammar with anything mixed in.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..pages.escape import MD_CHARS
from .rendercache import Rendered

# This module's own text: the render cache keys every entry on it (plugin), so that a change here is a new key.
QUICK_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
# The extensions whose output is written here (MkDocs adds toc, tables and fenced_code to every list).
EXTENSIONS = frozenset({"toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html",
                        "pymdownx.details"})

# Markdown punctuation (escape.MD_CHARS) less what no construct read here starts mid-line: "." "-" ":" (a line that
# starts with them is not read as a paragraph: see _PARAGRAPH_START).
_NOT_PLAIN = re.escape(MD_CHARS.translate({ord(c): None for c in ".-:"}))
_PLAIN = rf"[^{_NOT_PLAIN}\s\x00-\x1f\x7f]| "  # a character Markdown reads as itself (space: one at a time)
_REF = r"&#[0-9]{1,7};"
_TEXT = rf"(?:{_PLAIN}|{_REF})+"
_INLINE = re.compile(rf"(?P<text>{_TEXT})"
                     rf"|\[(?P<label>{_TEXT})\]\((?P<url>[A-Za-z0-9_.-][A-Za-z0-9_./-]*(?:#[\w-]+)?|#[\w-]+)\)"
                     r'|(?P<tag><strong class="code">|</strong>|<br>)')
_HEADING = re.compile(rf"(#{{1,6}}) ((?:{_PLAIN})+)")
_MARKER = re.compile(r'<div data-fragment="[A-Za-z0-9_.-]+" data-digest="[0-9a-f]+"></div>')
_DETAILS = re.compile(rf'\?\?\? ([a-z]+) "((?:{_PLAIN})+)"')
_QUOTE_LINE = "    > "
_QUOTE_GAP = "    >"
_ROW = re.compile(r"\| (.*) \|")
_RULE = re.compile(r"\|(?: --- \|)+")
_PARAGRAPH_START = re.compile(r"[\[&]|[^\s\d\[\]<>#|!?:=~`*_+\-.{}()\\\"'^@$]")

Link = Callable[[str], str | None]


def applies(config: Any) -> bool:
    """Whether the engine's Markdown settings are the ones this module writes (else every page is converted)."""
    from pymdownx.slugs import slugify

    mdx = config["mdx_configs"] or {}
    toc = mdx.get("toc", {})
    if set(config["markdown_extensions"]) != EXTENSIONS or set(mdx) - {"toc"} or set(toc) != {"permalink", "slugify"}:
        return False
    ours, theirs = slugify(case="lower"), toc["slugify"]
    return toc["permalink"] is True and type(theirs) is type(ours) and all(
        getattr(theirs, name, None) == getattr(ours, name, None) for name in ("func", "args", "keywords"))


class _Unknown(Exception):
    """Something this module does not write exactly: the engine converts the page."""


def quick_render(page: Any, config: Any, files: Any) -> Rendered | None:
    """The engine's conversion of page (a MkDocs Page whose Markdown is read), or None where it must convert it."""
    if page.markdown is None or page.file.inclusion.is_excluded():
        return None  # the engine says what is wrong, or leaves the page out
    engine = sys.modules[type(page).__module__]  # MkDocs or ProperDocs: their own link code
    links_code = getattr(engine, "_RelativePathTreeprocessor", None)
    if links_code is None or not all(hasattr(links_code, name) for name in ("_target_uri", "path_to_url")):
        return None  # a page of another kind, or an engine without this code: the engine's own conversion
    paths = links_code(page.file, files, config)

    def link(url: str) -> str | None:
        parts = urlsplit(url)
        if parts.path:
            target = paths._target_uri(page.file.src_uri, unquote(parts.path))
            found = files.get_file_from_path(target)
            if found is None or found.inclusion.is_excluded():
                return None  # the engine warns, and suggests what was meant
        return str(paths.path_to_url(url))

    slugify = config["mdx_configs"]["toc"]["slugify"]
    from markdown.extensions.toc import nest_toc_tokens, unique

    used: set[str] = set()
    counters: dict[str, int] = {}
    tokens: list[dict[str, Any]] = []

    def heading(level: int, text: str) -> str:
        # In the order of the page, as the engine's table of contents names them and its link code meets them.
        anchor = unique(slugify(text, "-"), used, counters)
        tokens.append({"level": level, "id": anchor, "name": text})
        return f'<h{level} id="{anchor}">{text}<a class="headerlink" href="{paths.path_to_url("#" + anchor)}" ' \
               f'title="Permanent link">&para;</a></h{level}>'

    try:
        content = _blocks(page.markdown, link, heading)
    except _Unknown:
        return None
    title = tokens[0]["name"] if content.startswith("<h1 ") else None
    links = {f.src_uri: dict(v) for f, v in paths.links_to_anchors.items()} \
        if engine.log.getEffectiveLevel() > logging.DEBUG else None
    return Rendered(content, _toc(nest_toc_tokens(tokens)), title, sorted(used), links)


def _toc(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"title": t["name"], "id": t["id"], "level": t["level"], "children": _toc(t["children"])}
            for t in tokens]


def _blocks(markdown: str, link: Link, heading: Callable[[int, str], str]) -> str:
    """The page's HTML."""
    lines = markdown.replace("\r\n", "\n").split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        if i and lines[i - 1]:
            raise _Unknown  # every block here follows a blank line
        if found := _HEADING.fullmatch(line):
            level, text = len(found.group(1)), found.group(2)
            if text != text.strip() or "  " in text:
                raise _Unknown
            out.append(heading(level, text))
            i += 1
        elif _MARKER.fullmatch(line):
            out.append(line + "\n")
            i += 1
        elif line.startswith("| "):
            i = _table(lines, i, out, link)
        elif details := _DETAILS.fullmatch(line):
            i = _details(lines, i + 1, details.group(1), details.group(2), out, link)
        else:
            if not _PARAGRAPH_START.match(line):
                raise _Unknown
            out.append(f"<p>{_inline(line, link)}</p>")
            i += 1
        if i < len(lines) and lines[i]:
            raise _Unknown  # and is followed by one
    return "\n".join(out).strip()  # as the engine leaves it


def _table(lines: list[str], i: int, out: list[str], link: Link) -> int:
    head = _cells(lines[i])
    if i + 1 >= len(lines) or not _RULE.fullmatch(lines[i + 1]) or lines[i + 1].count("---") != len(head):
        raise _Unknown
    rows = []
    i += 2
    while i < len(lines) and lines[i]:
        row = _cells(lines[i])
        if len(row) != len(head):
            raise _Unknown
        rows.append(row)
        i += 1
    if not rows:
        raise _Unknown  # the engine adds an empty row
    html = ["<table>", "<thead>", "<tr>", *(f"<th>{_inline(c, link)}</th>" for c in head), "</tr>", "</thead>",
            "<tbody>"]
    for row in rows:
        html += ["<tr>", *(f"<td>{_inline(c, link)}</td>" for c in row), "</tr>"]
    out.append("\n".join([*html, "</tbody>", "</table>"]))
    return i


def _cells(line: str) -> list[str]:
    row = _ROW.fullmatch(line)
    if row is None:
        raise _Unknown
    cells = row.group(1).split(" | ")
    if any(c != c.strip() or "|" in c for c in cells):
        raise _Unknown
    return cells


def _details(lines: list[str], i: int, kind: str, title: str, out: list[str], link: Link) -> int:
    paragraphs: list[str] = []
    gap = True
    while i < len(lines) and lines[i]:
        line = lines[i]
        if line == _QUOTE_GAP and not gap:
            gap = True
        elif line.startswith(_QUOTE_LINE) and gap and _PARAGRAPH_START.match(line[len(_QUOTE_LINE):]):
            paragraphs.append(f"<p>{_inline(line[len(_QUOTE_LINE):], link)}</p>")
            gap = False
        else:
            raise _Unknown
        i += 1
    if not paragraphs or gap:
        raise _Unknown
    out.append("\n".join([f'<details class="{kind}">', f"<summary>{title}</summary>", "<blockquote>", *paragraphs,
                           "</blockquote>", "</details>"]))
    return i


def _inline(text: str, link: Link) -> str:
    out: list[str] = []
    at = 0
    while at < len(text):
        m = _INLINE.match(text, at)
        if m is None:
            raise _Unknown
        if m.group("url") is not None:
            url = link(m.group("url"))
            if url is None:
                raise _Unknown
            out.append(f'<a href="{url}">{m.group("label")}</a>')
        else:
            out.append(m.group(0))
        at = m.end()
    if text != text.strip() or "  " in text:
        raise _Unknown  # Markdown strips or breaks lines there
    return "".join(out)
