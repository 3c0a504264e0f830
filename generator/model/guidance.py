"""The guidance (指导意见) as the bureau issued it: kept verbatim in data/guidance.txt, shown as a page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

GUIDANCE_FILE = "guidance.txt"


def read_guidance_text(data_dir: Path) -> str:
    """data/guidance.txt as text ('' when there is none); bytes that are not UTF-8 show as U+FFFD.

    Only site.read_guidance reports such bytes (with their line); the checks that quote the guidance read it here.
    """
    path = data_dir / GUIDANCE_FILE
    return path.read_bytes().decode("utf-8", errors="replace") if path.exists() else ""
# The notice as issued (with the list as its appendix), kept with its provenance in data/sources/README.md.
GUIDANCE_SOURCE = Path("sources") / "000_51858d30e771066a.txt"
APPENDIX_TABLE = "序号\t类别\t事项代码"
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)\S{2,14}$")
_ENDS = "。：；！？”）"
MECHANISMS = ("定期学习", "交叉检查", "定期通报", "案卷评查")


def extract(seed_text: str) -> str:
    """The guidance from the seed document: everything before the appendix's table (the list itself)."""
    cut = seed_text.find(APPENDIX_TABLE)
    text = seed_text[:cut] if cut >= 0 else seed_text
    # The appendix's own heading lines stay with the guidance; the table is data/checklist.yaml.
    return text.rstrip() + "\n"


@dataclass(frozen=True)
class Block:
    """A paragraph of the guidance: a heading (一、…, （一）…) or text, and the mechanism it describes."""

    text: str
    heading: int = 0  # 0 text, 1 一、…, 2 （一）…
    mechanism: str = ""


def blocks(text: str) -> list[Block]:
    """The guidance as paragraphs, with the sentences a page break split joined again."""
    raw = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    joined: list[str] = []
    for b in raw:
        if joined and _continues(joined[-1], len(joined)):
            joined[-1] += b
        else:
            joined.append(b)
    out = []
    for b in joined:
        level = 0
        if _HEADING.match(b):
            level = 1 if "、" in b[:4] and not b.startswith("（") else 2
        mechanism = next((m for m in MECHANISMS if level == 2 and m in b), "")
        out.append(Block(b, level, mechanism))
    return out


def _continues(block: str, position: int) -> bool:
    # A block that stops mid-sentence (no closing punctuation) was cut by a page break; titles, headings
    # and the addressee line at the top end without punctuation too, and are left alone.
    return position > 5 and not block.endswith(tuple(_ENDS)) and not _HEADING.match(block) \
        and not block.startswith("附件")
