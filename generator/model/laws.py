"""Official law texts: import from the reference Markdown, store as YAML, load into the model."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Problem, write_file
from .model import Appendix, Article, Chapter, Item, Law, Library, Paragraph, article_label
from .numerals import NUMERAL_CHARS, cn_to_int
from .yamlsource import Source, alias_problem, read_yaml

ARTICLE_RE = re.compile(rf"^第([{NUMERAL_CHARS}]+)条(?:之([{NUMERAL_CHARS}]+))?[ \u3000]+(.*)$")
FOOTNOTE_RE = re.compile(r"^[\u2460-\u2473]")  # ① … ⑳
ITEM_RE = re.compile(rf"^[（(]([{NUMERAL_CHARS}]+)[）)]")
VERSION_RE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)\.md$")
INFO_END = "<!-- INFO END -->"
SOURCES_FILE = "sources.yaml"
# The official texts, kept in the repository with their provenance (data/sources/laws/README.md).
TEXTS_DIR = Path("sources") / "laws"

try:  # The C loader is ~10x faster; law files are large and generated, so no line numbers are needed.
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class LawSource:
    """How one official text is imported: its stable id, short names and effective date."""

    file: str
    id: str
    short_names: tuple[str, ...]
    kind: str
    effective_date: str
    note: str = ""
    version: str = ""
    version_effective_date: str = ""
    version_effective_source: str = ""


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


class LawTextError(ValueError):
    """A reference text that does not have the expected shape, at a line of that text."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def normalise(text: str) -> str:
    """Fix the known blemishes of the reference texts: half-width colons, invisible characters, stray spaces."""
    return text.translate(_INVISIBLE).replace(":", "：").strip().strip("\u3000").strip()


def parse_law_markdown(text: str, source: LawSource, version_date: str) -> Law:
    """Turn one reference Markdown text into a Law; raises ValueError on a malformed text."""
    if INFO_END not in text:
        raise LawTextError(1, f"缺少标记 {INFO_END}")
    head, body = text.split(INFO_END, 1)
    head_lines = [ln.strip() for ln in head.splitlines() if ln.strip()]
    if not head_lines or not head_lines[0].startswith("# "):
        raise LawTextError(1, "第一行应为“# 标题”")
    title = head_lines[0][2:].strip()
    history = tuple(normalise(ln) for ln in head_lines[1:])
    parsed = _parse_body(body, head.count("\n") + 1)
    return Law(id=source.id, title=title, short_names=source.short_names, version_date=version_date,
               effective_date=source.effective_date, kind=source.kind, history=history,
               chapters=tuple(_chapters(parsed.headings, parsed.articles)), articles=tuple(parsed.articles),
               source=source.file, note=source.note, version=source.version,
               version_effective_date=source.version_effective_date,
               version_effective_source=source.version_effective_source, footnotes=tuple(parsed.footnotes),
               appendices=tuple(Appendix(t, tuple(lines)) for t, lines in parsed.appendices))


@dataclass
class _Body:
    """What the body of a reference text holds, collected line by line."""

    articles: list[Article]
    headings: list[tuple[str, int, int]]  # title, level, index of the first article after it
    footnotes: list[str]
    appendices: list[tuple[str, list[str]]]


def _parse_body(body: str, first_line: int) -> _Body:
    out = _Body([], [], [], [])
    levels = [len(ln) - len(ln.lstrip("#")) for ln in map(normalise, body.splitlines()) if ln.startswith("#")]
    deepest = max(levels, default=2)
    chapter = section = ""
    current: list[tuple[str, list[str]]] | None = None
    key = (0, 0)

    def flush() -> None:
        if current is not None:
            paras = tuple(Paragraph(i + 1, t, tuple(_item(s) for s in items)) for i, (t, items) in enumerate(current))
            out.articles.append(Article(key[0], paras, chapter, section, key[1]))

    for lineno, raw in enumerate(body.splitlines(), start=first_line):
        line = normalise(raw)
        if not line:
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            name = line.lstrip("#").strip()
            if level == 2 and name.startswith("附件"):
                # 刑法 附件一/二: lists of repealed and kept decisions, not articles of the law.
                flush()
                current = None
                out.appendices.append((name, []))
                continue
            if out.appendices:
                raise LawTextError(lineno, f"附件之后出现了标题 {name!r}，附件应位于全文末尾")
            # The article before a heading is complete: it belongs to the chapter it was written under.
            flush()
            current = None
            if level == deepest and deepest > 2:
                section = name
            else:
                chapter, section = name, ""
            out.headings.append((name, level, len(out.articles)))
            continue
        if out.appendices:
            out.appendices[-1][1].append(line)
            continue
        if FOOTNOTE_RE.match(line):
            # A note such as 刑法's ① after the last article: kept apart, never a 款 of that article.
            flush()
            current = None
            out.footnotes.append(line)
            continue
        match = ARTICLE_RE.match(line)
        if match:
            flush()
            key = _next_key(lineno, match, key)
            current = [(match.group(3), [])]
        elif current is None:
            if out.articles:
                raise LawTextError(lineno, f"注释或附件之后、下一条之前出现了正文：{line[:30]!r}")
            raise LawTextError(lineno, f"第一条之前有不属于条文的文字：{line[:30]!r}")
        elif ITEM_RE.match(line):
            # A 项 belongs to the 款 above it; the next plain paragraph starts a new 款.
            current[-1][1].append(line)
        else:
            current.append((line, []))
    flush()
    return out


def _next_key(lineno: int, match: re.Match[str], last: tuple[int, int]) -> tuple[int, int]:
    """The (number, 之 number) of an article heading, checked to follow the previous one."""
    number = cn_to_int(match.group(1))
    sub = cn_to_int(match.group(2)) if match.group(2) else 0
    if sub == 0 and number != last[0] + 1:
        raise LawTextError(lineno, f"第{match.group(1)}条（{number}）排在第 {last[0]} 条之后，条号不连续")
    if sub and (number, sub - 1) != last:
        before = article_label(*last) if last[0] else "（无）"
        raise LawTextError(lineno, f"{article_label(number, sub)}应紧跟在{article_label(number, sub - 1)}之后，"
                                   f"实际前一条为{before}")
    return (number, sub)


def _item(line: str) -> Item:
    match = ITEM_RE.match(line)
    assert match is not None
    return Item(cn_to_int(match.group(1)), line)


def _chapters(headings: list[tuple[str, int, int]], articles: list[Article]) -> list[Chapter]:
    # first and last are article numbers: a chapter ending at 第一百三十九条之一 has last 139.
    out = []
    for i, (title, level, first) in enumerate(headings):
        following = [f for (_, lv, f) in headings[i + 1:] if lv <= level]
        last = (following[0] - 1) if following else len(articles) - 1
        out.append(Chapter(title, level, articles[first].number, articles[last].number))
    return out


# --- storage -------------------------------------------------------------------------------------

def law_to_data(law: Law) -> dict[str, Any]:
    """The YAML-ready form of a law, as written to data/laws/<id>.yaml."""
    return {
        "id": law.id, "title": law.title, "short_names": list(law.short_names), "kind": law.kind,
        "version_date": law.version_date, "effective_date": law.effective_date,
        "source": law.source, "note": law.note, "version": law.version,
        **({"version_effective_date": law.version_effective_date,
            "version_effective_source": law.version_effective_source} if law.version_effective_date else {}),
        "history": list(law.history),
        "chapters": [{"title": c.title, "level": c.level, "first": c.first, "last": c.last} for c in law.chapters],
        "articles": [_article_data(a) for a in law.articles],
        # Only 刑法 has these; other laws' files stay as they were.
        **({"footnotes": list(law.footnotes)} if law.footnotes else {}),
        **({"appendices": [{"title": x.title, "lines": list(x.lines)} for x in law.appendices]}
           if law.appendices else {}),
    }


def _article_data(a: Article) -> dict[str, Any]:
    return {"number": a.number, **({"sub": a.sub} if a.sub else {}), "chapter": a.chapter, "section": a.section,
            "paragraphs": [{"text": p.text, "items": [i.text for i in p.items]} for p in a.paragraphs]}


def law_from_data(data: dict[str, Any]) -> Law:
    """Rebuild a Law from its stored form."""
    articles = tuple(
        Article(a["number"],
                tuple(Paragraph(i + 1, p["text"], tuple(_item(s) for s in p.get("items", [])))
                      for i, p in enumerate(a["paragraphs"])),
                a.get("chapter", ""), a.get("section", ""), a.get("sub", 0))
        for a in data["articles"]
    )
    chapters = tuple(Chapter(c["title"], c["level"], c["first"], c["last"]) for c in data.get("chapters", []))
    return Law(id=data["id"], title=data["title"], short_names=tuple(data.get("short_names", [])),
               version_date=str(data["version_date"]), effective_date=str(data.get("effective_date", "")),
               kind=data.get("kind", ""), history=tuple(data.get("history", [])), chapters=chapters,
               articles=articles, source=data.get("source", ""), note=data.get("note", ""),
               version=data.get("version", ""), version_effective_date=str(data.get("version_effective_date", "")),
               version_effective_source=data.get("version_effective_source", ""),
               footnotes=tuple(data.get("footnotes", [])),
               appendices=tuple(Appendix(x["title"], tuple(x.get("lines", []))) for x in data.get("appendices", [])))


def dump_law(law: Law) -> str:
    """Serialise a law as YAML text, stable for diffs."""
    header = f"# Generated by `python -m generator laws import` from {law.source}; do not edit by hand.\n"
    return header + yaml.dump(law_to_data(law), allow_unicode=True, sort_keys=False, width=10_000)


_SOURCE_KEYS = "file、id、short_names、kind、effective_date、version"


def load_sources(laws_dir: Path) -> tuple[list[LawSource], list[Problem]]:
    """Read data/laws/sources.yaml: which official file becomes which law id."""
    src = read_yaml(laws_dir / SOURCES_FILE)
    if src.problems:
        return [], src.problems
    out, problems = [], []
    entries = src.data.get("laws") if isinstance(src.data, dict) else None
    if not isinstance(entries, list):
        return [], [src.problem(("laws",), f"应为法规列表：laws: 下每项写 {_SOURCE_KEYS}")]
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problems.append(src.problem(("laws", i), f"应为 {_SOURCE_KEYS} 的映射"))
            continue
        missing = [k for k in ("file", "id", "kind", "effective_date", "version") if not entry.get(k)]
        if missing:
            problems.append(src.problem(("laws", i), f"缺少 {'、'.join(missing)}"))
            continue
        if not re.fullmatch(r"[a-z0-9-]+", str(entry["id"])):
            problems.append(src.problem(("laws", i, "id"),
                                        f"应为小写英文字母、数字或“-”，实际是 {entry['id']!r}"))
            continue
        names = entry.get("short_names", [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            problems.append(src.problem(("laws", i, "short_names"),
                                        f"应为简称的列表，如 [安全生产法]，实际是 {names!r}"))
            continue
        found = _date_problems(src, i, entry)
        if found:
            problems += found
            continue
        out.append(LawSource(str(entry["file"]), entry["id"], tuple(names), str(entry["kind"]),
                             str(entry["effective_date"]), str(entry.get("note", "")), str(entry["version"]),
                             str(entry.get("version_effective_date", "")),
                             str(entry.get("version_effective_source", ""))))
    return out, problems


def _date_problems(src: Source, i: int, entry: dict[str, Any]) -> list[Problem]:
    out = [src.problem(("laws", i, key), f"日期应写作 YYYY-MM-DD，实际为 {entry[key]!r}",
                       "写法如 \"2016-08-01\"，须是条文或所注来源写明的日期")
           for key in ("effective_date", "version_effective_date")
           if key in entry and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(entry[key]))]
    if bool(entry.get("version_effective_date")) != bool(entry.get("version_effective_source")):
        out.append(src.problem(("laws", i), "version_effective_date 和 version_effective_source 须同时填写",
                               "写明本版本的施行日期及写明该日期的文件（如修正决定）"))
    return out


def default_law_files(data_dir: Path) -> tuple[list[Path], list[Problem]]:
    """The texts `laws import` converts when given none: every file sources.yaml lists, in data/sources/laws."""
    laws_dir, texts = data_dir / "laws", data_dir / TEXTS_DIR
    sources, problems = load_sources(laws_dir)
    if problems:
        return [], problems
    listed = {s.file for s in sources}
    files = [texts / s.file for s in sources]
    problems = [Problem(str(f), 0, "", "找不到这个正式文本文件",
                        f"把文本放进 {texts}/，或改正 {laws_dir / SOURCES_FILE} 中的 file")
                for f in files if not f.exists()]
    # A text nobody registered is not converted: it has no id yet, and an id once published never changes.
    problems += [Problem(str(p), 0, "", f"这个文本没有在 {laws_dir / SOURCES_FILE} 中登记，未转换",
                         "要收录它，先在 sources.yaml 中登记 file、id、kind、effective_date、version",
                         severity="warning")
                 for p in sorted(texts.glob("*.md")) if p.name != "README.md" and p.name not in listed]
    return files, problems


def import_law_file(path: Path, laws_dir: Path) -> Path:
    """Convert one official text into data/laws/<id>.yaml and return the written path."""
    sources, problems = load_sources(laws_dir)
    if problems:
        raise DataError(problems)
    source = next((s for s in sources if s.file == path.name), None)
    if source is None:
        raise DataError([Problem(str(path), 0, "", f"{laws_dir / SOURCES_FILE} 中没有 {path.name!r} 的条目",
                                 "在 sources.yaml 中登记它的 id、short_names、kind、effective_date 和 version")])
    match = VERSION_RE.search(path.name)
    if not match:
        raise DataError([Problem(str(path), 0, "", "文件名应为 名称(YYYY-MM-DD).md")])
    try:
        law = parse_law_markdown(path.read_text(encoding="utf-8"), source, match.group(1))
    except LawTextError as exc:
        raise DataError([Problem(str(path), exc.line, "", str(exc))]) from exc
    except UnicodeDecodeError as exc:
        raise DataError([Problem(str(path), 0, "", f"不是 UTF-8 文本（第 {exc.start} 字节：{exc.reason}）",
                                 "把官方文本另存为 UTF-8 编码后再导入")]) from None
    if effective_article(law) is None:
        raise DataError([Problem(str(laws_dir / SOURCES_FILE), 0, law.id,
                                 f"施行日期 {law.effective_date} 不见于{law.short_name}的施行条款",
                                 "effective_date 照录条文所写的施行日期（“本法自……起施行”）；"
                                 "修正、修订后的施行日期写在 version_effective_date")])
    out = laws_dir / f"{law.id}.yaml"
    write_file(out, dump_law(law))
    return out


def iso_to_cn(date: str) -> str:
    """2016-08-01 as laws write it: 2016年8月1日."""
    year, month, day = date.split("-")
    return f"{year}年{int(month)}月{int(day)}日"


def effective_article(law: Law) -> Article | None:
    """The article stating the law's 施行日期 (本条例自2016年8月1日起施行), or None if no article states it."""
    phrase = f"自{iso_to_cn(law.effective_date)}起施行" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", law.effective_date) \
        else None
    return next((a for a in reversed(law.articles) if phrase and any(phrase in p.text for p in a.paragraphs)), None)


def load_library(laws_dir: Path) -> Library:
    """Load every data/laws/<id>.yaml into a Library (the same object again while the files are unchanged)."""
    paths = sorted(p for p in laws_dir.glob("*.yaml") if p.name != SOURCES_FILE) if laws_dir.is_dir() else []
    stamp = tuple((str(p.resolve()), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    cached = _LIBRARIES.get(stamp)
    if cached is None:
        cached = Library()
        problems = [problem for path, file in zip(paths, stamp, strict=True)
                    for problem in _add_law(cached, path, file)]
        if problems:
            raise DataError(problems)
        _LIBRARIES.clear()  # keep one: `serve` reloads on every edit, and only the newest is used
        _LIBRARIES[stamp] = cached
        # The laws of the files unchanged are the same objects in the next library: a law edit reads one file.
        _LAWS.clear()
        _LAWS.update({file: law for file, law in zip(stamp, cached.laws.values(), strict=True)})
    return cached


_REGENERATE = "用 `python -m generator laws import` 从官方文本重新生成该文件"


def _add_law(library: Library, path: Path, file: tuple[str, int, int]) -> list[Problem]:
    """Add one stored law to library (file: its path, time and size); a file that cannot be one gives a problem
    naming it, not a traceback."""
    law = _LAWS.get(file)
    if law is None:
        read = _read_law(path)
        if isinstance(read, list):
            return read
        law = read
    if law.id in library.laws:
        return [Problem(str(path), 0, "id", f"法规 id {law.id!r} 与另一个文件重复", _REGENERATE)]
    library.add(law)
    return []


def _read_law(path: Path) -> Law | list[Problem]:
    """The law a stored file holds, or the problems that keep it from being one."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return [Problem(name, 0, "", f"不是 UTF-8 文本（第 {exc.start} 字节：{exc.reason}）", _REGENERATE)]
    refused = alias_problem(text, name)
    if refused is not None:
        return [refused]
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return [Problem(name, mark.line + 1 if mark else 0, "", f"YAML 格式错误：{exc.problem or exc}", _REGENERATE)]
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        return [Problem(name, 0, "", f"YAML 格式错误：{exc}", _REGENERATE)]
    if not isinstance(data, dict) or not data:
        what = "文件为空" if data is None else f"应为法规数据（id、title、articles …），实际是 {type(data).__name__}"
        return [Problem(name, 1, "", what, _REGENERATE)]
    try:
        law = _typed(law_from_data(data))
    except (KeyError, TypeError, ValueError, AttributeError, AssertionError) as exc:
        # The stored form is generated; any field missing or of the wrong kind means the file was damaged.
        missing = f"缺少字段 {exc}" if isinstance(exc, KeyError) else f"字段的类型不对（{exc}）"
        return [Problem(name, 0, "", f"不是有效的法规数据：{missing}", _REGENERATE)]
    return law


def _typed(law: Law) -> Law:
    """The law, if its texts are texts and its numbers numbers; else TypeError naming the field."""
    fields: list[tuple[str, object, type]] = [("id", law.id, str), ("title", law.title, str)]
    for a in law.articles:
        fields.append((f"articles[{a.number}].number", a.number, int))
        fields += [(f"articles[{a.number}].paragraphs", p.text, str) for p in a.paragraphs]
    for where, value, kind in fields:
        if not isinstance(value, kind) or isinstance(value, bool):
            raise TypeError(f"{where} 应为{'文本' if kind is str else '整数'}，实际是 {value!r}")
    return law


_LIBRARIES: dict[tuple[tuple[str, int, int], ...], Library] = {}
_LAWS: dict[tuple[str, int, int], Law] = {}  # the newest library's laws, by their file's path, time and size
