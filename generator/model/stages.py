"""The enforcement stages (data/stages/*.yaml), their documents and the township delegation rule."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .citations import find_citations, full_label
from .errors import Problem
from .guidance import GUIDANCE_FILE, read_guidance_text
from .load import ID_RE, read_ref
from .model import Library, Ref
from .scope import official_text
from .textcheck import line_breaks
from .yamlsource import KeyPath, Source, read_yaml, type_name

STAGES_DIR = "stages"
DOCUMENTS_FILE = "documents.yaml"
DELEGATION_FILE = "delegation.yaml"
FORM_SOURCE_KEY = "式样来源"
PROCEDURES = ("简易程序", "普通程序", "听证程序")


LAW, NOTE, TODO_KIND, QUOTE = "law", "note", "todo", "quote"
NOTE_KEY, TODO_KEY, SOURCE_KEY = "编者说明", "待补充", "来源"
STATEMENT_HINT = ("在句末写出所依据的条文，如（《行政处罚法》第五十一条）；本站自己的建议写成 {编者说明: …}；"
                  "尚无来源的写成 {待补充: …, 来源: …}")


@dataclass(frozen=True)
class Statement:
    """One sentence shown to officers: law (citing its article in the text), 编者说明, or 待补充 with its source."""

    text: str
    kind: str = LAW
    source: str = ""

    @property
    def is_law(self) -> bool:
        """Whether the sentence states law (and cites it)."""
        return self.kind == LAW

    @property
    def is_note(self) -> bool:
        """Whether the sentence is our own editorial guidance (编者说明)."""
        return self.kind == NOTE

    @property
    def is_quote(self) -> bool:
        """Whether the sentence is quoted word for word from a document (source names it)."""
        return self.kind == QUOTE

    @property
    def is_todo(self) -> bool:
        """Whether the sentence is content still to come (待补充), with the source it will come from."""
        return self.kind == TODO_KIND


@dataclass(frozen=True)
class Step:
    """One step of a stage: what to do, on what legal basis, leaving which documents."""

    name: str
    actions: tuple[Statement, ...]
    basis: tuple[Ref, ...]
    documents: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()
    procedure: str = ""


@dataclass(frozen=True)
class TimeLimit:
    """A time limit of the law: its figure as the law words it, and the article that sets it."""

    name: str
    period: str
    note: str
    basis: Ref
    stage: str = ""
    working_days: Ref | None = None  # the article that makes this period 工作日, where one does


@dataclass(frozen=True)
class Pending:
    """Content still to be added, and the document it will come from."""

    what: str
    source: str


@dataclass(frozen=True)
class Stage:
    """A stage of enforcement with its steps, time limits and pending content."""

    id: str
    name: str
    order: int
    intro: str
    steps: tuple[Step, ...]
    limits: tuple[TimeLimit, ...] = ()
    pending: tuple[Pending, ...] = ()

    @property
    def path(self) -> str:
        """The stage page's source path."""
        return f"stages/{self.id}.md"

    @property
    def checklist_path(self) -> str:
        """The printable checklist's source path."""
        return f"stages/{self.id}-checklist.md"


@dataclass(frozen=True)
class Document:
    """An enforcement document: name and purpose only, with the article that calls for it."""

    id: str
    name: str
    purpose: str
    basis: Ref
    form_name_pending: bool = False
    form_source: str = ""


@dataclass(frozen=True)
class Route:
    """One legal route by which a township handles penalty cases (委托, 交由乡镇行使), as its articles say."""

    name: str
    statements: tuple[Statement, ...]
    basis: tuple[Ref, ...]


@dataclass(frozen=True)
class Delegation:
    """Who handles a case: the legal routes side by side, and the county document that says which applies."""

    routes: tuple[Route, ...]
    county: Statement
    report_scope: Statement


@dataclass
class Procedures:
    """Everything under data/ about how cases are handled."""

    stages: list[Stage] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    delegation: Delegation | None = None
    problems: list[Problem] = field(default_factory=list)
    stamp: str = ""  # a fingerprint of the files read: pages rendered from them can be reused while it holds

    @property
    def limits(self) -> list[TimeLimit]:
        """Every time limit, stage by stage."""
        return [t for s in self.stages for t in s.limits]

    def stage(self, stage_id: str) -> Stage | None:
        """The stage with this id."""
        return next((s for s in self.stages if s.id == stage_id), None)


def load_procedures(data_dir: Path, library: Library, display_dir: str | None = None,
                    guidance: str | None = None) -> Procedures:
    """Read documents.yaml, delegation.yaml and stages/*.yaml, checking every citation and time limit.

    guidance is the text of data/guidance.txt when the caller has read it already.
    """
    shown = display_dir if display_dir is not None else str(data_dir)
    out = Procedures()
    docs_path = data_dir / DOCUMENTS_FILE
    if docs_path.exists():
        out.documents = _documents(read_yaml(docs_path, f"{shown}/{DOCUMENTS_FILE}"), library, out.problems)
    deleg_path = data_dir / DELEGATION_FILE
    if deleg_path.exists():
        text = read_guidance_text(data_dir) if guidance is None else guidance
        out.delegation = _delegation(read_yaml(deleg_path, f"{shown}/{DELEGATION_FILE}"), library, text,
                                     out.problems)
    for path in sorted((data_dir / STAGES_DIR).glob("*.yaml")):
        stage = _stage(read_yaml(path, f"{shown}/{STAGES_DIR}/{path.name}"), library, out.documents, out.problems)
        if stage is not None:
            out.stages.append(stage)
    out.stages.sort(key=lambda s: s.order)
    read = [data_dir / DOCUMENTS_FILE, data_dir / DELEGATION_FILE, data_dir / GUIDANCE_FILE,
            *sorted((data_dir / STAGES_DIR).glob("*.yaml"))]
    out.stamp = hashlib.sha1(b"\0".join(p.read_bytes() for p in read if p.exists())).hexdigest()
    ids = [s.id for s in out.stages]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        out.problems.append(Problem(f"{shown}/{STAGES_DIR}", 0, "代号", f"环节代号 {dup!r} 用了两次"))
    return out


class _Fields:
    """Typed access to one YAML mapping, recording a problem for each missing or ill-typed field."""

    def __init__(self, src: Source, path: KeyPath, value: Any, problems: list[Problem]) -> None:
        self.src, self.path, self.problems = src, path, problems
        self.value = value if isinstance(value, dict) else {}
        if not isinstance(value, dict):
            problems.append(src.problem(path, f"应为映射，实际是 {type_name(value)}"))

    def text(self, key: str, required: bool = True) -> str:
        value = self.value.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if value is not None or required:
            where = (*self.path, key) if key in self.value else self.path
            self.problems.append(self.src.problem(where, f"{key} 应为文字" if key in self.value
                                                  else f"缺少必填字段 {key}"))
        return ""

    def texts(self, key: str, required: bool = False) -> tuple[str, ...]:
        value = self.value.get(key)
        if value is None and not required:
            return ()
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            self.problems.append(self.src.problem((*self.path, key), f"{key} 应为文字的列表"))
            return ()
        return tuple(v.strip() for v in value)

    def ref(self, key: str, library: Library) -> Ref | None:
        if key not in self.value:
            self.problems.append(self.src.problem(self.path, f"缺少必填字段 {key}"))
            return None
        return read_ref(self.src, (*self.path, key), self.value[key], library, self.problems)

    def refs(self, key: str, library: Library) -> tuple[Ref, ...]:
        value = self.value.get(key)
        if not isinstance(value, list) or not value:
            self.problems.append(self.src.problem((*self.path, key) if key in self.value else self.path,
                                                  f"{key} 应为非空的引用列表",
                                                  "每个步骤都要写明法律依据，例如 {法规: 行政处罚法, 条: 60}"))
            return ()
        refs = [read_ref(self.src, (*self.path, key, i), v, library, self.problems) for i, v in enumerate(value)]
        return tuple(r for r in refs if r is not None)


def _documents(src: Source, library: Library, problems: list[Problem]) -> dict[str, Document]:
    problems.extend([*src.problems, *line_breaks(src)])
    out: dict[str, Document] = {}
    data = src.data if isinstance(src.data, dict) else {}
    form_source = data.get(FORM_SOURCE_KEY)
    if not isinstance(form_source, str) or not form_source.strip():
        problems.append(src.problem((), f"缺少 {FORM_SOURCE_KEY}：文书式样名称待补充时，要写明将从哪套正式文书式样补充",
                                    f"{FORM_SOURCE_KEY}: 应急管理部《安全生产执法文书样式》"))
        form_source = ""
    for i, entry in enumerate(data.get("文书", [])):
        f = _Fields(src, ("文书", i), entry, problems)
        doc_id, name, purpose = f.text("代号"), f.text("名称"), f.text("用途")
        basis = f.ref("依据", library)
        pending = f.value.get("式样名称") == TODO_KEY
        if "式样名称" in f.value and not pending:
            problems.append(src.problem(("文书", i, "式样名称"),
                                        f"式样名称只能写 {TODO_KEY}，实际是 {f.value['式样名称']!r}",
                                        "文书名称就是条文用语的，不写式样名称"))
        if doc_id and not ID_RE.fullmatch(doc_id):
            problems.append(src.problem(("文书", i, "代号"), f"应为英文标识，实际是 {doc_id!r}"))
        elif doc_id in out:
            problems.append(src.problem(("文书", i, "代号"), f"文书代号 {doc_id!r} 用了两次"))
        elif doc_id and name and purpose and basis:
            if not pending and name not in place_text(library, basis):
                problems.append(src.problem(("文书", i, "名称"),
                                            f"文书名称“{name}”不是所引条文（{full_label(library, basis)}）"
                                            "的用语，又没有标明式样名称待补充",
                                            f"改用条文中的名称，或者加上 式样名称: {TODO_KEY}"))
            cited = [basis, *(c.ref for c in find_citations(purpose, library) if c.ref is not None)]
            _check_working_days(src, ("文书", i, "用途"), purpose, cited, library, problems)
            out[doc_id] = Document(doc_id, name, purpose, basis, pending, form_source)
    return out


def _delegation(src: Source, library: Library, guidance: str, problems: list[Problem]) -> Delegation | None:
    problems.extend([*src.problems, *line_breaks(src)])
    f = _Fields(src, (), src.data, problems)
    before = len(problems)
    routes = []
    entries = f.value.get("途径")
    if not isinstance(entries, list) or not entries:
        problems.append(src.problem(("途径",) if "途径" in f.value else (),
                                    "应为至少一种办理途径的列表（委托、交由乡镇（街道）行使）"))
        entries = []
    for i, entry in enumerate(entries):
        rf = _Fields(src, ("途径", i), entry, problems)
        name = rf.text("名称")
        said = statements(src, ("途径", i, "说明"), rf.value.get("说明"), library, problems)
        routes.append(Route(name, said, rf.refs("依据", library)))
    county = statement(src, ("本县规定",), f.value.get("本县规定"), library, problems)
    if county is not None and not county.is_todo and "本县规定" in f.value:
        problems.append(src.problem(("本县规定",), "本县（市、区）的文件内容尚未收入时，应写成 {待补充: …, 来源: …}"))
    scope = _quote(src, ("通报范围",), f.value.get("通报范围"), guidance, problems)
    if len(problems) > before or county is None or scope is None:
        return None
    return Delegation(tuple(routes), county, scope)


def _quote(src: Source, path: KeyPath, value: Any, guidance: str, problems: list[Problem]) -> Statement | None:
    """A sentence quoted from the guidance: it must stand there word for word."""
    if not (isinstance(value, dict) and set(value) == {"引文", "出处"}
            and all(isinstance(v, str) and v.strip() for v in value.values())):
        problems.append(src.problem(path, f"应为 {{引文: …, 出处: …}}，实际是 {value!r}",
                                    "引文照录指导意见原文，出处写明文件名称和段落"))
        return None
    quoted = value["引文"].strip()
    if quoted not in guidance:
        problems.append(src.problem((*path, "引文"), f"指导意见原文中没有这段文字：“{quoted}”",
                                    "照录 data/guidance.txt 中的原文，不要改写"))
        return None
    return Statement(quoted, QUOTE, value["出处"].strip())


def statement(src: Source, path: KeyPath, value: Any, library: Library, problems: list[Problem]) -> Statement | None:
    """One sentence: text citing a resolvable article, {编者说明: …} or {待补充: …, 来源: …}; else a problem."""
    if isinstance(value, str) and value.strip():
        text = value.strip()
        # an unresolved citation is reported once, for every data file, by datafiles.py
        cites = find_citations(text, library)
        refs = [c.ref for c in cites if c.ref is not None]
        if not cites:
            problems.append(src.problem(path, f"这句话没有注明依据：“{text}”", STATEMENT_HINT))
            return None
        if not refs:
            return None  # it cites, but nothing that resolves: reported once, as a citation, by datafiles.py
        _check_working_days(src, path, text, refs, library, problems)
        return Statement(text)
    if isinstance(value, dict):
        texts = {k: v.strip() for k, v in value.items() if isinstance(v, str) and v.strip()}
        if set(value) == {NOTE_KEY} and NOTE_KEY in texts:
            return Statement(texts[NOTE_KEY], NOTE)
        if set(value) == {TODO_KEY, SOURCE_KEY} and len(texts) == 2:
            return Statement(texts[TODO_KEY], TODO_KIND, texts[SOURCE_KEY])
    found = f"键为 {'、'.join(map(str, value))} 的条目" if isinstance(value, dict) else repr(value)
    problems.append(src.problem(path, f"应为一句注明依据的话、{{编者说明: …}} 或 {{待补充: …, 来源: …}}，"
                                      f"实际是{found}",
                                STATEMENT_HINT))
    return None


def statements(src: Source, path: KeyPath, value: Any, library: Library,
               problems: list[Problem]) -> tuple[Statement, ...]:
    """A non-empty list of sentences, each sourced (see statement)."""
    if not isinstance(value, list) or not value:
        problems.append(src.problem(path, "应为至少一句话的列表", STATEMENT_HINT))
        return ()
    out = [statement(src, (*path, n), v, library, problems) for n, v in enumerate(value)]
    return tuple(s for s in out if s is not None)


def _stage(src: Source, library: Library, documents: dict[str, Document], problems: list[Problem]) -> Stage | None:
    problems.extend([*src.problems, *line_breaks(src)])
    if src.data is None:
        return None
    before = len(problems)
    f = _Fields(src, (), src.data, problems)
    stage_id, name, intro = f.text("代号"), f.text("名称"), f.text("简介")
    order = f.value.get("顺序")
    if not isinstance(order, int):
        problems.append(src.problem(("顺序",), f"应为整数，实际是 {order!r}"))
    if stage_id and not ID_RE.fullmatch(stage_id):
        problems.append(src.problem(("代号",), f"应为英文标识，实际是 {stage_id!r}",
                                    "代号是页面的网址：stages/<代号>.html"))
    steps = [_step(src, ("步骤", i), s, library, documents, problems) for i, s in enumerate(f.value.get("步骤") or [])]
    if not steps:
        problems.append(src.problem(("步骤",) if "步骤" in f.value else (), "步骤 下至少要有一个步骤"))
    limits = [_limit(src, ("时限", i), t, library, stage_id, problems) for i, t in enumerate(f.value.get("时限") or [])]
    pending = []
    for i, p in enumerate(f.value.get("待补充") or []):
        pf = _Fields(src, ("待补充", i), p, problems)
        pending.append(Pending(pf.text("内容"), pf.text("来源")))
    if len(problems) > before:
        return None
    return Stage(stage_id, name, int(order or 0), intro, tuple(s for s in steps if s),
                 tuple(t for t in limits if t), tuple(pending))


def _step(src: Source, path: KeyPath, value: Any, library: Library, documents: dict[str, Document],
          problems: list[Problem]) -> Step | None:
    f = _Fields(src, path, value, problems)
    name = f.text("名称")
    actions = statements(src, (*path, "做法"), f.value.get("做法"), library, problems)
    basis = f.refs("依据", library)
    docs = f.texts("文书")
    for doc in docs:
        if doc not in documents:
            problems.append(src.problem((*path, "文书"), f"未知文书 {doc!r}",
                                        f"文书登记在 {DOCUMENTS_FILE}：{'、'.join(sorted(documents))}"))
    procedure = f.text("程序", required=False)
    if procedure and procedure not in PROCEDURES:
        problems.append(src.problem((*path, "程序"), f"应为 {'、'.join(PROCEDURES)} 之一，实际是 {procedure!r}"))
    checks = f.texts("核对") or tuple(a.text for a in actions)
    return Step(name, actions, basis, docs, checks, procedure) if name and basis else None


# 行政处罚法 第八十五条: 本法中“二日”“三日”“五日”“七日”的规定是指工作日，不含法定节假日。
# 行政强制法 第六十九条: 本法中十日以内期限的规定是指工作日，不含法定节假日。
_DIGIT = "一二三四五六七八九十百千两"
WORKING_DAY_RULES: dict[str, tuple[int, re.Pattern[str]]] = {
    "xzcff": (85, re.compile(rf"(?<![{_DIGIT}])[二三五七]日")),
    "xzqzf": (69, re.compile(rf"(?<![{_DIGIT}])(?:十|[一二三四五六七八九两])日")),
}


def working_days(library: Library, law: str, text: str) -> Ref | None:
    """The article that makes a period in text (set by law) 工作日, if that law has such an article and text one."""
    rule = WORKING_DAY_RULES.get(law)
    if rule is None or law not in library.laws or library.laws[law].article(rule[0]) is None:
        return None
    return Ref(law, rule[0]) if rule[1].search(text) else None


def _check_working_days(src: Source, path: KeyPath, text: str, cites: list[Ref], library: Library,
                        problems: list[Problem]) -> None:
    """A sentence citing 行政处罚法 or 行政强制法 with a short period must say it is 工作日."""
    if "工作日" in text:
        return
    for law in dict.fromkeys(r.law for r in cites):
        rule = working_days(library, law, text)
        if rule is not None:
            problems.append(src.problem(path, f"句中的期限按{full_label(library, rule)}是工作日，但没有写明：“{text}”",
                                        f"在期限后写明（工作日，{full_label(library, rule)}）"))
            return


_PERIOD = re.compile(r"[零一二三四五六七八九十百两]+(?:日|个月|年|小时)")


def _limit(src: Source, path: KeyPath, value: Any, library: Library, stage: str,
           problems: list[Problem]) -> TimeLimit | None:
    f = _Fields(src, path, value, problems)
    name, period, note = f.text("名称"), f.text("期限"), f.text("说明")
    basis = f.ref("依据", library)
    if period and not _PERIOD.fullmatch(period):
        problems.append(src.problem((*path, "期限"), f"应按法条的写法写期限（七日、三个月），"
                                    f"实际是 {period!r}"))
        return None
    if basis and period:
        official = place_text(library, basis)
        if period not in official:
            problems.append(src.problem((*path, "期限"), f"所引条文（{full_label(library, basis)}）的正式文本中"
                                        f"没有“{period}”",
                                        "请引用规定这个期限的条、款、项"))
            return None
    if not (name and basis and period):
        return None
    return TimeLimit(name, period, note, basis, stage, working_days(library, basis.law, period))


def place_text(library: Library, ref: Ref) -> str:
    """The official text of a cited 条, 款 or 项 (a 项 with its 款's lead) as one string, for finding words in it."""
    return "".join(official_text(library, ref))
