"""Load data/checklist.yaml into the model, collecting every problem at once."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .citations import check_ref, normalise
from .codes import code_problem
from .errors import Problem
from .model import Category, Checklist, Library, Matter, Quote, Ref
from .numerals import cn_to_int
from .textcheck import line_breaks, prose_links
from .urls import URLS
from .yamlsource import KeyPath, Source, format_path, parse_yaml, read_yaml, type_name

CHECKLIST_FILE = "checklist.yaml"
ID_RE = re.compile(r"[a-z0-9-]+")
MATTER_KEYS = {
    "序号", "类别", "事项代码", "事项名称", "法律依据", "处罚条款和内容",
    "现场检查要点", "证据材料", "执法文书", "裁量说明", "本地补充",
}
REQUIRED = ("序号", "类别", "事项代码", "事项名称", "法律依据", "处罚条款和内容")
LIST_FIELDS = {"现场检查要点": "checks", "证据材料": "evidence", "执法文书": "documents"}
TEXT_FIELDS = {"裁量说明": "discretion", "本地补充": "local_notes"}
REF_KEYS = {"法规", "条", "款", "项"}
_OTHER_PAGE = re.compile(r"(?:stages|training)/[a-z0-9-]+\.md|[a-z0-9-]+\.md"
                         r"|(?:matters|categories|laws|stages|training)/index\.md")
_LAW_PAGE = re.compile(r"laws/[a-z0-9-]+\.md")
SUB_ARTICLE_RE = re.compile(r"([0-9]+)之([一二三四五六七八九十]+)")


@dataclass
class Loaded:
    """The result of loading: a checklist (when usable) and every problem found."""

    checklist: Checklist | None
    problems: list[Problem] = field(default_factory=list)


def load_checklist(data_dir: Path, library: Library | None = None, display_dir: str | None = None) -> Loaded:
    """Read and check data/checklist.yaml; with a library, also check every citation against it."""
    shown = f"{display_dir if display_dir is not None else data_dir}/{CHECKLIST_FILE}"
    return _checked(read_yaml(data_dir / CHECKLIST_FILE, shown), library)


def load_checklist_text(text: str, name: str, library: Library | None = None) -> Loaded:
    """Check checklist YAML that is not written yet (an import, before it replaces the file)."""
    return _checked(parse_yaml(text, name), library)


def _checked(source: Source, library: Library | None) -> Loaded:
    if source.data is None:
        return Loaded(None, source.problems)
    loaded = _Reader(source, library).read()
    loaded.problems.extend(line_breaks(source))
    return loaded


def _closest(word: str, choices: list[str], cutoff: float = 0.5) -> str:
    match = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    return f"是不是 {match[0]!r}？" if match else ""


class _Reader:
    """Walks the parsed YAML once, building model objects and recording problems."""

    def __init__(self, source: Source, library: Library | None) -> None:
        self.src = source
        self.library = library
        self.problems = list(source.problems)

    def error(self, path: KeyPath, message: str, hint: str = "") -> None:
        self.problems.append(self.src.problem(path, message, hint))

    def read(self) -> Loaded:
        data = self.src.data
        if not isinstance(data, dict):
            self.error((), f"应为含 标题、分类、事项 的映射，实际是 {type_name(data)}")
            return Loaded(None, self.problems)
        for key in ("标题", "分类", "事项"):
            if key not in data:
                self.error((), f"缺少必填项 {key}")
        categories = self.categories(data.get("分类") or [])
        matters = self.matters(data.get("事项") or [], categories)
        checklist = Checklist(str(data.get("标题", "")), str(data.get("来源", "")), tuple(categories), tuple(matters))
        self.prose(data, checklist)
        return Loaded(checklist, self.problems)

    def prose(self, data: dict[Any, Any], checklist: Checklist) -> None:
        """Check the links of the prose fields (分类的说明, 裁量说明, 本地补充) against the pages there will be."""
        pages = {m.path for m in checklist.matters} | {URLS.category(c.id) for c in checklist.categories}
        pages |= {law.path for law in self.library.laws.values()} if self.library else set()

        def known(path: str) -> bool:
            # Stage and training pages, and the pages at the top, are not known here: their form is checked.
            return path in pages or bool(_OTHER_PAGE.fullmatch(path)) or (
                self.library is None and bool(_LAW_PAGE.fullmatch(path)))

        fields: list[tuple[KeyPath, Any]] = []
        for i, c in enumerate(data.get("分类") or []):
            if isinstance(c, dict):
                fields.append((("分类", i, "说明"), c.get("说明")))
        for i, m in enumerate(data.get("事项") or []):
            if isinstance(m, dict):
                fields += [(("事项", i, key), m.get(key)) for key in TEXT_FIELDS]
        for path, text in fields:
            if isinstance(text, str):
                self.problems += prose_links(self.src, path, text, known)

    def categories(self, raw: Any) -> list[Category]:
        if not isinstance(raw, list):
            self.error(("分类",), f"应为类别的列表，实际是 {type_name(raw)}")
            return []
        out: list[Category] = []
        for i, entry in enumerate(raw):
            path: KeyPath = ("分类", i)
            if not isinstance(entry, dict) or not entry.get("名称") or not entry.get("代号"):
                self.error(path, "应有 代号（英文标识）和 名称")
                continue
            if not ID_RE.fullmatch(str(entry["代号"])):
                found = entry["代号"]
                self.error((*path, "代号"), f"应为小写英文字母、数字或“-”，实际是 {found!r}",
                           "代号是类别页面的网址：categories/<代号>.html")
                continue
            if any(c.id == entry["代号"] or c.name == entry["名称"] for c in out):
                self.error(path, f"类别 {entry['名称']!r}（{entry['代号']}）重复列出")
                continue
            out.append(Category(str(entry["代号"]), str(entry["名称"]), str(entry.get("说明", ""))))
        return out

    def matters(self, raw: Any, categories: list[Category]) -> list[Matter]:
        if not isinstance(raw, list):
            self.error(("事项",), f"应为事项的列表，实际是 {type_name(raw)}")
            return []
        names = [c.name for c in categories]
        seen: dict[str, int] = {}
        out: list[Matter] = []
        for i, entry in enumerate(raw):
            matter = self.matter(("事项", i), entry, names, seen)
            if matter is not None:
                out.append(matter)
        return out

    def matter(self, path: KeyPath, entry: Any, categories: list[str], seen: dict[str, int]) -> Matter | None:
        if not isinstance(entry, dict):
            self.error(path, f"应为各字段组成的映射，实际是 {type_name(entry)}")
            return None
        before = len(self.problems)
        for key in entry:
            if key not in MATTER_KEYS:
                self.error((*path, key), "未知字段", _closest(str(key), sorted(MATTER_KEYS)))
        for key in REQUIRED:
            if key not in entry or entry[key] in (None, ""):
                self.error(path if key not in entry else (*path, key), f"缺少必填字段 {key}")
        seq = entry.get("序号")
        if "序号" in entry and not (isinstance(seq, int) and not isinstance(seq, bool) and seq > 0):
            self.error((*path, "序号"), f"应为正整数，实际是 {seq!r}")
        code = self.code((*path, "事项代码"), entry.get("事项代码"), seen)
        category = entry.get("类别")
        if category and category not in categories:
            self.error((*path, "类别"), f"未知类别 {category!r}；应为以下之一：{'、'.join(categories)}",
                       _closest(str(category), categories) or "新类别要先在 分类 下添加")
        name = entry.get("事项名称")
        if name is not None and not isinstance(name, str):
            self.error((*path, "事项名称"), f"应为文字，实际是 {name!r}")
        basis = self.quote((*path, "法律依据"), entry.get("法律依据"))
        penalty = self.quote((*path, "处罚条款和内容"), entry.get("处罚条款和内容"))
        extras = self.extras(path, entry)
        if len(self.problems) > before or basis is None or penalty is None or code is None:
            return None
        assert isinstance(seq, int) and isinstance(category, str) and isinstance(name, str)
        return Matter(seq=seq, category=category, code=code, name=name, basis=basis, penalty=penalty,
                      line=self.src.line(path), **extras)

    def code(self, path: KeyPath, value: Any, seen: dict[str, int]) -> str | None:
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            self.error(path, f"事项代码应写成加引号的文字，实际是数字 {value}",
                       f"写成 事项代码: \"{value}\"，开头的 0 和全部 12 位才能保留")
            return None
        text = str(value)
        problem = code_problem(text)
        if problem is not None:
            self.error(path, *problem)
            return None
        if text in seen:
            self.error(path, f"事项代码 {text} 重复；第一次出现在第 {seen[text]} 行")
            return None
        seen[text] = self.src.line(path)
        return text

    def quote(self, path: KeyPath, value: Any) -> Quote | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.error(path, "应有 原文（清单的文字）和 引用（结构化的引用）",
                       "清单文字写在 原文: 下，引用写在 引用: 下")
            return None
        text = value.get("原文")
        if not isinstance(text, str) or not text.strip():
            self.error((*path, "原文"), "缺少清单原文")
        refs = value.get("引用")
        if not isinstance(refs, list) or not refs:
            self.error((*path, "引用"), "应为引用的列表，例如 {法规: 安全生产法, 条: 99, 项: 1}")
            return None
        parsed = [self.ref((*path, "引用", i), r) for i, r in enumerate(refs)]
        if not isinstance(text, str) or any(r is None for r in parsed):
            return None
        where = (*path, "原文")
        return Quote(text.strip(), tuple(r for r in parsed if r is not None), format_path(where), self.src.line(where))

    def ref(self, path: KeyPath, value: Any) -> Ref | None:
        return read_ref(self.src, path, value, self.library, self.problems)

    def extras(self, path: KeyPath, entry: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, attr in LIST_FIELDS.items():
            value = entry.get(key)
            if value is None:
                continue
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                self.error((*path, key), "应为非空文字的列表")
                continue
            out[attr] = tuple(v.strip() for v in value)
        for key, attr in TEXT_FIELDS.items():
            value = entry.get(key)
            if value is None:
                continue
            if not isinstance(value, str):
                self.error((*path, key), f"应为文字，实际是 {type_name(value)}")
                continue
            out[attr] = value.strip()
        return out


def read_ref(src: Source, path: KeyPath, value: Any, library: Library | None, problems: list[Problem]) -> Ref | None:
    """A structured citation {法规, 条, 款, 项} read from YAML and checked against the library."""
    if not isinstance(value, dict) or "法规" not in value or "条" not in value:
        _error(src, problems, path, f"应为 {{法规: …, 条: …}}（款、项可选），实际是 {value!r}")
        return None
    for key in value:
        if key not in REF_KEYS:
            _error(src, problems, (*path, key), "未知字段", _closest(str(key), sorted(REF_KEYS)))
    numbers = {}
    sub = 0
    article = value.get("条")
    zhi = SUB_ARTICLE_RE.fullmatch(article) if isinstance(article, str) else None
    if zhi:
        # 第一百三十四条之一 is written 条: 134之一 (an article an amendment inserted after 第一百三十四条).
        value = {**value, "条": int(zhi.group(1))}
        sub = cn_to_int(zhi.group(2))
    for key in ("条", "款", "项"):
        n = value.get(key)
        if n is not None and not (isinstance(n, int) and not isinstance(n, bool) and n > 0):
            _error(src, problems, (*path, key), f"应为正整数，实际是 {n!r}",
                   "写 97，不写 第九十七条")
            return None
        numbers[key] = n
    law_name = str(value["法规"])
    law_id = law_name
    if library is not None:
        law = library.find(law_name)
        if law is None:
            known = "、".join(sorted(x.short_name for x in library.laws.values()))
            _error(src, problems, (*path, "法规"), f"法规 {law_name!r} 不在 data/laws/ 中",
                       _closest(law_name, library.names, 0.8)
                       or f"法规库现有 {known}；收录新法规见 data/sources/laws/README.md")
            return None
        law_id = law.id
    ref = Ref(law_id, numbers["条"] or 0, numbers["款"], numbers["项"], sub)
    if library is not None:
        message = check_ref(library, ref)
        if message:
            _error(src, problems, path, message)
            return None
        # A 项 cited without its 款 gets the 款 filled in, so that every link lands on the exact anchor.
        ref = normalise(library, ref)
    return ref


def _error(src: Source, problems: list[Problem], path: KeyPath, message: str, hint: str = "") -> None:
    problems.append(src.problem(path, message, hint))
