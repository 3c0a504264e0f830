"""The editors' search synonyms (data/synonyms.yaml): groups of words that name the same thing on site."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from .errors import Problem
from .yamlsource import Source, read_yaml, type_name

SYNONYMS_FILE = "synonyms.yaml"
GROUPS_KEY = "同义词"
_MAX_WORD = 20  # a synonym is a word or a short phrase, not a sentence
_FORBIDDEN = set(" \t\r\n\u3000,，、")  # the search splits a query at these: a word holding one never matches

Synonyms = tuple[tuple[str, ...], ...]


def load_synonyms(data_dir: Path, display_dir: str | None = None) -> tuple[Synonyms, list[Problem]]:
    """The groups in data/synonyms.yaml (none when there is no such file) and every problem found in it."""
    path = data_dir / SYNONYMS_FILE
    if not path.exists():
        return (), []
    shown = f"{display_dir if display_dir is not None else data_dir}/{SYNONYMS_FILE}"
    return read_synonyms(read_yaml(path, shown))


def read_synonyms(src: Source) -> tuple[Synonyms, list[Problem]]:
    """Check a parsed synonyms file: one key 同义词, a list of groups, each of two or more distinct words."""
    problems = list(src.problems)
    if src.data is None:
        return (), problems
    if not isinstance(src.data, dict):
        return (), [*problems, src.problem((), f"文件应为映射（{GROUPS_KEY}: 列表），实际是{type_name(src.data)}",
                                           f"第一行写 {GROUPS_KEY}:，下面每行一组，如 - [警示牌, 警示标志]")]
    for key in src.data:
        if key != GROUPS_KEY:
            close = difflib.get_close_matches(str(key), [GROUPS_KEY], n=1, cutoff=0.3)
            problems.append(src.problem((key,), "未知字段",
                                        f"是不是 {close[0]!r}？" if close else f"只能有 {GROUPS_KEY}"))
    raw = src.data.get(GROUPS_KEY)
    if not isinstance(raw, list):
        where = (GROUPS_KEY,) if GROUPS_KEY in src.data else ()
        found = f"实际是{type_name(raw)}" if GROUPS_KEY in src.data else "缺少这个字段"
        problems.append(src.problem(where, f"{GROUPS_KEY} 应为列表，{found}",
                                    "每行一组，如 - [警示牌, 警示标志]"))
        return (), problems
    groups: list[tuple[str, ...]] = []
    seen: dict[str, int] = {}
    for i, group in enumerate(raw):
        words = _group(src, (GROUPS_KEY, i), group, seen, problems)
        if words:
            groups.append(words)
    return tuple(groups), problems


def _group(src: Source, path: tuple[str | int, ...], group: Any, seen: dict[str, int],
           problems: list[Problem]) -> tuple[str, ...]:
    if not isinstance(group, list) or len(group) < 2:
        found = f"只有 {len(group)} 个词" if isinstance(group, list) else f"实际是{type_name(group)}"
        problems.append(src.problem(path, f"每组应为两个或更多词的列表，{found}",
                                    "写成 - [警示牌, 警示标志]：方括号内用逗号隔开"))
        return ()
    words: list[str] = []
    for j, word in enumerate(group):
        where = (*path, j)
        if not isinstance(word, str) or not word.strip():
            problems.append(src.problem(where, f"应为文字，实际是{type_name(word)}",
                                        "数字或空项请去掉；要找数字，直接在搜索框输入即可"))
            continue
        word = word.strip()
        if len(word) < 2 or len(word) > _MAX_WORD:
            problems.append(src.problem(where, f"词 {word!r} 应为 2 到 {_MAX_WORD} 个字，实际是 {len(word)} 个字",
                                        "同义词是一个词或短语，单个字会匹配太多内容"))
            continue
        if _FORBIDDEN & set(word):
            problems.append(src.problem(where, f"词 {word!r} 中有空格或逗号、顿号",
                                        "搜索在这些符号处把输入分开，含有它们的词永远匹配不到：分成两个词或去掉符号"))
            continue
        key = word.lower()
        if key in seen:
            problems.append(src.problem(where, f"词 {word!r} 已在第 {seen[key]} 行出现",
                                        "一个词只能属于一组：把两组合并，或删去一处"))
            continue
        seen[key] = src.line(where)
        words.append(word)
    return tuple(words) if len(words) >= 2 else ()
