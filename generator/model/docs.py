"""Hand-written pages (docs/): their titles, and the law they cite."""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .citations import link_citations
from .errors import Problem
from .model import ArticleKey, Library

_TITLE_META = re.compile(r"\A---\s*\n(?:.*\n)*?title:\s*(.+?)\s*\n(?:.*\n)*?---\s*\n")
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class PageCite:
    """A page that cites an article: its docs path and title."""

    path: str
    title: str


def read_docs(docs_dir: Path) -> dict[str, str]:
    """Every Markdown page under docs_dir, as {docs path: text}."""
    if not docs_dir.is_dir():
        return {}
    return {p.relative_to(docs_dir).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs_dir.rglob("*.md"))}


def page_title(markdown: str, path: str) -> str:
    """The page's title: front matter title, else its first # heading, else its file name."""
    meta = _TITLE_META.match(markdown)
    if meta:
        value = meta.group(1)
        if value.startswith('"'):  # a generated page's title: JSON-quoted, HTML-escaped (escape.front_title)
            try:
                return html.unescape(json.loads(value))
            except ValueError:
                pass
        return value.strip("'\"")
    h1 = _H1.search(markdown)
    return h1.group(1) if h1 else path.rsplit("/", 1)[-1].removesuffix(".md")


def link_page(markdown: str, path: str, library: Library, shown_as: str) -> tuple[str, list[Problem]]:
    """A page with its citations linked, and a problem for each citation that cannot be resolved."""
    linked, cites = link_citations(markdown, library, path)
    problems = [Problem(shown_as, markdown.count("\n", 0, c.start) + 1, "", f"无法链接“{c.text}”：{c.problem}")
                for c in cites if c.problem]
    return linked, problems


def cited_articles(pages: dict[str, str], library: Library) -> dict[ArticleKey, list[PageCite]]:
    """For each article, the pages that cite it (each page once)."""
    index: dict[ArticleKey, list[PageCite]] = defaultdict(list)
    for path, markdown in sorted(pages.items()):
        _, cites = link_citations(markdown, library, path)
        title = page_title(markdown, path)
        for key in dict.fromkeys(c.ref.article_id for c in cites if c.ref is not None):
            index[key].append(PageCite(path, title))
    return dict(index)


def check_docs(pages: dict[str, str], library: Library, docs_dir: str) -> list[Problem]:
    """Every unresolvable citation in the hand-written pages."""
    return [p for path, md in sorted(pages.items()) for p in link_page(md, path, library, f"{docs_dir}/{path}")[1]]
