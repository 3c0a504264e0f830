"""Writing data/checklist.yaml: readable for editors, stable for diffs."""

from __future__ import annotations

from typing import Any

import yaml

HEADER = """\
# 衢州市应急管理系统安全生产重点执法事项清单
#
# 来源：衢州市应急管理局《衢州市乡镇（街道）应急管理执法能力提升指导意见》附件
#       （data/sources/000_51858d30e771066a.txt，来源见 data/sources/README.md）。
# 法律依据、处罚条款和内容的「原文」照录清单原文（仅去掉 <p> 标签、接上分页断开的行）；
# 「引用」是同一引用的结构化形式（法规、条、款、项）。
# 每个事项可另加：现场检查要点、证据材料、执法文书（列表），裁量说明、本地补充（文字）。
# 改动本文件后运行 `python -m generator validate` 检查。
"""


class _Dumper(yaml.SafeDumper):
    """Block scalars for multi-line text, flow style for short citation mappings."""

    def ignore_aliases(self, data: Any) -> bool:
        # A value used twice is written out twice: the data files refuse aliases (they can expand without bound).
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(data: dict[str, Any]) -> str:
    """YAML for editors: Chinese as it is, no line folding, multi-line text as blocks."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=None)


def dump_checklist(data: dict[str, Any]) -> str:
    """The checklist as YAML text with its explanatory header."""
    return HEADER + "\n" + dump_yaml(data)
