"""The MkDocs adapter: adds the generated pages and watches data/. Each event calls one core function."""

from __future__ import annotations

import importlib.util
import logging
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
from .render import render_pages
from .site import Site, load_site

log = logging.getLogger("mkdocs.plugins.checklist")


class ChecklistConfig(Config):
    """Options under `plugins: - checklist:` in mkdocs.yml."""

    data_dir = c.Type(str, default="data")


def search_problem(config: MkDocsConfig) -> str:
    """Why Chinese search would silently degrade, or '' when jieba is there for a zh search."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    langs = getattr(search, "config", {}).get("lang") or [] if search else []
    if isinstance(langs, str):
        langs = [langs]
    if any(str(lang).startswith("zh") for lang in langs) and importlib.util.find_spec("jieba") is None:
        return ("search.lang is zh but the jieba package is not installed, so Chinese text would not be "
                "segmented and search would miss words; install it (make site does) and build again")
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
        problem = search_problem(config)
        if problem:
            raise PluginError(problem)
        quiet_jieba()
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        try:
            self.site = load_site(self.data_dir, display_dir=self.config.data_dir)
        except DataError as exc:
            raise PluginError(f"the data has errors:\n{exc}") from None
        for problem in self.site.warnings:
            log.info(str(problem))  # known differences are shown on the pages; they must not fail --strict
        docs = {f.src_uri: f.content_string for f in files.documentation_pages() if not f.generated_by}
        for path, markdown in render_pages(self.site, docs).items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} would be replaced by a generated page; rename or remove it")
            files.append(File.generated(config, path, content=markdown))
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
