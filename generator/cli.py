"""Command line: validate, build, emit, laws import. Domain errors become messages here, once."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .changelog import with_record, write_changelog
from .checklist_yaml import dump_checklist
from .docs import check_docs, read_docs
from .errors import DataError, Problem, disk_problem, errors_only, write_file
from .export import checklist_xlsx
from .guidance import GUIDANCE_FILE, blocks, extract
from .importer import read_source, rows_to_matters
from .laws import import_law_file, load_library
from .load import load_checklist_text
from .merge import change_record, merge
from .render import render_assets, render_downloads, render_pages
from .site import Site, build_date, data_date, load_site
from .yamlsource import read_yaml

SITE_FOLDER = "yjzf-site"
SITE_TITLE = "乡镇应急管理执法知识库"
DEFAULT_TITLE = "衢州市应急管理系统安全生产重点执法事项清单"


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
    im = with_data(sub.add_parser("import", help="read the official list (.txt, .xlsx, .docx) into the data"),
                   docs=False)
    im.add_argument("file", type=Path, help="the list as published")
    im.add_argument("-o", "--output", type=Path, help="the checklist to merge into (default: DATA/checklist.yaml)")
    ex = with_data(sub.add_parser("export", help="write the list in the official column layout"), docs=False)
    ex.add_argument("--xlsx", type=Path, required=True, help="the .xlsx file to write")
    gd = with_data(sub.add_parser("guidance", help="copy the guidance's text from the issued document"), docs=False)
    gd.add_argument("file", type=Path, help="the guidance as issued (text; its appendix table is the list)")
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
    pages: dict[str, str | bytes] = {**rendered, **render_assets(site, docs, rendered), **render_downloads(site)}
    for path, content in pages.items():
        out = args.out / path
        out.parent.mkdir(parents=True, exist_ok=True)
        write_file(out, content)
    print(f"wrote {len(pages)} files to {args.out}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .publish import PublishError, publish

    # The data is loaded and checked once, by the MkDocs plugin; its problems come back in the PublishError.
    if not (args.data / "checklist.yaml").exists():
        _report([Problem(f"{args.data}/checklist.yaml", 0, "", "file not found",
                         "pass the data folder with --data DIR")])
        return 1
    version = data_date(args.data)
    name = f"{SITE_TITLE}-{version}.zip"
    try:
        done = publish(args.config, args.data, args.site_dir, None if args.no_zip else args.dist_dir, name,
                       f"{SITE_FOLDER}-{version}")
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


def cmd_import(args: argparse.Namespace) -> int:
    output: Path = args.output or args.data / "checklist.yaml"
    try:
        library = load_library(args.data / "laws")
        imported = rows_to_matters(read_source(args.file), library)
        existing = _existing(output)
    except DataError as exc:
        _report(exc.problems)
        print(f"nothing was written to {output}", file=sys.stderr)
        return 1
    data, changes = merge(existing, imported, DEFAULT_TITLE, f"{args.file.name}")
    text = dump_checklist(data)
    checked = load_checklist_text(text, str(output), library)
    if errors_only(checked.problems):
        _report(checked.problems)
        print(f"nothing was written to {output}", file=sys.stderr)
        return 1
    if changes.empty and output.exists() and output.read_text(encoding="utf-8") == text:
        print(f"{args.file.name}: {len(imported)} matters, no changes")
        return 0
    log = None
    if not changes.empty:
        try:  # the changelog is read and checked before anything is written
            log = with_record(output.parent, change_record(changes, build_date(os.environ), args.file.name))
        except DataError as exc:
            _report(exc.problems)
            print(f"nothing was written to {output}", file=sys.stderr)
            return 1
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".tmp")
    write_file(tmp, text)
    tmp.replace(output)
    if log is not None:
        write_changelog(output.parent, log)
    print(f"{args.file.name}: {len(imported)} matters written to {output}")
    for line in changes.summary():
        print(f"  {line}")
    return 0


def _existing(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    src = read_yaml(path)
    if src.problems or not isinstance(src.data, dict):
        raise DataError(src.problems or [Problem(str(path), 1, "", "expected a mapping with 分类 and 事项")])
    return src.data


def cmd_guidance(args: argparse.Namespace) -> int:
    try:
        text = extract(args.file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        _report([Problem(str(args.file), 0, "", f"cannot read it as UTF-8 text ({exc})")])
        return 1
    target = args.data / GUIDANCE_FILE
    write_file(target, text)
    print(f"wrote {len(blocks(text))} paragraphs to {target}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    site = _load(args.data)
    if site is None:
        return 1
    args.xlsx.parent.mkdir(parents=True, exist_ok=True)
    write_file(args.xlsx, checklist_xlsx(site.checklist))
    print(f"wrote {len(site.checklist.matters)} matters to {args.xlsx}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; 0 on success, 1 on bad input."""
    args = _parser().parse_args(argv)
    handler = {"validate": cmd_validate, "build": cmd_build, "emit": cmd_emit, "laws": cmd_laws,
               "import": cmd_import, "export": cmd_export, "guidance": cmd_guidance}[args.command]
    try:
        return handler(args)
    except OSError as exc:
        # The one place a disk error (permission, full disk, missing folder) becomes a message; any other
        # exception is a defect in the generator and keeps its traceback.
        _report([disk_problem(exc)])
        print(f"{args.command} 没有完成。", file=sys.stderr)
        return 1
