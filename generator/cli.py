"""Command line: validate, build, emit, laws import. Domain errors become messages here, once."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .docs import check_docs, read_docs
from .errors import DataError, Problem
from .laws import import_law_file
from .render import render_assets, render_pages
from .site import Site, load_site

SITE_FOLDER = "yjzf-site"
SITE_TITLE = "乡镇应急管理执法知识库"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m generator", description="乡镇（街道）应急管理执法知识库生成器")
    sub = p.add_subparsers(dest="command", required=True)

    def with_data(sp: argparse.ArgumentParser, docs: bool = True) -> argparse.ArgumentParser:
        sp.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data/)")
        if docs:
            sp.add_argument("--docs", type=Path, default=Path("docs"),
                            help="the hand-written pages, for their citations (default: docs/)")
        return sp

    with_data(sub.add_parser("validate", help="check the data and report every problem"))
    b = with_data(sub.add_parser("build", help="validate, then build site/ and dist/*.zip"), docs=False)
    b.add_argument("--site-dir", type=Path, default=Path("site"), help="where the site goes (default: site/)")
    b.add_argument("--dist-dir", type=Path, default=Path("dist"), help="where the offline zip goes (default: dist/)")
    b.add_argument("--no-zip", action="store_true", help="build the site only")
    b.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the MkDocs configuration")
    e = with_data(sub.add_parser("emit", help="write the generated Markdown pages to a folder"))
    e.add_argument("out", type=Path, help="the folder to write into")
    laws = sub.add_parser("laws", help="the law library")
    laws_sub = laws.add_subparsers(dest="laws_command", required=True)
    li = with_data(laws_sub.add_parser("import", help="convert official texts into data/laws/<id>.yaml"), docs=False)
    li.add_argument("files", type=Path, nargs="+", help="NAME(YYYY-MM-DD).md files")
    return p


def _report(problems: Sequence[Problem]) -> None:
    for problem in sorted(problems):
        print(problem, file=sys.stderr)


def _load(data: Path) -> Site | None:
    if not (data / "checklist.yaml").exists():
        _report([Problem(f"{data}/checklist.yaml", 0, "", "file not found", "pass the data folder with --data DIR")])
        return None
    try:
        site = load_site(data, display_dir=str(data))
    except DataError as exc:
        _report(exc.problems)
        errors = sum(p.severity == "error" for p in exc.problems)
        print(f"{errors} error(s); nothing was built.", file=sys.stderr)
        return None
    _report(site.warnings)
    return site


def cmd_validate(args: argparse.Namespace) -> int:
    site = _load(args.data)
    if site is None:
        return 1
    problems = check_docs(read_docs(args.docs), site.library, str(args.docs))
    if problems:
        _report(problems)
        print(f"{len(problems)} error(s) in {args.docs}/", file=sys.stderr)
        return 1
    cl = site.checklist
    refs = sum(len(m.basis.refs) + len(m.penalty.refs) for m in cl.matters)
    print(f"{args.data}/checklist.yaml: {len(cl.matters)} matters in {len(cl.categories)} categories, "
          f"{refs} citations of {len(site.library.laws)} laws, {len(site.warnings)} warning(s), no errors")
    return 0


def cmd_emit(args: argparse.Namespace) -> int:
    site = _load(args.data)
    if site is None:
        return 1
    docs = read_docs(args.docs)
    rendered = render_pages(site, docs)
    pages = {**rendered, **render_assets(site, docs, rendered)}
    for path, text in pages.items():
        out = args.out / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    print(f"wrote {len(pages)} files to {args.out}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .publish import PublishError, publish

    site = _load(args.data)
    if site is None:
        return 1
    name = f"{SITE_TITLE}-{site.data_date}.zip"
    try:
        done = publish(args.config, args.data, args.site_dir, None if args.no_zip else args.dist_dir, name,
                       f"{SITE_FOLDER}-{site.data_date}")
    except PublishError as exc:
        print(f"build failed: {exc}\nThe last good site and zip were left as they were.", file=sys.stderr)
        return 1
    for warning in done.warnings:
        print(warning, file=sys.stderr)
    offline = f"; offline copy {done.zip_path}" if done.zip_path else ""
    print(f"built {done.pages} pages into {done.site_dir}{offline}")
    return 0


def cmd_laws(args: argparse.Namespace) -> int:
    try:
        for path in args.files:
            print(f"{path} -> {import_law_file(path, args.data / 'laws')}")
    except DataError as exc:
        _report(exc.problems)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; 0 on success, 1 on bad input."""
    args = _parser().parse_args(argv)
    handler = {"validate": cmd_validate, "build": cmd_build, "emit": cmd_emit, "laws": cmd_laws}[args.command]
    return handler(args)
