"""The baseline: the same generated pages built by Material for MkDocs with its defaults.

Defaults means: no nav (MkDocs lists every page in the navigation of every page), Material's own search
with Chinese segmentation by jieba, no checklist plugin. The same Markdown extensions are on, so that both
builds render the same pages.

The pages are the site's content as plain Markdown, as a MkDocs project would hold it: written by `emit` of
BASELINE_COMMIT, the last version whose pages were Markdown only (every matter written out in the print page,
the list a Markdown table). Since then `emit` writes the large pieces as HTML blocks and leaves the print page
to `generator finish`: a baseline taking those would take our own work as the engine's and build less than the
site (issue 18 measures against a fixed reference, about 20 s then at 1,000 matters with our nav).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

BASELINE_COMMIT = "32ea4672aa110bee7f6a8d0ca61043f24c98d907"

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
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(docs_dir, target / "docs")
    emit_markdown(root, data_dir, docs_dir, target / "docs")
    config = target / "mkdocs.yml"
    config.write_text(BASELINE_CONFIG, encoding="utf-8")
    return config


def make_same_nav_project(root: Path, data_dir: Path, docs_dir: Path, target: Path) -> Path:
    """The same generated pages built by Material with our own configuration (nav, theme overrides, styles and
    scripts) but without our plugin and without search: what the engine alone costs on our pages."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(docs_dir, target / "docs")
    emit_markdown(root, data_dir, docs_dir, target / "docs")
    config = target / "mkdocs.yml"
    config.write_text(f"INHERIT: {root / 'mkdocs.yml'}\ndocs_dir: docs\nplugins: []\n"
                      f"theme:\n  custom_dir: {root / 'overrides'}\n", encoding="utf-8")
    return config


def emit_markdown(root: Path, data_dir: Path, docs_dir: Path, out: Path) -> None:
    """Write the pages as plain Markdown: `emit` of the generator as it was at BASELINE_COMMIT (from git)."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "generator.tar"
        subprocess.run(["git", "-C", str(root), "archive", "--format=tar", "-o", str(archive), BASELINE_COMMIT,
                        "generator"], check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        # Run from the old tree: `python -m generator` finds its package there before the installed one.
        subprocess.run([sys.executable, "-m", "generator", "emit", str(out.resolve()),
                        "--data", str(data_dir.resolve()), "--docs", str(docs_dir.resolve())],
                       cwd=tmp, check=True, capture_output=True)
