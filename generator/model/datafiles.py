"""Every data file: the keys it may hold, and the citations in its text, checked with file:line.

A new kind of data file (say data/counties/*.yaml) plugs in with one DataFile entry in DATA_FILES: its
pattern, the shape of its keys, and whether its text is checked for citations. The readers of each file
(load.py, stages.py, changelog.py, laws.py) check values; this module checks what no reader looks at.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .citations import find_citations
from .errors import Problem, Severity
from .guidance import GUIDANCE_FILE, read_guidance_text
from .model import Library
from .yamlsource import KeyPath, Source, format_path, read_yaml


@dataclass(frozen=True)
class Keys:
    """A mapping that may hold these keys, each with the shape of its value (None: any value)."""

    fields: Mapping[str, Shape | None]


@dataclass(frozen=True)
class Each:
    """A list whose items all have one shape."""

    item: Shape


Shape = Keys | Each
ANY = None  # a value checked by its reader (a citation {法规, 条, 款, 项}, a whole matter)

CitationCheck = Literal["error", "warning", "none"]


@dataclass(frozen=True)
class DataFile:
    """A kind of data file: where it is under data/, its shape, how unresolved citations in it count."""

    pattern: str
    shape: Shape
    citations: CitationCheck = "error"
    verbatim: frozenset[str] = frozenset()  # keys holding quoted official text: their citations only warn
    exclude: frozenset[str] = frozenset()   # file names the pattern matches that are another kind


CHECKLIST = Keys({"标题": None, "来源": None, "分类": Each(Keys({"代号": None, "名称": None, "说明": None})),
                  "事项": ANY})  # each matter's keys are checked by load.py, with the matter's own hint
STAGE = Keys({
    "代号": None, "名称": None, "顺序": None, "简介": None,
    "步骤": Each(Keys({"名称": None, "做法": None, "依据": ANY, "文书": None, "核对": None, "程序": None})),
    "时限": Each(Keys({"名称": None, "期限": None, "说明": None, "依据": ANY})),
    "待补充": Each(Keys({"内容": None, "来源": None})),
})
DOCUMENTS = Keys({"式样来源": None,
                  "文书": Each(Keys({"代号": None, "名称": None, "用途": None, "依据": ANY, "式样名称": None}))})
DELEGATION = Keys({"途径": Each(Keys({"名称": None, "说明": None, "依据": ANY})),
                   "本县规定": ANY,  # a sentence: its form is checked by stages.statement
                   "通报范围": Keys({"引文": None, "出处": None})})
CHANGELOG = Keys({"记录": Each(Keys({
    "日期": None, "来源": None,
    "新增": Each(Keys({"事项代码": None, "事项名称": None})),
    "删除": ANY,  # removed matters, kept in full as they were
    "修改": Each(Keys({"事项代码": None, "字段": None, "原值": ANY, "新值": ANY})),
}))})
_DOC = Keys({"标题": ANY, "文号": ANY, "日期": ANY, "形式": ANY, "乡镇": ANY, "事项": ANY, "金额限制": ANY,
             "保留措施": ANY, "来源": ANY})  # each value is a fact or {待补充, 来源}: checked by counties.py
COUNTY = Keys({"代号": None, "名称": None, "名称来源": None, "顺序": None,
               "委托文件": Each(_DOC),  # or {待补充, 来源}, whose keys counties.py checks
               "重点事项": ANY, "本地事项": ANY,  # each matter's keys are checked by load.py
               "本地说明": ANY})
SOURCES = Keys({"laws": Each(Keys({"file": None, "id": None, "short_names": None, "kind": None,
                                   "effective_date": None, "version": None, "version_effective_date": None,
                                   "version_effective_source": None, "note": None}))})
DISCRETION = Keys({"名称": None, "文号": None, "日期": None, "条款": Each(Keys({
    "法规": None, "条": None, "款": None, "项": None,
    "基准": Each(Keys({"情形": None, "阶次": None, "适用": None, "罚款下限": None, "罚款上限": None,
                       "其他处罚": None})),
}))})
LAW = Keys({
    "id": None, "title": None, "short_names": None, "kind": None, "version_date": None, "effective_date": None,
    "source": None, "note": None, "version": None, "version_effective_date": None, "version_effective_source": None,
    "history": None,
    "chapters": Each(Keys({"title": None, "level": None, "first": None, "last": None})),
    "articles": Each(Keys({"number": None, "sub": None, "chapter": None, "section": None,
                           "paragraphs": Each(Keys({"text": None, "items": None}))})),
    "footnotes": None, "appendices": Each(Keys({"title": None, "lines": None})),
})

DATA_FILES: tuple[DataFile, ...] = (
    DataFile("checklist.yaml", CHECKLIST, verbatim=frozenset({"原文"})),
    DataFile("stages/*.yaml", STAGE),
    DataFile("documents.yaml", DOCUMENTS),
    DataFile("delegation.yaml", DELEGATION),
    DataFile("counties/*.yaml", COUNTY),
    # The record keeps past wording as it was; it is written by `import`, not edited.
    DataFile("changelog.yaml", CHANGELOG, "warning"),
    DataFile("laws/sources.yaml", SOURCES, "none"),
    DataFile("discretion/*.yaml", DISCRETION, "none"),
    # Law texts are checked article by article with their own 本法 (citations.unresolved_in_laws).
    DataFile("laws/*.yaml", LAW, "none", exclude=frozenset({"sources.yaml"})),
)




def check_data_files(data_dir: Path, library: Library, display_dir: str,
                     kinds: tuple[DataFile, ...] = DATA_FILES, guidance: str | None = None) -> list[Problem]:
    """Unknown keys and unresolved citations in every data file, each with file:line: key.path.

    guidance is the text of data/guidance.txt when the caller has read it already.
    """
    out: list[Problem] = []
    # The guidance as issued is plain text kept verbatim: a citation in it that cannot be linked only warns.
    text = read_guidance_text(data_dir) if guidance is None else guidance
    out += _text_citations(text, f"{display_dir}/{GUIDANCE_FILE}", library)
    for kind in kinds:
        for path in sorted(data_dir.glob(kind.pattern)):
            if path.name in kind.exclude or not path.is_file():
                continue
            out += _checked(path, f"{display_dir}/{path.relative_to(data_dir).as_posix()}", kind, library)
    return out


def check_file(src: Source, kind: DataFile, library: Library) -> list[Problem]:
    """Unknown keys and unresolved citations in one parsed data file."""
    if src.data is None:
        return []  # syntax errors are reported by the file's reader
    out = unknown_keys(src, kind.shape)
    if kind.citations != "none":
        out += unresolved_citations(src, library, kind)
    return out


def unknown_keys(src: Source, shape: Shape, value: Any = None, path: KeyPath = ()) -> list[Problem]:
    """A problem for each key the shape does not allow, naming the allowed keys and the nearest one."""
    value = src.data if not path else value
    out: list[Problem] = []
    if isinstance(shape, Each):
        if isinstance(value, list):
            for i, item in enumerate(value):
                out += unknown_keys(src, shape.item, item, (*path, i))
        return out
    if not isinstance(value, dict):
        return out
    allowed = list(shape.fields)
    for key, sub in value.items():
        if key not in shape.fields:
            near = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.4)
            hint = f"允许的键：{'、'.join(allowed)}" + (f"；是否想写“{near[0]}”？" if near else "")
            out.append(src.problem((*path, key), f"未知的键“{key}”", hint))
            continue
        child = shape.fields[key]
        if child is not None:
            out += unknown_keys(src, child, sub, (*path, key))
    return out


def unresolved_citations(src: Source, library: Library, kind: DataFile) -> list[Problem]:
    """A problem for each citation in the file's text that cannot be linked, at the line where it stands."""
    out = []
    for path, text in _strings(src.data, ()):
        severity: Severity = "warning" if kind.citations == "warning" or set(path) & kind.verbatim else "error"
        for c in find_citations(text, library):
            if c.problem:
                line = src.line(path) + (text.count("\n", 0, c.start) + 1 if "\n" in text.strip() else 0)
                out.append(Problem(src.file, line, format_path(path), f"无法链接“{c.text}”：{c.problem}",
                                   "核对法规名称和条、款、项的序号；法规库未收入的法规不能链接，"
                                   "收入新法规用 python -m generator laws import", severity))
    return out


def _text_citations(text: str, shown: str, library: Library) -> list[Problem]:
    return [Problem(shown, n, "", f"无法链接“{c.text}”：{c.problem}", "原文照录，不作修改；引用处不加链接", "warning")
            for n, line in enumerate(text.splitlines(), start=1) for c in find_citations(line, library) if c.problem]


def _strings(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, sub in value.items():
            yield from _strings(sub, (*path, key))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _strings(sub, (*path, i))


_CACHE: dict[tuple[str, str, int, int, str], tuple[Library, DataFile, list[Problem]]] = {}


def _checked(path: Path, shown: str, kind: DataFile, library: Library) -> list[Problem]:
    # `serve` validates on every edit: a file is parsed and checked again only when it or the library changed.
    stat = path.stat()
    key = (str(path.resolve()), shown, stat.st_mtime_ns, stat.st_size, kind.pattern)
    cached = _CACHE.get(key)
    if cached is None or cached[0] is not library or cached[1] is not kind:
        if len(_CACHE) > 256:
            _CACHE.clear()
        cached = _CACHE[key] = (library, kind, check_file(read_yaml(path, shown), kind, library))
    return list(cached[2])
