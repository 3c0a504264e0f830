"""The site engine, exchangeable: MkDocs 1.6 (default) or ProperDocs, run on the staged pages in its own processes.

Both read the project's mkdocs.yml: the engine gets a small configuration that inherits it (INHERIT) and says
where the staged pages are, where the site goes, and the edition's stamp. The engine runs in child processes (one,
or one per core sharing the render cache: shard.py): ProperDocs answers `import mkdocs` with itself, which must not
happen inside the generator's own process.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import yaml

ENGINES = ("mkdocs", "properdocs")
DEFAULT_ENGINE = "mkdocs"
PLUGIN = "checklist"
RENDER_CACHE = ".cache/render"  # the plugin's default (ChecklistConfig.render_cache)


class EngineError(Exception):
    """The engine stopped (an error, or a warning under strict); the message holds its own lines."""


@dataclass(frozen=True)
class EngineRun:
    """What one engine run is given: the project's config, the staged pages, the site, the stamp, the cache."""

    engine: str
    config_file: Path
    docs_dir: Path
    site_dir: Path
    extra: dict[str, str]
    render_cache: Path | None


class _Tolerant(yaml.SafeLoader):
    """Reads mkdocs.yml for its plain keys: tags such as !!python/name are kept as None (the engine reads them)."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
_Tolerant.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Settings:
    """What the generator reads from mkdocs.yml: the hand-written pages' folder and the render cache."""

    docs_dir: Path
    docs_shown: str            # as mkdocs.yml names it, for messages
    render_cache: Path | None  # None: off


def read_mkdocs_yml(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml's plain keys (tags such as !!python/name read as None)."""
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Tolerant)
    return data if isinstance(data, dict) else {}


def engine_settings(config_file: Path) -> Settings:
    """The hand-written pages' folder and the render cache's, as mkdocs.yml sets them."""
    config = read_mkdocs_yml(config_file)
    root = config_file.resolve().parent
    docs = str(config.get("docs_dir") or "docs")
    cache = RENDER_CACHE
    plugins = config.get("plugins")
    for entry in plugins if isinstance(plugins, list) else [plugins]:
        if isinstance(entry, dict) and isinstance(entry.get(PLUGIN), dict):
            cache = str(entry[PLUGIN].get("render_cache", cache))
    return Settings(root / docs, docs, root / cache if cache else None)


def engine_config(run: EngineRun) -> dict[str, Any]:
    """The configuration the engine reads: the project's mkdocs.yml, inherited, with the staged build's places."""
    parent = read_mkdocs_yml(run.config_file)
    root = run.config_file.resolve().parent
    config: dict[str, Any] = {
        "INHERIT": str(run.config_file.resolve()),
        "docs_dir": str(run.docs_dir.resolve()),
        "site_dir": str(run.site_dir.resolve()),
        "strict": True,
        "extra": dict(run.extra),
        # The pages are staged: the plugin only serves the render cache (Markdown → HTML kept between builds).
        "plugins": [*_other_plugins(parent.get("plugins")), {PLUGIN: {
            "staged": True, "render_cache": str(run.render_cache.resolve()) if run.render_cache else ""}}],
    }
    theme = parent.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        # Paths in a configuration are relative to the file that reads them: the staged one is elsewhere.
        config["theme"] = {"custom_dir": str(root / theme["custom_dir"])}
    return config


def _other_plugins(plugins: object) -> list[object]:
    """The project's plugins other than ours, as mkdocs.yml lists them."""
    if isinstance(plugins, dict):
        return [{k: v} for k, v in plugins.items() if k != PLUGIN]
    if isinstance(plugins, list):
        return [p for p in plugins if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    return []


def write_engine_config(run: EngineRun, path: Path) -> Path:
    """Write the engine's configuration to path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(engine_config(run), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def command(engine: str, config_path: Path) -> list[str]:
    """The command line that runs engine's build on config_path."""
    if engine not in ENGINES:
        raise EngineError(f"没有这个建站引擎：{engine}（可选：{'、'.join(ENGINES)}）")
    return [sys.executable, "-m", engine, "build", "--strict", "--config-file", str(config_path)]


def messages(output: str) -> list[str]:
    """The engine's warnings and errors, in the words the build reports them."""
    out = []
    for line in output.splitlines():
        level, _, text = line.partition(" - ")
        level = level.strip()
        if level in ("WARNING", "ERROR"):
            out.append(f"{'错误' if level == 'ERROR' else '警告'}：{text.strip()}")
    return out


def _environment() -> dict[str, str]:
    # Material prints its end-of-life notice on every build (README says what we plan); it is not the editors' news.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run_engine(run: EngineRun, config_path: Path, shards: int = 1, started: Shards | None = None) -> list[str]:
    """Build the staged pages into run.site_dir with the engine (config_path: its configuration, written by
    write_engine_config), in shards processes where the render cache lets them share conversions (shard.py; started:
    those processes, started early by sharded); its warnings, or EngineError with its messages."""
    if started is not None:
        return _outcome(run.engine, started.go(run.site_dir))
    with sharded(run.engine, run.config_file, config_path, shards, run.render_cache) as ready:
        if ready is not None:
            return _outcome(run.engine, ready.go(run.site_dir))
    done = subprocess.run(command(run.engine, config_path), capture_output=True, text=True, check=False,
                          cwd=run.config_file.resolve().parent, env=_environment())
    return _outcome(run.engine, [(done.returncode, done.stdout + "\n" + done.stderr)])


def _outcome(engine: str, ended: list[tuple[int, str]]) -> list[str]:
    """The warnings of the engine's processes (each once: shards see the same pages), or EngineError."""
    found = list(dict.fromkeys(m for _, output in ended for m in messages(output)))
    failed = [(code, output) for code, output in ended if code != 0]
    if failed:
        code, output = failed[0]
        raise EngineError("\n".join(found) or output.strip() or f"{engine} build 以代码 {code} 结束")
    return found


def sharded(engine: str, config_file: Path, config_path: Path, shards: int, render_cache: Path | None,
            ) -> AbstractContextManager[Shards | None]:
    """The engine's shards started now, to build once told (Shards.go), if the build is to be sharded (shards ≥ 2
    and a render cache); else nothing. Started before the data is loaded, they load the engine meanwhile."""
    if shards < 2 or render_cache is None:
        return contextlib.nullcontext()
    return Shards(engine, config_file, config_path, shards)


class Shards:
    """The engine's build as shards processes (shard.py): started at once, each loads the engine and waits; go
    empties the site folder and lets them build. Leaving the context stops any still running."""

    def __init__(self, engine: str, config_file: Path, config_path: Path, shards: int) -> None:
        command(engine, config_path)  # an unknown engine is refused here, as for one run
        self.stack = contextlib.ExitStack()
        self.shards = shards
        self.procs: list[tuple[subprocess.Popen[bytes], int, IO[bytes]]] = []
        try:
            start_read, self.start_write = os.pipe()
            self.stack.callback(_close, self.start_write)
            go_read, self.go_write = os.pipe()
            self.stack.callback(_close, self.go_write)
            try:
                self.procs = [self._start(engine, config_file, config_path, shard, start_read, go_read)
                              for shard in range(shards)]
            finally:
                os.close(start_read)  # the shards hold them: if this process ends, they read the end and stop
                os.close(go_read)
        except BaseException:
            self.stack.close()
            raise

    def __enter__(self) -> Shards:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stack.close()

    def _start(self, engine: str, config_file: Path, config_path: Path, shard: int, start_read: int,
               go_read: int) -> tuple[subprocess.Popen[bytes], int, IO[bytes]]:
        """Start one shard; its process (killed on exit, if still running), its ready pipe, its output."""
        # A file, not a pipe: a shard with much to say never waits for a reader. Closed with the stack.
        out = self.stack.enter_context(tempfile.TemporaryFile())  # noqa: SIM115
        ready_read, ready_write = os.pipe()
        self.stack.callback(os.close, ready_read)
        fds = (start_read, ready_write, go_read)
        argv = [sys.executable, "-m", "generator.adapters.shard", engine, str(config_path), str(shard),
                str(self.shards), *map(str, fds), str(os.getpid())]
        try:
            proc = subprocess.Popen(argv, pass_fds=fds, stdout=out, stderr=subprocess.STDOUT,
                                    cwd=config_file.resolve().parent, env=_environment())
        finally:
            os.close(ready_write)  # the shard holds it: when it ends, its end is closed and a read here returns
        self.stack.callback(_stop, proc)
        return proc, ready_read, out

    def go(self, site_dir: Path) -> list[tuple[int, str]]:
        """Empty site_dir and let the shards build into it; each one's exit code and output. A shard that fails
        before its share is converted stops the others."""
        if site_dir.exists():
            shutil.rmtree(site_dir)
        site_dir.mkdir(parents=True)
        with contextlib.suppress(BrokenPipeError):  # every shard ended already (the engine would not load)
            os.write(self.start_write, b"1" * self.shards)
        # A shard that ends before saying it is ready (an error while converting) closes its end unsaid.
        stopped = [os.read(ready, 1) != b"1" and proc.wait() != 0 for proc, ready, _ in self.procs]
        if any(stopped):
            for proc, _, _ in self.procs:
                proc.terminate()
        else:
            with contextlib.suppress(BrokenPipeError):  # the shards ended after saying they were ready
                os.write(self.go_write, b"1" * self.shards)
        ended = []
        for proc, _, out in self.procs:
            code = proc.wait()
            out.seek(0)
            ended.append((code, out.read().decode("utf-8", errors="replace")))
        return ended


def _close(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait()
