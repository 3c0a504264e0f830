"""Generated files beside the pages: the search index and quiz scripts, and the downloads (xlsx, docx)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from functools import lru_cache

from ..model.docs import page_title
from ..model.site import Site
from ..model.training import questions
from ..published.export import XLSX_PATH, bank_docx, bank_xlsx, checklist_xlsx, inspection_xlsx, stamp_text
from .listings import MATTER_ROWS, matter_rows
from .search import INDEX_PATH, build_index
from .training_pages import BANK_DOCX, BANK_XLSX, QUIZ_DATA, inspection_path, inspection_rows, quiz_data
from .training_pages import inspection_xlsx as inspection_xlsx_path


def render_assets(site: Site, docs: dict[str, str] | None = None,
                  generated: dict[str, str] | None = None) -> dict[str, str]:
    """Generated scripts: the search index (over hand-written pages and the generated pages with text of their
    own, see indexed), the quiz, and every row of the list of matters (for its filter)."""
    guides = {p: md for p, md in (generated or {}).items() if indexed(p)}
    pages = {path: (page_title(md, path), md) for path, md in {**(docs or {}), **guides}.items()}
    return {INDEX_PATH: build_index(site, pages), QUIZ_DATA: quiz_data(questions(site)), MATTER_ROWS: matter_rows(site)}


def indexed(path: str) -> bool:
    """Generated pages with text of their own; study pages, sheets and the bank restate the matters, which are
    indexed already (indexing them again would make the index three times as large at 1,000 matters)."""
    if path.startswith("stages/"):
        return not path.endswith("-checklist.md")
    return path in {"guidance.md", "training/index.md", "training/plan.md", "training/report-weekly.md",
                    "training/report-monthly.md"}


def render_downloads(site: Site, built: str = "") -> dict[str, bytes]:
    """Generated files to download: the list, the question bank and the inspection sheets (xlsx, docx)."""
    return dict(iter_downloads(site, built))


def iter_downloads(site: Site, built: str = "") -> Iterator[tuple[str, bytes]]:
    """The downloads one at a time (so that `serve` can stop between two when a new edit comes).

    Each carries the data version and the build date (built) in its header or footer and its properties.
    """
    stamp = stamp_text(site.data_date, built)
    qs = tuple(questions(site))
    yield XLSX_PATH, _made(checklist_xlsx, site.checklist, stamp)
    yield BANK_XLSX, _made(bank_xlsx, qs, stamp)
    yield BANK_DOCX, _made(bank_docx, qs, f"大比武题库（{site.checklist.title}）", stamp)
    for c in site.checklist.categories:
        rows = tuple((r.code, r.name, r.what, "、".join(link.text for link in r.basis))
                     for r in inspection_rows(site, c, inspection_path(c)))
        yield inspection_xlsx_path(c), _made(inspection_xlsx, rows, c.name, stamp)


@lru_cache(maxsize=64)  # a few sites' worth: editions one after another, `serve` after edits
def _made(make: Callable[..., bytes], *args: Hashable) -> bytes:
    """A download made from exactly these arguments, made once: the editions share most of them (a county's
    edition differs only where its own matters join the list), and `serve` remakes only what an edit changed."""
    return make(*args)


