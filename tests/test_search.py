"""Search: the officers' query set finds its matters in the first three (recall@3), each hit says why it matched,
the synonyms file is checked with file:line, and the index is a documented object with named fields."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.adapters.cli import main
from generator.model.site import Site
from generator.model.synonyms import load_synonyms, read_synonyms
from generator.model.yamlsource import parse_yaml
from generator.pages.search import DOC_COLUMNS, INDEX_VERSION, LISTS, ROLES, cuts

from .conftest import ROOT, assert_golden
from .searchquery import (
    JS_FIXTURES,
    SEARCH_JS,
    load_queries,
    matter_code,
    node,
    node_json,
    recall_at_3,
    run_queries,
    write_index,
)


@pytest.fixture(scope="session")
def index_file(fixture_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture data's search index script."""
    return write_index(fixture_data, ROOT / "docs", tmp_path_factory.mktemp("index") / "search-index.js")


def _payload(index_file: Path) -> dict[str, Any]:
    text = index_file.read_text(encoding="utf-8")
    assert text.startswith("window.YJZF_SEARCH=") and text.endswith(";\n")
    payload: dict[str, Any] = json.loads(text.removeprefix("window.YJZF_SEARCH=").removesuffix(";\n"))
    return payload


def test_query_set_is_large_and_varied() -> None:
    queries = load_queries()
    assert len(queries) >= 40
    assert {q.kind for q in queries} == {"code", "tail", "article", "name", "site"}


def test_every_officer_query_finds_its_matters_in_the_first_three(index_file: Path) -> None:
    recall = recall_at_3(index_file)
    assert recall.misses == [] and recall.value == 1.0


@pytest.mark.parametrize(("query", "code", "why"), [
    ("应急预案", "330225002038", "名称（相近：应急、预案）"),
    ("警示牌", "330225002022", "同义词 警示牌→警示标志；名称"),
    ("受限空间", "330225008001", "同义词 受限空间→有限空间；名称"),
    ("330225002014", "330225002014", "代码"),
    ("002014", "330225002014", "代码后 6 位"),
    ("97条第7项", "330225002014", "法条 第九十七条第（七）项"),
    ("安全生产法第97条", "330225002014", "法律名称"),
    ("签订专门的安全生产管理协议", "330225002036", "名称"),
    ("统一协调、管理，定期进行安全检查", "330225002036", "法律依据"),
])
def test_each_hit_says_why_it_matched(index_file: Path, query: str, code: str, why: str) -> None:
    results = run_queries(index_file, [query])[query]["results"]
    hit = next(r for r in results if matter_code(r["url"]) == code)
    assert why in hit["why"], hit
    assert all(r["why"] for r in results)


def test_spaced_and_unspaced_places_give_the_same_results(index_file: Path) -> None:
    pairs = [("安全生产法第97条", "安全生产法 第97条"), ("安全生产法97条", "安全生产法 97条"),
             ("97条第7项", "97条 第7项"), ("第九十七条第七项", "第九十七条 第七项")]
    answers = run_queries(index_file, [q for pair in pairs for q in pair])
    for joined, spaced in pairs:
        assert [r["url"] for r in answers[joined]["results"]] == [r["url"] for r in answers[spaced]["results"]]


def test_a_cited_item_does_not_find_matters_citing_another_item(index_file: Path) -> None:
    results = run_queries(index_file, ["97条第7项"])["97条第7项"]["results"]
    codes = [matter_code(r["url"]) for r in results]
    assert "330225002014" in codes and "330225002038" not in codes


def test_nonsense_finds_nothing(index_file: Path) -> None:
    assert run_queries(index_file, ["不存在的词语组合"])["不存在的词语组合"]["results"] == []


def test_index_is_a_documented_object_with_named_fields(index_file: Path, site: Site) -> None:
    payload = _payload(index_file)
    assert payload["v"] == INDEX_VERSION and payload["roles"] == list(ROLES)
    assert payload["synonyms"] == [list(g) for g in site.synonyms] and ["警示牌", "警示标志"] in payload["synonyms"]
    docs = payload["docs"]
    assert isinstance(docs, dict) and list(docs) == list(DOC_COLUMNS)
    first = {name: column[0] for name, column in docs.items()}
    assert first["code"] == site.checklist.matters[0].code and first["refs"] == "35 99.1.1"
    assert len(first["texts"]) == len(first["roles"]) and first["roles"][:2] == [0, 1]


def _shape(value: object) -> object:
    """A JSON value's shape: object keys with their shapes, a list's element shapes (merged), or a type name."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        shapes: list[object] = []
        for v in value:
            s = _shape(v)
            if s not in shapes:
                shapes.append(s)
        return shapes
    return type(value).__name__


def _elements(values: list[Any]) -> list[str]:
    return sorted({repr(_shape(v)) for v in values})


def _columns_shape(payload: dict[str, Any]) -> dict[str, object]:
    # Each top-level list's and each column's element shapes: what search.js reads, whatever the number of documents.
    return {"v": type(payload["v"]).__name__, **{name: _elements(payload[name]) for name in LISTS},
            **{f"docs.{name}": _elements(column) for name, column in payload["docs"].items()}}


def test_generator_writes_exactly_the_fields_search_js_reads(index_file: Path) -> None:
    js = node_json(f"const s = require({json.dumps(str(SEARCH_JS))}); "
                   "console.log(JSON.stringify({v: s.VERSION, docs: s.DOC_COLUMNS, lists: s.LISTS}))")
    payload = _payload(index_file)
    assert js == {"v": INDEX_VERSION, "docs": list(DOC_COLUMNS), "lists": list(LISTS)}
    assert set(payload) == {"v", "docs", *LISTS} and list(payload["docs"]) == list(DOC_COLUMNS)


def test_the_js_tests_index_fixture_has_the_generators_shape(index_file: Path) -> None:
    # tests/js/search.test.js runs on a small hand-written index: it must be what the generator writes.
    fixture = json.loads((JS_FIXTURES / "search-index.json").read_text(encoding="utf-8"))
    payload = _payload(index_file)
    assert fixture["v"] == INDEX_VERSION
    assert _columns_shape(fixture) == _columns_shape(payload)


def test_search_script_puts_no_data_into_markup() -> None:
    source = SEARCH_JS.read_text(encoding="utf-8")
    assert "innerHTML" not in source and "insertAdjacentHTML" not in source and "document.write" not in source
    assert not re.search(r"\bfetch\(|new Worker\(|XMLHttpRequest", source)


def test_shipped_synonyms_are_valid() -> None:
    groups, problems = load_synonyms(ROOT / "data", "data")
    assert problems == [] and ("警示牌", "警示标志") in groups and ("受限空间", "有限空间") in groups


def _problems(text: str) -> list[str]:
    return [str(p) for p in read_synonyms(parse_yaml(text, "data/synonyms.yaml"))[1]]


def test_synonym_problems_name_file_line_and_key() -> None:
    text = ("同义词:\n"
            "- [警示牌, 警示标志]\n"
            "- [受限空间]\n"
            "- [有限空间, 警示牌]\n"
            "- [劳保, 12]\n"
            "- [劳保 用品, 防护]\n"
            "- 危化品\n"
            "近义词: []\n")
    assert_golden("errors/synonyms.txt", "\n".join(_problems(text)) + "\n")


def test_synonyms_file_of_the_wrong_shape() -> None:
    problems = _problems("- [警示牌, 警示标志]\n") + _problems("同义词: 警示牌\n")
    assert_golden("errors/synonyms-shape.txt", "\n".join(problems) + "\n")


def test_validate_reports_a_bad_synonyms_file(data_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (data_copy / "synonyms.yaml").write_text("同义词:\n- [警示牌, 警示标志]\n- [警示牌, 警示标识]\n", encoding="utf-8")
    monkeypatch.chdir(data_copy.parent)
    assert main(["validate", "--data", "data"]) == 1
    out = capsys.readouterr()
    assert "data/synonyms.yaml:3: 同义词[1][0]: 词 '警示牌' 已在第 2 行出现" in out.err + out.out


def test_without_a_synonyms_file_there_are_none(tmp_path: Path) -> None:
    assert load_synonyms(tmp_path) == ((), [])


def test_title_words_cut_in_the_browser_are_jiebas(index_file: Path) -> None:
    import jieba

    docs = _payload(index_file)["docs"]
    titles = [t for t, c in zip(docs["title"], docs["cuts"], strict=True) if c] + ["𠀀𠀁测试标题", "a" * 80]
    script = (f"const s = require({json.dumps(str(SEARCH_JS))});"
              "const rows = JSON.parse(require('fs').readFileSync(0));"
              "console.log(JSON.stringify(rows.map(([t, c]) => s.titleWords(t, c))))")
    out = subprocess.run([node(), "-e", script], input=json.dumps([[t, cuts(t)] for t in titles]),
                         capture_output=True, text=True, check=True)
    expected = [" " + "".join(w + " " for w in dict.fromkeys(w for w in jieba.lcut(t) if len(w) > 1)) for t in titles]
    got = json.loads(out.stdout)
    assert len(titles) > 10 and got[:-1] == expected[:-1]
    assert got[-1] == f" {'a' * 35} {'a' * 10} "  # a word longer than 35: in pieces
