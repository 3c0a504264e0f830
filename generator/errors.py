"""Problems found in the data, reported all at once with file, line and key path."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: where it is, what was expected, what was found, and a hint."""

    file: str
    line: int
    key: str
    message: str
    hint: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        key = f" {self.key}:" if self.key else ""
        tag = " 警告:" if self.severity == "warning" else ""
        text = f"{where}:{tag}{key} {self.message}"
        return f"{text}（提示：{self.hint}）" if self.hint else text


@dataclass
class DataError(Exception):
    """Raised by the core when the data has errors; carries every problem found."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        errors = [p for p in self.problems if p.severity == "error"]
        lines = [str(p) for p in sorted(self.problems)]
        lines.append(f"数据中有 {len(errors)} 个错误；没有生成任何内容。")
        return "\n".join(lines)


def errors_only(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a build."""
    return [p for p in problems if p.severity == "error"]
