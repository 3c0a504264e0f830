"""The engine is exchangeable: MkDocs and ProperDocs build the same site from the same staged pages."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.adapters import engine
from generator.adapters.cli import main
from generator.adapters.engine import EngineRun, engine_config, engine_settings, messages
from generator.adapters.shard import own
from generator.built.linkcheck import broken_links
from generator.built.sitecheck import external_loads

from .conftest import ROOT, make_project

# The one line where the two engines differ by design: each names itself.
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _site(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): _GENERATOR.sub(b"", p.read_bytes())
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture project built once by each engine."""
    project = make_project(tmp_path_factory.mktemp("engines"))
    out = []
    for name in engine.ENGINES:
        site = project / f"site-{name}"
        assert main(["build", "--engine", name, "--data", str(project / "data"), "--config",
                     str(project / "mkdocs.yml"), "--site-dir", str(site), "--no-zip"]) == 0
        out.append(site)
    return out[0], out[1]


def test_both_engines_build_the_same_pages(both: tuple[Path, Path]) -> None:
    mkdocs_site, properdocs_site = both
    a, b = _site(mkdocs_site), _site(properdocs_site)
    assert sorted(a) == sorted(b)
    assert [path for path in a if a[path] != b[path]] == []
    assert b'content="mkdocs-ProperDocs' in (properdocs_site / "index.html").read_bytes()


def test_each_engine_s_site_has_no_broken_link_and_no_outside_request(both: tuple[Path, Path]) -> None:
    for site in both:
        assert broken_links(site) == [] and external_loads(site) == []
        assert (site / "matters" / "330225002022.html").is_file()


def test_the_engine_config_inherits_the_project_s(tmp_path: Path) -> None:
    run = EngineRun("properdocs", ROOT / "mkdocs.yml", tmp_path / "docs", tmp_path / "out",
                    {"edition": "某县版"}, None)
    config = engine_config(run)
    assert config["INHERIT"] == str(ROOT / "mkdocs.yml")
    assert config["theme"] == {"custom_dir": str(ROOT / "overrides")}  # absolute: the staged config is elsewhere
    assert config["plugins"] == [{"checklist": {"staged": True, "render_cache": ""}}]
    # Written as YAML a data string stays a string.
    assert yaml.safe_load(yaml.safe_dump(config, allow_unicode=True))["extra"] == {"edition": "某县版"}


def test_settings_come_from_mkdocs_yml() -> None:
    settings = engine_settings(ROOT / "mkdocs.yml")
    assert settings.docs_dir == ROOT / "docs" and settings.docs_shown == "docs"
    assert settings.render_cache == ROOT / ".cache" / "render"


def test_the_engine_s_messages_are_kept_and_named() -> None:
    out = "INFO    -  Building documentation...\nWARNING -  Doc file 'a.md' contains a link\nERROR   -  Aborted"
    assert messages(out) == ["警告：Doc file 'a.md' contains a link", "错误：Aborted"]


def test_an_unknown_engine_is_refused(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["build", "--engine", "hugo", "--data", str(project_copy / "data")])
    assert "properdocs" in capsys.readouterr().err


@pytest.fixture(scope="module")
def staged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project built once: its staged pages and engine configuration are kept under .cache/stage."""
    project = make_project(tmp_path_factory.mktemp("shards"))
    assert main(["build", "--data", str(project / "data"), "--config", str(project / "mkdocs.yml"),
                 "--site-dir", str(project / "site"), "--no-zip"]) == 0
    return project


def _run(project: Path, out: Path, cache: Path | None, shards: int) -> list[str]:
    stage = project / ".cache" / "stage" / "site"
    run = EngineRun("mkdocs", project / "mkdocs.yml", stage / "docs", out, {"edition": "某县版"}, cache)
    return engine.run_engine(run, engine.write_engine_config(run, out.parent / f"{out.name}.yml"), shards)


def test_a_build_in_shards_writes_the_same_site_as_one_engine_run(staged: Path, tmp_path: Path) -> None:
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / "left-over.html").write_text("an earlier build's page", encoding="utf-8")
    assert _run(staged, tmp_path / "one", None, 1) == []
    assert _run(staged, tmp_path / "two", tmp_path / "cache", 2) == []
    assert _site(tmp_path / "two") == _site(tmp_path / "one")  # and the folder was emptied first
    pages = sum(1 for _ in (staged / ".cache" / "stage" / "site" / "docs").rglob("*.md"))
    assert sum(1 for _ in (tmp_path / "cache").rglob("*.entry")) == pages  # each page converted once, by one shard


def test_a_warning_in_shards_stops_the_build_and_is_reported_once(staged: Path, tmp_path: Path) -> None:
    docs = tmp_path / "project"
    shutil.copytree(staged, docs)
    page = docs / ".cache" / "stage" / "site" / "docs" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[失效](no-such-page.md)\n", encoding="utf-8")
    with pytest.raises(engine.EngineError) as caught:
        _run(docs, tmp_path / "out", tmp_path / "cache", 2)
    assert str(caught.value).count("no-such-page.md") == 1


def test_a_shard_that_cannot_start_stops_the_others(staged: Path, tmp_path: Path) -> None:
    config = tmp_path / "engine.yml"
    config.write_text("site_name: x\ntheme: no-such-theme\n", encoding="utf-8")
    run = EngineRun("mkdocs", staged / "mkdocs.yml", tmp_path / "docs", tmp_path / "out", {}, tmp_path / "cache")
    with pytest.raises(engine.EngineError, match="no-such-theme"):
        engine.run_engine(run, config, 2)


def test_each_shard_takes_every_other_page_of_the_sorted_list() -> None:
    pages = ["b.md", "a.md", "d.md", "c.md", "e.md"]
    assert own(pages, 0, 2) == {"a.md", "c.md", "e.md"} and own(pages, 1, 2) == {"b.md", "d.md"}
    assert own(pages, 0, 1) == set(pages)


def test_the_navigation_drawn_once_per_folder_is_the_one_drawn_for_each_page(staged: Path, tmp_path: Path) -> None:
    stage = staged / ".cache" / "stage" / "site"
    sites = {}
    for cached in (True, False):
        out = tmp_path / f"site-{cached}"
        run = EngineRun("mkdocs", staged / "mkdocs.yml", stage / "docs", out, {"edition": "某县版"}, None)
        config = engine_config(run)
        config["plugins"][-1]["checklist"]["nav_cache"] = cached
        path = tmp_path / f"engine-{cached}.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        assert engine.run_engine(run, path) == []
        sites[cached] = _site(out)
    assert sites[True] == sites[False]
    assert sum(1 for p in sites[True] if p.startswith("matters/")) > 1  # pages outside the navigation, one folder


def test_the_navigation_partial_is_material_s_own() -> None:
    import material

    installed = Path(material.__file__).parent / "templates" / "partials" / "nav.html"
    assert (ROOT / "overrides" / "partials" / "material-nav.html").read_bytes() == installed.read_bytes(), (
        "Material changed its nav.html: copy it to overrides/partials/material-nav.html")


def test_pages_outside_the_navigation_share_it_by_folder() -> None:
    from types import SimpleNamespace

    from generator.adapters.plugin import nav_key

    def page(src: str, dest: str) -> Any:
        return SimpleNamespace(file=SimpleNamespace(src_uri=src, dest_uri=dest))

    in_nav = {"index.md", "laws/index.md"}
    assert nav_key(page("matters/1.md", "matters/1.html"), in_nav) == nav_key(page("matters/2.md", "matters/2.html"),
                                                                               in_nav) == "folder:matters"
    assert nav_key(page("todo.md", "todo.html"), in_nav) == "folder:"
    assert nav_key(page("laws/index.md", "laws/index.html"), in_nav) == ""  # in the navigation: drawn for itself


def test_shards_started_before_the_data_is_read_stop_when_it_is_bad(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[engine.Shards] = []
    real = engine.Shards.__init__

    def spy(self: engine.Shards, *args: Any) -> None:
        real(self, *args)
        started.append(self)

    monkeypatch.setattr(engine.Shards, "__init__", spy)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # sharded on any machine
    project = make_project(tmp_path / "p")
    (project / "data" / "checklist.yaml").write_text("事项: [\n", encoding="utf-8")
    assert main(["build", "--data", str(project / "data"), "--config", str(project / "mkdocs.yml"),
                 "--site-dir", str(project / "site"), "--no-zip"]) == 1
    assert len(started) == 1 and all(proc.poll() is not None for proc, _, _ in started[0].procs)


def test_shards_whose_engine_does_not_load_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each shard ends before it is told to start (here: its engine cannot be imported); the build says why.
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    (tmp_path / "material").mkdir()
    (tmp_path / "material" / "__init__.py").write_text("raise ImportError('没有这个主题')\n", encoding="utf-8")
    with engine.Shards("mkdocs", ROOT / "mkdocs.yml", tmp_path / "engine.yml", 2) as shards:
        for proc, _, _ in shards.procs:
            proc.wait()
        ended = shards.go(tmp_path / "site")
    assert all(code != 0 for code, _ in ended) and "没有这个主题" in ended[0][1]
    with pytest.raises(engine.EngineError, match="hugo"):
        engine.Shards("hugo", ROOT / "mkdocs.yml", tmp_path / "engine.yml", 2)
