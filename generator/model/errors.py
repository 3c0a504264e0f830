"""Problems found in the data, reported all at once with file, line and key path."""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from pathlib import Path
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


_DISK_HINTS = {
    errno.EACCES: "没有权限：检查该文件或文件夹的权限，或换一个有写权限的位置（如 --site-dir、--dist-dir）",
    errno.EPERM: "没有权限：检查该文件或文件夹的权限，或换一个有写权限的位置（如 --site-dir、--dist-dir）",
    errno.ENOSPC: "磁盘已满：清理出空间后再运行一次",
    errno.EDQUOT: "超出磁盘配额：清理出空间后再运行一次",
    errno.EROFS: "这是只读的文件系统：换一个可写的位置",
    errno.ENOENT: "文件或文件夹不存在：检查路径",
    errno.ENOTDIR: "路径中有一段是文件而不是文件夹：检查路径",
    errno.EISDIR: "这是一个文件夹，不是文件：检查路径",
    errno.EXDEV: "不能跨文件系统移动：请报告这个问题",
    errno.EIO: "读写出错：检查磁盘或 U 盘是否完好",
}


def disk_problem(exc: OSError) -> Problem:
    """A disk error (permission, full disk, missing folder …) as a message naming the file and what to do."""
    where = exc.filename if exc.filename is not None else "（未知文件）"
    if exc.filename2 is not None:
        where = f"{exc.filename} → {exc.filename2}"
    reason = exc.strerror or type(exc).__name__
    hint = _DISK_HINTS.get(exc.errno or 0, "检查路径、权限和磁盘空间后再运行一次")
    return Problem(str(where), 0, "", f"无法读写文件（{reason}）", hint)


def write_file(path: Path, data: str | bytes) -> None:
    """Write a file; an OSError always names it (a write to a full disk fails with no file name of its own)."""
    try:
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    except OSError as exc:
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
