"""Link check of a built site: every internal link leads to a file, and every #anchor to an id in it."""

from __future__ import annotations

import json
import posixpath
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..model.urls import URLS
from ..pages.listings import MATTER_ROWS
from ..pages.search import INDEX_PATH
from ..pages.training_pages import QUIZ_DATA
from .sitecheck import pieces

# Bytes, not text: the print page of a large list is over 100 MB; only the links and ids are decoded.
_REF = re.compile(rb"<(?:a|link|script|img|iframe|source)\b[^>]*?\b(?:href|src)=\"([^\"]*)\"", re.IGNORECASE)
_ID = re.compile(rb"\bid=\"([^\"]+)\"")
_EXTERNAL = ("http:", "https:", "mailto:", "tel:", "javascript:", "data:", "//")


def broken_links(site_dir: Path) -> list[str]:
    """Every internal link or anchor that leads nowhere, as 'page: target (why)', in the pages and in the search
    and quiz data (their URLs are from the site root)."""
    files = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    ids = _Ids(site_dir)
    out = []
    for source, target in data_links(site_dir):
        problem = _check(files, "index.html", target, ids)
        if problem:
            out.append(f"{source}: {target}（{problem}）")
    # A link means the same from every page of a folder (the matter pages all link the same articles):
    # each is checked once per folder, except those to the page itself.
    seen: dict[tuple[str, str], str] = {}
    for rel in sorted(f for f in files if f.endswith(".html")):
        folder = posixpath.dirname(rel)
        targets = dict.fromkeys(t.decode("utf-8", errors="replace")
                                for piece in pieces(site_dir / rel) for t in _REF.findall(piece))
        for target in targets:
            if not target or target.startswith(("#", "?")):
                problem = _check(files, rel, target, ids)
            else:
                key = (folder, target)
                if key not in seen:
                    seen[key] = _check(files, rel, target, ids)
                problem = seen[key]
            if problem:
                out.append(f"{rel}: {target}（{problem}）")
    return out


def data_links(site_dir: Path) -> list[tuple[str, str]]:
    """The links in the scripts that hold data: each search result's page, each quiz question's explanation, each
    matter, category and cited place of the list's rows."""
    out: list[tuple[str, str]] = []
    index = script_data(site_dir / INDEX_PATH, "YJZF_SEARCH")
    if isinstance(index, dict) and isinstance(index.get("docs"), dict):
        docs = index["docs"]
        for url, code in zip(docs.get("url", []), docs.get("code", []), strict=False):
            # "" is a matter's own page (the index leaves it out to stay small).
            out.append((INDEX_PATH, url or URLS.output(URLS.matter(code))))
    quiz = script_data(site_dir / QUIZ_DATA, "YJZF_QUIZ")
    for question in quiz if isinstance(quiz, list) else []:
        if isinstance(question, dict) and question.get("explain"):
            out.append((QUIZ_DATA, str(question["explain"])))
    rows = script_data(site_dir / MATTER_ROWS, "YJZF_MATTERS")
    if isinstance(rows, dict):
        for row in rows.get("rows", []):
            out.append((MATTER_ROWS, URLS.output(URLS.matter(str(row[0])))))
        out += [(MATTER_ROWS, str(url)) for _, url in rows.get("categories", []) + rows.get("cites", [])]
    return out


def script_data(path: Path, name: str) -> Any:
    """The JSON a data script assigns to window.<name>, or None."""
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8").strip()
    prefix = f"window.{name}="
    if not text.startswith(prefix):
        return None
    try:
        return json.loads(text[len(prefix):].removesuffix(";"))
    except ValueError:
        return None


class _Ids:
    """The ids of each page, read once."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir

    @cache  # noqa: B019  (one instance per check; the cache dies with it)
    def of(self, rel: str) -> frozenset[str]:
        return frozenset(i.decode("utf-8", errors="replace") for piece in pieces(self.site_dir / rel)
                         for i in _ID.findall(piece))


def _check(files: set[str], page: str, target: str, ids: _Ids) -> str:
    if not target or target.startswith(_EXTERNAL):
        return ""
    parts = urlsplit(target)
    path = unquote(parts.path)
    if path.startswith("/"):  # the 404 page links from the site root, wherever it is served
        rel = posixpath.normpath(path.lstrip("/")) if path.strip("/") else "index.html"
    else:
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    if rel.startswith("../") or rel == "..":
        return "指向网站之外"
    if rel not in files and posixpath.join(rel, "index.html") in files:
        rel = posixpath.join(rel, "index.html")
    if rel not in files:
        return "没有这个文件"
    fragment = unquote(parts.fragment)
    if fragment and rel.endswith(".html") and fragment not in ids.of(rel):
        return f"没有锚点 #{fragment}"
    return ""
