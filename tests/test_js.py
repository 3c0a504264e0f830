"""The site's scripts as code: their unit tests (tests/js/, Node's test runner) pass, and the list of matters has
the columns docs/assets/matter-table.js reads (the search index and quiz data: tests/test_search.py, test_training.py).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

from .searchquery import ROOT, node, node_json

JS_TESTS = ROOT / "tests" / "js"
MATTER_TABLE_JS = ROOT / "docs" / "assets" / "matter-table.js"


def test_node_unit_tests_pass() -> None:
    files = sorted(str(p) for p in JS_TESTS.glob("*.test.js"))
    assert len(files) >= 3
    out = subprocess.run([node(), "--test", *files], capture_output=True, text=True, timeout=300, check=False)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]


def test_matter_list_has_the_category_column_matter_table_js_filters_on(built: Path) -> None:
    page = (built / "site" / "matters" / "index.html").read_text(encoding="utf-8")
    box = re.search(r'<div class="matter-table" data-categories="([^"]*)"[^>]*>(.*?)</div>', page, re.DOTALL)
    assert box is not None
    heads = [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", box.group(2), re.DOTALL)]
    column = node_json(f"console.log(require({json.dumps(str(MATTER_TABLE_JS))}).CATEGORY_COLUMN)")
    assert heads[column] == "类别"
    categories = json.loads(html.unescape(box.group(1)))
    script = (f"const t = require({json.dumps(str(MATTER_TABLE_JS))});"
              f"console.log(JSON.stringify(t.categories({json.dumps(html.unescape(box.group(1)))})))")
    assert node_json(script) == categories and categories
