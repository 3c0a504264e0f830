"""Synthetic checklists for benchmarks: N matters citing real articles of the law library.

Marked synthetic everywhere (title, names, codes beginning 99) and written outside data/.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

from generator.model.checklist_yaml import dump_checklist
from generator.model.laws import load_library
from generator.model.model import Article

SYNTHETIC_TITLE = "合成测试清单（非真实数据，仅用于性能测试）"
CATEGORIES = ["安全生产综合监管类", "特种作业监管类", "预案管理类", "危化品监管类", "工贸行业监管类",
              "有限空间作业类", "粉尘涉爆类", "教育培训类", "事故报告类", "隐患排查类"]
TOPICS = ["警示标志", "特种作业", "应急预案", "安全培训", "隐患排查", "有限空间", "动火作业", "劳动防护用品",
          "安全设备", "危险物品", "承包租赁", "安全管理机构", "事故报告", "粉尘清扫", "消防通道", "监控报警"]


def _text(article: Article) -> str:
    return "\n".join(p.text + "".join(i.text for i in p.items) for p in article.paragraphs)


def make_data(source: Path, target: Path, count: int, seed: int = 7) -> Path:
    """A copy of source data/ whose checklist has `count` synthetic matters; returns target."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("checklist.yaml", "changelog.yaml"))
    library = load_library(source / "laws")
    law = library.laws["aqscf"]
    rng = random.Random(seed)
    with_items = [(a, p) for a in law.articles for p in a.paragraphs if p.items and len(a.item_paragraphs) == 1]
    obligations = [a for a in law.articles if 20 <= a.number <= 89]
    matters: list[dict[str, Any]] = []
    for n in range(1, count + 1):
        basis = rng.choice(obligations)
        article, para = rng.choice(with_items)
        item = rng.choice(para.items)
        topic = rng.choice(TOPICS)
        matters.append({
            "序号": n,
            "类别": CATEGORIES[n % len(CATEGORIES)],
            "事项代码": f"99{n:010d}",
            "事项名称": f"【合成{n}】对生产经营单位{topic}不符合规定的行政处罚（{rng.choice(TOPICS)}）",
            "法律依据": {"原文": f"《中华人民共和国安全生产法》{basis.label} {_text(basis)}",
                      "引用": [{"法规": "安全生产法", "条": basis.number}]},
            "处罚条款和内容": {"原文": f"《中华人民共和国安全生产法》{article.label} {para.text}{item.text}",
                        "引用": [{"法规": "安全生产法", "条": article.number, "项": item.number}]},
        })
    data = {"标题": SYNTHETIC_TITLE, "来源": "benchmarks/synth.py（合成数据）",
            "分类": [{"代号": f"c{i}", "名称": name} for i, name in enumerate(CATEGORIES)], "事项": matters}
    (target / "checklist.yaml").write_text(dump_checklist(data), encoding="utf-8")
    return target
