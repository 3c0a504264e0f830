"""The theme's files as `serve` lists them before each rebuild, the installed theme's listed once.

MkDocs lists every file of the theme's folders before each build to copy its static files, and tests each name
against a dozen patterns: Material's folder holds some 14,000 icons, and that took 0.06–0.1 s of every rebuild.
The folders outside the project (the installed theme, which does not change while `serve` runs) are listed once,
and each name is tested once; the project's own theme folder (overrides/) is listed every time, so that a file
added to it is seen.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from pathlib import Path

import jinja2
from mkdocs.theme import Theme


class ThemeFiles:
    """The names in each theme folder, and whether each passes the engine's filter, kept between rebuilds."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.listed: dict[str, list[str]] = {}
        self.passed: dict[tuple[tuple[str, ...], str], bool] = {}

    def names(self, folders: list[str]) -> list[str]:
        """Every file name in the folders, as jinja's FileSystemLoader lists them (sorted, without repeats)."""
        found: set[str] = set()
        for folder in folders:
            if self._inside(folder):
                found.update(jinja2.FileSystemLoader(folder).list_templates())
            else:
                if folder not in self.listed:
                    self.listed[folder] = jinja2.FileSystemLoader(folder).list_templates()
                found.update(self.listed[folder])
        return sorted(found)

    def kept(self, folders: list[str], key: tuple[str, ...], keep: Callable[[str], bool]) -> list[str]:
        """The names that keep passes, keep being the same test for the same key."""
        out = []
        for name in self.names(folders):
            seen = self.passed.get((key, name))
            if seen is None:
                seen = self.passed[(key, name)] = keep(name)
            if seen:
                out.append(name)
        return out

    def _inside(self, folder: str) -> bool:
        return os.path.commonpath([self.root, Path(folder).resolve()]) == str(self.root)


def list_once(theme: Theme, files: ThemeFiles) -> None:
    """Make the environments theme gives list their files through files (see ThemeFiles)."""
    make_env = type(theme).get_env

    def get_env() -> jinja2.Environment:
        env = make_env(theme)
        whole = env.list_templates
        # MkDocs's filter depends on the theme's static templates only (and on fixed patterns).
        key = tuple(sorted(getattr(theme, "static_templates", ())))

        def list_templates(extensions: Collection[str] | None = None,
                           filter_func: Callable[[str], bool] | None = None) -> list[str]:
            if extensions is not None or filter_func is None or not isinstance(env.loader, jinja2.FileSystemLoader):
                return whole(extensions, filter_func)
            return files.kept([str(p) for p in env.loader.searchpath], key, filter_func)
        env.list_templates = list_templates  # type: ignore[method-assign]
        return env
    theme.get_env = get_env  # type: ignore[method-assign]
