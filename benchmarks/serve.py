"""Time from a data edit to the updated pages in `mkdocs serve --dirty` (the editors' live preview)."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return str(r.read().decode("utf-8"))
    except OSError:
        return ""


def edit_to_update(project: Path, timeout: float = 120.0) -> dict[str, float]:
    """Seconds from saving an edited name to each page showing it: matter, category, list, law, index, the
    category's study page and inspection sheet, and the print page (finished just after the others)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",
                             "-a", f"127.0.0.1:{port}"], cwd=project,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        checklist = project / "data" / "checklist.yaml"
        data = yaml.safe_load(checklist.read_text(encoding="utf-8"))
        matter = data["事项"][len(data["事项"]) // 2]
        code, category = matter["事项代码"], matter["类别"]
        cat_id = next(c["代号"] for c in data["分类"] if c["名称"] == category)
        law_page = "laws/aqscf.html"
        start = time.monotonic()
        while code not in _get(f"{base}matters/{code}.html"):
            if time.monotonic() - start > timeout or proc.poll() is not None:
                raise RuntimeError("mkdocs serve did not start")
            time.sleep(0.2)
        startup = time.monotonic() - start
        new_name = f"{matter['事项名称']}（已修改{int(time.time())}）"
        text = checklist.read_text(encoding="utf-8")
        text = text.replace(f"事项名称: {matter['事项名称']}", f"事项名称: {new_name}", 1)
        time.sleep(1.0)  # let the server settle after its first build
        edited = time.monotonic()
        checklist.write_text(text, encoding="utf-8")
        targets = {"matter": f"matters/{code}.html", "category": f"categories/{cat_id}.html",
                   "list": "matters/index.html", "cited_by": law_page, "search_index": "assets/search-index.js",
                   "study": f"training/study-{cat_id}.html", "sheet": f"training/inspection-{cat_id}.html",
                   "print": "print.html"}
        seen: dict[str, float] = {}
        needle = re.escape(new_name[-12:])
        # Like a browser, ask for one small page until it changes (a request storm would slow the server
        # it measures), then for the others; any not yet updated are asked for again.
        while len(seen) < len(targets):
            now = time.monotonic()
            if now - edited > timeout:
                raise RuntimeError(f"not updated within {timeout} s: {sorted(set(targets) - set(seen))}")
            for key, path in targets.items():
                if key in seen or ("matter" not in seen and key != "matter"):
                    continue
                if key == "print" and len(seen) < len(targets) - 1:
                    continue  # tens of megabytes: asked for once the small pages are seen
                if re.search(needle, _get(base + path)):
                    seen[key] = time.monotonic() - edited
            time.sleep(0.05)
        return {"startup": startup, **seen}
    finally:
        proc.terminate()
        proc.wait(timeout=30)
