"""Text for spreadsheet cells, sheet titles and Word files: always text, never a formula, always valid.

Every .xlsx and .docx the generator writes takes its strings through this module (see export.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# A cell whose text starts with one of these is a formula (or becomes one when an officer edits the cell
# in Excel or WPS): such text is stored as a string with Excel's quote prefix (shown as typed, kept as text).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# XML 1.0 cannot hold these; openpyxl refuses them and Word reports the file as damaged.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Excel reads _x0041_ in a cell as the character it encodes; a literal one is escaped as _x005F_x0041_.
_OOXML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_SHEET_BAD = re.compile(r"[\\/?*\[\]:]")
SHEET_TITLE_MAX = 31
CELL_MAX = 32767  # Excel's limit for the text of one cell
PROPERTY_MAX = 255  # python-docx's (and Word's) limit for a core property such as the title
_CUT_NOTE = "…（超出 Excel 单元格长度上限，全文见网站）"


def xml_text(text: str) -> str:
    """Text that XML can hold: characters XML forbids are shown as U+FFFD, line ends are \\n."""
    return _XML_ILLEGAL.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def cell_text(text: str) -> str:
    """A string as a spreadsheet cell must store it to show it as typed."""
    text = _OOXML_ESCAPE.sub(r"_x005F_\1", xml_text(text))
    if len(text) > CELL_MAX:
        text = text[: CELL_MAX - len(_CUT_NOTE)] + _CUT_NOTE
    return text


def needs_quote_prefix(text: str) -> bool:
    """True when Excel would read text as a formula once the cell is edited."""
    return text.startswith(FORMULA_START)


def set_cell(cell: Any, value: object) -> Any:
    """Put value in an openpyxl cell: a number as a number, anything else as text that is never a formula."""
    if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        cell.value = value
        return cell
    text = cell_text(str(value))
    cell.value = text
    cell.data_type = "s"  # openpyxl makes any string starting with "=" a formula; this one is text
    if needs_quote_prefix(text):
        cell.quotePrefix = True
    return cell


def sheet_title(name: str, taken: Iterable[str] = ()) -> str:
    """A valid sheet title from any text: no \\ / ? * [ ] :, at most 31 characters, unique among taken."""
    title = _SHEET_BAD.sub("_", xml_text(name)).replace("\n", " ").strip().strip("'") or "Sheet"
    title = title[:SHEET_TITLE_MAX]
    used = {t.casefold() for t in taken}  # Excel compares sheet titles without case
    n = 1
    base = title
    while title.casefold() in used or title.casefold() == "history":  # "History" is reserved by Excel
        n += 1
        suffix = f"({n})"
        title = base[: SHEET_TITLE_MAX - len(suffix)] + suffix
    return title


def doc_property(text: str) -> str:
    """A document property (title) from any text: one line, XML-safe, at most 255 characters."""
    line = " ".join(xml_text(text).split())
    return line if len(line) <= PROPERTY_MAX else line[: PROPERTY_MAX - 1] + "…"


HEADER_MAX = 240  # Excel refuses a header or footer section longer than 255 characters, codes included


def header_text(text: str) -> str:
    """Text for a spreadsheet page header or footer: one line, with & (Excel's code sign) shown as typed."""
    line = " ".join(xml_text(text).split())[:HEADER_MAX]
    return line.replace("&", "&&")
