"""A tiny data set written by the tests that need one: one law of three articles, one category, two matters."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.model.laws import dump_law
from generator.model.model import Article, Chapter, Item, Law, Paragraph

ROOT = Path(__file__).resolve().parent.parent
LAW_TITLE = "中华人民共和国测试安全法"
CODES = ("330200000001", "330200000002")
ARTICLE_1 = "生产经营单位应当设置安全警示标志。"
ARTICLE_2 = "生产经营单位应当建立安全生产责任制。"
ARTICLE_3 = "生产经营单位有下列行为之一的，责令限期改正，处一万元以下的罚款："
ITEMS_3 = ("（一）未设置安全警示标志的；", "（二）未建立安全生产责任制的。")


def tiny_law() -> Law:
    """The law every tiny matter cites."""
    articles = (Article(1, (Paragraph(1, ARTICLE_1),), "第一章 总则"),
                Article(2, (Paragraph(1, ARTICLE_2),), "第一章 总则"),
                Article(3, (Paragraph(1, ARTICLE_3, tuple(Item(i + 1, t) for i, t in enumerate(ITEMS_3))),),
                        "第二章 法律责任"))
    return Law(id="csaqf", title=LAW_TITLE, short_names=("测试安全法",), version_date="2024-01-01",
               effective_date="2024-01-01", kind="法律", history=(),
               chapters=(Chapter("第一章 总则", 2, 1, 2), Chapter("第二章 法律责任", 2, 3, 3)),
               articles=articles, source=f"{LAW_TITLE}(2024-01-01).md")


def basis_text(article: int) -> str:
    """The 法律依据 of a matter as the list writes it."""
    return f"《{LAW_TITLE}》第{'一二'[article - 1]}条 {(ARTICLE_1, ARTICLE_2)[article - 1]}"


def penalty_text(item: int) -> str:
    """The 处罚条款和内容 of a matter as the list writes it."""
    return f"《{LAW_TITLE}》第三条 {ARTICLE_3}{ITEMS_3[item - 1]}"


def rows() -> list[list[str]]:
    """The two matters as rows of the published list (序号 … 处罚条款和内容)."""
    return [["1", "综合监管类", CODES[0], "对未设置安全警示标志的行政处罚", basis_text(1), penalty_text(1)],
            ["2", "综合监管类", CODES[1], "对未建立安全生产责任制的行政处罚", basis_text(2), penalty_text(2)]]


def checklist() -> dict[str, Any]:
    """checklist.yaml of the two matters."""
    matters = []
    for n, row in enumerate(rows(), start=1):
        matters.append({"序号": n, "类别": row[1], "事项代码": row[2], "事项名称": row[3],
                        "法律依据": {"原文": row[4], "引用": [{"法规": "测试安全法", "条": n}]},
                        "处罚条款和内容": {"原文": row[5], "引用": [{"法规": "测试安全法", "条": 3, "项": n}]}})
    return {"标题": "测试清单", "来源": "测试", "分类": [{"代号": "zhjg", "名称": "综合监管类"}], "事项": matters}


def write_data(data: Path) -> Path:
    """A tiny data/ folder at data."""
    (data / "laws").mkdir(parents=True, exist_ok=True)
    (data / "laws" / "csaqf.yaml").write_text(dump_law(tiny_law()), encoding="utf-8")
    (data / "checklist.yaml").write_text(yaml.safe_dump(checklist(), allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")
    return data


def write_project(target: Path) -> Path:
    """The project's mkdocs.yml, docs/ and overrides/ with the tiny data, to build or serve in target."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    write_data(target / "data")
    return target
