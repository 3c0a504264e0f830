"""The MkDocs adapter: adds the generated pages and watches data/. Each event calls one core function."""

from __future__ import annotations

import importlib.util
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .docs import link_page
from .errors import DataError
from .render import render_assets, render_pages
from .site import Site, build_date, data_date, load_site

log = logging.getLogger("mkdocs.plugins.checklist")


class ChecklistConfig(Config):
    """Options under `plugins: - checklist:` in mkdocs.yml."""

    data_dir = c.Type(str, default="data")


def search_problem() -> str:
    """Why the Chinese search index cannot be built, or '' when jieba is there."""
    if importlib.util.find_spec("jieba") is None:
        return ("the jieba package is not installed; the Chinese search index needs it to cut titles into words "
                "(without it Chinese search silently gets worse); install it (make site does) and build again")
    return ""


def quiet_jieba() -> None:
    """jieba sets its own logger to DEBUG on import and reports loading its dictionary on every build."""
    if importlib.util.find_spec("jieba") is not None:
        import jieba

        jieba.setLogLevel(logging.WARNING)


class ChecklistPlugin(BasePlugin[ChecklistConfig]):
    """Generates the matter, category and law pages from data/."""

    def __init__(self) -> None:
        self.site: Site | None = None
        self.data_dir = Path("data")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.data_dir = Path(config.config_file_path or ".").parent / self.config.data_dir
        problem = search_problem()
        if problem:
            raise PluginError(problem)
        quiet_jieba()
        config.extra["data_version"] = data_date(self.data_dir)
        config.extra["build_date"] = build_date(os.environ)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        try:
            self.site = load_site(self.data_dir, display_dir=self.config.data_dir)
        except DataError as exc:
            raise PluginError(f"the data has errors:\n{exc}") from None
        for problem in self.site.warnings:
            log.info(str(problem))  # known differences are shown on the pages; they must not fail --strict
        docs = {f.src_uri: f.content_string for f in files.documentation_pages() if not f.generated_by}
        pages = render_pages(self.site, docs)
        generated = {**pages, **render_assets(self.site, docs, pages)}
        for path, content in generated.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} would be replaced by a generated file; rename or remove it")
            files.append(File.generated(config, path, content=content))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.generated_by or self.site is None:
            return markdown  # generated pages are linked by the core as they are rendered
        linked, problems = link_page(markdown, page.file.src_uri, self.site.library,
                                     f"{config.docs_dir}/{page.file.src_uri}")
        for problem in problems:
            log.warning(str(problem))  # a citation left as plain text is a defect: --strict stops the build
        return linked

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.data_dir))
        return server
