"""Checks on a built site: nothing is loaded from outside it."""

from __future__ import annotations

import re
from pathlib import Path

# Attributes that make a browser fetch something: scripts, styles, images, frames, fonts, media.
_LOADS = re.compile(r"<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?\b(?:src|href|data)"
                    r"\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)", re.IGNORECASE)
_CSS_URL = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"'])((?:https?:)?//[^\"')\s]+)", re.IGNORECASE)
_SKIP_REL = re.compile(r"<link\b[^>]*\brel=[\"']?(?:canonical|alternate|author|license)\b", re.IGNORECASE)


def external_loads(site_dir: Path) -> list[str]:
    """Every place a page or stylesheet would load a URL outside the site, as 'file: url'."""
    found = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in {".html", ".css"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            for tag in re.finditer(r"<[^>]+>", text):
                if _SKIP_REL.match(tag.group(0)):
                    continue
                found += [f"{rel}: {m.group(1)}" for m in _LOADS.finditer(tag.group(0))]
        found += [f"{rel}: {m.group(1)}" for m in _CSS_URL.finditer(text)]
    return found
