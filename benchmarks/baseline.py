"""The baseline: the same generated pages built by Material for MkDocs with its defaults.

Defaults means: no nav (MkDocs lists every page in the navigation of every page), Material's own search
with Chinese segmentation by jieba, no checklist plugin (the pages are written out first by `emit`).
The same Markdown extensions are on, so that both builds render the same pages.
"""

from __future__ import annotations

import shutil
from pathlib import Path

BASELINE_CONFIG = """\
site_name: baseline
use_directory_urls: false
theme:
  name: material
  language: zh
plugins:
  - search:
      lang: zh
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
"""


def make_project(root: Path, data_dir: Path, docs_dir: Path, target: Path) -> Path:
    """A plain MkDocs project holding the generated pages and the hand-written ones; returns its config."""
    from generator.adapters.cli import main

    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(docs_dir, target / "docs")
    assert main(["emit", str(target / "docs"), "--data", str(data_dir), "--docs", str(docs_dir)]) == 0
    config = target / "mkdocs.yml"
    config.write_text(BASELINE_CONFIG, encoding="utf-8")
    return config


def make_same_nav_project(root: Path, data_dir: Path, docs_dir: Path, target: Path) -> Path:
    """The same generated pages built by Material with our own configuration (nav, theme overrides, styles and
    scripts) but without our plugin and without search: what the engine alone costs on our pages."""
    from generator.adapters.cli import main

    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(docs_dir, target / "docs")
    assert main(["emit", str(target / "docs"), "--data", str(data_dir), "--docs", str(docs_dir)]) == 0
    config = target / "mkdocs.yml"
    config.write_text(f"INHERIT: {root / 'mkdocs.yml'}\ndocs_dir: docs\nplugins: []\n"
                      f"theme:\n  custom_dir: {root / 'overrides'}\n", encoding="utf-8")
    return config
