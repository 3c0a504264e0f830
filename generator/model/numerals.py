"""Chinese numerals as used in article numbers (第一百零三条), both ways."""

from __future__ import annotations

from functools import lru_cache

DIGITS = "零一二三四五六七八九"
_DIGIT_VALUE = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0, "两": 2}
_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = "".join(_DIGIT_VALUE) + "".join(_UNIT_VALUE)


def cn_to_int(text: str) -> int:
    """Convert a Chinese numeral below 10,000 (十二, 一百零三, 二十) to an int."""
    if not text:
        raise ValueError("empty numeral")
    total = 0
    digit: int | None = None
    for ch in text:
        if ch in _DIGIT_VALUE:
            digit = _DIGIT_VALUE[ch]
        elif ch in _UNIT_VALUE:
            # A bare unit at the start (十二) means one of it.
            total += (1 if digit is None else digit) * _UNIT_VALUE[ch]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + (digit or 0)


@lru_cache(maxsize=10_000)  # every article label of every page: a few hundred distinct numbers
def int_to_cn(n: int) -> str:
    """Write 1..9999 as officials do: 十, 十二, 一百零三, 一百一十."""
    if not 0 < n < 10000:
        raise ValueError(f"out of range: {n}")
    parts: list[str] = []
    pending_zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d == 0:
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        # 十二, not 一十二, when ten is the leading unit.
        parts.append(name if (unit == 10 and d == 1 and not parts) else DIGITS[d] + name)
    return "".join(parts)


def parse_number(text: str) -> int:
    """Read an article number written in Chinese or Arabic numerals (九十七, 97, ９７)."""
    text = text.strip().translate(_FULLWIDTH_DIGITS)
    return int(text) if text.isdigit() else cn_to_int(text)


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
