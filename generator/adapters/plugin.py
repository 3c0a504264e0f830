"""The MkDocs adapter: adds the generated pages and watches data/. Each event calls one core function."""

from __future__ import annotations

import atexit
import gc
import logging
import os
import posixpath
import shutil
import signal
import tempfile
import threading
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..built.finish import Sections, assemble_print, print_pieces, write_pieces
from ..built.sitefiles import tidy
from ..model.docs import link_page
from ..model.errors import DataError, Problem, disk_problem
from ..model.site import Site, build_date, data_date, load_site
from ..model.urls import URLS
from ..pages.blockhtml import STOP_SIGNALS
from ..pages.errorpage import error_page
from ..pages.fragments import fill as fill_fragments
from ..pages.handbook import PRINT_PAGE
from ..pages.render import iter_downloads
from ..pages.search import search_problem
from .devserver import Finishing, answer_when_finished, freed_after
from .publish import process_alive
from .quick import QUICK_VERSION, applies, quick_render
from .rendercache import (
    RenderCache,
    WarningCount,
    content_of,
    context_key,
    page_key,
    serve_from_cache,
    stable_repr,
)
from .stage import Written, generate, is_download, write_if_changed
from .themefiles import ThemeFiles, list_once

log = logging.getLogger("mkdocs.plugins.checklist")


CACHE_PREFIX = "yjzf-serve-"


def remove_stale_caches(tmp: Path) -> None:
    """Remove the caches of `serve` processes that are gone (killed by a signal no handler sees)."""
    for folder in tmp.glob(f"{CACHE_PREFIX}*-*"):
        pid = folder.name[len(CACHE_PREFIX):].split("-", 1)[0]
        if pid.isascii() and pid.isdigit() and not process_alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # `mkdocs serve` stops on it and removes its temporary folders


def stop_on_signals() -> None:
    """Let SIGTERM, SIGHUP and SIGQUIT stop `serve` as Ctrl-C does, so that its temporary folders are removed."""
    for name in STOP_SIGNALS:
        sig = getattr(signal, name, None)
        if sig is None:
            continue
        try:
            if signal.getsignal(sig) == signal.SIG_DFL:
                signal.signal(sig, _interrupt)
        except ValueError:
            return  # not the main thread: leave the signals alone


def nav_key(page: Page, in_nav: set[str]) -> str:
    """The key of the navigation a page shows: its folder if it is outside the navigation (every such page of a
    folder shows it alike: nothing in it is active, and its links are relative to the folder), else ""."""
    if page.file.src_uri in in_nav:
        return ""
    return "folder:" + posixpath.dirname(page.file.dest_uri)


def _nav_paths(nav: Any) -> list[str]:
    """The page paths named in mkdocs.yml's nav."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [p for v in nav.values() for p in _nav_paths(v)]
    if isinstance(nav, list):
        return [p for v in nav for p in _nav_paths(v)]
    return []


class ChecklistConfig(Config):
    """Options under `plugins: - checklist:` in mkdocs.yml."""

    data_dir = c.Type(str, default="data")
    # Markdown → HTML conversions kept between builds and editions (rendercache); "" turns it off.
    render_cache = c.Type(str, default=".cache/render")
    county = c.Type(str, default="")  # the edition: a data/counties/<id>.yaml, or "" for the city edition
    # Set by `generator build` (engine.py): the pages are staged already; the plugin only serves the render cache.
    staged = c.Type(bool, default=False)
    # Staged build: the navigation drawn once per folder for the pages outside it (overrides/partials/nav.html).
    nav_cache = c.Type(bool, default=True)


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory, by template and source checksum (Jinja checks both)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.code.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


# A poll can find a file half written (an editor empties it, then writes it): the next poll, one interval later, finds
# it written. Polling more often than the rebuild waits for quiet makes that one change, not a rebuild and then
# another (with 0.05 and 0.05, 2 of 50 saves at 1,000 matters were built twice; the print page then waited for the
# second rebuild, 0.3 s more).
DATA_POLL_SECONDS = 0.03
SETTLE_SECONDS = 0.05
DOWNLOADS_DELAY = 1.0  # seconds after a rebuild's pages are out before `serve` makes its downloads again


FINISHED_LATER = ("print", "downloads")  # what `serve` makes after a rebuild's pages (on_post_build)


def finished_later(path: str, mount: str = "/") -> str | None:
    """Which of the files made after a rebuild a requested path is: "print", "downloads", or None. The path is read
    as the engine's server reads it, under the site's path (mount): the print page is answered from memory, and
    nothing else may be answered with it."""
    if not path.startswith(mount):
        return None
    found = posixpath.normpath("/" + path[len(mount):]).lstrip("/")
    if found == URLS.output(PRINT_PAGE):
        return "print"
    return "downloads" if is_download(found) else None


class QuietPrintSkip(logging.Filter):
    """Leave out the engine's note that it did not write the print page: in `serve` it is left unwritten on purpose
    (ChecklistPlugin.on_post_page)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(f"Page skipped: '{PRINT_PAGE}'")


def watch_fast(server: Any, path: Path) -> None:
    """Watch data/ with a short polling interval, and rebuild soon after a change: editors should see it at once.

    MkDocs polls every watched folder each 0.5 s; data/ is a few dozen files, so polling it sixteen times as often
    costs little. The interval is taken from the observer when the folder is scheduled; where watchdog
    keeps it elsewhere, the folder is watched at the usual interval. MkDocs then waits until no change has come
    for 0.1 s; half of that still takes an editor's save (its writes come within milliseconds) as one change, as long
    as it is longer than the polling interval (DATA_POLL_SECONDS).
    """
    if isinstance(getattr(server, "build_delay", None), (int, float)):
        server.build_delay = min(server.build_delay, SETTLE_SECONDS)
    observer = getattr(server, "observer", None)
    if observer is None or not isinstance(getattr(observer, "_timeout", None), (int, float)):
        server.watch(str(path))
        return
    usual = observer._timeout
    observer._timeout = DATA_POLL_SECONDS
    try:
        server.watch(str(path))
    finally:
        observer._timeout = usual


def keep_out_of_collections() -> None:
    """Leave what the first build made (the engine, the theme, the word dictionary, the caches) out of every later
    garbage collection: each rebuild in `serve` ran two or three full ones over all of it, a tenth of a second each.

    Once only, after collecting: what is frozen is never collected again, so garbage frozen with it would stay.
    """
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()


class ChecklistPlugin(BasePlugin[ChecklistConfig]):
    """Generates the matter, category, law and guide pages from data/."""

    def __init__(self) -> None:
        self.site: Site | None = None
        self.data_dir = Path("data")
        self.cache_dir: Path | None = None     # in `serve`: generated sources on disk, kept across rebuilds
        self.fragments: dict[str, str] = {}    # HTML put into pages after Markdown (see fragments)
        self.guide_pages: list[str] = []       # the guide pages the print page holds
        self.written: Written = {}             # in `serve`: each generated source as last written
        self.print_stale = False
        self.downloads_later = False
        self.downloads: list[str] = []
        self.finishing: threading.Thread | None = None
        self.stop_finishing = threading.Event()
        self.generated: set[str] = set()       # in `serve`: the paths of the last good build's generated files
        self.render_cache: RenderCache | None = None
        self.render_context: tuple[Files, str, bool] | None = None  # the files, their key, quick.applies
        self.warning_count = WarningCount()
        self.lazy: dict[str, str] = {}         # staged build: pages served from the cache, their HTML not yet read
        self.bytecode = MemoryBytecodeCache()  # in `serve`: the theme's templates, compiled
        self.print_sections: Sections = {}      # in `serve`: the print page's sections, by built page (finish.py)
        self.print_frame: str | None = None     # in `serve`: the print page as last built, its sections empty
        self.nav_store: dict[str, str] = {}     # staged build: the navigation as drawn for pages outside it, by folder
        self.nav_pages: tuple[Any, set[str]] | None = None
        self.freeze_pending = False             # in `serve`: freeze once the first build is finished (on_serve)
        # Frozen already (asking gc walks every frozen object: 0.025 s a rebuild at 1,000 matters).
        self.frozen = False
        self.theme_files: ThemeFiles | None = None  # in `serve`: the installed theme's files, listed once
        self.collect_later = False              # in `serve`: the collector is off until this rebuild's pages are out
        self.held = Finishing(FINISHED_LATER)   # in `serve`: the files made after a rebuild, held until they are

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having on_startup keeps this object across the rebuilds of one `mkdocs serve`.
        if command == "serve":
            remove_stale_caches(Path(tempfile.gettempdir()))
            self.cache_dir = Path(tempfile.mkdtemp(prefix=f"{CACHE_PREFIX}{os.getpid()}-"))
            atexit.register(shutil.rmtree, self.cache_dir, True)
            stop_on_signals()
            build_log = logging.getLogger("mkdocs.commands.build")
            if not any(isinstance(f, QuietPrintSkip) for f in build_log.filters):
                build_log.addFilter(QuietPrintSkip())

    def on_shutdown(self) -> None:
        if self.finishing is not None:
            self.finishing.join()
        if self.cache_dir is not None:
            shutil.rmtree(self.cache_dir, ignore_errors=True)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.staged:
            self.render_cache = RenderCache(Path(self.config.render_cache)) if self.config.render_cache else None
            self.render_context = None
            logging.getLogger("mkdocs").removeHandler(self.warning_count)
            logging.getLogger("mkdocs").addHandler(self.warning_count)
            return config
        self.data_dir = Path(config.config_file_path or ".").parent / self.config.data_dir
        problem = search_problem()
        if problem:
            raise PluginError(problem)
        root = Path(config.config_file_path or ".").parent
        # In `serve` too: a page whose fragments changed (its Markdown only in their digests) is rebuilt without
        # being converted again, and a first `serve` after a build starts from what the build converted.
        self.render_cache = RenderCache(root / self.config.render_cache) if self.config.render_cache else None
        self.render_context = None
        logging.getLogger("mkdocs").removeHandler(self.warning_count)  # a failed build may have left it
        logging.getLogger("mkdocs").addHandler(self.warning_count)
        if self.cache_dir is not None:
            if self.theme_files is None or self.theme_files.root != root.resolve():
                self.theme_files = ThemeFiles(root)
            list_once(config.theme, self.theme_files)
        config.extra["data_version"] = data_date(self.data_dir)
        config.extra["build_date"] = build_date(os.environ)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.config.staged:
            return files
        try:
            return self._files(files, config)
        except OSError as exc:
            raise PluginError(str(disk_problem(exc))) from None

    def _files(self, files: Files, config: MkDocsConfig) -> Files:
        try:
            self.site = load_site(self.data_dir, display_dir=self.config.data_dir, county=self.config.county or None)
        except DataError as exc:
            if self.cache_dir is None:
                raise PluginError(f"数据有错误：\n{exc}") from None
            # In `serve`, the browser shows what is wrong (and reloads once it is fixed) instead of waiting.
            # INFO, not WARNING: a strict `mkdocs serve` would otherwise abort instead of showing the page.
            log.info(f"数据有错误，页面显示错误清单：\n{exc}")
            return self._error_files(files, config, exc.problems)
        config.extra["edition"] = self.site.edition_name
        for problem in self.site.warnings:
            log.info(str(problem))  # known differences are shown on the pages; they must not fail --strict
        docs = {f.src_uri: f.content_string for f in files.documentation_pages() if not f.generated_by}
        # In `serve` the downloads (spreadsheets, Word) are remade after the pages are out (on_post_build):
        # they are not what an editor is looking at, and take most of a second on a 1,000-matter list.
        later = self.cache_dir is not None and bool(self.downloads) and all(
            (self.cache_dir / p).exists() for p in self.downloads)
        # In `serve`, the pages in this process: what its first build keeps, every rebuild after it reuses.
        made = generate(self.site, docs, config.extra["build_date"], downloads=not later, fork=self.cache_dir is None)
        self.fragments, self.guide_pages = made.fragments, list(made.print_guides)
        generated = made.files
        self.downloads = self.downloads if later else [p for p in generated if is_download(p)]
        for path, content in generated.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} 会被生成的页面覆盖；请改名或删除它")
            if self.cache_dir is None:
                files.append(File.generated(config, path, content=content))
            else:
                write_if_changed(self.cache_dir / path, content, self.written)
        if self.cache_dir is not None:
            for path in (*generated, *self.downloads):
                if files.get_file_from_path(path) is None:
                    files.append(File.generated(config, path, abs_src_path=str(self.cache_dir / path)))
            self.generated = {*generated, *self.downloads}
        self.downloads_later = later
        return files

    def _error_files(self, files: Files, config: MkDocsConfig, problems: list[Problem]) -> Files:
        """Every generated page (and the pages the navigation needs) as the error page; other files kept."""
        assert self.cache_dir is not None
        self.site, self.fragments, self.downloads_later = None, {}, False
        page = error_page(problems)
        nav = [p for p in _nav_paths(config.nav) if files.get_file_from_path(p) is None]
        for path in sorted({*self.generated, *nav}):
            if files.get_file_from_path(path) is not None:
                continue
            if path.endswith(".md"):
                write_if_changed(self.cache_dir / path, page, self.written)
            elif not (self.cache_dir / path).exists():
                continue
            files.append(File.generated(config, path, abs_src_path=str(self.cache_dir / path)))
        return files

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.config.staged:
            return html  # the generator fills the fragments in the built site (finish.py)
        return fill_fragments(html, self.fragments)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if self.config.staged:
            page.content = None  # written: its HTML is not needed again
            return output
        uri = page.file.src_uri
        if URLS.matter_code(uri) or uri == PRINT_PAGE or uri in self.print_guides():
            self.print_stale = True  # the print page holds this page's article: assembled again after the build
        if uri == PRINT_PAGE and self.cache_dir is not None:
            self.print_frame = output  # as built, before its sections are filled: the filled page is tens of MB
            if (Path(config.site_dir) / URLS.output(PRINT_PAGE)).is_file():
                # Not written: the browser would get the print page with every section empty until the finish
                # thread (on_post_build) replaces the page it has, whole, with the new one.
                return ""
        return output

    def print_guides(self) -> list[str]:
        """The guide pages the print handbook holds after the matters."""
        return self.guide_pages if self.site is not None else []

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.finishing is not None:
            self.stop_finishing.set()  # a new edit: what the last rebuild had left to do is redone after this one
            self.finishing.join()
            self.finishing = None
        self.stop_finishing.clear()
        if self.cache_dir is not None and not self.config.staged:
            for kind in FINISHED_LATER:  # made again after this build: a request for one waits until it is
                self.held.hold(kind)
        if self.cache_dir is not None and self.frozen and gc.isenabled():
            # A rebuild after the first: its garbage is collected once what it makes is out (collect_again), not by
            # the collections its allocations would start on the way (0.04–0.19 s of a rebuild).
            gc.disable()
            self.collect_later = True

    def collect_again(self) -> None:
        """Let the garbage collector run again after a rebuild (see on_pre_build)."""
        if self.collect_later:
            self.collect_later = False
            gc.enable()

    def on_build_error(self, *, error: Exception) -> None:
        self.collect_again()
        if self.finishing is None or not self.finishing.is_alive():
            self.held.done()  # nothing is made after this failed build: the last good files are answered
        # (A build that fails after its pages, as --strict does, has started the finish thread: it answers them.)

    def on_post_build(self, config: MkDocsConfig) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warning_count)
        if self.render_cache is not None:
            log.info(f"渲染缓存：{self.render_cache.hits} 个页面取自缓存，{self.render_cache.misses} 个页面重新转换")
        if self.config.staged:
            return  # the generator finishes the site (finish.py)
        site_dir = Path(config.site_dir)
        print_stale, self.print_stale = self.print_stale, False
        site = self.site if self.downloads_later else None
        built = config.extra["build_date"]

        guides = set(self.print_guides())

        def finish() -> None:
            path = site_dir / URLS.output(PRINT_PAGE)
            if print_stale and path.exists() and self.cache_dir is not None and self.print_frame is not None:
                # Answered from memory as soon as it is made, and then written; the old page's space is freed after
                # (freed_after): the browser is reading the new one meanwhile.
                pieces = print_pieces(site_dir, self.fragments, guides, self.print_sections, self.print_frame)
                self.held.done("print", pieces)
                with freed_after(path):
                    write_pieces(path, pieces)
            elif print_stale and path.exists():
                assemble_print(path, site_dir, self.fragments, guides,
                               self.print_sections if self.cache_dir is not None else None, self.print_frame)
            self.held.done("print")  # or not made again: answered as it is
            # The downloads a moment later: made at once, they would slow the answers to the browser, which asks
            # for the edited pages now; a new edit in the meantime stops the wait, and its rebuild makes them.
            if site is not None and self.cache_dir is not None and not self.stop_finishing.wait(DOWNLOADS_DELAY):
                self.collect_again()  # the pages are answered by now; the workbooks' garbage is collected as it comes
                for name, data in iter_downloads(site, built):
                    if write_if_changed(self.cache_dir / name, data):
                        write_pieces(site_dir / name, [data])
                    if self.stop_finishing.is_set():
                        return

        def finish_or_log() -> None:
            try:
                finish()
            except OSError as exc:  # a background thread: its traceback would reach no one useful
                log.error(str(disk_problem(exc)))
            finally:
                self.held.done()
                # Not at once after the pages: the browser is asking for them, and the print page, now.
                self.collect_again()
            if self.freeze_pending:
                self.freeze_now()

        if self.cache_dir is None:
            finish()
            tidy(site_dir)
        else:
            # The dev server answers no request until the build returns: in `serve`, the print page (all
            # matters) and the spreadsheet are finished just after, so that the edited pages show at once.
            self.finishing = threading.Thread(target=finish_or_log, name="checklist-finish", daemon=True)
            self.finishing.start()

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.config.staged or page.file.generated_by or self.site is None:
            self._cache(markdown, page, config, files)
            return markdown  # generated pages are linked by the core as they are rendered
        linked, problems = link_page(markdown, page.file.src_uri, self.site.library,
                                     f"{config.docs_dir}/{page.file.src_uri}")
        for problem in problems:
            log.warning(str(problem))  # a citation left as plain text is a defect: --strict stops the build
        self._cache(linked, page, config, files)
        return linked

    def _cache(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> None:
        if self.render_cache is None or (self.site is None and not self.config.staged):
            return
        if self.render_context is None or self.render_context[0] is not files:
            from importlib.metadata import version

            # A staged build's configuration names its own temporary folders: its Markdown settings are the key.
            config_text = (Path(config.config_file_path).read_bytes()
                           if config.config_file_path and not self.config.staged else b"")
            quick = applies(config)
            # The quick conversion's entries are the engine's conversions; its version keys them all the same, so
            # that a change to it can never leave an entry it made.
            settings = (version("mkdocs"), version("markdown"), version("pymdown-extensions"), config_text.hex(),
                        stable_repr(config["markdown_extensions"]), stable_repr(config["mdx_configs"]),
                        config["use_directory_urls"], log.getEffectiveLevel() > logging.DEBUG,
                        QUICK_VERSION if quick else "")
            self.render_context = (files, context_key(settings, (f.src_uri for f in files)), quick)
        key = page_key(self.render_context[1], page.file.src_uri, markdown)
        hit = serve_from_cache(self.render_cache, key, page, self.warning_count, lazy=self.config.staged,
                               quick=quick_render if self.render_context[2] else None)
        if hit and self.config.staged:
            self.lazy[page.file.src_uri] = key

    def on_page_context(self, context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if self.config.staged and self.config.nav_cache:
            context["nav_store"], context["nav_key"] = self.nav_store, nav_key(page, self._nav_pages(nav))
        # A staged build's cached pages get their HTML just before the theme writes them (and drop it after).
        key = self.lazy.pop(page.file.src_uri, None)
        if key is not None and self.render_cache is not None:
            content = content_of(self.render_cache, key)
            if content is None:
                raise PluginError(f"渲染缓存中的 {page.file.src_uri} 在生成过程中被删除了；请重新生成")
            page.content = content
        return context

    def _nav_pages(self, nav: Any) -> set[str]:
        """The pages in the navigation, by path (once per build)."""
        if self.nav_pages is None or self.nav_pages[0] is not nav:
            self.nav_pages = (nav, {p.file.src_uri for p in nav.pages})
        return self.nav_pages[1]

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        self.nav_store, self.nav_pages = {}, None
        if self.cache_dir is not None:
            # `serve` makes a new theme environment on every rebuild: its templates are compiled once, not each time.
            env.bytecode_cache = self.bytecode
        return env

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        watch_fast(server, self.data_dir)
        mount = getattr(server, "mount_path", "/")
        answer_when_finished(server, self.held, lambda path: finished_later(path, mount))
        # Once the first build is finished (its print page may still be being assembled): what it has under way
        # would be frozen with it.
        self.freeze_pending = True
        if self.finishing is None or not self.finishing.is_alive():
            self.freeze_now()
        return server

    def freeze_now(self) -> None:
        """Leave what the first build made out of later garbage collections (keep_out_of_collections)."""
        self.freeze_pending = False
        keep_out_of_collections()
        self.frozen = True
