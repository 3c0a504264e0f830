"""The 事项代码: exactly twelve ASCII digits, checked the same way on load, on import and in file names."""

from __future__ import annotations

import re
import unicodedata

CODE_LENGTH = 12
# [0-9], not \d: Python's \d and str.isdigit also accept full-width (３) and other scripts' digits.
CODE_RE = re.compile(r"[0-9]{12}")
CODE_PATTERN = CODE_RE.pattern


def is_code(text: str) -> bool:
    """True when text is twelve ASCII digits and nothing else."""
    return CODE_RE.fullmatch(text) is not None


def code_problem(text: str) -> tuple[str, str] | None:
    """Why text is not a 事项代码, as (message, hint); None when it is one."""
    if is_code(text):
        return None
    ascii_digits = sum("0" <= ch <= "9" for ch in text)
    wide = [ch for ch in text if not ("0" <= ch <= "9") and unicodedata.category(ch) == "Nd"]
    if wide:
        shown = "".join(dict.fromkeys(wide))
        fullwidth = all("０" <= ch <= "９" for ch in wide)
        kind = "全角数字" if fullwidth else "非 ASCII 数字"
        fixed = "".join(str(unicodedata.digit(ch)) if ch in wide else ch for ch in text)
        hint = "请改为半角数字 0–9" + (f"：{fixed}" if is_code(fixed) else "")
        return f"事项代码应为 12 位半角数字，发现{kind}“{shown}”（{text!r}）", hint
    others = "".join(dict.fromkeys(ch for ch in text if not ("0" <= ch <= "9")))
    found = f"{len(text)} 个字符，其中 {ascii_digits} 位数字" + (f"，另有“{others}”" if others else "")
    return f"事项代码应为 12 位半角数字，发现 {text!r}（{found}）", "事项代码是 12 位数字，如 330225002022"
