"""The search index: every matter, law article and page, for a search that runs offline.

Material's search needs a web worker (no file://) and finds whole jieba words only. This index is a
script (loadable from file://, no fetch, no worker); the browser (docs/assets/search.js) matches a query
as a whole fragment, by its overlapping words (character pairs) when the whole does not occur, by the
number of a cited article however it is written, and through the editors' synonyms (data/synonyms.yaml).

The index is one object, `window.YJZF_SEARCH` (format 3), of named lists; the browser reads it in
docs/assets/search.js (`prepare`, with the same names in DOC_COLUMNS and LISTS there):

- `v`: 3; `kinds`: what a document is, by `kind` (事项, 法条, 页面); `roles`: what a text is, by role
  (法律依据, 处罚条款, …, 条文, 正文); `laws`: each law's names (full title, then short names);
  `categories`: the category names; `synonyms`: groups of words that mean the same (data/synonyms.yaml);
- `texts`: every long text once (many matters quote the same articles);
- `docs`: the documents as named columns (DOC_COLUMNS), each a list with one entry per document, in order;
  a column named like a top-level list holds indexes into that list:
  `kind` (into `kinds`), `title`, `url` ("" for a matter: its page is matters/<code>.html), `code` (a matter's
  12 digits, else ""), `refs` (the places it cites or is: "97.1.7 81" is 第九十七条第一款第（七）项 and
  第八十一条, a part left out when not given: "103.2", "99..1"), `laws` (a list of indexes into `laws`),
  `category` (into `categories`, -1 for none), `cuts` (where jieba cuts the title into words, as the words'
  lengths, one base-36 digit each: "2a3" is 2, 10 and 3 characters; for whole-word ranking; see `cuts`),
  `texts` (a list of indexes into `texts`) and `roles` (the same length: each text's role, into `roles`).

Columns, not one record per document: the names are written once, so naming the fields costs no bytes
(10,000 synthetic matters: 2.49 MB, benchmarks/README.md).
"""

from __future__ import annotations

import importlib.util
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..model.model import Article, Law, Library, Matter, Ref
from ..model.site import Site
from ..model.urls import URLS
from .escape import plain, script_json

INDEX_PATH = "assets/search-index.js"
INDEX_VERSION = 3
KIND_MATTER, KIND_ARTICLE, KIND_PAGE = 0, 1, 2
KINDS = ("事项", "法条", "页面")
# The columns of `docs` and the lists of the index, as docs/assets/search.js reads them (tests/test_search.py checks).
DOC_COLUMNS = ("kind", "title", "url", "code", "refs", "laws", "category", "cuts", "texts", "roles")
LISTS = ("kinds", "roles", "laws", "categories", "synonyms", "texts")
ROLES = ("法律依据", "处罚条款", "检查要点", "证据材料", "执法文书", "裁量说明", "本地补充", "条文", "正文")
(ROLE_BASIS, ROLE_PENALTY, ROLE_CHECKS, ROLE_EVIDENCE, ROLE_DOCUMENTS, ROLE_DISCRETION, ROLE_NOTES,
 ROLE_ARTICLE, ROLE_PAGE) = range(len(ROLES))
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
    refs: str = ""
    laws: tuple[Law, ...] = ()
    category: str = ""
    cuts: str = ""
    texts: list[tuple[str, int]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)  # it reports loading its dictionary at DEBUG, on every build
    return jieba


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=65536)
def cuts(text: str) -> str:
    """Where jieba cuts a title into words, as the words' lengths: one base-36 digit each ("2a3": 2, 10, 3).

    The browser cuts the title there and ranks a query that is one of its words higher. Lengths, not the words
    themselves: the title is in the index already, and the words written out were four fifths of its size again.
    Lengths count UTF-16 units (JavaScript's string length); a word longer than 35 is written as several pieces.
    Plain cutting, not jieba's search mode (that adds every shorter word inside a long one)."""
    tokens = _jieba().lcut(text)
    if "".join(tokens) != text:
        return ""  # never seen; the title is then found as a fragment only
    out = []
    for token in tokens:
        n = len(token.encode("utf-16-le")) // 2
        out += ["z"] * (n // 35) + ([_DIGITS[n % 35]] if n % 35 else [])
    return "".join(out)


def ref_key(ref: Ref) -> str:
    """A cited place as the index holds it: 97.1.7 (条.款.项), 103.2, 99..1, 81; '' for a 之一 article."""
    if ref.sub:
        return ""
    parts = [str(ref.article), "" if ref.paragraph is None else str(ref.paragraph),
             "" if ref.item is None else str(ref.item)]
    while parts[-1] == "":
        parts.pop()
    return ".".join(parts)


def matter_url(code: str) -> str:
    """A matter's page: what the index leaves out of a matter's `url` field (the browser puts it back)."""
    return URLS.from_root(URLS.matter(code))


def matter_doc(site: Site, m: Matter) -> SearchDoc:
    """A matter: found by its code, name, category, cited articles, law names and quoted text."""
    return _matter_doc(site.library, m)


@lru_cache(maxsize=65536)
def _matter_doc(library: Library, m: Matter) -> SearchDoc:
    refs = [*m.basis.refs, *m.penalty.refs]
    laws = tuple(library.laws[law] for law in sorted({r.law for r in refs}))  # by id: a law hashes all its text
    texts = [(m.basis.text, ROLE_BASIS), (m.penalty.text, ROLE_PENALTY),
             *((t, ROLE_CHECKS) for t in m.checks), *((t, ROLE_EVIDENCE) for t in m.evidence),
             *((t, ROLE_DOCUMENTS) for t in m.documents), (m.discretion, ROLE_DISCRETION), (m.local_notes, ROLE_NOTES)]
    return SearchDoc(KIND_MATTER, m.name, matter_url(m.code), code=m.code,
                     refs=" ".join(dict.fromkeys(k for k in map(ref_key, refs) if k)), laws=laws, category=m.category,
                     cuts=cuts(m.name), texts=texts)


def article_doc(law: Law, a: Article) -> SearchDoc:
    """A law article: found by its number, its law's names and its text."""
    text = "\n".join(p.text + "".join(i.text for i in p.items) for p in a.paragraphs)
    # A 之一 article (第一百三十四条之一) is found by its label and text: the index's numbered places are 条.款.项 only.
    return SearchDoc(KIND_ARTICLE, f"《{law.short_name}》{a.label}", URLS.from_root(law.path, a.anchor),
                     refs="" if a.sub else str(a.number), laws=(law,), texts=[(text, ROLE_ARTICLE)])


def page_text(markdown: str) -> str:
    """The readable text of a Markdown page: no front matter, markup or link targets."""
    text = _FRONT.sub("", markdown)
    text = _MD_LINK.sub(r"\1", text)
    return plain(re.sub(r"\n{2,}", "\n", _MD_NOISE.sub("", text)).strip())


def page_doc(path: str, title: str, markdown: str) -> SearchDoc:
    """A hand-written or guide page: found by its title and text."""
    return SearchDoc(KIND_PAGE, title, URLS.from_root(path), cuts=cuts(title),
                     texts=[(page_text(markdown), ROLE_PAGE)])


def build_index(site: Site, pages: dict[str, tuple[str, str]]) -> str:
    """The index as a script: matters, then articles cited by any matter, then the rest, then pages."""
    docs = [matter_doc(site, m) for m in site.checklist.matters]
    cited = set(site.cited_by)
    articles = [(law, a) for law in sorted(site.library.laws.values(), key=lambda x: x.id) for a in law.articles]
    articles.sort(key=lambda la: (la[0].id, *la[1].key) not in cited)
    docs += [article_doc(law, a) for law, a in articles]
    docs += [page_doc(path, title, md) for path, (title, md) in sorted(pages.items())]
    categories = [c.name for c in site.checklist.categories]
    return serialise(docs, categories, site.synonyms)


def index_payload(docs: list[SearchDoc], categories: list[str],
                  synonyms: tuple[tuple[str, ...], ...] = ()) -> dict[str, Any]:
    """The index object (see the module's docstring): each long text, law and category once."""
    texts: dict[str, int] = {}
    laws: dict[str, int] = {}
    law_names: list[list[str]] = []
    category_ids = {name: i for i, name in enumerate(categories)}
    columns: dict[str, list[Any]] = {name: [] for name in DOC_COLUMNS}
    for d in docs:
        law_ids = []
        for law in d.laws:
            if law.id not in laws:
                laws[law.id] = len(law_names)
                law_names.append(list(dict.fromkeys((law.title, *law.short_names))))
            law_ids.append(laws[law.id])
        shown = [(t, role) for t, role in d.texts if t]
        row = {"kind": d.kind, "title": d.title,
               "url": "" if d.kind == KIND_MATTER and d.url == matter_url(d.code) else d.url,
               "code": d.code, "refs": d.refs, "laws": law_ids, "category": category_ids.get(d.category, -1),
               "cuts": d.cuts, "texts": [texts.setdefault(t, len(texts)) for t, _ in shown],
               "roles": [role for _, role in shown]}
        for name in DOC_COLUMNS:
            columns[name].append(row[name])
    return {"v": INDEX_VERSION, "kinds": list(KINDS), "roles": list(ROLES), "laws": law_names,
            "categories": categories, "synonyms": [list(g) for g in synonyms], "texts": list(texts), "docs": columns}


def serialise(docs: list[SearchDoc], categories: list[str] | None = None,
              synonyms: tuple[tuple[str, ...], ...] = ()) -> str:
    """The index object as compact JSON in a script (loadable from file://)."""
    body = script_json(index_payload(docs, categories or [], synonyms))
    return f"window.YJZF_SEARCH={body};\n"


def search_problem() -> str:
    """Why the Chinese search index cannot be built, or '' when jieba is there."""
    if importlib.util.find_spec("jieba") is None:
        return ("没有安装 jieba：中文搜索索引要用它给标题分词（没有它，中文搜索会悄悄变差）；"
                "请安装（make site 会安装），然后重新生成")
    return ""
