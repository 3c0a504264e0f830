"""Time from a data edit to the updated pages in `mkdocs serve --dirty` (the editors' live preview).

Four kinds of edit, as editors make them: a matter's name, a matter's citation (its 法律依据 moved to another
article), a stage guide's text, and a law file's article text. For each, the benchmark waits as a page open in a
browser does: the engine's reload script asks the server (/livereload/<epoch>/<id>) and is answered once a newer
build is out. Then the pages that must show the edit are asked for over HTTP, each once, the print page at the same
time as the rest (as browsers showing them reload them); a page that does not show the edit then is a stale page
(a browser reloads it once).
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import yaml

KINDS = ("name", "citation", "stage", "law")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class StaleError(Exception):
    """A page that did not show the edit when asked after the reload."""


def _seen(base: str, path: str, shows: Callable[[str], bool], edited: float) -> float:
    """Seconds from the edit to path showing it, asked once; StaleError if it does not."""
    try:
        page = _read(base + path)
    except OSError as exc:
        raise StaleError(f"{path} could not be fetched after the reload: {exc}") from None
    if not shows(page):
        raise StaleError(f"{path} did not show the edit when asked after the reload: a stale page")
    return time.monotonic() - edited


def _read(url: str, timeout: float = 60) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return str(r.read().decode("utf-8"))


# The engine's reload script in a served page: livereload(<the build's epoch>, <an id for the page>).
_RELOAD = re.compile(r"livereload\((\d+), (\d+)\);")


def reloaded(base: str, page: str, timeout: float) -> None:
    """Return once the server says a build newer than page's is out, asking as page's reload script does; the
    server holds each request until then (for 60 s at most, then answers with the same build)."""
    found = next(reversed(list(_RELOAD.finditer(page))), None)  # the engine puts it last, before </body>
    if found is None:
        raise RuntimeError("the page holds no reload script: not a page of `mkdocs serve`")
    epoch, request = found.groups()
    deadline = time.monotonic() + timeout
    while int(_read(f"{base}livereload/{epoch}/{request}", timeout=90)) <= int(epoch):
        if time.monotonic() > deadline:
            raise RuntimeError(f"no newer build within {timeout} s")


def _get(url: str) -> str:
    """The page at url, or "" if it cannot be fetched (the server not up yet)."""
    try:
        return _read(url)
    except OSError:
        return ""


def serving(base: str, proc: subprocess.Popen[bytes], timeout: float) -> bool:
    """Wait until the `serve` started as proc answers with its home page; whether it did within timeout."""
    start = time.monotonic()
    while "md-content" not in _get(f"{base}index.html"):
        if time.monotonic() - start > timeout or proc.poll() is not None:
            return False
        time.sleep(0.2)
    return True


@dataclass(frozen=True)
class Edit:
    """One edit: the file and its new text, and for each page that must show it, a test of the page's text."""

    path: Path
    text: str
    pages: dict[str, tuple[str, Callable[[str], bool]]]  # key → (URL path, shows the edit)


def _has(needle: str) -> Callable[[str], bool]:
    return lambda page: needle in page


def _replace(text: str, old: str, new: str) -> str:
    if old not in text:
        raise RuntimeError(f"the benchmark's edit found no {old!r}")
    return text.replace(old, new, 1)


def _in_part(anchor: str, until: str, needle: str) -> Callable[[str], bool]:
    """The page shows needle in the part that begins at id="anchor" and ends where until is next found: an article
    of a law page and its "cited by" box (until the next article), a print page's section (a matter's m-<code>, a
    guide's g-…), not only elsewhere on the page (the print page's contents name a new name first)."""
    def shows(page: str) -> bool:
        at = page.find(f'id="{anchor}"')
        if at < 0:
            return False
        end = page.find(until, at + 1)
        return needle in page[at:end if end >= 0 else len(page)]
    return shows


def _left_out(anchor: str, until: str, needle: str) -> Callable[[str], bool]:
    """The page has the part at id="anchor" (see _in_part) and needle is no longer in it."""
    def shows(page: str) -> bool:
        return f'id="{anchor}"' in page and not _in_part(anchor, until, needle)(page)
    return shows


def _neighbour(matters: list[dict[str, Any]], matter: dict[str, Any]) -> str:
    """The code of the matter next to matter in list order among those citing its first article: its page lists
    matter among the matters citing the same article."""
    first = matter["法律依据"]["引用"][0]
    peers = [m for m in matters if first in m["法律依据"]["引用"]]
    at = peers.index(matter)
    return str(peers[at + 1 if at + 1 < len(peers) else at - 1]["事项代码"])


def make_edit(project: Path, kind: str, stamp: str) -> Edit:
    """The edit of this kind on the project's data, marked with stamp."""
    checklist = project / "data" / "checklist.yaml"
    text = checklist.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    matter = data["事项"][len(data["事项"]) // 2]
    code, category = matter["事项代码"], matter["类别"]
    cat_id = next(c["代号"] for c in data["分类"] if c["名称"] == category)
    if kind == "name":
        new_name = f"{matter['事项名称']}（已修改{stamp}）"
        shows = _has(f"（已修改{stamp}）")
        return Edit(checklist, _replace(text, f"事项名称: {matter['事项名称']}", f"事项名称: {new_name}"), {
            "matter": (f"matters/{code}.html", shows), "category": (f"categories/{cat_id}.html", shows),
            "list": ("assets/matter-rows.js", shows), "cited_by": ("laws/aqscf.html", shows),
            "search_index": ("assets/search-index.js", shows), "study": (f"training/study-{cat_id}.html", shows),
            "sheet": (f"training/inspection-{cat_id}.html", shows),
            "neighbour": (f"matters/{_neighbour(data['事项'], matter)}.html", shows),
            "print": ("print.html", _in_part(f"m-{code}", "</section>", f"（已修改{stamp}）"))})
    if kind == "citation":
        ref = matter["法律依据"]["引用"][0]
        if ref["法规"] != "安全生产法" or "款" in ref or "项" in ref:
            raise RuntimeError(f"the benchmark expects a whole article of 安全生产法, found {ref}")
        old, new = int(ref["条"]), 36 if int(ref["条"]) != 36 else 37
        start = text.index(f"事项代码: '{code}'")
        at = text.index(f"{{法规: 安全生产法, 条: {old}}}", start)
        edited = text[:at] + f"{{法规: 安全生产法, 条: {new}}}" + text[at + len(f"{{法规: 安全生产法, 条: {old}}}"):]
        # The matter page, the law's "cited by" box of the new article and no longer of the old one, and the
        # print page's section of the matter.
        return Edit(checklist, edited, {
            "matter": (f"matters/{code}.html", _has(f'laws/aqscf.html#a{new}"')),
            "cited_by": ("laws/aqscf.html", _in_part(f"a{new}", '<div class="article"', code)),
            "cited_by_old": ("laws/aqscf.html", _left_out(f"a{old}", '<div class="article"', code)),
            "print": ("print.html", _in_part(f"m-{code}", "</section>", f'laws/aqscf.html#a{new}"'))})
    if kind == "stage":
        stage = project / "data" / "stages" / "1-xcjc.yaml"
        old_text = stage.read_text(encoding="utf-8")
        note = "编者说明: 检查前打开本站要检查的重点执法事项页面"
        shows = _has(f"（测试修改{stamp}）")
        return Edit(stage, _replace(old_text, note, note.replace(": ", f": （测试修改{stamp}）")), {
            "stage": ("stages/xcjc.html", shows),
            "print": ("print.html", _in_part("g-stages-xcjc", "</section>", f"（测试修改{stamp}）"))})
    if kind == "law":
        law = project / "data" / "laws" / "aqscf.yaml"
        old_text = law.read_text(encoding="utf-8")
        sentence = "生产经营单位应当在有较大危险因素的生产经营场所和有关设施、设备上，设置明显的安全警示标志。"
        shows = _has(f"测试修改{stamp}")
        quoting = next(m["事项代码"] for m in data["事项"]
                       if {"法规": "安全生产法", "条": 35} in m["法律依据"]["引用"])
        quoting_cat = next(c["代号"] for c in data["分类"] for m in data["事项"]
                           if m["事项代码"] == quoting and c["名称"] == m["类别"])
        return Edit(law, _replace(old_text, f"- text: {sentence}", f"- text: {sentence}（测试修改{stamp}）"), {
            "law": ("laws/aqscf.html", shows), "matter": (f"matters/{quoting}.html", shows),
            "study": (f"training/study-{quoting_cat}.html", shows),
            "print": ("print.html", _in_part(f"m-{quoting}", "</section>", f"测试修改{stamp}"))})
    raise ValueError(kind)


def edit_to_update(project: Path, timeout: float = 120.0, kind: str = "name") -> dict[str, float]:
    """Seconds from saving an edit to each page showing it (see make_edit); "startup" is the first build's."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log:
        port = _free_port()
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",
                                 "-a", f"127.0.0.1:{port}"], cwd=project, stdout=log, stderr=subprocess.STDOUT)
        try:
            return _measure(project, f"http://127.0.0.1:{port}/", proc, log, timeout, kind)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def _measure(project: Path, base: str, proc: subprocess.Popen[bytes], log: IO[str], timeout: float,
             kind: str) -> dict[str, float]:
    start = time.monotonic()
    if not serving(base, proc, timeout):
        log.seek(0)
        raise RuntimeError(f"mkdocs serve did not start:\n{log.read()[-3000:]}")
    startup = time.monotonic() - start
    edit = make_edit(project, kind, str(time.time_ns()))
    before = edit.path.read_text(encoding="utf-8")
    shown = {key: _get(base + path) for key, (path, _) in edit.pages.items()}
    for key, (path, shows) in edit.pages.items():
        if shows(shown[key]):
            raise RuntimeError(f"{kind}: {key} ({path}) shows the edit before it is made")
    time.sleep(1.0)  # let the server settle after its first build
    edited = time.monotonic()
    edit.path.write_text(edit.text, encoding="utf-8")
    seen: dict[str, float] = {}
    try:
        # As a page open in a browser: told by the server that the rebuild is out, it reloads, once. So each page
        # is asked for once, and one that does not show the edit then is a stale page.
        reloaded(base, shown[next(iter(edit.pages))], timeout)
        # The print page at once, beside the others (a browser showing it reloads it at the same moment).
        with ThreadPoolExecutor(max_workers=1) as beside:
            later = {key: beside.submit(_seen, base, path, shows, edited)
                     for key, (path, shows) in edit.pages.items() if key == "print"}
            for key, (path, shows) in edit.pages.items():
                if key not in later:
                    seen[key] = _seen(base, path, shows, edited)
            seen.update((key, future.result()) for key, future in later.items())
    except StaleError as exc:
        raise RuntimeError(f"{kind}: {exc}") from None
    finally:
        edit.path.write_text(before, encoding="utf-8")  # each run measures the same edit of the same data
    return {"startup": startup, **seen}
