"""Issue 12: whatever the data says is what the reader sees, as text, on every page.

Generated texts go into every free-text field of a copy of the data; each page, rendered and converted
as MkDocs does, must show them as typed and hold no element or attribute made from them. A real build
does the same for fixed hostile texts.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.adapters.cli import main
from generator.model.site import load_site
from generator.pages.listings import matter_rows
from generator.pages.render import render_pages

from .conftest import ROOT
from .hostile import (
    BENIGN,
    BENIGN_PROSE,
    HOSTILE,
    PROSE,
    SHORT,
    bad_parts,
    hostile_data,
    one_line,
    read_page,
    squash,
    visible,
)
from .test_escape import EXTENSIONS, SPECIAL

WORD = st.lists(st.sampled_from([*SPECIAL[:-4], "甲", "乙", "x", "1"]), min_size=1, max_size=8).map("".join)


def _field_text(text: str) -> str:
    return "甲" + one_line(text).replace("\x02", "").replace("\x03", "") + "乙"  # a YAML file cannot hold STX/ETX


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(WORD)
def test_every_generated_page_shows_the_data_as_text(text: str) -> None:
    typed = _field_text(text)
    with tempfile.TemporaryDirectory() as tmp:
        data = hostile_data(Path(tmp) / "data", typed)
        site = load_site(data)
        pages = render_pages(site)
    shown = 0
    for path, md in pages.items():
        if path.startswith("laws/") and path != "laws/aqscf.md":
            continue  # only aqscf's notes, history and chapter titles hold the text: the rest take long to convert
        page = read_page(markdown.markdown(md.split("---\n", 2)[2], extensions=EXTENSIONS))
        assert bad_parts(page) == [], path
        if path.startswith(("matters/", "categories/", "stages/", "training/study-", "training/inspection-")) \
                or path in ("laws/aqscf.md", "changelog.md", "guidance.md", "print.md", "index.md"):
            assert squash(typed) in visible(page), path
            shown += 1
    assert shown > 10


def test_the_list_rows_script_holds_the_data_as_strings(tmp_path: Path) -> None:
    site = load_site(hostile_data(tmp_path / "data", HOSTILE))
    text = matter_rows(site)
    assert "</" not in text and "<!--" not in text and "\u2028" not in text
    data = json.loads(text.removeprefix("window.YJZF_MATTERS=").removesuffix(";\n"))
    assert any(one_line(HOSTILE) in row[1] for row in data["rows"])  # the name as typed, a string in the data


def _build(out: Path, text: str, prose: str) -> Path:
    data = hostile_data(out / "data", text, prose)
    code = main(["build", "--data", str(data), "--config", str(ROOT / "mkdocs.yml"),
                 "--site-dir", str(out / "site"), "--dist-dir", str(out / "dist")])
    assert code == 0
    return out / "site"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile data built with our `build` command (real MkDocs)."""
    return _build(tmp_path_factory.mktemp("hostile"), HOSTILE, PROSE)


def test_hostile_pages_are_made_of_the_same_elements_as_benign_ones(hostile_site: Path,
                                                                    tmp_path_factory: pytest.TempPathFactory) -> None:
    benign = _build(tmp_path_factory.mktemp("benign"), BENIGN, BENIGN_PROSE)
    pages = sorted(p.relative_to(benign) for p in benign.rglob("*.html"))
    assert pages == sorted(p.relative_to(hostile_site) for p in hostile_site.rglob("*.html"))
    for path in pages:
        want = Counter(read_page((benign / path).read_text(encoding="utf-8")).elements)
        got = Counter(read_page((hostile_site / path).read_text(encoding="utf-8")).elements)
        assert got == want, (str(path), got - want, want - got)


def test_no_page_of_a_hostile_build_runs_or_links_what_the_data_says(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        page = read_page(path.read_text(encoding="utf-8"))
        assert bad_parts(page) == [], path
        assert all(re.fullmatch(r"/?(\.\./)*assets/[\w./-]+", src) for src in page.scripts if src), path
        # The theme's own inline scripts; 404.html has one more, ours (sitefiles: its links from a server).
        assert page.scripts.count("") <= (4 if path.name == "404.html" else 3), path
        assert not any(tag == "!--" for tag, _ in page.elements), path


@pytest.mark.parametrize("path", ["matters/330225002022.html", "categories/zhjg.html", "stages/balc.html",
                                  "stages/balc-checklist.html", "stages/documents.html", "stages/deadlines.html",
                                  "training/study-zhjg.html", "training/inspection-zhjg.html", "matters/index.html",
                                  "print.html", "training/case-review.html", "index.html", "changelog.html",
                                  "guidance.html", "laws/aqscf.html", "laws/xzcff.html", "training/plan.html",
                                  "training/index.html", "categories/index.html", "stages/index.html"])
def test_hostile_text_is_shown_as_typed(hostile_site: Path, path: str) -> None:
    text = visible(read_page((hostile_site / path).read_text(encoding="utf-8")))
    assert squash(one_line(HOSTILE)) in text


@pytest.mark.parametrize("path", ["matters/330225002022.html", "categories/zhjg.html"])
def test_prose_outside_the_subset_is_shown_as_typed(hostile_site: Path, path: str) -> None:
    html = (hostile_site / path).read_text(encoding="utf-8")
    text = visible(read_page(html))
    for typed in ("[x]: javascript:alert(5)", "<svg onload=alert(6)>", "<!-- 注释 {: .x onclick=alert(8) }"):
        assert squash(typed) in text, typed
    assert "<strong>重点</strong>" in html
    assert '<a href="../laws/aqscf.html#a35">第三十五条</a>' in html
    assert '<a href="https://example.org/a?b=1">网站</a>' in html


def test_prose_links_on_the_print_page_lead_where_they_did(hostile_site: Path) -> None:
    html = (hostile_site / "print.html").read_text(encoding="utf-8")
    assert '<a href="laws/aqscf.html#a35">第三十五条</a>' in html


def test_a_prose_link_to_a_missing_page_is_an_error_with_its_line(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    data = hostile_data(tmp_path / "data", "甲", "见[这里](matters/330225000000.md)，[那里](javascript:x)")
    assert main(["validate", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    missing = r"checklist\.yaml:\d+: 事项\[0\]\.本地补充: 链接“\[这里\]\(matters/330225000000\.md\)”指向的本站页面"
    assert re.search(missing, err), err
    other = r"checklist\.yaml:\d+: 警告: 事项\[0\]\.裁量说明: 链接“\[那里\]\(javascript:x\)”的目标不是"
    assert re.search(other, err), err


def test_titles_show_the_text(hostile_site: Path) -> None:
    html = (hostile_site / "matters" / "330225002022.html").read_text(encoding="utf-8")
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and "&lt;script&gt;" in title
    index = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert squash(SHORT) in visible(read_page(index))


def test_search_index_and_quiz_cannot_end_their_script(hostile_site: Path) -> None:
    for name in ("search-index.js", "quiz-data.js"):
        text = (hostile_site / "assets" / name).read_text(encoding="utf-8")
        assert "</" not in text and "<!--" not in text and "\u2028" not in text, name


def test_a_line_break_in_a_name_is_an_error_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = hostile_data(tmp_path / "data", "甲")
    path = data / "checklist.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index("事项名称: ")
    line = text.count("\n", 0, first) + 1
    end = text.index("\n", first)
    path.write_text(text[:first] + '事项名称: "第一行\\n第二行"' + text[end:], encoding="utf-8")
    assert main(["validate", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert f"checklist.yaml:{line}: 事项[0].事项名称: 这一项只能写一行，发现了换行" in err, err


def test_a_bar_in_the_data_does_not_shift_table_columns(hostile_site: Path) -> None:
    for path, columns in (("categories/zhjg.html", 4), ("stages/deadlines.html", 5), ("stages/documents.html", 4),
                          ("matters/index.html", 5), ("training/inspection-zhjg.html", 6)):
        html = (hostile_site / path).read_text(encoding="utf-8")
        rows = re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)
        assert rows, path
        assert all(len(re.findall(r"<t[dh]\b", row)) == columns for row in rows), path


def test_angle_brackets_in_law_text_show_as_typed(hostile_site: Path) -> None:
    text = visible(read_page((hostile_site / "laws" / "aqscf.html").read_text(encoding="utf-8")))
    assert "《关于修改<中华人民共和国安全生产法>的决定》" in text and "\\<" not in text


ONE_LINE_FIELDS = [("checklist.yaml", "分类[0].名称"), ("checklist.yaml", "事项[1].现场检查要点[0]"),
                   ("stages/1-xcjc.yaml", "步骤[0].名称"), ("stages/3-balc.yaml", "时限[0].说明"),
                   ("documents.yaml", "文书[0].名称"), ("delegation.yaml", "途径[0].名称")]


@pytest.mark.parametrize(("file", "key"), ONE_LINE_FIELDS)
def test_a_line_break_in_any_one_line_field_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        file: str, key: str) -> None:
    data = hostile_data(tmp_path / "data", "甲")
    path = data / file
    *parents, last = [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", key)]
    root = yaml.safe_load(path.read_text(encoding="utf-8"))
    node = root
    for p in parents:
        node = node[p]
    node[last] = "第一行\n第二行"
    path.write_text(yaml.safe_dump(root, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["validate", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"{re.escape(file)}:[1-9]\d*: {re.escape(key)}: 这一项只能写一行，发现了换行", err), err
