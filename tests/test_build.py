"""End-to-end: real MkDocs builds in tmp_path, and what the built pages hold."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.adapters.cli import main
from generator.built.sitecheck import external_loads
from generator.model.site import Site

from .conftest import BUILD_DATE


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.skip += tag in {"script", "style"}

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in {"script", "style"}

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(path: Path) -> str:
    """The visible text of a built page, white space removed (so that Chinese compares exactly)."""
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", "", "".join(parser.parts))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_mkdocs_build_strict_at_the_project_root(project_copy: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "out"],
                            cwd=project_copy, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (project_copy / "out" / "matters" / "330225002022.html").exists()


def test_every_matter_page_holds_its_verbatim_texts(built: Path, site: Site) -> None:
    for m in site.checklist.matters:
        text = page_text(built / "site" / "matters" / f"{m.code}.html")
        for expected in (m.code, m.name, m.category, m.basis.text, m.penalty.text):
            assert _squash(expected) in text, (m.code, expected[:30])


def test_pages_are_files_that_open_from_a_folder(built: Path) -> None:
    site_dir = built / "site"
    for path in ("index.html", "matters/index.html", "categories/index.html", "laws/aqscf.html",
                 "categories/zhjg.html"):
        assert (site_dir / path).is_file(), path


def test_nothing_is_loaded_from_outside_the_site(built: Path) -> None:
    assert external_loads(built / "site") == []
    html = (built / "site" / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_outside_loads_are_found_in_pages_and_styles(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<link rel="canonical" href="https://example.org/a"><script src="https://cdn.example/x.js"></script>'
        '<p>正文 https://example.org/ 不是加载</p><link rel="stylesheet" href=//fonts.example/字体.css>'
        '<IMG SRC="http://img.example/y.png"><a href="https://example.org/">链接不是加载</a>', encoding="utf-8")
    (tmp_path / "s.css").write_text('@import "//css.example/z.css"; b { background: url(https://img.example/b.png) }',
                                    encoding="utf-8")
    assert external_loads(tmp_path) == [
        "a.html: https://cdn.example/x.js", "a.html: //fonts.example/字体.css", "a.html: http://img.example/y.png",
        "s.css: //css.example/z.css", "s.css: https://img.example/b.png"]


def test_large_pages_are_checked_in_pieces_that_split_no_tag(tmp_path: Path) -> None:
    from generator.built.sitecheck import pieces

    page = tmp_path / "print.html"
    page.write_bytes(b"".join(b'<p id="a%d">\xe6\x96\x87 <a href="x.html#a%d">x</a></p>\n' % (i, i)
                              for i in range(2000)))
    parts = list(pieces(page, size=1000))
    assert b"".join(parts) == page.read_bytes() and len(parts) > 10
    assert all(p.startswith(b"<") and p.count(b"<") == p.count(b">") for p in parts)


def test_navigation_does_not_list_the_matters(built: Path, site: Site) -> None:
    html = (built / "site" / "laws" / "xzqzf.html").read_text(encoding="utf-8")
    nav = html.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert not any(m.code in nav for m in site.checklist.matters)


def test_site_is_chinese_with_its_own_search_index(built: Path, site: Site) -> None:
    assert 'lang="zh"' in (built / "site" / "index.html").read_text(encoding="utf-8")
    index = (built / "site" / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert index.startswith("window.YJZF_SEARCH=") and all(m.code in index for m in site.checklist.matters)
    assert not (built / "site" / "search").exists()


def test_zip_holds_the_same_site(built: Path) -> None:
    (zip_path,) = (built / "dist").glob("*.zip")
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
    root = names[0].split("/")[0]
    assert all(n.startswith(root + "/") and n.isascii() for n in names)
    on_disk = sorted(p.relative_to(built / "site").as_posix() for p in (built / "site").rglob("*") if p.is_file())
    assert sorted(n.split("/", 1)[1] for n in names) == on_disk


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode() + p.read_bytes())
    return h.hexdigest()


def test_a_failed_build_leaves_the_last_good_site_and_zip(project_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(project_copy)
    assert main(["build"]) == 0
    before_site, before_dist = _digest(project_copy / "site"), _digest(project_copy / "dist")
    checklist = project_copy / "data" / "checklist.yaml"
    checklist.write_text(checklist.read_text(encoding="utf-8").replace("'330225002022'", "'33022500202'"),
                         encoding="utf-8")
    assert main(["build"]) == 1
    assert "事项代码应为 12 位半角数字" in capsys.readouterr().err
    # A problem only MkDocs sees (a broken link in a hand-written page) must not replace the site either.
    checklist.write_text(checklist.read_text(encoding="utf-8").replace("'33022500202'", "'330225002022'"),
                         encoding="utf-8")
    (project_copy / "docs" / "about.md").write_text("[坏链接](nowhere.md)\n", encoding="utf-8")
    assert main(["build"]) == 1
    assert _digest(project_copy / "site") == before_site
    assert _digest(project_copy / "dist") == before_dist
    assert not [p for p in project_copy.glob(".site*") if not p.name.endswith(".lock")]


def test_emitted_pages_built_by_the_engine_alone_then_finished(fixture_data: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    # emit → any engine (here MkDocs with Material, without our plugin) → finish: the site is whole.
    import shutil

    from generator.built.linkcheck import broken_links

    from .conftest import ROOT

    project = tmp_path / "p"
    shutil.copytree(ROOT / "docs", project / "docs")
    assert main(["emit", str(project / "docs"), "--data", str(fixture_data)]) == 0
    out = capsys.readouterr().out
    assert "已写出" in out and "python -m generator finish" in out
    matter = (project / "docs" / "matters" / "330225002014.md").read_text(encoding="utf-8")
    assert matter.startswith("---\ntitle:") and "data-fragment" not in matter  # its fragments are in it as HTML
    (project / "mkdocs.yml").write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: docs\nplugins: []\n"
                                        f"theme:\n  custom_dir: {ROOT / 'overrides'}\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d",
                    str(project / "site")], check=True, capture_output=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    site = project / "site"
    assert "各县（市、区）的规定" in (site / "matters" / "330225002014.html").read_text(encoding="utf-8")
    assert main(["finish", "--site-dir", str(site)]) == 0
    assert "打印版已组装" in capsys.readouterr().out
    printed = (site / "print.html").read_text(encoding="utf-8")
    section = printed[printed.index('id="m-330225002014"'):]
    assert "清单原文" in section[:section.index("</section>")]
    assert broken_links(site) == []


def test_finish_without_a_built_site_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["finish", "--site-dir", str(tmp_path / "none")]) == 1
    assert "找不到打印版页面" in capsys.readouterr().err


def test_link_check_of_the_built_site(built: Path) -> None:
    from generator.built.linkcheck import broken_links

    assert broken_links(built / "site") == []


def test_link_check_finds_missing_files_and_anchors(tmp_path: Path) -> None:
    from generator.built.linkcheck import broken_links

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.html").write_text('<p id="here"></p><a href="#here">ok</a><a href="#gone">x</a>'
                                           '<a href="../b.html#top">y</a><a href="../c.html">z</a>'
                                           '<a href="https://example.org/">ext</a>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<h1 id="title">b</h1>', encoding="utf-8")
    assert broken_links(tmp_path) == [
        "a/x.html: #gone（没有锚点 #gone）",
        "a/x.html: ../b.html#top（没有锚点 #top）",
        "a/x.html: ../c.html（没有这个文件）",
    ]


def test_link_check_reads_the_links_in_the_search_and_quiz_data(tmp_path: Path) -> None:
    from generator.built.linkcheck import broken_links

    (tmp_path / "assets").mkdir()
    (tmp_path / "matters").mkdir()
    (tmp_path / "index.html").write_text('<h1 id="top">首页</h1>', encoding="utf-8")
    (tmp_path / "matters" / "330225002014.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "assets" / "search-index.js").write_text(
        'window.YJZF_SEARCH={"v":3,"docs":{"url":["","","gone.html","index.html#top"],'
        '"code":["330225002014","330225002036","",""]}};\n', encoding="utf-8")
    (tmp_path / "assets" / "quiz-data.js").write_text(
        'window.YJZF_QUIZ=[{"id":"q1","explain":"index.html#nowhere"},{"id":"q2","explain":"index.html#top"}];\n',
        encoding="utf-8")
    assert broken_links(tmp_path) == [
        "assets/search-index.js: matters/330225002036.html（没有这个文件）",
        "assets/search-index.js: gone.html（没有这个文件）",
        "assets/quiz-data.js: index.html#nowhere（没有锚点 #nowhere）",
    ]


def test_every_page_shows_data_version_and_build_date(built: Path) -> None:
    # The build is dated by SOURCE_DATE_EPOCH (conftest), never by the clock of the machine running the tests.
    for page in built.joinpath("site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if page.name == "404.html":
            continue
        assert re.search(r'class="data-version">\d{4}-\d{2}-\d{2}<', html), page
        assert f'class="build-date">{BUILD_DATE}<' in html, page


@pytest.mark.parametrize(("epoch", "date"), [("1767196799", "2025-12-31"), ("1767196800", "2026-01-01")])
def test_the_build_date_is_beijing_time(epoch: str, date: str) -> None:
    from generator.model.site import build_date

    # 2025-12-31 16:00 UTC is midnight in Beijing.
    assert build_date({"SOURCE_DATE_EPOCH": epoch}) == date


def test_builds_are_reproducible_with_source_date_epoch(project_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project_copy)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    digests = []
    for n in range(2):
        assert main(["build", "--site-dir", f"site{n}", "--dist-dir", f"dist{n}"]) == 0
        digests.append((_digest(project_copy / f"site{n}"), _digest(project_copy / f"dist{n}")))
    assert digests[0] == digests[1]
    assert 'class="build-date">2026-01-01<' in (project_copy / "site0" / "index.html").read_text(encoding="utf-8")
