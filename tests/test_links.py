"""Built site: every citation link lands on an anchor that holds the official text; backlinks both ways."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.adapters.cli import main
from generator.model.model import Library, Ref
from generator.model.site import Site

from .htmltext import hrefs, text_of_id

GUIDE = "# 测试指引\n\n现场检查特种作业人员，依据《安全生产法》第三十条；处罚依据第九十七条第（七）项。\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project on the fixture data, with one extra hand-written guide page, built once."""
    from .conftest import make_project

    root = make_project(tmp_path_factory.mktemp("links"))
    (root / "docs" / "guide-test.md").write_text(GUIDE, encoding="utf-8")
    code = main(["build", "--no-zip", "--data", str(root / "data"), "--config", str(root / "mkdocs.yml"),
                 "--site-dir", str(root / "site")])
    assert code == 0
    return root / "site"


def _official(library: Library, ref: Ref) -> str:
    article = library.laws[ref.law].article(ref.article)
    assert article is not None
    if ref.paragraph is None:
        return "".join(p.text + "".join(i.text for i in p.items) for p in article.paragraphs)
    para = article.paragraph(ref.paragraph)
    assert para is not None
    if ref.item is None:
        return para.text + "".join(i.text for i in para.items)
    return next(i.text for i in para.items if i.number == ref.item)


def test_basis_and_penalty_links_land_on_the_official_text(built: Path, site: Site) -> None:
    checked = 0
    for m in site.checklist.matters:
        html = (built / "matters" / f"{m.code}.html").read_text(encoding="utf-8")
        links = set(hrefs(html))
        for ref in (*m.basis.refs, *m.penalty.refs):
            href = f"../laws/{ref.law}.html#{ref.anchor}"
            assert href in links, (m.code, href)
            law_html = (built / "laws" / f"{ref.law}.html").read_text(encoding="utf-8")
            text = text_of_id(law_html, ref.anchor)
            assert text is not None, href
            official = re.sub(r"\s+", "", _official(site.library, ref))
            if ref.paragraph is None:
                assert text.startswith(re.sub(r"\s+", "", f"{ref.label}")) and official in text, href
            elif ref.item is None:
                assert official in text, href
            else:
                assert text == official, href
            checked += 1
    assert checked == 10


def test_every_law_link_in_the_site_has_its_anchor(built: Path) -> None:
    anchors: dict[str, set[str]] = {}
    for page in built.rglob("*.html"):
        for href in hrefs(page.read_text(encoding="utf-8")):
            match = re.match(r"(?:\.\./)*laws/(\w+)\.html#(.+)$", href) or re.match(r"(\w+)\.html#(a[\d-]+)$", href)
            if not match or (match.re.pattern.startswith("(\\w") and page.parent.name != "laws"):
                continue
            law, anchor = match.groups()
            if law not in anchors:
                anchors[law] = set(re.findall(r'\bid="([^"]+)"', (built / "laws" / f"{law}.html").read_text("utf-8")))
            assert anchor in anchors[law], (page.name, href)


def test_article_shows_the_matters_and_guides_citing_it(built: Path) -> None:
    html = (built / "laws" / "aqscf.html").read_text(encoding="utf-8")
    box = text_of_id(html, "a97", skip_classes={"anchor-link"}) or ""
    assert "引用本条的事项" in box and "330225002014" in box and "330225002038" in box
    assert "处罚条款：第九十七条第（七）项" in box
    a30 = text_of_id(html, "a30", skip_classes={"anchor-link"}) or ""
    assert "引用本条的指引" in a30 and "测试指引" in a30
    assert 'href="../guide-test.html"' in html


def test_citations_in_hand_written_pages_are_linked(built: Path) -> None:
    html = (built / "guide-test.html").read_text(encoding="utf-8")
    assert 'href="laws/aqscf.html#a30"' in html and 'href="laws/aqscf.html#a97-1-7"' in html


def test_matter_page_marks_the_quote_difference(built: Path) -> None:
    html = (built / "matters" / "330225002022.html").read_text(encoding="utf-8")
    assert "清单原文与正式文本不一致" in html and "<ins>生产经营</ins>" in html


def test_an_unresolvable_citation_stops_validate_and_build(project_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(project_copy)
    (project_copy / "docs" / "bad.md").write_text("# 坏\n\n依据《安全生产法》第二百条。\n", encoding="utf-8")
    assert main(["validate"]) == 1
    assert "docs/bad.md:3: 无法链接“《安全生产法》第二百条”：安全生产法没有第二百条" in capsys.readouterr().err
    assert main(["build", "--no-zip"]) == 1
    assert "第二百条" in capsys.readouterr().err
