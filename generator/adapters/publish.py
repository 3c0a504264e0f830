"""Build the site into a temporary folder (generator, engine, finish), check it, then swap it and its zip in."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import shutil
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..built.finish import finish_site
from ..built.linkcheck import broken_links
from ..built.sitecheck import external_loads
from ..model.errors import DataError
from ..model.site import Site, build_date, load_site
from ..pages.search import search_problem
from .engine import (
    DEFAULT_ENGINE,
    EngineError,
    EngineRun,
    Settings,
    engine_settings,
    run_engine,
    sharded,
    write_engine_config,
)
from .forked import ChildDied, Elsewhere, beside
from .stage import MARKDOWN, Generated, clashes, generate, hand_written, link_docs, write_stage

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
    site: Site | None = None  # the data it shows


@dataclass(frozen=True)
class BuiltSite:
    """A site built into its folder: the data it shows, and the engine's warnings."""

    site: Site
    warnings: list[str]


def build_site(config_file: Path, data_dir: Path, out_dir: Path, stage: Path, county: str = "",
               engine: str = DEFAULT_ENGINE, workers: int = 0) -> BuiltSite:
    """Load the data, stage every page in stage/, run the engine on them into out_dir, then finish the site.

    The staging folder is kept: the next build rewrites only the pages that changed. Data problems, citations
    that cannot be linked and engine errors come back as PublishError.
    """
    problem = search_problem()
    if problem:
        raise PublishError(problem)
    settings = engine_settings(config_file)
    with sharded(engine, config_file, stage / "engine.yml", workers or os.cpu_count() or 1,
                 settings.render_cache) as shards:  # they load the engine while the data is loaded
        site, built, generated = _staged(config_file, data_dir, stage, county, settings)
        run = EngineRun(engine, config_file, stage / "docs", out_dir,
                        {"data_version": site.data_date, "build_date": built, "edition": site.edition_name},
                        settings.render_cache)
        write_engine_config(run, stage / "engine.yml")
        try:
            warnings = run_engine(run, stage / "engine.yml", started=shards)
        except EngineError as exc:
            raise PublishError(str(exc)) from None
    finish_site(out_dir, [p for p in generated.files if p.endswith(".md")], generated.fragments,
                generated.print_guides, Elsewhere("拼合打印版"))
    return BuiltSite(site, warnings)


def _staged(config_file: Path, data_dir: Path, stage: Path, county: str,
            settings: Settings) -> tuple[Site, str, Generated]:
    """Load the data and stage every page (generated and hand-written) in stage/docs; the data, the build date, and
    what was generated. PublishError for data problems and citations that cannot be linked."""
    try:
        site = load_site(data_dir, display_dir=str(data_dir), county=county or None)
    except DataError as exc:
        raise PublishError(f"数据有错误：\n{exc}") from None
    built = build_date(os.environ)
    hand = hand_written(settings.docs_dir)
    generated = generate(site, {p: b.decode("utf-8") for p, b in hand.items() if p.endswith(MARKDOWN)}, built)
    docs, problems = link_docs(hand, site, settings.docs_shown)
    problems += clashes(docs, generated.files, settings.docs_shown)
    if problems:
        raise PublishError("\n".join(str(p) for p in sorted(problems)))
    write_stage(stage / "docs", {**docs, **generated.files})
    return site, built, generated


STAGE_CACHE = ".cache/stage"


def stage_dir(site_dir: Path) -> Path:
    """Where an edition's pages are staged for the engine: .cache/stage/<site folder> beside the site folder
    (site/ → .cache/stage/site), kept between builds (the next one rewrites only what changed), safe to delete."""
    return site_dir.parent / STAGE_CACHE / site_dir.name


def zip_site(site_dir: Path, zip_path: Path, folder: str) -> None:
    """Zip the site under one folder, entries sorted and dated for reproducible bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = time.gmtime(int(epoch))[:6] if epoch else ZIP_EPOCH
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.file_size = path.stat().st_size
            # Streamed: the print page of a long list is hundreds of megabytes.
            with path.open("rb") as src, zf.open(info, "w") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)


# --- swapping in, crash-safe ----------------------------------------------------------------------
#
# The new site is built beside the old one (same folder, so same filesystem) and the zip is written
# beside the old zip: every move is a rename within one filesystem, wherever --site-dir and --dist-dir
# are. Both are complete and checked before a journal is written; then the site is swapped in (one
# atomic exchange on Linux: site/ never disappears), then the zip. A run that finds a journal finishes
# what it records (or undoes it, if the site was not swapped yet) and removes what an interrupted run left.

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def _names(site_dir: Path) -> tuple[Path, str, str]:
    """The journal of site_dir, and the prefixes of its staged new and old copies."""
    return (site_dir.parent / f".{site_dir.name}-publish.json", f".{site_dir.name}-new-", f".{site_dir.name}-old-")


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False  # a filesystem without exchange: two renames, undone by the next run if cut between
    raise OSError(err, os.strerror(err), str(a), None, str(b))


def swap_site(new: Path, target: Path, old: Path) -> None:
    """Put new in place of target; the old site ends up at new (exchanged) or at old (two renames)."""
    if not target.exists():
        new.rename(target)
    elif not _exchange(new, target):
        target.rename(old)
        new.rename(target)


def replace_zip(new_zip: Path, zip_path: Path) -> None:
    """Put the new zip in place of the old one, atomically (same folder)."""
    os.replace(new_zip, zip_path)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_journal(journal: Path, record: dict[str, object]) -> None:
    """Record what is about to be swapped in, durably, before the first rename."""
    tmp = journal.with_name(journal.name + ".tmp")
    tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    _sync(tmp)
    os.replace(tmp, journal)
    _sync(journal.parent)


def recover(site_dir: Path, dist_dir: Path | None) -> None:
    """Finish or undo an interrupted publish of site_dir, and remove whatever such a run left behind."""
    journal, new_prefix, old_prefix = _names(site_dir)
    record: dict[str, object] = {}
    if journal.exists():
        try:
            record = json.loads(journal.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            record = {}  # written atomically: a damaged one was never complete, so nothing was swapped
    if record:
        new, old = Path(str(record["new"])), Path(str(record["old"]))
        new_zip = Path(str(record["new_zip"])) if record.get("new_zip") else None
        if not site_dir.exists() and (old.exists() or new.exists()):
            # Cut between the two renames of the fallback: put the old site back (or the new one, if first).
            (old if old.exists() else new).rename(site_dir)
        if site_dir.exists() and site_dir.stat().st_ino == record["ino"]:
            if new_zip is not None and new_zip.exists():
                replace_zip(new_zip, Path(str(record["zip"])))  # the site was swapped: the zip follows it
        elif new_zip is not None and new_zip.exists():
            new_zip.unlink()
    for leftover in site_dir.parent.glob(".*"):
        if leftover.name.startswith((new_prefix, old_prefix)) or leftover.name.startswith(f".{site_dir.name}-build-"):
            shutil.rmtree(leftover, ignore_errors=True)
    if dist_dir is not None and dist_dir.is_dir():
        # Editions built side by side share dist/: a zip being written by a running build is not a leftover.
        for leftover in dist_dir.glob(".*.zip.new-*"):
            pid = leftover.name.rsplit(".new-", 1)[1].split("-", 1)[0]
            if pid == str(os.getpid()) or not process_alive(pid):  # this process builds one edition at a time
                leftover.unlink(missing_ok=True)
    for done in (journal, journal.with_name(journal.name + ".tmp")):
        done.unlink(missing_ok=True)


def process_alive(pid: str) -> bool:
    """Whether the process that named a temporary file or folder is still running (the name holds its pid)."""
    if not (pid.isascii() and pid.isdigit()):
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def check_zip(zip_path: Path, site_dir: Path, folder: str) -> None:
    """PublishError unless the zip reads back whole, with every file of the site under folder/."""
    files = {f"{folder}/{p.relative_to(site_dir).as_posix()}" for p in site_dir.rglob("*") if p.is_file()}
    try:
        with zipfile.ZipFile(zip_path) as zf:
            bad = zf.testzip()
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise PublishError(f"离线包 {zip_path} 写得不完整（{exc}）") from None
    if bad is not None or names != files:
        raise PublishError(f"离线包 {zip_path} 与网站不一致（{bad or len(names ^ files)}）")


def _lock(site_dir: Path) -> int:
    """An exclusive lock on publishing into site_dir: two builds at once would remove each other's work."""
    import fcntl

    fd = os.open(site_dir.parent / f".{site_dir.name}-publish.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise PublishError(f"另一个 build 正在生成 {site_dir}；等它结束后再运行") from None
    return fd


def publish(config_file: Path, data_dir: Path, site_dir: Path, dist_dir: Path | None,
            zip_name: str, folder: str, county: str = "", engine: str = DEFAULT_ENGINE, workers: int = 0) -> Published:
    """Build, check, zip, and only then replace site_dir and the zip in dist_dir (county: its edition)."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    dist = dist_dir.resolve() if dist_dir is not None else None
    if dist is not None:
        dist.mkdir(parents=True, exist_ok=True)
    lock = _lock(site_dir)
    try:
        recover(site_dir, dist)
        return _publish(config_file, data_dir, site_dir, dist, zip_name, folder, county, engine, workers)
    except ChildDied as exc:
        raise PublishError(str(exc)) from None
    finally:
        os.close(lock)


def _publish(config_file: Path, data_dir: Path, site_dir: Path, dist: Path | None,
             zip_name: str, folder: str, county: str, engine: str, workers: int) -> Published:
    journal, new_prefix, old_prefix = _names(site_dir)
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    new_site = site_dir.parent / f"{new_prefix}{token}"
    new_zip = dist / f".{zip_name}.new-{token}" if dist is not None else None
    zip_path = dist / zip_name if dist is not None else None
    committed = False
    try:
        built = build_site(config_file, data_dir, new_site, stage_dir(site_dir), county, engine, workers)
        with beside("检查网站", site_problem, new_site) as checked:  # on the other core, while the zip is written
            if new_zip is not None:
                zip_site(new_site, new_zip, folder)
                _sync(new_zip)
                check_zip(new_zip, new_site, folder)
            problem = checked.result()
        if problem:
            raise PublishError(problem)
        pages = sum(1 for _ in new_site.rglob("*.html"))
        write_journal(journal, {"new": str(new_site), "old": str(site_dir.parent / f"{old_prefix}{token}"),
                                "ino": new_site.stat().st_ino, "new_zip": str(new_zip) if new_zip else "",
                                "zip": str(zip_path) if zip_path else ""})
        committed = True
        swap_site(new_site, site_dir, site_dir.parent / f"{old_prefix}{token}")
        if new_zip is not None and zip_path is not None:
            replace_zip(new_zip, zip_path)
    except BaseException:
        if not committed:
            shutil.rmtree(new_site, ignore_errors=True)
            if new_zip is not None:
                new_zip.unlink(missing_ok=True)
        else:
            with contextlib.suppress(OSError):
                recover(site_dir, dist)  # finish now if the disk allows; else the next run will
        raise
    recover(site_dir, dist)  # removes the journal and the old copy
    return Published(site_dir, zip_path, pages, built.warnings, built.site)


def site_problem(site_dir: Path) -> str:
    """What makes the built site not whole or not self-contained, or "" (the build then fails)."""
    if not (site_dir / "index.html").is_file():
        return f"生成的网站没有首页 {site_dir / 'index.html'}"
    outside = external_loads(site_dir)
    if outside:
        return "网站会从外部加载文件：\n  " + "\n  ".join(outside)
    broken = broken_links(site_dir)
    if broken:
        return "生成的网站中有失效链接：\n  " + "\n  ".join(broken)
    return ""
