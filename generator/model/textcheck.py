"""Checks of the data's texts before anything is built: a line break in a one-line field (a name, code, title
or list item would break a heading, a table row or a title), and links in prose that lead nowhere."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .errors import Problem
from .urls import PROSE_LINK, link_target
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


def prose_links(source: Source, path: KeyPath, text: str, known: Callable[[str], bool]) -> list[Problem]:
    """Problems with the links of a prose field: a site page that does not exist is an error (the build would
    fail); a target outside the subset is a warning (the page shows the link as typed)."""
    out = []
    for m in PROSE_LINK.finditer(text):
        url = m.group("url")
        target = link_target(url, "")
        if target is None:
            out.append(source.problem(path, f"链接“{m.group(0)}”的目标不是 http(s) 网址或本站页面，页面上将按原文显示",
                                      "本站页面从网站根目录写起，如 laws/aqscf.md#a30、matters/330225002022.md",
                                      severity="warning"))
        elif not url.startswith(("http://", "https://")) and not known(url.split("#", 1)[0]):
            out.append(source.problem(path, f"链接“{m.group(0)}”指向的本站页面不存在",
                                      "检查页面路径：事项页 matters/<事项代码>.md，法规页 laws/<代号>.md，"
                                      "分类页 categories/<代号>.md"))
    return out
