"""Hostile data for the escaping tests: a copy of the data with a given text in every free-text field,
and what a built page shows (its visible text) and is made of (its elements and attributes)."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

# Each of these broke a page, or ran a script, before escape.py (issue 12).
HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> <!-- | a|b & &amp; \"q\" 'q' {x} [y] *s* _u_ # \\ `c` "
    "[l](javascript:alert(3)) {: onclick=alert(4) } <b>粗</b> 甲" + "长" * 150 + "W" * 200
)
SHORT = "<script>alert(9)</script><!--|&{}[]*_#\\`"
PROSE = (
    "[x]: javascript:alert(5)\n\n- 第一点 <svg onload=alert(6)>\n- [链接](data:text/html,<script>alert(7)</script>)\n\n"
    "**重点** ![i](x.png) <!-- 注释 {: .x onclick=alert(8) }\n\n见[第三十五条](laws/aqscf.md#a35)和[网站](https://example.org/a?b=1)"
)

# The same shape with nothing hostile in it: the pages built from it have the elements the data may make.
BENIGN = "甲"
BENIGN_PROSE = "甲\n\n- 第一点 乙\n- 丙\n\n**重点** 丁\n\n见[第三十五条](laws/aqscf.md#a35)和[网站](https://example.org/a?b=1)"


def one_line(text: str) -> str:
    """The text as a one-line field holds it."""
    return re.sub(r"\s*\n\s*", " ", text).strip()


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def hostile_data(base: Path, target: Path, text: str, prose: str | None = None) -> Path:
    """A copy of base in target with text added to every free-text field (prose to the prose fields)."""
    shutil.copytree(base, target)
    line = one_line(text)
    prose = text if prose is None else prose
    cl = _load(target / "checklist.yaml")
    cl["标题"] += SHORT  # the title also names the Word download, whose properties hold 255 characters
    names = {}
    for i, c in enumerate(cl["分类"]):
        names[c["名称"]] = c["名称"] = f"{c['名称']}{i}{line}"
        c["说明"] = prose
    for m in cl["事项"]:
        m["类别"] = names[m["类别"]]
        m["事项名称"] += line
        for key in ("现场检查要点", "证据材料", "执法文书"):
            m[key] = [*m.get(key, []), line]
        m["裁量说明"] = prose
        m["本地补充"] = prose
    _dump(target / "checklist.yaml", cl)
    for path in sorted((target / "stages").glob("*.yaml")):
        st = _load(path)
        st["名称"] += line
        st["简介"] += "\n\n" + prose
        for step in st.get("步骤", []):
            step["名称"] += line
            step["做法"] = [*step.get("做法", []), line]
            step["核对"] = [*step.get("核对", []), line]
        for t in st.get("时限", []):
            t["名称"] += line
            t["说明"] += line
        for p in st.get("待补充", []):
            p["内容"] += line
            p["来源"] += line
        _dump(path, st)
    docs = _load(target / "documents.yaml")
    for d in docs["文书"]:
        d["名称"] += line
        d["用途"] += line
    _dump(target / "documents.yaml", docs)
    deleg = _load(target / "delegation.yaml")
    deleg["上限来源"] += line
    _dump(target / "delegation.yaml", deleg)
    code = cl["事项"][0]["事项代码"]
    _dump(target / "changelog.yaml", {"记录": [{
        "日期": "2026-01-01", "来源": line, "新增": [{"事项代码": code, "事项名称": line}],
        "删除": [{"事项代码": "330225999999", "事项名称": line, "本地补充": prose}],
        "修改": [{"事项代码": code, "字段": line, "原值": line[:50], "新值": line[-50:]}]}]})
    with (target / "guidance.txt").open("a", encoding="utf-8") as f:
        f.write(f"\n\n{line}\n")
    law = _load(target / "laws" / "aqscf.yaml")
    law["note"] += line
    law["history"].append(line)
    law["chapters"][0]["title"] += line
    _dump(target / "laws" / "aqscf.yaml", law)
    return target


@dataclass
class Page:
    """A page as a browser reads it: visible text, elements with their attributes, link targets."""

    text: list[str] = field(default_factory=list)
    elements: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append((tag, tuple(sorted(name for name, _ in attrs))))
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction") and value is not None:
                self.page.urls.append(value)
        if tag == "script":
            self.page.scripts.append(dict(attrs).get("src") or "")
        self.skip += tag in {"script", "style"}

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in {"script", "style"}

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.page.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.page.elements.append(("!--", ()))


def read_page(html: str) -> Page:
    """What a page is made of."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page


def squash(text: str) -> str:
    """The text without white space (so that line breaks and wrapping do not matter)."""
    return re.sub(r"\s+", "", text)


def visible(page: Page) -> str:
    """The visible text of a page, white space removed."""
    return squash("".join(page.text))


_BAD_URL = re.compile(r"\s*(javascript|data|vbscript):", re.IGNORECASE)


def bad_parts(page: Page) -> list[str]:
    """Elements and attributes that only the data could have put there: event handlers, script links."""
    bad = [f"<{tag} {name}>" for tag, names in page.elements for name in names if name.startswith("on")]
    bad += [f"<{tag}>" for tag, _ in page.elements if tag in {"img", "iframe", "object", "embed", "b", "form"}]
    bad += [url for url in page.urls if _BAD_URL.match(url)]
    return bad
