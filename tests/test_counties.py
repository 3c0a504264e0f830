"""County data and editions, on fixture counties (tests/fixtures/counties: synthetic, marked 测试).

cswt has a 委托书 delegating 330225002022 (not 330225002036, which it marks as a key matter) and adds
330299990001; cswj has no delegation document yet.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from generator.adapters.cli import main
from generator.model.counties import NO_DOCUMENT_SOURCE
from generator.model.site import Site, load_site
from generator.model.urls import URLS
from generator.pages.matters import county_markdown
from generator.pages.render import render_pages
from generator.pages.viewmodel import md_escape

from .conftest import FIXTURES, ROOT, assert_golden, make_data

DELEGATED, NOT_DELEGATED, OWN = "330225002022", "330225002036", "330299990001"
DOC_TITLE = "测试委托县应急管理局行政处罚委托书（测试）"


def _county_data(target: Path, counties: Path = FIXTURES / "counties") -> Path:
    data = make_data(target)
    shutil.rmtree(data / "counties", ignore_errors=True)
    shutil.copytree(counties, data / "counties")
    return data


@pytest.fixture(scope="module")
def county_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _county_data(tmp_path_factory.mktemp("counties") / "data")


def _pages(data: Path, county: str | None) -> tuple[Site, dict[str, str]]:
    site = load_site(data, "data", county=county)
    return site, render_pages(site, {})


def _section(page: str, start: str, end: str) -> str:
    return page[page.index(start):page.index(end, page.index(start))]


def _handling(site: Site, code: str) -> str:
    """A matter page's 谁来办理 block as the generator writes it (in Markdown, before it becomes the page's HTML)."""
    return county_markdown(site.library, site.counties, site.edition, URLS.matter(code), code) + "\n### 办理环节"


def test_county_files_are_read(county_data: Path) -> None:
    site = load_site(county_data, "data")
    assert [c.id for c in site.counties] == ["cswt", "cswj"] and site.edition is None
    cswt, cswj = site.counties
    assert cswt.delegated(DELEGATED) is True and cswt.delegated(NOT_DELEGATED) is False
    assert cswj.delegated(DELEGATED) is None  # no document: unknown, never guessed
    assert cswt.is_key(NOT_DELEGATED) and [m.code for m in cswt.own] == [OWN]
    assert OWN not in {m.code for m in site.checklist.matters}  # the city edition's list is the list


def test_city_edition_shows_every_county_side_by_side(county_data: Path) -> None:
    site, pages = _pages(county_data, None)
    assert site.edition_name.startswith("衢州市版")
    table = _section(_handling(site, DELEGATED), "#### 各县（市、区）的规定", "表中写")
    assert f"| [测试委托县](../counties/cswt.md) | 委托 | 在内（{md_escape(DOC_TITLE)}） |" in table
    todo = '<span class="todo">待补充</span>'
    assert f"| [测试无文件县](../counties/cswj.md) | {todo} | {todo} |" in table
    other = _section(_handling(site, NOT_DELEGATED), "#### 各县（市、区）的规定", "表中写")
    assert "| 委托 | 不在所列事项中 |" in other
    assert "各县（市、区）的规定" in pages[f"matters/{DELEGATED}.md"]  # the block is in its page, as HTML
    assert "counties/cswt.md" in pages and f"matters/{OWN}.md" not in pages


def test_county_edition_delegated_and_not_delegated_matter(county_data: Path) -> None:
    site, pages = _pages(county_data, "cswt")
    assert site.edition_name == "测试委托县版"
    delegated = _section(_handling(site, DELEGATED), "#### 本版：测试委托县的规定", "### 办理环节")
    assert "**在内（" in delegated and f"| 标题 | {md_escape(DOC_TITLE)} |" in delegated
    assert "| 文号 | 测应急〔2026〕1号 |" in delegated
    assert "| 乡镇（街道） | 甲镇（测试）、乙街道（测试） |" in delegated
    assert "| 形式 | 委托（[《行政处罚法》第二十条](../laws/xzcff.md#a20)） |" in delegated
    assert "测试委托县的本地说明：测试用的本地说明" in delegated
    assert "**不在所列事项中**" in _handling(site, NOT_DELEGATED)
    assert "#### 各县（市、区）的规定" not in _handling(site, DELEGATED)
    assert "各县（市、区）的规定" not in pages[f"matters/{DELEGATED}.md"]
    assert "测试委托县的本地说明：测试用的本地说明" in pages[f"matters/{DELEGATED}.md"]  # the block is in its page


def test_county_only_matter_is_on_the_list_pages_sheets_and_training(county_data: Path) -> None:
    site, pages = _pages(county_data, "cswt")
    assert f"matters/{OWN}.md" in pages and OWN in {m.code for m in site.checklist.matters}
    listing = pages["categories/zhjg.md"]
    assert "（测试委托县增加的重点事项）" in listing and "（测试委托县重点事项）" in listing
    assert any(OWN in md for path, md in pages.items() if path.startswith("training/inspection-"))
    assert any(OWN in md for path, md in pages.items() if path.startswith("training/study-"))
    county = pages["counties/cswt.md"]
    assert f"[{OWN}](../matters/{OWN}.md)" in county and f"[{NOT_DELEGATED}](../matters/{NOT_DELEGATED}.md)" in county


def test_stage_guides_name_the_editions_documents(county_data: Path) -> None:
    _, pages = _pages(county_data, "cswt")
    stage = next(md for path, md in pages.items() if path.startswith("stages/") and "本版适用" in md)
    assert f"| 标题 | {md_escape(DOC_TITLE)} |" in stage[stage.index("## 本版适用的委托或交由实施的文件"):]


def test_county_without_document_says_todo_and_names_the_document(county_data: Path) -> None:
    site, pages = _pages(county_data, "cswj")
    text = _section(_handling(site, DELEGATED), "#### 本版：测试无文件县的规定", "### 办理环节")
    assert '**<span class="todo">待补充</span>**' in text
    assert ('<span class="todo">待补充</span>：测试无文件县的委托书，或者乡镇、街道具体实施的综合行政执法事项目录清单。'
            "将来源：") in text
    assert "委托书（[《行政处罚法》第二十条第二款](../laws/xzcff.md#a20-2)）" in text
    county = pages["counties/cswj.md"]
    assert "待补充：测试无文件县的重点检查事项。将来源：测试无文件县应急管理局确定重点检查事项的文件。" in county
    assert NO_DOCUMENT_SOURCE.split("（")[0] in county


def test_bad_county_file_golden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    data = _county_data(tmp_path / "data", FIXTURES / "counties-bad")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--data", "data", "--docs", "nodocs"]) == 1
    out = capsys.readouterr()
    assert data.is_dir()
    assert_golden("errors/county_bad.txt", out.err + out.out)


def test_unknown_edition_is_an_error(county_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.model.errors import DataError

    with pytest.raises(DataError) as err:
        load_site(county_data, "data", county="nosuch")
    assert "没有代号为 'nosuch' 的县（市、区）" in str(err.value) and "cswt、cswj" in str(err.value)


def test_build_of_an_unknown_county_is_refused(county_data: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--data", str(county_data), "--county", "nosuch", "--site-dir", str(tmp_path / "s")]) == 1
    assert "counties/nosuch.yaml: 没有这个县（市、区）的数据文件（提示：现有：cswj、cswt）" in capsys.readouterr().err
    assert not (tmp_path / "s-nosuch").exists()


def test_build_county_edition(county_data: Path, tmp_path: Path) -> None:
    # A real mkdocs build of one county's edition: its own site folder, its zip, its name on every page.
    code = main(["build", "--data", str(county_data), "--config", str(ROOT / "mkdocs.yml"), "--county", "cswt",
                 "--site-dir", str(tmp_path / "site"), "--dist-dir", str(tmp_path / "dist")])
    assert code == 0
    site = tmp_path / "site-cswt"
    assert (site / "matters" / f"{OWN}.html").is_file() and not (tmp_path / "site").exists()
    for page in ("index.html", f"matters/{DELEGATED}.html", "counties/cswt.html"):
        assert '<span class="edition">测试委托县版</span>' in (site / page).read_text(encoding="utf-8")
    built = (site / "matters" / f"{DELEGATED}.html").read_text(encoding="utf-8")
    assert "<h4>本版：测试委托县的规定</h4>" in built and "<strong>在内（" in built and "data-fragment" not in built
    assert '<a href="../counties/cswt.html">测试委托县页面</a>' in built
    assert '<a href="cswt.html">测试委托县</a>' in (site / "counties" / "index.html").read_text(encoding="utf-8")
    zips = list((tmp_path / "dist").glob("*.zip"))
    assert [z.name.split("-")[1] for z in zips] == ["cswt"]
    with zipfile.ZipFile(zips[0]) as z:
        assert any(n.endswith(f"matters/{OWN}.html") for n in z.namelist())


def test_every_edition_is_built_side_by_side(county_data: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    # --all-counties builds the city edition and each county's in worker processes; the output comes in order.
    code = main(["build", "--data", str(county_data), "--config", str(ROOT / "mkdocs.yml"), "--all-counties",
                 "--jobs", "2", "--site-dir", str(tmp_path / "site"), "--dist-dir", str(tmp_path / "dist")])
    assert code == 0
    # They share dist/: no build removes a zip another is writing.
    zips = sorted(z.name for z in (tmp_path / "dist").iterdir())
    assert len(zips) == 3 and [sum(f"-{c}-" in z for z in zips) for c in ("cswj", "cswt")] == [1, 1]
    out = capsys.readouterr().out.splitlines()
    assert [line.split("页面到 ")[1].split("；")[0] for line in out if line.startswith("已生成")] == [
        str(tmp_path / name) for name in ("site", "site-cswj", "site-cswt")]
    assert sum(line.startswith("待补充事项") for line in out) == 1
    for name, edition in (("site", "衢州市版"), ("site-cswj", "测试无文件县版"), ("site-cswt", "测试委托县版")):
        assert edition in (tmp_path / name / "index.html").read_text(encoding="utf-8")
