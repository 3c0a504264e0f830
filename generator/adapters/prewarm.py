"""Markdown → HTML on every core before the engine runs: workers fill the render cache, one share of pages each.

An engine builds in one process, and converting the pages' Markdown is most of its time. Each worker reads the
same staged configuration as the engine, reads the files and the navigation as the engine does, and converts
its share of the pages through the engine's own page code; the plugin stores each conversion in the render cache
under the key the engine will look up. The engine then finds every page there. A worker that fails costs only
time: the engine converts what is missing. Run as `python -m generator.prewarm ENGINE CONFIG SHARD SHARDS`.
"""

from __future__ import annotations

import sys


def convert_share(config_file: str, shard: int, shards: int) -> int:
    """Convert the pages whose index in the sorted page list is shard modulo shards; how many were converted."""
    from mkdocs.commands.build import _populate_page
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    config = load_config(config_file=config_file)
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    config.plugins.on_nav(nav, config=config, files=files)
    pages = sorted(files.documentation_pages(), key=lambda f: f.src_uri)
    done = 0
    for file in pages[shard::shards]:
        if file.page is None:
            Page(None, file, config)
        assert file.page is not None
        _populate_page(file.page, config, files)
        file.page.content = file.page.markdown = None  # stored in the cache: not needed here again
        done += 1
    return done


def main(argv: list[str]) -> int:
    """ENGINE CONFIG SHARD SHARDS."""
    engine, config_file, shard, shards = argv
    if engine == "properdocs":
        import properdocs.replacement  # noqa: F401  (from here on, `import mkdocs` is ProperDocs, as in its build)
    convert_share(config_file, int(shard), int(shards))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
