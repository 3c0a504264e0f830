"""Training material generated from the data: questions (quiz, 大比武 bank), study order, review sheets.

Every question is made from a fact in the data (a matter's cited article, its fine range, its category,
the stage a time limit belongs to), with wrong options drawn from other facts of the same kind, so the
questions change when the data does and never state anything the data does not.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from functools import lru_cache

from .citations import full_label
from .memo import LibraryMemo
from .model import Law, Library, Matter, Ref
from .penalty import clause_ladder, ladder
from .site import Site
from .urls import URLS

OPTIONS = 4
KIND_BASIS, KIND_PENALTY, KIND_FINE = "法律依据", "处罚条款", "罚款幅度"
KIND_CATEGORY, KIND_LIMIT = "事项类别", "期限环节"
KIND_DISCRETION = "自由裁量"
# The 行政处罚法 articles the discretion path on every matter page walks (decisionpath.py), in its order.
DISCRETION_LAW, DISCRETION_ARTICLES = "xzcff", (36, 33, 32, 37)
MODAL_WORDS = ("应当", "可以", "不得", "必须")
MIN_SENTENCE = 20


@dataclass(frozen=True)
class Question:
    """One question: its stem, options, the right one, and the page (docs path + anchor) that explains it."""

    id: str
    kind: str
    text: str
    options: tuple[str, ...]
    answer: int
    explain_path: str
    explain_anchor: str = ""

    @property
    def answer_text(self) -> str:
        """The right option."""
        return self.options[self.answer]

    @property
    def answer_letter(self) -> str:
        """A, B, C or D."""
        return "ABCD"[self.answer]


def _rng(key: str) -> random.Random:
    # Seeded by the question's id: the same data gives the same questions and option order on every build.
    return random.Random(zlib.crc32(key.encode("utf-8")))


def _question(qid: str, kind: str, text: str, right: str, pool: list[str], path: str,
              anchor: str = "") -> Question | None:
    # An option that contains the answer or is part of it (第九十七条 for 第九十七条第（七）项) is not wrong.
    wrong = sorted({p for p in pool if p and not p.startswith(right) and not right.startswith(p)})
    if not wrong:
        return None
    rng = _rng(qid)
    options = [right, *rng.sample(wrong, min(OPTIONS - 1, len(wrong)))]
    rng.shuffle(options)
    return Question(qid, kind, text, tuple(options), options.index(right), path, anchor)


def _labels(library: Library, refs: tuple[Ref, ...]) -> str:
    return "、".join(full_label(library, r) for r in refs)


def _neighbours(library: Library, ref: Ref) -> list[str]:
    """Labels of places near a cited one: other items of its 款, nearby articles of the same chapter."""
    law: Law = library.laws[ref.law]
    article = law.article(ref.article, ref.sub)
    out: list[str] = []
    if article is None:
        return out
    if ref.item is not None and ref.paragraph is not None:
        para = article.paragraph(ref.paragraph)
        items = para.items if para else ()
        out += [full_label(library, Ref(ref.law, ref.article, ref.paragraph, i.number, ref.sub)) for i in items]
    # Where the articles stand, not their texts: an edit to a text changes no question.
    same_chapter = [a for a in law.outline() if a.chapter == article.chapter and (a.number, a.sub) != article.key]
    same_chapter.sort(key=lambda a: (abs(a.number - article.number), a.sub))
    out += [full_label(library, Ref(ref.law, a.number, sub=a.sub)) for a in same_chapter[:6]]
    return out


@lru_cache(maxsize=4)
def fine_pool(library: Library) -> list[str]:
    """Every first-stage fine range the law library's penalty clauses state (for wrong options)."""
    out = set()
    for law in library.laws.values():
        for a in law.articles:
            for p in a.paragraphs:
                steps = ladder(p.text) if "罚款" in p.text else None
                for s in steps or []:
                    if s.unit_fine is not None:
                        out.add(s.unit_fine.text)
    return sorted(out)


@dataclass(frozen=True)
class Pools:
    """Wrong options, gathered once for the whole list: every cited basis and penalty, every fine range."""

    basis: tuple[str, ...]
    penalty: tuple[str, ...]
    fines: tuple[str, ...]


def pools(site: Site) -> Pools:
    """The pools of wrong options for a list."""
    lib = site.library
    return Pools(tuple(sorted({_labels(lib, m.basis.refs) for m in site.checklist.matters})),
                 tuple(sorted({_labels(lib, m.penalty.refs) for m in site.checklist.matters})),
                 tuple(fine_pool(lib)))


def matter_questions(site: Site, m: Matter, pool: Pools) -> list[Question]:
    """The questions one matter gives: its basis, its penalty clause, its first fine, its category."""
    lib = site.library
    name = f"“{m.name}”（{m.code}）"
    out = []
    basis_pool = [*pool.basis, *(n for r in m.basis.refs for n in _neighbours(lib, r))]
    out.append(_question(f"basis-{m.code}", KIND_BASIS, f"事项{name}的法律依据是哪一条？",
                         _labels(lib, m.basis.refs), basis_pool, m.path, "法律依据"))
    penalty_pool = [*pool.penalty, *(n for r in m.penalty.refs for n in _neighbours(lib, r))]
    out.append(_question(f"penalty-{m.code}", KIND_PENALTY, f"事项{name}的处罚条款是哪一条？",
                         _labels(lib, m.penalty.refs), penalty_pool, m.path, "处罚条款"))
    steps = clause_ladder(lib, m.penalty.refs[0])
    if steps and steps[0].unit_fine is not None:
        out.append(_question(f"fine-{m.code}", KIND_FINE,
                             f"事项{name}，违法行为成立、责令限期改正时，对单位处多少罚款？",
                             f"{steps[0].unit_fine.text}的罚款", [f"{f}的罚款" for f in pool.fines], m.path,
                             "处罚阶次"))
    out.append(_question(f"category-{m.code}", KIND_CATEGORY, f"事项{name}属于清单中的哪一类？", m.category,
                         [c.name for c in site.checklist.categories], m.path))
    return [q for q in out if q is not None]


def limit_questions(site: Site) -> list[Question]:
    """For each time limit: which enforcement stage's guide states it."""
    stages = site.procedures.stages
    names = [s.name for s in stages]
    out = []
    for s in stages:
        for n, t in enumerate(s.limits, start=1):
            basis = full_label(site.library, t.basis)
            if t.working_days is not None:
                basis += f"；工作日，不含法定节假日，{full_label(site.library, t.working_days)}"
            q = _question(f"limit-{s.id}-{n}", KIND_LIMIT,
                          f"“{t.name}”的期限为{t.period}（{basis}）。这是哪个执法环节的要求？",
                          s.name, names, s.path, "期限")
            if q is not None:
                out.append(q)
    return out


def _sentences(library: Library) -> list[tuple[Ref, str]]:
    """Each sentence of the discretion articles, with the 款 (or the article, when it has one 款) that says it."""
    law = library.laws.get(DISCRETION_LAW)
    out = []
    for number in DISCRETION_ARTICLES:
        article = law.article(number) if law else None
        if article is None:
            continue
        for n, para in enumerate(article.paragraphs, start=1):
            ref = Ref(DISCRETION_LAW, number, n if len(article.paragraphs) > 1 else None)
            # A short sentence (法律另有规定的除外。) stands in many articles: no question can say which one.
            out += [(ref, x if x.endswith("：") else x + "。") for x in para.text.split("。") if len(x) >= MIN_SENTENCE]
    return out


def discretion_questions(site: Site) -> list[Question]:
    """From the discretion articles' own words: which 款 says a sentence; which word (应当、可以) it uses.

    And, for each matter whose penalty clause has a discretion table in the data, which 阶次 a circumstance is.
    """
    lib = site.library
    found = _sentences(lib)
    labels = sorted({full_label(lib, r) for r, _ in found})
    out = []
    for n, (ref, sentence) in enumerate(found, start=1):
        path = URLS.law(DISCRETION_LAW)
        out.append(_question(f"zyc-source-{n}", KIND_DISCRETION, f"“{sentence}”出自哪一条？",
                             full_label(lib, ref), labels, path, ref.anchor))
        for word in ("应当", "可以"):
            if word in sentence:
                out.append(_question(f"zyc-word-{n}-{word}", KIND_DISCRETION,
                                     f"{full_label(lib, ref)}：“{sentence.replace(word, '（    ）', 1)}”括号中应填：",
                                     word, list(MODAL_WORDS), path, ref.anchor))
    for m in site.checklist.matters:
        table = site.discretion.for_clause(m.penalty.refs[0])
        if table is None:
            continue
        tiers = [b.tier for b in table[1]]
        for n, band in enumerate(table[1], start=1):
            out.append(_question(f"zyc-band-{m.code}-{n}", KIND_DISCRETION,
                                 f"依照{table[0].citation}，事项“{m.name}”（{m.code}）在“{band.circumstances}”时，"
                                 "属于哪一裁量阶次？", band.tier, tiers, m.path))
    return [q for q in out if q is not None]


def questions(site: Site) -> list[Question]:
    """The whole question bank: every matter's questions in list order, then the time limits."""
    cached = _BANKS.get(id(site))
    if cached is not None and cached[0] is site:
        return cached[1]
    pool = pools(site)
    cats = tuple(site.checklist.categories)
    bank = [q for m in site.checklist.matters for q in _cached_matter_questions(site, m, pool, cats)]
    bank += limit_questions(site)
    bank += discretion_questions(site)
    _BANKS.clear()  # one site at a time: `serve` makes a new one on every rebuild
    _BANKS[id(site)] = (site, bank)
    return bank


_BANKS: dict[int, tuple[Site, list[Question]]] = {}
_MATTER_QUESTIONS: LibraryMemo[list[Question]] = LibraryMemo(20_000)


def _cached_matter_questions(site: Site, m: Matter, pool: Pools, cats: tuple[object, ...]) -> list[Question]:
    # A matter's questions depend on it, the wrong-option pools, the categories and what they read of the library:
    # reuse them across rebuilds, and across law edits that change nothing they read.
    return _MATTER_QUESTIONS.make(site.library, (m, pool, cats), lambda: matter_questions(site, m, pool))
