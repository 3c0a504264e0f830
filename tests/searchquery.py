"""The officers' query set (tests/fixtures/search-queries.yaml), run against a search index in Node: recall@3.

Node require()s docs/assets/search.js itself (no copy of its logic) and runs the index script as a page would;
the tests check the results and the benchmark reports the recall.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES_FILE = Path(__file__).resolve().parent / "fixtures" / "search-queries.yaml"
SEARCH_JS = ROOT / "docs" / "assets" / "search.js"
JS_FIXTURES = Path(__file__).resolve().parent / "js" / "fixtures"
TOP = 3

# Runs the index script in a bare context (it assigns window.YJZF_SEARCH), require()s search.js as a module, then
# answers each query from stdin with its results: url, why, score, and the milliseconds it took.
_RUNNER = r"""
const fs = require("fs"), vm = require("vm"), path = require("path");
const [indexFile, searchFile] = process.argv.slice(1);
const search = require(path.resolve(searchFile));
const queries = JSON.parse(fs.readFileSync(0, "utf8"));
const ctx = {};
ctx.window = ctx;
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(indexFile, "utf8"), ctx);
const index = search.prepare(ctx.YJZF_SEARCH);
const out = {};
for (const q of queries) {
  const start = process.hrtime.bigint();
  const results = search.explain(index, q);
  out[q] = { results: results.slice(0, 20), ms: Number(process.hrtime.bigint() - start) / 1e6 };
}
process.stdout.write(JSON.stringify(out));
"""


@dataclass(frozen=True)
class Query:
    """One officer query and the matters it must find in the first three results."""

    query: str
    expect: tuple[str, ...]
    kind: str


def load_queries(path: Path = QUERIES_FILE) -> list[Query]:
    """The query set."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(r["query"]), tuple(str(c) for c in r["expect"]), str(r["kind"])) for r in rows]


def node() -> str:
    """The node program (Debian's nodejs: `make test` installs it)."""
    found = shutil.which("node")
    if found is None:
        raise RuntimeError("node is not installed (Debian: apt-get install nodejs)")
    return found


def node_json(script: str) -> Any:
    """What a Node script prints, as JSON (to read a constant of a site script)."""
    out = subprocess.run([node(), "-e", script], capture_output=True, text=True, check=True, timeout=60)
    return json.loads(out.stdout)


def run_queries(index_file: Path, queries: list[str], search_js: Path = SEARCH_JS) -> dict[str, Any]:
    """For each query, its results ({url, why, score}, best first) and the time it took in Node (ms)."""
    out = subprocess.run([node(), "-e", _RUNNER, str(index_file), str(search_js)], input=json.dumps(queries),
                         capture_output=True, text=True, check=True, timeout=300)
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def matter_code(url: str) -> str:
    """The code of a matter's page address, '' for any other page."""
    return url.removeprefix("matters/").removesuffix(".html") if url.startswith("matters/") else ""


@dataclass(frozen=True)
class Recall:
    """recall@3 over the query set: found / expected pairs, the misses, and the slowest query in Node."""

    found: int
    expected: int
    misses: list[tuple[str, str, list[str]]]
    slowest: tuple[str, float]

    @property
    def value(self) -> float:
        """The share of expected matters found in the first three results."""
        return self.found / self.expected if self.expected else 1.0


def recall_at_3(index_file: Path, queries: list[Query] | None = None) -> Recall:
    """Run the query set against an index script and score it."""
    queries = load_queries() if queries is None else queries
    answers = run_queries(index_file, [q.query for q in queries])
    found = expected = 0
    misses = []
    for q in queries:
        top = [matter_code(r["url"]) for r in answers[q.query]["results"][:TOP]]
        for code in q.expect:
            expected += 1
            if code in top:
                found += 1
            else:
                misses.append((q.query, code, top))
    slow = max(answers.items(), key=lambda kv: kv[1]["ms"])
    return Recall(found, expected, misses, (slow[0], float(slow[1]["ms"])))


def write_index(data_dir: Path, docs_dir: Path, target: Path) -> Path:
    """The search index of a data folder (with the hand-written pages and generated guides), written to target."""
    from generator.model.docs import read_docs
    from generator.model.site import load_site
    from generator.pages.render import render_assets, render_pages
    from generator.pages.search import INDEX_PATH

    site = load_site(data_dir)
    docs = read_docs(docs_dir)
    target.write_text(render_assets(site, docs, render_pages(site, docs, {}))[INDEX_PATH], encoding="utf-8")
    return target
