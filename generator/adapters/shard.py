"""The engine's build split over the cores: each shard converts its share of the pages, waits for the others, then
writes its share.

An engine builds in one process, and converting each page's Markdown and rendering the theme's templates around it
are nearly all its time. Every shard runs the engine's own `build` command on the same staged configuration, with
four of its steps narrowed:

- before the first page is read, the shard converts its share of the pages (the page list sorted, every shards-th
  from shard), which the plugin stores in the render cache; it tells the parent, and waits until every shard has;
- every page is then read as in one build, each from the cache (navigation titles, anchors and links see them all);
- only the shard's own pages are written;
- only shard 0 copies the theme's files and writes its templates (404 page, sitemap).

The parent (engine.Shards) empties the site folder first: no shard cleans it, since they share it. Run as
`python -m generator.adapters.shard ENGINE CONFIG SHARD SHARDS START_FD READY_FD GO_FD PARENT` (it ends with its
parent). The parent starts the shards before it loads the data: each loads the engine meanwhile, then waits to start.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from .forked import die_with


def own(src_uris: list[str], shard: int, shards: int) -> set[str]:
    """The pages of one shard: every shards-th of the sorted page list, from shard."""
    return set(sorted(src_uris)[shard::shards])


def _signal(ready_fd: int, go_fd: int) -> None:
    """Tell the parent this shard's share is converted; wait until every shard's is (the parent says go)."""
    os.write(ready_fd, b"1")
    os.close(ready_fd)
    if os.read(go_fd, 1) != b"1":
        raise SystemExit(1)  # the parent stopped the build (another shard failed) or is gone


def narrow(build: Any, files_type: Any, page_type: Any, shard: int, shards: int,
           signal: Callable[[], None]) -> None:
    """Narrow the engine's build module (see the module's docstring) to one shard."""
    populate, write_page = build._populate_page, build._build_page
    mine: set[str] = set()
    converted: list[bool] = []

    def convert_share(config: Any, files: Any) -> None:
        converted.append(True)
        mine.update(own([f.src_uri for f in files.documentation_pages()], shard, shards))
        for file in files.documentation_pages():
            if file.src_uri not in mine:
                continue
            if file.page is None:
                page_type(None, file, config)  # as the build does for a page outside the navigation
            populate(file.page, config, files)
            # Stored in the cache: read again from there, as the other shards' pages are, when the build reads it.
            file.page.content = file.page.markdown = None
            file.page.__dict__.pop("render", None)  # the plugin's hook (rendercache), set again on the next read
        signal()

    def populate_page(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        if not converted:
            convert_share(config, files)
        populate(page, config, files, dirty)

    def build_page(page: Any, *args: Any, **kwargs: Any) -> None:
        if page.file.src_uri in mine:
            write_page(page, *args, **kwargs)

    build._populate_page, build._build_page = populate_page, build_page
    build.utils.clean_directory = lambda path: None
    if shard != 0:
        build._build_theme_template = lambda *args, **kwargs: None
        build._build_extra_template = lambda *args, **kwargs: None
        files_type.copy_static_files = lambda self, *args, **kwargs: None


def main(argv: list[str]) -> int:
    """ENGINE CONFIG SHARD SHARDS START_FD READY_FD GO_FD PARENT: the engine's build of one shard (its exit code),
    once the parent says start (the pages staged); until then, the engine is loaded."""
    engine, config_file, shard, shards, start_fd, ready_fd, go_fd, parent = argv
    die_with(int(parent))
    if engine == "properdocs":
        import properdocs.replacement  # noqa: F401  (from here on, `import mkdocs` is ProperDocs, as in its build)
    import markdown  # noqa: F401  (loaded while the parent loads the data: the engine's configuration needs them)
    import material  # noqa: F401
    import mkdocs.commands.build as build
    from mkdocs.__main__ import cli
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from . import plugin  # noqa: F401

    if os.read(int(start_fd), 1) != b"1":
        return 0  # the parent will not build (its data has errors) or is gone
    narrow(build, Files, Page, int(shard), int(shards), lambda: _signal(int(ready_fd), int(go_fd)))
    try:
        cli(["build", "--strict", "--config-file", config_file], prog_name=engine)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
