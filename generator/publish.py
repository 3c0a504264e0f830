"""Build the site with MkDocs into a temporary folder, check it, then move it and its zip into place."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .linkcheck import broken_links
from .sitecheck import external_loads

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


class PublishError(Exception):
    """The build or its checks failed; the last good site and zip are untouched."""


@dataclass(frozen=True)
class Published:
    """Where the new site and zip went."""

    site_dir: Path
    zip_path: Path | None
    pages: int
    warnings: list[str]


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors, so that a failure message says what went wrong."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        level = "错误" if record.levelno >= logging.ERROR else "警告"
        self.messages.append(f"{level}：{record.getMessage()}")


def mkdocs_build(config_file: Path, data_dir: Path, out_dir: Path) -> list[str]:
    """Run a real, strict `mkdocs build` of config_file with data_dir into out_dir; returns its warnings."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        cfg = load_config(config_file=str(config_file), site_dir=str(out_dir), strict=True)
        cfg.plugins["checklist"].config["data_dir"] = str(data_dir.resolve())
        build(cfg)
    except (MkDocsException, SystemExit) as exc:
        # MkDocs' own closing line ("Aborted with a BuildError!") adds nothing to the messages above it.
        ending = [] if "Aborted with" in str(exc) and collect.messages else [str(exc)]
        raise PublishError("\n".join([*collect.messages, *ending])) from None
    finally:
        logger.removeHandler(collect)
    return collect.messages


def zip_site(site_dir: Path, zip_path: Path, folder: str) -> None:
    """Zip the site under one folder, entries sorted and dated for reproducible bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = time.gmtime(int(epoch))[:6] if epoch else ZIP_EPOCH
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())


def _swap_in(new: Path, target: Path) -> None:
    # Rename is atomic on one filesystem; the old copy is removed only once the new one is in place.
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def publish(config_file: Path, data_dir: Path, site_dir: Path, dist_dir: Path | None,
            zip_name: str, folder: str) -> Published:
    """Build, check, zip, and only then replace site_dir and the zip in dist_dir."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    try:
        new_site = work / "site"
        warnings = mkdocs_build(config_file, data_dir, new_site)
        outside = external_loads(new_site)
        if outside:
            raise PublishError("网站会从外部加载文件：\n  " + "\n  ".join(outside))
        broken = broken_links(new_site)
        if broken:
            raise PublishError("生成的网站中有失效链接：\n  " + "\n  ".join(broken))
        zip_tmp = None
        if dist_dir is not None:
            zip_tmp = work / zip_name
            zip_site(new_site, zip_tmp, folder)
        pages = sum(1 for _ in new_site.rglob("*.html"))
        _swap_in(new_site, site_dir)
        zip_path = None
        if zip_tmp is not None and dist_dir is not None:
            dist_dir.mkdir(parents=True, exist_ok=True)
            zip_path = dist_dir / zip_name
            os.replace(zip_tmp, zip_path)
        return Published(site_dir, zip_path, pages, warnings)
    finally:
        shutil.rmtree(work, ignore_errors=True)
