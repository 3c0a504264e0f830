"""A matter page's discretion path: 时效 → 不予处罚 → 从轻/减轻 → 法定幅度 (→ 裁量基准), each citing its article.

The questions are ours (编者说明); what each answer leads to is the article's own sentence, quoted from the law
library. Where the law leaves a choice open (可以不予行政处罚; 从轻 or 减轻), the officer is asked, never told.
Each answer carries a sentence for the 裁量说明 draft, phrased as the officer's finding and citing its article.
The page is readable without scripts (every question, option and where it leads); assets/discretion.js walks it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ..model.citations import full_label
from ..model.discretion import PENDING_SOURCES, Band, Tables
from ..model.laws import iso_to_cn
from ..model.model import Item, Law, Library, Matter, Ref
from ..model.penalty import Step, clause_ladder, lead_text, penalty_clause
from ..model.scope import official_text
from ..model.urls import URLS
from .viewmodel import TODO, TODO_MARK

LAW = "xzcff"  # 《中华人民共和国行政处罚法》
END = ""  # an option whose go is END ends the path at its outcome
BLANK = "＿＿＿＿"
CRIME = "构成犯罪的"  # a ladder stage that is no administrative penalty: shown as the clause says, not offered


@dataclass(frozen=True)
class Quote:
    """An article (or 款) shown in full, with a link to it."""

    label: str
    url: str
    text: str


@dataclass(frozen=True)
class Option:
    """An answer: where it leads (next step or an outcome) and the finding it adds to the 裁量说明."""

    value: str
    label: str
    go: str
    outcome: str = ""
    finding: str = ""
    stage: str = ""  # for a band: the ladder stage it refines


@dataclass(frozen=True)
class Check:
    """A box to tick (an item of 第三十二条), with the words the finding quotes."""

    value: str
    label: str
    finding: str


@dataclass(frozen=True)
class Question:
    """One step of the path: the articles that ask it, the question, the answers."""

    id: str
    title: str
    quotes: tuple[Quote, ...]
    ask: str
    options: tuple[Option, ...]
    checks: tuple[Check, ...] = ()
    notes: tuple[str, ...] = ()  # shown under the question: 编者说明 or 待补充, each marked as such


@dataclass(frozen=True)
class Outcome:
    """Where a path ends: the law's own words and where they stand."""

    id: str
    title: str
    text: str


@dataclass(frozen=True)
class DecisionPath:
    """A matter's path: its questions in order, its outcomes, the table used (or what it is pending on)."""

    steps: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]
    table: str
    local_notes: tuple[str, ...] = ()


def _html_url(page: str, ref: Ref) -> str:
    # The path is raw HTML, which MkDocs does not rewrite: link to the built .html page.
    return URLS.html_link(page, URLS.law(ref.law), ref.anchor)


def _quote(library: Library, page: str, ref: Ref) -> Quote:
    lines = official_text(library, ref)
    assert lines, ref
    return Quote(full_label(library, ref), _html_url(page, ref), "\n".join(lines))


def _x(article: int, paragraph: int | None = None, item: int | None = None) -> Ref:
    return Ref(LAW, article, paragraph, item)


def _label(library: Library, article: int, paragraph: int | None = None, item: int | None = None) -> str:
    return full_label(library, _x(article, paragraph, item))


ARTICLES = (32, 33, 36, 37)
MISSING = "法规库未收入《中华人民共和国行政处罚法》第三十二条、第三十三条、第三十六条、第三十七条，无法生成逐步判断。"


def available(library: Library) -> bool:
    """Whether the library holds every article the path quotes."""
    law = library.laws.get(LAW)
    return law is not None and all(law.article(n) is not None for n in ARTICLES)


def decision_path(library: Library, matter: Matter, tables: Tables, page: str,
                  local_notes: Sequence[str] = ()) -> DecisionPath:
    """The path for one matter: the 行政处罚法 steps, then its penalty clause's ladder and any table bands.

    local_notes is where a county's own notes on discretion would go (shown as given, after the path).
    """
    def lab(a: int, p: int | None = None, i: int | None = None) -> str:
        return _label(library, a, p, i)

    def q(*refs: Ref) -> tuple[Quote, ...]:
        return tuple(_quote(library, page, x) for x in refs)

    def said(a: int, p: int | None, n: int) -> str:
        return f"{_sentence(library, _x(a, p), n)}（{lab(a, p)}）"

    penalty = matter.penalty.refs[0]
    steps = clause_ladder(library, penalty)
    found = tables.for_clause(penalty)
    law = library.laws[penalty.law]
    path = [
        Question("sx", "一、时效", q(_x(36)),
                 "违法行为是否在上列第一款规定的期限内被发现？期限的起算见第二款。"
                 "是否“涉及公民生命健康安全、金融安全且有危害后果”，由办案人员根据案件事实判断。",
                 (Option("yes", "是，在期限内被发现", "bc1",
                         finding=f"本案违法行为在{lab(36)}规定的期限内被发现。"),
                  Option("no", "否，在期限内未被发现", END, "sx",
                         finding=f"本案违法行为在{lab(36, 1)}规定的期限内未被发现，依照该款规定，不再给予行政处罚。"))),
        Question("bc1", "二、不予处罚：违法行为轻微", q(_x(33, 1)),
                 "违法行为是否轻微并及时改正，没有造成危害后果？",
                 (Option("yes", "是", END, "bc1",
                         finding=f"当事人违法行为轻微并及时改正，没有造成危害后果，依照{lab(33, 1)}规定，"
                                 f"不予行政处罚；依照{lab(33, 3)}规定，对当事人进行教育。"),
                  Option("no", "否", "bc2"))),
        Question("bc2", "二、不予处罚：初次违法", q(_x(33, 1)),
                 "是否初次违法且危害后果轻微并及时改正？",
                 (Option("yes", "是", "bc2d"),
                  Option("no", "否", "bc3"))),
        Question("bc2d", "二、不予处罚：是否适用“可以不予行政处罚”", q(_x(33, 1)),
                 "条文用“可以”：是否不予行政处罚，由行政机关依法裁量。请选择本案的决定：",
                 (Option("spare", "不予行政处罚", END, "bc2",
                         finding=f"当事人初次违法且危害后果轻微并及时改正，依照{lab(33, 1)}规定，不予行政处罚；"
                                 f"依照{lab(33, 3)}规定，对当事人进行教育。"),
                  Option("punish", "仍给予行政处罚", "bc3",
                         finding=f"当事人初次违法且危害后果轻微并及时改正，属于{lab(33, 1)}规定的"
                                 "可以不予行政处罚的情形；"
                                 f"综合考虑{BLANK}，决定给予行政处罚。"))),
        Question("bc3", "二、不予处罚：没有主观过错", q(_x(33, 2)),
                 "当事人是否有证据足以证明没有主观过错？（该款还规定：法律、行政法规另有规定的，从其规定。）",
                 (Option("yes", "是", END, "bc3",
                         finding=f"当事人有证据足以证明没有主观过错，依照{lab(33, 2)}规定，不予行政处罚；"
                                 f"依照{lab(33, 3)}规定，对当事人进行教育。"),
                  Option("no", "否", "cj",
                         finding=f"本案不具有{lab(33)}规定的不予行政处罚的情形。"))),
        Question("cj", "三、从轻或者减轻", q(_x(32)),
                 "当事人是否有上列情形之一？有的，请勾选。",
                 (Option("yes", "有上列情形之一", "cj2",
                         finding=f"当事人有{{items}}规定的情形，依照{lab(32)}规定，应当从轻或者减轻行政处罚。"),
                  Option("no", "没有上列情形", "fd",
                         finding=f"本案不具有{lab(32)}规定的应当从轻或者减轻行政处罚的情形。")),
                 checks=tuple(Check(str(i), text, f"{lab(32, 1, i)}“{text[3:].rstrip('；。的')}”")
                              for i, text in ((it.number, it.text) for it in _items(library, 32)))),
        Question("cj2", "三、从轻还是减轻", (),
                 f"{lab(32)}规定“应当从轻或者减轻行政处罚”，从轻还是减轻，由行政机关依法裁量。请选择本案的决定：",
                 (Option("light", "从轻行政处罚", "fd", finding="本案决定从轻行政处罚。"),
                  Option("reduce", "减轻行政处罚", "fd", finding="本案决定减轻行政处罚。")),
                 notes=(f"待补充：从轻、减轻行政处罚的适用规则，将来源：{'；'.join(PENDING_SOURCES)}。",)),
        Question("fd", "四、适用哪一时的规定", q(_x(37)),
                 "作出行政处罚决定时，所适用的法律、法规、规章是否已被修改或者废止，且新的规定处罚较轻或者不认为是违法？",
                 (Option("no", "否", "jc",
                         finding=f"依照{lab(37)}规定，本案适用违法行为发生时的规定。"),
                  Option("yes", "是", END, "fd",
                         finding=f"依照{lab(37)}规定，本案适用新的规定。")),
                 notes=(f"编者说明：本页的处罚条款是本库收录的{law.short_name}（{_version(law)}）。"
                        "违法行为发生在此之前的，请核对当时的规定。",)),
        _range_step(library, page, matter, penalty, steps, bool(found)),
    ]
    if found:
        path.append(_band_step(found[0].citation, found[1]))
    table = found[0].citation if found else ""
    teach = said(33, 3, 0)
    outcomes = (
        Outcome("sx", "不再给予行政处罚", _sentence(library, _x(36, 1), None) + f"（{lab(36, 1)}）"),
        Outcome("bc1", "不予行政处罚", said(33, 1, 0) + teach),
        Outcome("bc2", "不予行政处罚（条文用“可以”，本案决定不予）", said(33, 1, 1) + teach),
        Outcome("bc3", "不予行政处罚", _sentence(library, _x(33, 2), None) + f"（{lab(33, 2)}）" + teach),
        Outcome("fd", "适用新的规定", said(37, None, 1)
                + "编者说明：请按新的规定重新判断处罚的种类和幅度；本页所列处罚条款和幅度不一定适用。"),
        Outcome("cf", "给予行政处罚", f"依照{full_label(library, penalty)}给予行政处罚，种类和幅度见所选阶次"
                + ("和裁量基准" if found else "") + "。"),
    )
    return DecisionPath(tuple(path), outcomes, table, tuple(local_notes))


def _sentence(library: Library, ref: Ref, n: int | None) -> str:
    """Sentence n (all when None) of the 款 ref names, verbatim, ending with its 。."""
    article = library.laws[ref.law].article(ref.article, ref.sub)
    para = article.paragraph(ref.paragraph or 1) if article else None
    assert para is not None, ref
    if n is None:
        return para.text
    return [x + "。" for x in para.text.split("。") if x][n]


def _items(library: Library, article: int) -> tuple[Item, ...]:
    found = library.laws[LAW].article(article)
    para = found.paragraph(1) if found else None
    return tuple(para.items) if para else ()


def _measures(s: Step) -> str:
    parts = list(s.orders)
    if s.unit_fine:
        parts.append(f"对单位处{s.unit_fine.text}的罚款")
    if s.person_fine:
        parts.append(f"对其直接负责的主管人员和其他直接责任人员处{s.person_fine.text}的罚款")
    return "，".join(parts)


def _range_step(library: Library, page: str, matter: Matter, penalty: Ref, steps: list[Step] | None,
                has_table: bool) -> Question:
    clause = full_label(library, penalty)
    go = "jz" if has_table else END
    outcome = "" if has_table else "cf"
    quote = _quote(library, page, Ref(penalty.law, penalty.article, penalty.paragraph or 1, penalty.item, penalty.sub))
    crime = [s for s in steps or [] if s.condition == CRIME]
    steps = [s for s in steps or [] if s.condition != CRIME]
    if steps:
        options = tuple(Option(str(n), f"{s.condition}：{_measures(s)}", go, outcome,
                               f"本案属于{clause}规定的“{s.condition}”情形，该阶次的处罚为：{_measures(s)}。"
                               + ("" if has_table else f"拟处{BLANK}。"), stage=s.condition)
                        for n, s in enumerate(steps))
        ask = "本案属于处罚条款的哪一阶次？（阶次照录条文，是否“逾期未改正”“情节严重”由办案人员根据案件事实判断。）"
    else:
        options = (Option("0", f"按条文确定：{lead_text(penalty_clause(library, penalty))}", go, outcome,
                          f"依照{clause}规定，拟处{BLANK}。"),)
        ask = "该条款的处罚情形较为复杂，未整理成阶次，请按条文确定："
    notes = tuple(f"{s.condition}，{'，'.join(s.orders)}（{clause}）。" for s in crime)
    if not has_table:
        notes += (f"待补充：本事项的裁量阶次和罚款幅度，将来源：{'；'.join(PENDING_SOURCES)}。",)
    return Question("jc", "五、法定幅度", (quote,), ask, options, notes=notes)


def _band_step(citation: str, bands: tuple[Band, ...]) -> Question:
    def label(b: Band) -> str:
        return "，".join(x for x in (f"{b.tier}：{b.circumstances}", b.fine_text, "、".join(b.other)) if x)

    def finding(b: Band) -> str:
        fine = f"，罚款幅度为{b.low}元至{b.high}元" if b.low is not None else ""
        other = f"，其他处罚为{'、'.join(b.other)}" if b.other else ""
        return f"依照{citation}，本案情形为“{b.circumstances}”，属于{b.tier}{fine}{other}。拟处{BLANK}。"

    return Question("jz", "六、裁量基准", (),
                    f"依照{citation}，本案属于哪一裁量阶次？（只列出上一步所选处罚阶次的各行。）",
                    tuple(Option(str(n), label(b), END, "cf", finding(b), b.stage) for n, b in enumerate(bands)))


# --- HTML ----------------------------------------------------------------------------------------

def _e(text: str) -> str:
    return escape(text, quote=True)


def _text_html(text: str) -> str:
    return "<br>".join(_e(line) for line in text.split("\n"))


def path_html(p: DecisionPath) -> str:
    """The path as one raw HTML block (no blank lines, so Markdown leaves it whole); every value escaped."""
    out = ['<div class="zyc-path" data-zyc>',
           '<p class="zyc-intro">编者说明：以下问题按判断顺序排列，每一步引出所依据的条文。'
           '没有脚本时，每个答案后面写着它通向哪一步或哪个结论；'
           '有脚本时，逐步选择后生成“裁量说明”草稿。是否符合条文所说的情形，由办案人员根据案件事实和证据判断。</p>']
    titles = {s.id: s.title for s in p.steps}
    ends = {o.id: o.title for o in p.outcomes}
    for s in p.steps:
        out.append(f'<fieldset class="zyc-step" data-step="{_e(s.id)}" id="zyc-{_e(s.id)}">')
        out.append(f"<legend>{_e(s.title)}</legend>")
        for quote in s.quotes:
            out.append(f'<blockquote class="zyc-law"><p><a href="{_e(quote.url)}">{_e(quote.label)}</a>：'
                       f"{_text_html(quote.text)}</p></blockquote>")
        out.append(f'<p class="zyc-ask">{_e(s.ask)}</p>')
        for c in s.checks:
            out.append(f'<label class="zyc-check"><input type="checkbox" name="zyc-{_e(s.id)}-item"'
                       f' value="{_e(c.value)}" data-finding="{_e(c.finding)}"> {_e(c.label)}</label>')
        out.append("<ul>")
        for o in s.options:
            where = f"下一步：{titles.get(o.go, o.go)}" if o.go else f"结论：{ends.get(o.outcome, '')}"
            out.append(f'<li><label><input type="radio" name="zyc-{_e(s.id)}" value="{_e(o.value)}"'
                       f' data-go="{_e(o.go)}" data-outcome="{_e(o.outcome)}" data-finding="{_e(o.finding)}"'
                       f' data-stage="{_e(o.stage)}"> {_e(o.label)}</label>'
                       f' <span class="zyc-where">→ {_e(where)}</span></li>')
        out.append("</ul>")
        for note in s.notes:
            # 待补充 is the site's styled marker here too, as on every page (pending.py lists what is missing).
            text = str(TODO_MARK) + _e(note[len(TODO):]) if note.startswith(TODO + "：") else _e(note)
            out.append(f'<p class="zyc-note">{text}</p>')
        out.append("</fieldset>")
    for end in p.outcomes:
        out.append(f'<div class="zyc-outcome" data-outcome-id="{_e(end.id)}" id="zyc-out-{_e(end.id)}">'
                   f"<p><strong>结论：{_e(end.title)}</strong></p><p>{_e(end.text)}</p></div>")
    if p.local_notes:
        out.append('<div class="zyc-local"><p><strong>本地补充</strong></p>'
                   + "".join(f"<p>{_e(n)}</p>" for n in p.local_notes) + "</div>")
    out.append('<div class="zyc-draft" hidden><p><strong>裁量说明（草稿）</strong></p>'
               '<p class="zyc-note">编者说明：以下文字由所选答案生成，是供办案人员核对的草稿，不是结论；'
               "请对照案件事实和证据核对、补全“＿＿＿＿”处后使用。</p>"
               '<textarea class="zyc-text" rows="6" readonly></textarea>'
               '<p><button type="button" class="md-button zyc-copy">复制</button> '
               '<button type="button" class="md-button zyc-reset">重新选择</button></p></div>')
    out.append("</div>")
    return "\n".join(out)


def _version(law: Law) -> str:
    """The version of a law the library holds, with the date it took effect (as its sources state it)."""
    text = f"{law.version or law.version_date}；施行日期{iso_to_cn(law.effective_date)}"
    if law.version_effective_date:
        text += f"，本版本自{iso_to_cn(law.version_effective_date)}起施行"
    return text
