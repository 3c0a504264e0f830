"""Everything a build needs: the checklist, the law library, and what cites what."""

from __future__ import annotations

import subprocess
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from functools import cached_property
from pathlib import Path
from typing import Any

from .changelog import load_records
from .citations import full_label, unresolved_in_laws
from .counties import County, load_counties
from .datafiles import check_data_files
from .discretion import Tables, load_tables
from .errors import DataError, Problem, errors_only
from .guidance import GUIDANCE_FILE
from .laws import load_library
from .load import load_checklist
from .model import ArticleKey, Checklist, Library, Matter, Quote, Ref
from .quotes import QuoteCheck, check_quote, describe
from .stages import Procedures, load_procedures
from .synonyms import Synonyms, load_synonyms

BASIS, PENALTY = "法律依据", "处罚条款"


@dataclass(frozen=True)
class Citing:
    """A matter that cites a place of law, and in which role."""

    matter: Matter
    role: str
    ref: Ref


@dataclass
class Site:
    """The loaded, validated data with its cross-references."""

    checklist: Checklist
    library: Library
    data_date: str = ""
    warnings: list[Problem] = field(default_factory=list)
    cited_by: dict[ArticleKey, list[Citing]] = field(default_factory=dict)
    quote_checks: dict[tuple[str, str], list[QuoteCheck]] = field(default_factory=dict)
    procedures: Procedures = field(default_factory=Procedures)
    changelog: list[dict[str, Any]] = field(default_factory=list)
    guidance: str = ""
    discretion: Tables = field(default_factory=Tables)
    synonyms: Synonyms = ()
    counties: tuple[County, ...] = ()
    edition: County | None = None  # None: the city edition (衢州市), else the county whose edition this is

    @property
    def edition_name(self) -> str:
        """The edition's name, shown on every page."""
        return f"{self.edition.name}版" if self.edition is not None else "衢州市版（各县（市、区）并列）"

    def citing(self, law: str, article: int, sub: int = 0) -> list[Citing]:
        """Matters citing this article (any of its 款 or 项)."""
        return self.cited_by.get((law, article, sub), [])

    def related(self, matter: Matter, shown: int) -> list[tuple[Ref, list[Matter], int]]:
        """For each article a matter cites: the at most `shown` other matters citing it nearest in list order (in
        list order), and how many other matters cite it in all. Each look-up is a bisection, not a scan: with every
        matter citing a few common articles, a scan per matter would make the site quadratic in the list."""
        out = []
        for ref in sorted({r.article_ref() for r in (*matter.basis.refs, *matter.penalty.refs)}):
            seqs, peers = self._peers.get((ref.law, ref.article, ref.sub), ((), ()))
            out.append((ref, *nearest(matter, seqs, peers, shown)))
        return out

    @cached_property
    def _peers(self) -> dict[ArticleKey, tuple[tuple[int, ...], tuple[Matter, ...]]]:
        """For each article, the matters citing it (each once) in list order, and their positions in the list."""
        out = {}
        for key, citing in self.cited_by.items():
            matters = sorted({c.matter.code: c.matter for c in citing}.values(), key=lambda m: m.seq)
            out[key] = (tuple(m.seq for m in matters), tuple(matters))
        return out


def index_citations(checklist: Checklist) -> dict[ArticleKey, list[Citing]]:
    """Map every cited article to the matters that cite it."""
    index: dict[ArticleKey, list[Citing]] = defaultdict(list)
    for m in checklist.matters:
        for role, quote in _quotes(m):
            for ref in quote.refs:
                index[ref.article_id].append(Citing(m, role, ref))
    return dict(index)


def nearest(matter: Matter, seqs: tuple[int, ...], peers: tuple[Matter, ...],
            count: int) -> tuple[list[Matter], int]:
    """The count peers other than matter nearest to it in list order (ties: the earlier), in list order, and how
    many peers there are besides matter; seqs are the peers' positions, ascending."""
    at = bisect_left(seqs, matter.seq)
    itself = at < len(peers) and peers[at].code == matter.code
    left, right = at - 1, at + 1 if itself else at
    picked: list[Matter] = []
    while len(picked) < count and (left >= 0 or right < len(peers)):
        if right >= len(peers) or (left >= 0 and matter.seq - seqs[left] <= seqs[right] - matter.seq):
            picked.append(peers[left])
            left -= 1
        else:
            picked.append(peers[right])
            right += 1
    return sorted(picked, key=lambda m: m.seq), len(peers) - itself


def data_date(data_dir: Path) -> str:
    """The date of the last change to the data: its last commit, else the newest file's time."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "."], cwd=data_dir,
                             capture_output=True, text=True, timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = ""
    if out:
        return out
    newest = max((p.stat().st_mtime for p in data_dir.rglob("*") if p.is_file()), default=0)
    return datetime.fromtimestamp(newest, tz=UTC).strftime("%Y-%m-%d")


CHINA = timezone(timedelta(hours=8))


def build_date(environ: Mapping[str, str]) -> str:
    """Today's date in China, or SOURCE_DATE_EPOCH's when it is set (for reproducible builds)."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), tz=CHINA) if epoch else datetime.now(tz=CHINA)
    return moment.strftime("%Y-%m-%d")


def load_site(data_dir: Path, display_dir: str | None = None, county: str | None = None) -> Site:
    """Load and check all data; raises DataError carrying every error (warnings travel with the Site).

    county names the edition (a data/counties/<id>.yaml); None builds the city edition.
    """
    library = load_library(data_dir / "laws")
    loaded = load_checklist(data_dir, library, display_dir)
    # Read once: the delegation check quotes it and the data-file check links its citations.
    guidance_text, guidance_problems = read_guidance(data_dir, display_dir)
    procedures = load_procedures(data_dir, library, display_dir, guidance_text)
    records, record_problems = load_records(data_dir, display_dir if display_dir is not None else str(data_dir))
    shown = display_dir if display_dir is not None else str(data_dir)
    tables, table_problems = load_tables(data_dir, library, shown)
    synonyms, synonym_problems = load_synonyms(data_dir, display_dir)
    problems = (loaded.problems + procedures.problems + record_problems + guidance_problems + table_problems
                + synonym_problems + check_data_files(data_dir, library, shown, guidance=guidance_text))
    counties, county_problems = load_counties(data_dir, loaded.checklist, library, shown)
    problems += county_problems
    edition = next((c for c in counties if c.id == county), None) if county else None
    if county and edition is None and not county_problems:
        problems.append(Problem(f"{shown}/counties/{county}.yaml", 0, "", f"没有代号为 {county!r} 的县（市、区）",
                                "现有：" + ("、".join(c.id for c in counties) or "（无）")))
    if errors_only(problems) or loaded.checklist is None:
        raise DataError(problems)
    checklist = loaded.checklist
    if edition is not None and edition.own:
        # The county's own key matters join its edition's list: pages, list, sheets and training all show them.
        checklist = replace(checklist, matters=checklist.matters + edition.own)
    checks = quote_checks(checklist, library)
    file = f"{display_dir if display_dir is not None else data_dir}/checklist.yaml"
    warnings = [p for p in problems if p.severity == "warning"]
    warnings += quote_warnings(checklist, checks, library, file)
    warnings += [Problem(f"{display_dir or data_dir}/laws/{law.id}.yaml", 0, article.label,
                         f"无法链接“{c.text}”：{c.problem}", severity="warning")
                 for law, article, c in unresolved_in_laws(library)]
    return Site(checklist, library, data_date(data_dir), warnings, index_citations(checklist), checks, procedures,
                records, guidance_text, tables, synonyms, counties, edition)


def read_guidance(data_dir: Path, display_dir: str | None = None) -> tuple[str, list[Problem]]:
    """data/guidance.txt ('' when there is none); bytes that are not UTF-8 are an error naming their line.

    With that error the text is still returned (those bytes as U+FFFD), so the checks that quote it report
    what they would report anyway; the error stops the build.
    """
    path = data_dir / GUIDANCE_FILE
    shown = f"{display_dir if display_dir is not None else data_dir}/{GUIDANCE_FILE}"
    if not path.exists():
        return "", []
    data = path.read_bytes()
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        problem = Problem(shown, line, "",
                          f"不是 UTF-8 文本（第 {line} 行有无法按 UTF-8 读取的字节 0x{data[exc.start]:02x}）",
                          "用记事本或 WPS 把文件另存为 UTF-8 编码；或用 `python -m generator guidance` 重新生成")
        return data.decode("utf-8", errors="replace"), [problem]


def quote_checks(checklist: Checklist, library: Library) -> dict[tuple[str, str], list[QuoteCheck]]:
    """The quote check of every matter's 法律依据 and 处罚条款."""
    return {(m.code, role): check_quote(q, library) for m in checklist.matters for role, q in _quotes(m)}


def _quotes(m: Matter) -> tuple[tuple[str, Quote], ...]:
    return ((BASIS, m.basis), (PENALTY, m.penalty))


def quote_warnings(checklist: Checklist, checks: dict[tuple[str, str], list[QuoteCheck]], library: Library,
                   file: str) -> list[Problem]:
    """A warning for each quote whose wording is not the official text."""
    out = []
    for m in checklist.matters:
        for role, quote in _quotes(m):
            for c in checks[(m.code, role)]:
                if c.differs:
                    out.append(Problem(file, quote.line, quote.key,
                                       f"{m.code}：清单所录{full_label(library, c.closest)}的文字与正式文本不一致："
                                       f"{describe(c.diff)}", severity="warning"))
    return out
