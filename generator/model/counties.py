"""Each county's data (data/counties/<id>.yaml): its delegation documents, its own key matters, local notes.

Who may decide a case comes from the county's document and nowhere else: every fact a file does not hold
from a source is {待补充: …, 来源: …}, and the pages show it as 待补充 naming that source.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Problem
from .load import _Reader
from .model import Checklist, Library, Matter, Ref
from .yamlsource import KeyPath, Source, read_yaml, type_name

COUNTIES_DIR = "counties"
TODO_KEY, SOURCE_KEY = "待补充", "来源"
ID_RE = re.compile(r"[a-z][a-z0-9-]*")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The two legal forms by which a township handles cases, each with the articles that found it.
FORMS: dict[str, tuple[Ref, ...]] = {
    "委托": (Ref("xzcff", 20),),
    "交由乡镇行使": (Ref("xzcff", 24), Ref("zjzhxzzftl", 9)),
}
# The documents that decide, as 行政处罚法 第二十条第二款 and 浙江省综合行政执法条例 第九条第二款 name them.
NO_DOCUMENT_SOURCE = ("县（市、区）应急管理部门的委托书（《行政处罚法》第二十条第二款），或者县（市、区）人民政府公布的"
                      "乡镇、街道具体实施的综合行政执法事项目录清单（《浙江省综合行政执法条例》第九条第二款）")
TODO_HINT = "我们的来源里没有的事实写成 {待补充: 缺什么, 来源: 将依据的文件}"


@dataclass(frozen=True)
class Todo:
    """A fact no source of ours gives yet: what is missing and the document it will come from."""

    what: str
    source: str


Text = str | Todo
Texts = tuple[str, ...] | Todo


@dataclass(frozen=True)
class DelegationDoc:
    """One delegation document of a county (委托书, or the published 事项目录清单)."""

    title: Text
    number: Text
    date: Text
    form: Text
    townships: Texts
    codes: Texts
    limits: Text
    reserved: Texts
    source: Text

    @property
    def basis(self) -> tuple[Ref, ...]:
        """The articles that found the document's legal form (none while the form is 待补充)."""
        return FORMS.get(self.form, ()) if isinstance(self.form, str) else ()


@dataclass(frozen=True)
class County:
    """A county (县、市、区, or 智造新城/智慧新城) as its data file describes it."""

    id: str
    name: str
    name_source: str
    file: str
    documents: tuple[DelegationDoc, ...] | Todo
    key_codes: Texts
    order: int = 0
    own: tuple[Matter, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()  # (事项代码, 本地说明): a tuple, so that pages can be cached on it

    @property
    def path(self) -> str:
        """The county page's source path."""
        return f"{COUNTIES_DIR}/{self.id}.md"

    def delegated(self, code: str) -> bool | None:
        """Whether a document of the county delegates the matter; None while any document leaves it 待补充."""
        if isinstance(self.documents, Todo) or not self.documents:
            return None
        unknown = False
        for doc in self.documents:
            if isinstance(doc.codes, Todo):
                unknown = True
            elif code in doc.codes:
                return True
        return None if unknown else False

    def note(self, code: str) -> str:
        """The county's local note on a matter ('' if none)."""
        return dict(self.notes).get(code, "")

    def is_key(self, code: str) -> bool:
        """Whether the county marks this matter of the list as one of its key matters."""
        return not isinstance(self.key_codes, Todo) and code in self.key_codes


def load_counties(data_dir: Path, checklist: Checklist | None, library: Library | None,
                  display_dir: str) -> tuple[tuple[County, ...], list[Problem]]:
    """Every data/counties/*.yaml, in file-name order, with all problems found (file:line, key path)."""
    problems: list[Problem] = []
    out: list[County] = []
    for path in sorted((data_dir / COUNTIES_DIR).glob("*.yaml")):
        src = read_yaml(path, f"{display_dir}/{COUNTIES_DIR}/{path.name}")
        county = _County(src, checklist, library, problems).read(path.stem)
        if county is not None:
            out.append(county)
    return tuple(sorted(out, key=lambda c: (c.order, c.id))), problems


class _County:
    """Reads one county file, recording every problem."""

    def __init__(self, src: Source, checklist: Checklist | None, library: Library | None,
                 problems: list[Problem]) -> None:
        self.src, self.checklist, self.library, self.problems = src, checklist, library, problems
        self.codes = {m.code for m in checklist.matters} if checklist else set()
        problems.extend(src.problems)

    def error(self, path: KeyPath, message: str, hint: str = "") -> None:
        self.problems.append(self.src.problem(path, message, hint))

    def read(self, stem: str) -> County | None:
        data = self.src.data
        if data is None and self.src.problems:
            return None
        if not isinstance(data, dict):
            self.error((), f"应为含 代号、名称 等键的映射，实际是 {type_name(data)}")
            return None
        before = len(self.problems)
        county_id = self.text(("代号",), data.get("代号"))
        if county_id and not ID_RE.fullmatch(county_id):
            self.error(("代号",), f"应为小写英文字母、数字或“-”，实际是 {county_id!r}", "代号是网址和离线包名的一部分")
        elif county_id and county_id != stem:
            self.error(("代号",), f"代号 {county_id!r} 与文件名 {stem}.yaml 不一致", f"把文件改名为 {county_id}.yaml")
        name = self.text(("名称",), data.get("名称"))
        name_source = self.text(("名称来源",), data.get("名称来源"))
        raw_docs = data.get("委托文件")
        documents: tuple[DelegationDoc, ...] | Todo
        if raw_docs is None or isinstance(raw_docs, dict):
            documents = self.todo(("委托文件",), raw_docs) if raw_docs is not None else Todo(
                f"{name}的委托书，或者乡镇、街道具体实施的综合行政执法事项目录清单", NO_DOCUMENT_SOURCE)
        elif isinstance(raw_docs, list) and raw_docs:
            read = [self.document(("委托文件", i), d) for i, d in enumerate(raw_docs)]
            documents = tuple(d for d in read if d is not None)
        else:
            self.error(("委托文件",), f"应为文件的列表，或 {{待补充: …, 来源: …}}，实际是 {raw_docs!r}", TODO_HINT)
            documents = ()
        key_codes = self.codes_of(("重点事项",), data.get("重点事项"), required=True)
        own = self.own_matters(data.get("本地事项"))
        notes = self.notes(data.get("本地说明"), {m.code for m in own})
        if len(self.problems) > before:
            return None
        order = data.get("顺序", 0)
        if not isinstance(order, int) or isinstance(order, bool) or order < 0:
            self.error(("顺序",), f"应为正整数（各版本中列出的先后），实际是 {order!r}")
            return None
        return County(county_id, name, name_source, self.src.file, documents, key_codes, order, own,
                      tuple(notes.items()))

    def text(self, path: KeyPath, value: Any, required: bool = True) -> str:
        if isinstance(value, str) and value.strip() and "\n" not in value.strip():
            return value.strip()
        if value is None and not required:
            return ""
        self.error(path if value is not None else path[:-1],
                   f"缺少必填项 {path[-1]}" if value is None else f"应为一行文字，实际是 {value!r}")
        return ""

    def todo(self, path: KeyPath, value: Any) -> Todo:
        if isinstance(value, dict) and set(value) == {TODO_KEY, SOURCE_KEY} and all(
                isinstance(v, str) and v.strip() for v in value.values()):
            return Todo(value[TODO_KEY].strip(), value[SOURCE_KEY].strip())
        self.error(path, f"应写成 {{待补充: …, 来源: …}}，实际是 {value!r}", TODO_HINT)
        return Todo("", "")

    def fact(self, path: KeyPath, value: Any) -> Text:
        if isinstance(value, dict):
            return self.todo(path, value)
        return self.text(path, value)

    def facts(self, path: KeyPath, value: Any) -> Texts:
        if isinstance(value, dict):
            return self.todo(path, value)
        if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
            return tuple(v.strip() for v in value)
        self.error(path if value is not None else path[:-1],
                   f"缺少必填项 {path[-1]}" if value is None else f"应为非空文字的列表，实际是 {value!r}", TODO_HINT)
        return ()

    def codes_of(self, path: KeyPath, value: Any, required: bool) -> Texts:
        if value is None and not required:
            return ()
        found = self.facts(path, value)
        if isinstance(found, tuple):
            for i, code in enumerate(found):
                if code not in self.codes:
                    self.error((*path, i), f"事项代码 {code} 不在清单中",
                               "本县增加的事项写在 本地事项 下，并有自己的事项代码")
        return found

    def document(self, path: KeyPath, value: Any) -> DelegationDoc | None:
        if not isinstance(value, dict):
            self.error(path, f"应为一份文件的各项组成的映射，实际是 {type_name(value)}")
            return None
        before = len(self.problems)
        title = self.fact((*path, "标题"), value.get("标题"))
        number = self.fact((*path, "文号"), value.get("文号"))
        raw_date = value.get("日期")
        # YAML reads 2024-03-01 as a date: it is kept as the text it was written as.
        date = self.fact((*path, "日期"), raw_date.isoformat() if isinstance(raw_date, datetime.date) else raw_date)
        if isinstance(date, str) and date and not DATE_RE.fullmatch(date):
            self.error((*path, "日期"), f"应为 年-月-日（如 2024-03-01），实际是 {date!r}")
        form = self.fact((*path, "形式"), value.get("形式"))
        if isinstance(form, str) and form and form not in FORMS:
            self.error((*path, "形式"), f"应为 {'、'.join(FORMS)} 之一，实际是 {form!r}",
                       "委托：《行政处罚法》第二十条；交由乡镇行使：《行政处罚法》第二十四条、《浙江省综合行政执法条例》第九条")
        townships = self.facts((*path, "乡镇"), value.get("乡镇"))
        codes = self.codes_of((*path, "事项"), value.get("事项"), required=True)
        limits = self.fact((*path, "金额限制"), value.get("金额限制"))
        reserved = self.facts((*path, "保留措施"), value.get("保留措施"))
        source = self.fact((*path, "来源"), value.get("来源"))
        if len(self.problems) > before:
            return None
        return DelegationDoc(title, number, date, form, townships, codes, limits, reserved, source)

    def own_matters(self, value: Any) -> tuple[Matter, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error(("本地事项",), f"应为事项的列表，实际是 {type_name(value)}")
            return ()
        reader = _Reader(self.src, self.library)
        categories = [c.name for c in self.checklist.categories] if self.checklist else []
        seen: dict[str, int] = {}
        out = []
        for i, entry in enumerate(value):
            matter = reader.matter(("本地事项", i), entry, categories, seen)
            if matter is not None and matter.code in self.codes:
                reader.error(("本地事项", i, "事项代码"), f"事项代码 {matter.code} 已在清单中",
                             "清单中的事项只在 重点事项 下列出代码")
                continue
            if matter is not None:
                out.append(matter)
        self.problems.extend(reader.problems[len(self.src.problems):])
        return tuple(out)

    def notes(self, value: Any, own: set[str]) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(("本地说明",), f"应为 事项代码: 说明 的映射，实际是 {type_name(value)}")
            return {}
        out = {}
        for code, note in value.items():
            if str(code) not in self.codes | own:
                self.error(("本地说明", code), f"事项代码 {code} 不在清单中，也不是本县增加的事项")
            elif not isinstance(note, str) or not note.strip():
                self.error(("本地说明", code), f"应为文字，实际是 {note!r}")
            else:
                out[str(code)] = note.strip()
        return out
