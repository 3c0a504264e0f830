"""Checks on a built site: nothing is loaded from outside it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

# Attributes that make a browser fetch something: scripts, styles, images, frames, fonts, media.
# Bytes, not text: the print page of a large list is over 100 MB, and only the few matches need decoding.
_TAG = re.compile(rb"<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*>", re.IGNORECASE)
_LOADS = re.compile(rb"<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?\b(?:src|href|data)"
                    rb"\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)", re.IGNORECASE)
_CSS_URL = re.compile(rb"(?:url\(\s*[\"']?|@import\s+[\"'])((?:https?:)?//[^\"')\s]+)", re.IGNORECASE)
_SKIP_REL = re.compile(rb"<link\b[^>]*\brel=[\"']?(?:canonical|alternate|author|license)\b", re.IGNORECASE)


def external_loads(site_dir: Path) -> list[str]:
    """Every place a page or stylesheet would load a URL outside the site, as 'file: url'."""
    found = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in {".html", ".css"}:
            continue
        rel = path.relative_to(site_dir).as_posix()
        for text in pieces(path):
            if path.suffix == ".html":
                for tag in _TAG.finditer(text):
                    if _SKIP_REL.match(tag.group(0)):
                        continue
                    found += [f"{rel}: {_str(m.group(1))}" for m in _LOADS.finditer(tag.group(0))]
            if path.suffix == ".css" or _may_load_css(text):
                found += [f"{rel}: {_str(m.group(1))}" for m in _CSS_URL.finditer(text)]
    return found


def _may_load_css(text: bytes) -> bool:
    """A quick look before the slow pattern: pages rarely hold CSS that loads anything."""
    low = text.lower()  # each pattern then starts with a literal, which the regex engine finds fast
    return bool(_URL_FAR.search(low) or _IMPORT_FAR.search(low))


_URL_FAR = re.compile(rb"url\(\s*[\"']?(?:https?:)?//")
_IMPORT_FAR = re.compile(rb"@import\s+[\"'](?:https?:)?//")


PIECE = 8 << 20


def pieces(path: Path, size: int = PIECE) -> Iterator[bytes]:
    """A file's bytes in pieces of about size, each cut just before a '<' so that no tag is split (the print page of
    a long list is hundreds of megabytes: it is never held whole)."""
    rest = b""
    with path.open("rb") as f:
        while chunk := f.read(size):
            data = rest + chunk
            cut = data.rfind(b"<")
            if cut <= 0:
                rest = data
                continue
            yield data[:cut]
            rest = data[cut:]
    if rest:
        yield rest


def _str(found: bytes) -> str:
    return found.decode("utf-8", errors="replace")
