"""Citations of law: resolve structured refs, and find and link the forms officers write in text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from . import reads
from .memo import LibraryMemo
from .model import Article, Law, Library, Ref, article_label
from .numerals import parse_number
from .urls import URLS

NUM = r"(?:[零一二三四五六七八九十百千两〇]+|[0-9０-９]+)"


def _para(name: str) -> str:
    return rf"第(?P<{name}>{NUM})款"


def _item(name: str) -> str:
    return rf"第[（(]?(?P<{name}>{NUM})[）)]?项"


# 第一百三十四条之一: an article inserted after 第一百三十四条 by an amendment.
ART = rf"第(?P<a>{NUM})条(?:之(?P<s>[一二三四五六七八九十]+))?"
SELF_NAMES = ("本法", "本条例", "本规定", "本办法")
THAT_NAMES = ("该法", "该条例")
JOINERS = {"、", "和", "及", "以及", "或者", "或", "至", "到", "，"}
_SUFFIX = re.compile(r"[（(][^（）()]*[）)]$")
# Regions never touched: code, existing links and images, HTML tags, and link reference definitions.
_PROTECTED = re.compile(r"```.*?```|`[^`\n]*`|!?\[[^\]\n]*\]\([^)\n]*\)|<[^>\n]+>|^\[[^\]]+\]:.*$",
                        re.DOTALL | re.MULTILINE)
# A full citation (第九十七条第一款第（七）项), or a 款/项 that continues the one before it.
_CITE = re.compile(rf"{ART}(?:{_para('p')})?(?:{_item('i')})?|{_para('rp')}(?:{_item('ri')})?|{_item('oi')}")
_END = re.compile(r"[。！？\n]")  # 「；」 joins clauses of one sentence: the law named stays
# A list under one 第 and one unit: 第六、七项, 第（六）、（七）项, 第二、三款, 第九十七、九十九条, 第六至八项.
_LIST_NUM = rf"[（(]?{NUM}[）)]?"
_LIST_JOIN = r"(?:、|和|及|或者|或|至|到)"
_LIST = re.compile(rf"第(?P<list>{_LIST_NUM}(?:{_LIST_JOIN}{_LIST_NUM})+)(?P<unit>[条款项])")
_LIST_PART = re.compile(rf"(?:^|{_LIST_JOIN})(?P<part>[（(]?(?P<n>{NUM})[）)]?)")
_ANY_CITE = re.compile(rf"{_LIST.pattern}|{_CITE.pattern}")
# A law named without book-title marks, just before 第X条, that the library does not hold (消防法, 民法典):
# the citation is reported, never linked to the law named before it.
_BARE_LAW = re.compile(r"[\u4e00-\u9fff]{1,40}(?:法典|法|条例|办法|规定|细则|规则|修正案)"
                       r"(?:[（(][^（）()]{1,12}[）)])?$")
# The words before a law's name in a sentence (依照消防法…); 共和国's 和 is part of the name.
_BARE_LEAD = re.compile(r"^.*(?:依照|依据|根据|按照|违反|对照|参照|适用|援引|涉嫌|触犯|构成|属于|以及|或者"
                        r"|(?<!共)和|及|或|与|见|即)")
_NOT_A_LAW = ("执法", "违法", "依法", "合法", "非法", "方法", "做法", "司法", "立法", "守法", "无法", "设法", "用法",
              "说法", "手法", "不法", "本法", "该法", "本条例", "该条例", "本办法", "本规定", "的规定", "有关规定",
              "前款规定", "上述规定", "相关规定", "国家规定", "法律规定", "下列规定", "以下规定", "其规定", "此规定")


def unresolved_in_laws(library: Library) -> list[tuple[Law, Article, Citation]]:
    """Citations inside the law texts themselves that cannot be linked: (law, article, citation)."""
    out = []
    for law in library.laws.values():
        for a in law.articles:
            for p in a.paragraphs:
                for text in (p.text, *(i.text for i in p.items)):
                    out += [(law, a, c) for c in find_citations(text, library, law) if c.problem]
    return out


def normalise(library: Library, ref: Ref) -> Ref:
    """Fill in the 款 of a 项 cited without one, when the article has its 项 in a single 款."""
    if ref.item is None or ref.paragraph is not None:
        return ref
    law = library.laws.get(ref.law)
    article = law.article(ref.article, ref.sub) if law else None
    paras = article.item_paragraphs if article else []
    return Ref(ref.law, ref.article, paras[0].number, ref.item, ref.sub) if len(paras) == 1 else ref


def place_label(library: Library, ref: Ref) -> str:
    """The place as officers write it; 第一款 is left out of an article that has only one."""
    law = library.laws.get(ref.law)
    article = law.article(ref.article, ref.sub) if law else None
    if article is not None and len(article.paragraphs) == 1 and ref.paragraph == 1:
        return Ref(ref.law, ref.article, None, ref.item, ref.sub).label
    return ref.label


def full_label(library: Library, ref: Ref) -> str:
    """《安全生产法》第九十七条第（七）项."""
    law = library.laws.get(ref.law)
    return f"《{law.short_name if law else ref.law}》{place_label(library, ref)}"


@dataclass(frozen=True)
class Citation:
    """A citation found in text: where it stands, what it cites, or why it cannot be resolved."""

    start: int
    end: int
    text: str
    ref: Ref | None
    problem: str = ""


def find_citations(text: str, library: Library, page_law: Law | None = None) -> list[Citation]:
    """Every citation of an article in text, resolved against the library where a law is named."""
    # Found once per text and library: many texts recur (an article's text on every page quoting it, a county's
    # table on every matter page). A library is not changed once loaded; its laws are its own. Long texts (a whole
    # page) do not recur, and held as keys they were a tenth of the peak memory at 10,000 matters.
    if len(text) > MAX_HELD_TEXT:
        return _found(text, library, page_law)
    key = (text, page_law.id if page_law is not None else None)
    return list(_FOUND.make(library, key, lambda: tuple(_found(text, library, page_law))))


def _found(text: str, library: Library, page_law: Law | None) -> list[Citation]:
    if page_law is not None and reads.ACTIVE:
        reads.note(("law", page_law.id))  # found by the caller: the citations held are made from it too
    out: list[Citation] = []
    for offset, segment in _open_segments(text):
        out.extend(_scan(segment, offset, library, page_law))
    return out


MAX_HELD_TEXT = 2_000
_FOUND: LibraryMemo[tuple[Citation, ...]] = LibraryMemo(100_000)


def link_citations(
    text: str, library: Library, page_path: str, page_law: Law | None = None
) -> tuple[str, list[Citation]]:
    """Text with each resolved citation made a Markdown link; also every citation found."""
    cites = find_citations(text, library, page_law)
    parts, last = [], 0
    for c in cites:
        if c.ref is None:
            continue
        parts.append(text[last:c.start])
        parts.append(f"[{c.text}]({URLS.cited(page_path, c.ref)})")
        last = c.end
    parts.append(text[last:])
    return "".join(parts), cites


def _open_segments(text: str) -> Iterator[tuple[int, str]]:
    last = 0
    for m in _PROTECTED.finditer(text):
        yield last, text[last:m.start()]
        last = m.end()
    yield last, text[last:]


def _scanner(library: Library) -> re.Pattern[str]:
    """One pattern for everything the scan stops at: a sentence end, a law's name, an article citation."""
    names = "|".join(re.escape(n) for n in library.names if not n.isascii())
    bare = f"|(?P<bare>{names})" if names else ""
    self_names = "|".join(SELF_NAMES + THAT_NAMES)
    return re.compile(rf"(?P<end>{_END.pattern})|《(?P<title>[^《》\n]{{2,60}})》|(?P<self>{self_names}){bare}"
                      rf"|{_LIST.pattern}|{_CITE.pattern}")


def _scanner_for(library: Library) -> re.Pattern[str]:
    """_scanner's pattern, built once per library (a library is not changed once loaded): the alternation of every
    name is costly. Each use reads every name (reads.py), held or not."""
    if reads.ACTIVE:
        reads.note(("names",))
    return _held_scanner(library)


@lru_cache(maxsize=4)
def _held_scanner(library: Library) -> re.Pattern[str]:
    return _scanner(library)


def _scan(segment: str, offset: int, library: Library, page_law: Law | None) -> list[Citation]:
    out: list[Citation] = []
    law: Law | None = None        # the law in force for bare citations in this sentence
    named = False                 # whether a law (known or not) was named in this sentence
    unknown_name = ""             # a named law that is not in the library
    last_named: Law | None = None  # for 该法
    law_span = (-1, -1)           # where the last law name stands, to include it in the link
    prev: Citation | None = None
    for m in _scanner_for(library).finditer(segment):
        if m.group("end") is not None:
            law, named, unknown_name, prev = None, False, "", None
        elif m.group("title") is not None or m.group("self") is not None or m.groupdict().get("bare"):
            found = _law_named(m, library, page_law, last_named)
            if found is None and m.group("title") and not _ANY_CITE.match(segment, m.end()):
                continue  # a document title such as 《行政处罚决定书》, not a law being cited
            law, named = found, True
            unknown_name = "" if found else _unresolved_name(m)
            if found is not None:
                last_named = found
            law_span, prev = m.span(), None
        else:
            if (m.group("a") or m.group("unit") == "条") and law_span[1] != m.start():
                bare = _unknown_bare_name(segment, m.start(), library)
                if bare:
                    law, named, last_named = None, True, None
                    unknown_name = f"“{bare}”不在法规库中，其后的条文不能链接"
                    law_span = (m.start() - len(bare), m.start())
            parts = _list_cites(m, segment, offset, library, law, named, unknown_name, prev, law_span) \
                if m.group("list") else [_cite(m, segment, offset, library, law, named, unknown_name, prev, law_span)]
            for cite in parts:
                if cite is not None:
                    out.append(cite)
                    prev = cite
    return out


def _unknown_bare_name(segment: str, pos: int, library: Library) -> str:
    """The law named just before pos without 《》 when the library does not hold it, else ''."""
    if pos == 0 or (not "\u4e00" <= segment[pos - 1] <= "\u9fff" and segment[pos - 1] not in "）)"):
        return ""
    match = _BARE_LAW.search(segment, max(0, pos - 60), pos)
    if match is None:
        return ""
    name = _BARE_LEAD.sub("", match.group(0))
    if not name or name.endswith(_NOT_A_LAW) or library.find(name) or library.find(_SUFFIX.sub("", name)):
        return ""
    return name


def _list_cites(m: re.Match[str], segment: str, offset: int, library: Library, law: Law | None, named: bool,
                unknown_name: str, prev: Citation | None, law_span: tuple[int, int]) -> list[Citation]:
    """Each part of 第六、七项 (第二、三款, 第九十七、九十九条) as a citation of its own."""
    unit = m.group("unit")
    body_start = m.start("list")
    parts = list(_LIST_PART.finditer(m.group("list")))
    # The first part takes the 第 and the last the unit: [第六]、[七项].
    spans = [(body_start + p.start("part"), body_start + p.end("part")) for p in parts]
    spans[0], spans[-1] = (m.start(), spans[0][1]), (spans[-1][0], m.end())
    numbers = [parse_number(p.group("n")) for p in parts]
    if unit == "条":
        if not named:
            return []
        first = law_span[0] if law_span[1] == m.start() else m.start()
        spans[0] = (first, spans[0][1])
        out = []
        for (start, end), n in zip(spans, numbers, strict=True):
            text = segment[start:end]
            if law is None:
                out.append(Citation(start + offset, end + offset, text, None, unknown_name))
            else:
                out.append(_resolved(library, Ref(law.id, n), start + offset, end + offset, text))
        return out
    if prev is None or prev.ref is None or segment[prev.end - offset:m.start()].strip() not in JOINERS | {""}:
        return []
    base = prev.ref
    refs = [Ref(base.law, base.article, n, None, base.sub) if unit == "款"
            else Ref(base.law, base.article, base.paragraph, n, base.sub) for n in numbers]
    return [_resolved(library, ref, start + offset, end + offset, segment[start:end])
            for (start, end), ref in zip(spans, refs, strict=True)]


def _unresolved_name(m: re.Match[str]) -> str:
    word = m.group("self")
    if word in SELF_NAMES:
        return f"“{word}”只能用在该法自己的页面上"
    if word:
        return f"“{word}”前面没有写明是哪部法律"
    return f"《{m.group('title') or m.groupdict().get('bare')}》不在法规库中"


def _law_named(m: re.Match[str], library: Library, page_law: Law | None, last_named: Law | None) -> Law | None:
    if m.group("self"):
        word = m.group("self")
        return page_law if word in SELF_NAMES else last_named
    name = m.group("title") or m.groupdict().get("bare") or ""
    return library.find(name) or library.find(_SUFFIX.sub("", name))


def _cite(m: re.Match[str], segment: str, offset: int, library: Library, law: Law | None, named: bool,
          unknown_name: str, prev: Citation | None, law_span: tuple[int, int]) -> Citation | None:
    if m.group("a") is None:
        # 第（七）项 or 第二款 alone continues the article cited just before: 第九十七条第（六）项、第（七）项.
        if prev is None or prev.ref is None or segment[prev.end - offset:m.start()].strip() not in JOINERS:
            return None
        base = prev.ref
        para = _num(m, "rp") if m.group("rp") else base.paragraph
        ref = Ref(base.law, base.article, para, _num(m, "ri") or _num(m, "oi"), base.sub)
        return _resolved(library, ref, m.start() + offset, m.end() + offset, m.group(0))
    if not named:
        return None  # a bare 第X条 with no law named in the sentence is not ours to guess
    start = law_span[0] if law_span[1] == m.start() else m.start()
    text = segment[start:m.end()]
    if law is None:
        return Citation(start + offset, m.end() + offset, text, None, unknown_name)
    ref = Ref(law.id, _num(m, "a") or 0, _num(m, "p"), _num(m, "i"), _num(m, "s") or 0)
    return _resolved(library, ref, start + offset, m.end() + offset, text)


def _resolved(library: Library, ref: Ref, start: int, end: int, text: str) -> Citation:
    problem = check_ref(library, ref)
    if problem:
        return Citation(start, end, text, None, problem)
    return Citation(start, end, text, normalise(library, ref))


def _num(m: re.Match[str], group: str) -> int | None:
    value = m.group(group)
    return parse_number(value) if value else None


def check_ref(library: Library, ref: Ref) -> str:
    """Why ref does not exist in the library, or '' when it does."""
    law = library.laws.get(ref.law)
    if law is None:
        return f"法规 {ref.law!r} 不在 data/laws/ 中"
    article = law.article(ref.article, ref.sub)
    if article is None:
        if ref.sub:
            return f"{law.short_name}没有{article_label(ref.article, ref.sub)}"
        return f"{law.short_name}没有{ref.label.split('条')[0]}条（共 {len(law.articles)} 条）"
    if ref.paragraph is not None and article.paragraph(ref.paragraph) is None:
        return f"{law.short_name}{article.label}没有第{ref.paragraph}款（共 {len(article.paragraphs)} 款）"
    if ref.item is not None:
        paras = [article.paragraph(ref.paragraph)] if ref.paragraph else article.item_paragraphs
        items = [i.number for p in paras if p for i in p.items]
        if ref.item not in items:
            return f"{law.short_name}{ref.label}不存在（所引的款共 {len(items)} 项）"
        if ref.paragraph is None and len(paras) > 1:
            return f"{law.short_name}{article.label}有几款都分项，请写明是第几款"
    return ""
