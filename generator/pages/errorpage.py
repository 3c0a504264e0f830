"""The page `serve` shows in place of every generated page while the data has errors."""

from __future__ import annotations

from html import escape

from ..model.errors import Problem, errors_only

TITLE = "数据有错误，网站暂停更新"


def error_page(problems: list[Problem]) -> str:
    """Markdown of a page listing each error (file:line: key: message); every string escaped as HTML text."""
    errors = sorted(errors_only(problems)) or sorted(problems)
    items = "\n".join(f"<li><code>{escape(str(p))}</code></li>" for p in errors)
    return (f"# {TITLE}\n\n"
            f"下面 {len(errors)} 处错误改正并保存后，本页会自动刷新，网站恢复显示最新的数据。\n\n"
            f'<ul class="data-errors">\n{items}\n</ul>\n')
