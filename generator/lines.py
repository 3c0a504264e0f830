"""One-line fields: a line break in a name, code, title or list item is an error (it would break a heading,
a table row or a title), found in the parsed YAML before anything is built."""

from __future__ import annotations

import re
from typing import Any

from .errors import Problem
from .yamlsource import KeyPath, Source

# The prose fields, where lines and paragraphs are kept (see README, 可以写格式的字段); every other text is one line.
MULTI_LINE = frozenset({"原文", "裁量说明", "本地补充", "简介"})
_BREAK = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]")


def _multi_line(path: KeyPath) -> bool:
    keys = [p for p in path if isinstance(p, str)]
    if not keys:
        return False
    return keys[-1] in MULTI_LINE or (keys[-1] == "说明" and keys[0] == "分类")  # a category's 说明 is prose


def line_breaks(source: Source) -> list[Problem]:
    """A problem for every one-line text in the file that holds a line break."""
    problems: list[Problem] = []

    def walk(value: Any, path: KeyPath) -> None:
        if isinstance(value, dict):
            for key, v in value.items():
                walk(v, (*path, key))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, (*path, i))
        elif isinstance(value, str) and _BREAK.search(value.strip()) and not _multi_line(path):
            problems.append(source.problem(path, "这一项只能写一行，发现了换行",
                                           "把换行删去，写成一行；分几点写的，请改成列表的几项"))

    walk(source.data, ())
    return problems
