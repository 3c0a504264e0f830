"""YAML read with the line of every key, so that errors can name file:line: key.path."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

KeyPath = tuple[str | int, ...]
# The C parser gives the same nodes and marks as the Python one, about ten times faster.
_COMPOSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"


def format_path(path: KeyPath) -> str:
    """Render ('matters', 2, '事项代码') as matters[2].事项代码."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass
class Source:
    """A parsed YAML document with the line of each key path."""

    file: str
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Each top-level key holding a block list: its column and the line (from 0) of each item's "-" (see _reparsed).
    spans: dict[str, tuple[int, tuple[int, ...]]] = field(default_factory=dict)

    def line(self, path: KeyPath) -> int:
        """The line of path, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def problem(self, path: KeyPath, message: str, hint: str = "", severity: str = "error") -> Problem:
        """A Problem located at path in this file."""
        return Problem(self.file, self.line(path), format_path(path), message, hint, severity)  # type: ignore[arg-type]


def read_yaml(path: Path, display: str | None = None) -> Source:
    """Parse one YAML file; syntax errors and duplicate keys become problems, not exceptions."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Source(name, None, problems=[Problem(name, 0, "", "找不到文件")])
    except UnicodeDecodeError as exc:
        return Source(name, None, problems=[Problem(name, 0, "", f"不是 UTF-8 编码的文本（{exc.reason}）",
                                                    "请把文件另存为 UTF-8 编码")])
    return _parsed(text, name)


def _parsed(text: str, name: str) -> Source:
    # Each data file is read by its loader and by the unknown-key check of every data file, and `serve` reads
    # them all again after each edit: a file is parsed again only when its text changed. One Source is kept per
    # file (the last one), so memory stays at one copy of the data. A Source is not changed after parsing.
    held = _PARSED.get(name)
    if held is not None and held[0] == text:
        return held[1]
    source = (held is not None and _reparsed(held[0], held[1], text)) or parse_yaml(text, name)
    if held is None and len(_PARSED) >= MAX_FILES:  # another data folder (tests, tools): start again
        _PARSED.clear()
    _PARSED[name] = (text, source)
    return source


MAX_FILES = 64  # a data folder holds about 30 files


_PARSED: dict[str, tuple[str, Source]] = {}


# PyYAML's words for what it found, in the editors' language.
_YAML_WORDS = (
    ("mapping values are not allowed here", "这里不能有冒号加空格“: ”"),
    ("found character '\\t' that cannot start any token", "出现了制表符（YAML 只能用空格缩进）"),
    ("could not find expected ':'", "缺少冒号“:”"),
    ("expected ',' or '}', but got", "缺少“,”或“}”，却遇到了"),
    ("expected ',' or ']', but got", "缺少“,”或“]”，却遇到了"),
    ("expected <block end>, but found", "缩进不对齐，遇到了"),
    ("found unexpected end of stream", "文件意外结束"),
    ("while parsing a flow mapping", "花括号 { } 内的映射"),
    ("while parsing a flow sequence", "方括号 [ ] 内的列表"),
    ("while parsing a block mapping", "映射"),
    ("while parsing a block collection", "列表"),
    ("while scanning a quoted scalar", "引号内的文字"),
    ("while scanning a simple key", "键"),
    ("<stream end>", "文件末尾"),
)
_TYPE_NAMES = {"str": "文字", "int": "整数", "float": "小数", "bool": "是/否", "list": "列表", "dict": "映射",
               "NoneType": "空值"}


def yaml_words(text: str) -> str:
    """PyYAML's message with its common phrases in Chinese."""
    for english, chinese in _YAML_WORDS:
        text = text.replace(english, chinese)
    return text


def type_name(value: object) -> str:
    """What kind of YAML value this is, in Chinese (文字, 列表, 映射 …)."""
    name = type(value).__name__
    return _TYPE_NAMES.get(name, name)


def alias_problem(text: str, name: str) -> Problem | None:
    """A problem if the YAML uses an alias (*name): one line of aliases can expand to gigabytes."""
    if "&" not in text or "*" not in text:
        return None  # an alias needs an anchor (&name) and a star: most files have neither, and skip the scan
    try:
        for event in yaml.parse(text, Loader=_COMPOSER):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark else 0
                return Problem(name, line, "", f"不支持 YAML 别名（*{event.anchor}）",
                               "把 &锚点 所指的内容直接写在这里；数据文件不用锚点和别名")
    except yaml.YAMLError:
        return None  # the syntax error is reported by the parse that follows
    return None


_MAX_DEPTH = 50  # the data nests four or five levels; deeper is a mistake or an attack on the stack


def parse_yaml(text: str, name: str) -> Source:
    """Parse YAML text, recording lines; see read_yaml."""
    refused = alias_problem(text, name)
    if refused is not None:
        return Source(name, None, problems=[refused])
    try:
        try:
            node = yaml.compose(text, Loader=_COMPOSER)
        except yaml.MarkedYAMLError:
            # The Python parser says what it found, not only what it expected: worth it on the error path.
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        return Source(name, None, problems=[Problem(name, 0, "", f"YAML 嵌套过深（超过 {_MAX_DEPTH} 层）",
                                                    "检查括号 [ ] { } 是否配对")])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = yaml_words(exc.problem or "格式错误")
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            what += f"（{yaml_words(exc.context)}，从第 {exc.context_mark.line + 1} 行开始）"
        hint = "含有“: ”或以引号开头的值要整个加引号" if "冒号加空格" in what else ""
        return Source(name, None, problems=[Problem(name, line, "", f"YAML 格式错误：{what}", hint)])
    source = Source(name, None)
    if node is None:
        source.problems.append(Problem(name, 1, "", "文件是空的"))
        return source
    source.lines[()] = node.start_mark.line + 1
    source.data = _walk(node, (), source)
    source.spans = _spans(node, text)
    return source


# Line breaks other than "\n" that YAML counts (or that would make str.split and the parser's marks disagree).
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def _spans(node: yaml.Node, text: str) -> dict[str, tuple[int, tuple[int, ...]]]:
    """For each top-level key holding a block list whose every item starts on the line of its "-": the list's
    column and those lines."""
    if not isinstance(node, yaml.MappingNode) or any(b in text for b in _OTHER_BREAKS):
        return {}
    lines = text.split("\n")
    out = {}
    for key, value in node.value:
        if not isinstance(value, yaml.SequenceNode) or value.flow_style or len(value.value) < 2:
            continue
        col = value.start_mark.column
        starts = tuple(item.start_mark.line for item in value.value)
        if isinstance(key.value, str) and all(_item_line(lines[n], col) for n in starts):
            out[key.value] = (col, starts)
    return out


def _item_line(line: str, col: int) -> bool:
    """The line begins a list item at col: spaces, then "-" followed by a space or nothing."""
    return line[:col] == " " * col and line[col:col + 1] == "-" and line[col + 1:col + 2] in ("", " ")


def _reparsed(old_text: str, old: Source, text: str) -> Source | None:
    """The new text parsed by parsing again only the list item it changed, or None where that cannot be exact.

    An editor saving one matter of a 1,000-matter list changes a few lines of one item; composing the whole list
    again takes half a second of `serve`'s rebuild. The item is parsed alone, at its own line numbers, and put
    in the place of the old one; anything this cannot prove the same as a whole parse (a change outside one
    item, or reaching the next item, a line of the item not indented under its "-", any problem in the old or
    new text) is left to the whole parse, so that data, lines and problems are always the whole parse's.
    """
    if old.problems or not old.spans or not isinstance(old.data, dict) or any(b in text for b in _OTHER_BREAKS):
        return None
    a, b = old_text.split("\n"), text.split("\n")
    first, most = 0, min(len(a), len(b))
    while first < most and a[first] == b[first]:
        first += 1
    tail = 0
    while tail < most - first and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    old_end, delta = len(a) - tail, len(b) - len(a)  # lines [first, old_end) of the old text were changed
    for key, (col, starts) in old.spans.items():
        i = bisect.bisect_right(starts, first) - 1
        # Lines put in just before an item's "-" are the end of the item before it, more likely than its start.
        for n in (i - 1, i) if first == old_end == starts[i] else (i,):
            if 0 <= n < len(starts) - 1 and old_end <= starts[n + 1]:
                made = _spliced(old, key, n, col, b[starts[n]:starts[n + 1] + delta], delta)
                if made is not None:
                    return made
    return None


def _spliced(old: Source, key: str, i: int, col: int, item: list[str], delta: int) -> Source | None:
    """old with item i of key's list parsed again from its new lines; None where that may not be exact."""
    starts = old.spans[key][1]
    if not item or not _item_line(item[0], col) or any(
            line.strip() and not line.lstrip().startswith("#") and len(line) - len(line.lstrip(" ")) <= col
            for line in item[1:]):
        return None  # not one item indented under its "-": a new item, a key outside the list, a tab …
    piece = "\n" * starts[i] + "\n".join(item) + "\n"
    if alias_problem(piece, old.file) is not None:
        return None
    try:
        node = yaml.compose(piece, Loader=_COMPOSER)
    except (yaml.YAMLError, RecursionError):
        return None
    if (not isinstance(node, yaml.SequenceNode) or node.flow_style or len(node.value) != 1
            or node.start_mark.column != col or node.value[0].start_mark.line != starts[i]):
        return None  # not one item of a block list at col, beginning on the line of its "-" (as _spans needs)
    part = Source(old.file, None)
    part.lines[(key, i)] = node.value[0].start_mark.line + 1
    value = _walk(node.value[0], (key, i), part)
    if part.problems:
        return None
    end = starts[i + 1]  # the old item's lines, counted from 1, are starts[i] + 1 … end
    lines = {path: (line + delta if line > end else line) for path, line in old.lines.items()
             if path[:2] != (key, i)}
    lines.update(part.lines)
    data = dict(old.data)
    data[key] = [*old.data[key][:i], value, *old.data[key][i + 1:]]
    spans = {k: (c, tuple(n + delta if n > starts[i] else n for n in s)) for k, (c, s) in old.spans.items()}
    return Source(old.file, data, lines, [], spans)


# Tags the data may carry, explicitly or as resolved from plain scalars; any other (!!python/object,
# !!binary, !!set, a local !tag) is refused rather than constructed or silently read as something else.
_SAFE_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


def _refuse(node: yaml.Node, path: KeyPath, source: Source, message: str, hint: str = "") -> None:
    source.problems.append(Problem(source.file, node.start_mark.line + 1, format_path(path), message, hint))


def _walk(node: yaml.Node, path: KeyPath, source: Source) -> Any:
    if node.tag not in _SAFE_TAGS:
        _refuse(node, path, source, f"不支持的 YAML 标签 {node.tag.replace('tag:yaml.org,2002:', '!!')}",
                "去掉以 ! 开头的标签，直接写文本、数字或列表")
        return None
    if len(path) > _MAX_DEPTH:
        _refuse(node, path[:3], source, f"YAML 嵌套过深（超过 {_MAX_DEPTH} 层）", "检查括号 [ ] { } 是否配对")
        return None
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SAFE_TAGS:
                _refuse(key_node, path, source, "键必须是简单的文本（不支持 ? 复杂键、列表或映射作键）",
                        "写成 键: 值 的形式")
                continue
            key = _scalar(key_node, path, source)
            sub = (*path, key)
            if key in out:
                source.problems.append(Problem(source.file, key_node.start_mark.line + 1, format_path(sub),
                                               f"键重复（第一次出现在第 {source.lines[sub]} 行）"))
                continue
            source.lines[sub] = key_node.start_mark.line + 1
            out[key] = _walk(value_node, sub, source)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            source.lines[(*path, i)] = item.start_mark.line + 1
            items.append(_walk(item, (*path, i), source))
        return items
    return _scalar(node, path, source)


# What a tag (written, or read from how a plain value looks: 2024-13-45 as a date) asks the value to be.
_TAG_KINDS = {f"tag:yaml.org,2002:{t}": kind for t, kind in (
    ("int", "整数"), ("float", "小数"), ("bool", "是/否值"), ("timestamp", "日期"), ("null", "空值"))}


def _scalar(node: yaml.Node, path: KeyPath, source: Source) -> Any:
    # Resolution happened while composing; constructing a scalar needs no loader state.
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
        return node.value  # what the constructor would return for a string, without the call
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except Exception:  # whatever a constructor raises on what it was given
        # 2024-13-45 resolves as a date and then fails to construct; !!int abc likewise; !!int with no value
        # fails with IndexError, !!bool with KeyError, !!timestamp with AttributeError.
        kind = _TAG_KINDS.get(node.tag, node.tag.replace("tag:yaml.org,2002:", "!!"))
        _refuse(node, path, source, f"无法读取的值 {node.value!r}（不是有效的{kind}）",
                "若这是文本，请给它加上引号")
        return None
