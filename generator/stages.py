"""The enforcement stages (data/stages/*.yaml), their documents and the township delegation rule."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .citations import find_citations, full_label
from .errors import Problem
from .load import ID_RE, read_ref
from .model import Library, Ref
from .textcheck import line_breaks
from .yamlsource import KeyPath, Source, read_yaml, type_name

STAGES_DIR = "stages"
DOCUMENTS_FILE = "documents.yaml"
DELEGATION_FILE = "delegation.yaml"
PROCEDURES = ("简易程序", "普通程序", "听证程序")


@dataclass(frozen=True)
class Step:
    """One step of a stage: what to do, on what legal basis, leaving which documents."""

    name: str
    actions: tuple[str, ...]
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


@dataclass(frozen=True)
class Delegation:
    """What a township may decide: a fine limit and the measures kept by the county department."""

    fine_limit: int
    limit_source: str
    county_measures: tuple[str, ...]
    basis: tuple[Ref, ...]


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


def load_procedures(data_dir: Path, library: Library, display_dir: str | None = None) -> Procedures:
    """Read documents.yaml, delegation.yaml and stages/*.yaml, checking every citation and time limit."""
    shown = display_dir if display_dir is not None else str(data_dir)
    out = Procedures()
    docs_path = data_dir / DOCUMENTS_FILE
    if docs_path.exists():
        out.documents = _documents(read_yaml(docs_path, f"{shown}/{DOCUMENTS_FILE}"), library, out.problems)
    deleg_path = data_dir / DELEGATION_FILE
    if deleg_path.exists():
        out.delegation = _delegation(read_yaml(deleg_path, f"{shown}/{DELEGATION_FILE}"), library, out.problems)
    for path in sorted((data_dir / STAGES_DIR).glob("*.yaml")):
        stage = _stage(read_yaml(path, f"{shown}/{STAGES_DIR}/{path.name}"), library, out.documents, out.problems)
        if stage is not None:
            out.stages.append(stage)
    out.stages.sort(key=lambda s: s.order)
    read = [data_dir / DOCUMENTS_FILE, data_dir / DELEGATION_FILE, *sorted((data_dir / STAGES_DIR).glob("*.yaml"))]
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
    entries = (src.data or {}).get("文书", []) if isinstance(src.data, dict) else []
    for i, entry in enumerate(entries):
        f = _Fields(src, ("文书", i), entry, problems)
        doc_id, name, purpose = f.text("代号"), f.text("名称"), f.text("用途")
        basis = f.ref("依据", library)
        if doc_id and not ID_RE.fullmatch(doc_id):
            problems.append(src.problem(("文书", i, "代号"), f"应为英文标识，实际是 {doc_id!r}"))
        elif doc_id in out:
            problems.append(src.problem(("文书", i, "代号"), f"文书代号 {doc_id!r} 用了两次"))
        elif doc_id and name and purpose and basis:
            out[doc_id] = Document(doc_id, name, purpose, basis, f.value.get("式样名称") == "待补充")
    return out


def _delegation(src: Source, library: Library, problems: list[Problem]) -> Delegation | None:
    problems.extend([*src.problems, *line_breaks(src)])
    f = _Fields(src, (), src.data, problems)
    limit = f.value.get("乡镇罚款上限")
    if not isinstance(limit, int) or isinstance(limit, bool) or limit <= 0:
        problems.append(src.problem(("乡镇罚款上限",), f"应为以元计的金额，实际是 {limit!r}"))
        return None
    source = f.text("上限来源")
    measures = f.texts("县级办理的措施", required=True)
    basis = f.refs("依据", library)
    return Delegation(limit, source, measures, basis) if source and basis else None


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
    actions = f.texts("做法", required=True)
    for n, action in enumerate(actions):
        for c in find_citations(action, library):
            if c.problem:
                problems.append(src.problem((*path, "做法", n), f"无法链接“{c.text}”：{c.problem}"))
    basis = f.refs("依据", library)
    docs = f.texts("文书")
    for doc in docs:
        if doc not in documents:
            problems.append(src.problem((*path, "文书"), f"未知文书 {doc!r}",
                                        f"文书登记在 {DOCUMENTS_FILE}：{'、'.join(sorted(documents))}"))
    procedure = f.text("程序", required=False)
    if procedure and procedure not in PROCEDURES:
        problems.append(src.problem((*path, "程序"), f"应为 {'、'.join(PROCEDURES)} 之一，实际是 {procedure!r}"))
    return Step(name, actions, basis, docs, f.texts("核对") or actions, procedure) if name and basis else None


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
    return TimeLimit(name, period, note, basis, stage) if name and basis and period else None


def place_text(library: Library, ref: Ref) -> str:
    """The official text of a cited 条, 款 or 项 (a 项 with its 款's lead)."""
    article = library.laws[ref.law].article(ref.article)
    if article is None:
        return ""
    paras = [article.paragraph(ref.paragraph)] if ref.paragraph else list(article.paragraphs)
    texts = []
    for p in paras:
        if p is None:
            continue
        items = [i.text for i in p.items if ref.item in (None, i.number)]
        texts.append(p.text + "".join(items))
    return "".join(texts)
