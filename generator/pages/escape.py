"""Every string from the data is escaped for the place it lands: one small function per context.

The pages are Markdown with some HTML in it, rendered by Jinja templates (see render.py). The template
environment passes every value through md_text unless it is Markup, which only these functions and
our own code make: a field nobody thought of is shown as text, never read as markup.

Contexts: HTML text and attributes (html_text, html_attr), one line of Markdown (md_text: paragraph,
list item, table cell, heading, link label), several lines (md_lines), the prose fields with their small
Markdown subset (md_prose), a page title in front matter (front_title), JSON in a script (script_json),
and the plain text of a page for the search index (plain).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

from markupsafe import Markup

from ..model.urls import PROSE_LINK, link_target

# Markdown dialects read almost every ASCII punctuation mark as markup somewhere (emphasis, links,
# tables, headings, lists, attribute lists, admonitions, HTML, entities, autolinks); a numeric character
# reference is read as the character itself by every dialect and by HTML. Left alone: , ; / %
MD_CHARS = "\\`*_{}[]()<>#+-.!|&\"'~^=:?@$"
_MD_TABLE = {ord(c): f"&#{ord(c)};" for c in MD_CHARS} | {ord("\t"): "&#9;"}
# Python-Markdown marks stashed HTML with STX/ETX: a control character from the data must never reach it.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_LEADING = re.compile(r"^ +")
_NEEDS = re.compile("[" + re.escape(MD_CHARS) + "\x00-\x1f\x7f\x85\u2028\u2029]|^ ")
_BREAK = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


def html_text(text: object) -> Markup:
    """Text inside an HTML element."""
    return Markup.escape(_clean(str(text)))


def html_attr(text: object) -> Markup:
    """Text inside a double-quoted HTML attribute (quotes, <, > and & escaped; line breaks as spaces)."""
    return Markup.escape(one_line(_clean(str(text))))


def one_line(text: str) -> str:
    """The text with every line break (also U+2028, U+2029) made a space."""
    return _BREAK.sub(" ", text)


def _clean(text: str) -> str:
    return _CONTROL.sub("\ufffd", text)


def md_text(text: object) -> Markup:
    """One line of Markdown text shown as typed: paragraph, list item, table cell, heading or link label."""
    return Markup(_md(str(text)))


def _md(text: str) -> str:
    if not _NEEDS.search(text):  # most text (Chinese, digits) needs nothing: pages hold ~100 such values each
        return text
    # Leading spaces would make an indented code block where the text starts a line.
    return _LEADING.sub(lambda m: "&#32;" * len(m.group(0)), one_line(_clean(text)).translate(_MD_TABLE))


def md_lines(text: object) -> Markup:
    """Several lines of text at block level: each line as typed, a blank line starting a new paragraph."""
    paragraphs = re.split(r"\n\s*\n", _BREAK.sub("\n", _clean(str(text)).strip()))
    return Markup("\n\n".join("\n".join(md_text(line.strip()) for line in p.splitlines() if line.strip())
                              for p in paragraphs if p.strip()))


# --- prose: the small Markdown subset of the officers' notes ----------------------------------------

_LIST = re.compile(r"( *)([-*+]|\d{1,9}\.) +(?=\S)")
_INLINE = re.compile(PROSE_LINK.pattern +
                     r"|\*\*(?P<strong>[^*\n]+?)\*\*"
                     r"|\*(?P<em>[^*\n]+?)\*")


def _inline(text: str, page: str) -> str:
    out: list[str] = []
    at = 0
    for m in _INLINE.finditer(text):
        out.append(md_text(text[at:m.start()]))
        if m.group("url") is not None:
            target = link_target(m.group("url"), page)
            out.append(f"[{md_text(m.group('label'))}]({target})" if target else md_text(m.group(0)))
        elif m.group("strong") is not None:
            out.append(f"**{md_text(m.group('strong'))}**")
        else:
            out.append(f"*{md_text(m.group('em'))}*")
        at = m.end()
    out.append(md_text(text[at:]))
    return "".join(out)


def md_prose(text: object, page: str) -> Markup:
    """A prose field: paragraphs, lists (- item, 1. item), **strong**, *emphasis* and links to http(s) or
    to a page of the site; everything else (HTML, other link targets, {: …}, [x]: …) is shown as typed."""
    blocks: list[str] = []
    for para in re.split(r"\n\s*\n", _BREAK.sub("\n", _clean(str(text)).strip())):
        lines: list[str] = []
        level = -1  # the nesting of the list item before, -1 after a line of text
        for line in para.splitlines():
            if not line.strip():
                continue
            item = _LIST.match(line.expandtabs(4))
            if item:
                line = line.expandtabs(4)
                level = min(len(item.group(1)) // 2, level + 1, 3)  # nested only under an item
                marker = "1." if item.group(2)[0].isdigit() else "-"  # numbered in order, from 1
                lines.append(f"{'    ' * level}{marker} {_inline(line[item.end():].strip(), page)}")
            else:
                level = -1
                lines.append(_inline(line.strip(), page))
        if lines:
            # A list needs a blank line before it in Python-Markdown.
            blocks.append("\n".join(_separate(lines)))
    return Markup("\n\n".join(blocks))


def _separate(lines: list[str]) -> list[str]:
    out: list[str] = []
    for i, line in enumerate(lines):
        is_item = bool(_LIST.match(line))
        if (i and is_item and not _LIST.match(lines[i - 1])) or (i and not is_item and _LIST.match(lines[i - 1])):
            out.append("")
        out.append(line)
    return out


# --- front matter, scripts, search --------------------------------------------------------------------

# What YAML does not accept unescaped in a file (surrogates cannot come from a decoded file; non-characters can).
_YAML_UNPRINTABLE = re.compile("[\x80-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")


def front_title(text: object) -> Markup:
    """A page title for front matter: a YAML double-quoted string holding HTML-escaped text (MkDocs and the
    theme put the title into pages as it is)."""
    escaped = html.escape(one_line(_clean(str(text))).strip(), quote=True)
    quoted = json.dumps(escaped, ensure_ascii=False)
    return Markup(_YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted))


def script_json(value: object) -> str:
    """JSON safe inside any script: no </, <!--, or line separators that end a JavaScript string."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def plain(markdown_text: str) -> str:
    """Character references back to characters (for the search index, which shows text, not markup)."""
    return html.unescape(markdown_text)


_URL = re.compile(r"[A-Za-z0-9_./-]*(?:#[\w-]+)?")


def site_url(url: object) -> Markup:
    """A URL our code made (relative, to a page or file of the site); anything else is a bug, not data."""
    text = str(url)
    if not _URL.fullmatch(text) or text.startswith("/"):
        raise ValueError(f"not a URL of the site: {text!r}")
    return Markup(text)


FILTERS: dict[str, Callable[..., Markup]] = {
    "md": md_text, "lines": md_lines, "html": html_text, "attr": html_attr, "front": front_title, "url": site_url,
}


def finalize(value: object) -> str:
    """What the template environment does with every value it prints: Markup as it is, anything else as text."""
    if isinstance(value, Markup):
        return value
    return _md("" if value is None else str(value))
