"""The search index: every matter, law article and page, for a fragment search that runs offline.

Material's search needs a web worker (no file://) and finds whole jieba words only. This index is a
script (loadable from file://), and the browser matches any fragment of the text. Long texts are
stored once and shared, since many matters quote the same articles.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .model import Article, Law, Library, Matter, Ref, article_label
from .numerals import int_to_cn
from .site import Site

INDEX_PATH = "assets/search-index.js"
KIND_MATTER, KIND_ARTICLE, KIND_PAGE = 0, 1, 2
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_NOISE = re.compile(r"<[^>]+>|\{[:#.][^}]*\}|^[#>|*\-\s]+|[*_`|]+|^---+$|^!!!.*$|^\?\?\?.*$", re.MULTILINE)
_FRONT = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)


@dataclass
class SearchDoc:
    """One search result target and the fields it is found by."""

    kind: int
    title: str
    url: str
    code: str = ""
    articles: str = ""
    laws: str = ""
    category: str = ""
    words: str = ""
    texts: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)  # it reports loading its dictionary at DEBUG, on every build
    return jieba


@lru_cache(maxsize=65536)
def words(text: str) -> str:
    """The words of a title, as jieba cuts them for search, space-separated (for whole-word ranking)."""
    jieba = _jieba()
    return " ".join(dict.fromkeys(w for w in jieba.lcut_for_search(text) if len(w) > 1))


def article_forms(ref: Ref) -> list[str]:
    """The ways an officer may type a cited place: 第九十七条第（七）项, 第九十七条第七项."""
    label = ref.label
    forms = [label]
    if ref.item is not None:
        forms.append(label.replace("（", "").replace("）", ""))
        forms.append(f"{article_label(ref.article, ref.sub)}第（{int_to_cn(ref.item)}）项")
    return list(dict.fromkeys(forms))


def matter_doc(site: Site, m: Matter) -> SearchDoc:
    """A matter: found by its code, name, category, cited articles, law names and quoted text."""
    return _matter_doc(site.library, m)


@lru_cache(maxsize=65536)
def _matter_doc(library: Library, m: Matter) -> SearchDoc:
    refs = [*m.basis.refs, *m.penalty.refs]
    laws = {library.laws[r.law] for r in refs}
    return SearchDoc(
        KIND_MATTER, m.name, f"matters/{m.code}.html", code=m.code,
        articles=" ".join(dict.fromkeys(f for r in refs for f in article_forms(r))),
        laws=" ".join(n for law in sorted(laws, key=lambda x: x.id) for n in (law.title, *law.short_names)),
        category=m.category, words=words(m.name),
        texts=[m.basis.text, m.penalty.text, *m.checks, *m.evidence, *m.documents, m.discretion, m.local_notes],
    )


def article_doc(law: Law, a: Article) -> SearchDoc:
    """A law article: found by its label, its law's names and its text."""
    text = "\n".join(p.text + "".join(i.text for i in p.items) for p in a.paragraphs)
    return SearchDoc(KIND_ARTICLE, f"《{law.short_name}》{a.label}", f"laws/{law.id}.html#{a.anchor}",
                     articles=a.label, laws=" ".join((law.title, *law.short_names)), texts=[text])


def page_text(markdown: str) -> str:
    """The readable text of a Markdown page: no front matter, markup or link targets."""
    text = _FRONT.sub("", markdown)
    text = _MD_LINK.sub(r"\1", text)
    return re.sub(r"\n{2,}", "\n", _MD_NOISE.sub("", text)).strip()


def page_doc(path: str, title: str, markdown: str) -> SearchDoc:
    """A hand-written or guide page: found by its title and text."""
    return SearchDoc(KIND_PAGE, title, path.removesuffix(".md") + ".html", words=words(title),
                     texts=[page_text(markdown)])


def build_index(site: Site, pages: dict[str, tuple[str, str]]) -> str:
    """The index as a script: matters, then articles cited by any matter, then the rest, then pages."""
    docs = [matter_doc(site, m) for m in site.checklist.matters]
    cited = set(site.cited_by)
    articles = [(law, a) for law in sorted(site.library.laws.values(), key=lambda x: x.id) for a in law.articles]
    articles.sort(key=lambda la: (la[0].id, *la[1].key) not in cited)
    docs += [article_doc(law, a) for law, a in articles]
    docs += [page_doc(path, title, md) for path, (title, md) in sorted(pages.items())]
    return serialise(docs)


def serialise(docs: list[SearchDoc]) -> str:
    """Compact JSON in a script: each long text once, documents as arrays of fields."""
    texts: dict[str, int] = {}
    rows = []
    for d in docs:
        ids = [texts.setdefault(t, len(texts)) for t in d.texts if t]
        rows.append([d.kind, d.title, d.url, d.code, d.articles, d.laws, d.category, d.words, ids])
    payload = {"v": 1, "fields": ["kind", "title", "url", "code", "articles", "laws", "category", "words", "texts"],
               "texts": list(texts), "docs": rows}
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return f"window.YJZF_SEARCH={body};\n"

