"""Command line: validate, build, emit, finish, import, export, guidance, laws. Domain errors become messages here."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from ..built.finish import finish_emitted
from ..model.changelog import with_record, write_changelog
from ..model.checklist_yaml import dump_checklist
from ..model.counties import COUNTIES_DIR
from ..model.docs import check_docs, read_docs
from ..model.errors import DataError, Problem, disk_problem, errors_only, write_file
from ..model.guidance import GUIDANCE_FILE, GUIDANCE_SOURCE, blocks, extract
from ..model.laws import TEXTS_DIR, default_law_files, import_law_file, load_library
from ..model.load import load_checklist_text
from ..model.site import Site, build_date, data_date, load_site
from ..model.urls import URLS
from ..model.yamlsource import read_yaml
from ..pages.handbook import PRINT_PAGE
from ..pages.page import PARTS
from ..published.export import checklist_xlsx
from ..published.importer import read_source, rows_to_matters
from ..published.merge import change_record, merge
from .engine import DEFAULT_ENGINE, ENGINES
from .stage import emitted

SITE_FOLDER = "yjzf-site"
SITE_TITLE = "乡镇应急管理执法知识库"
DEFAULT_TITLE = "衢州市应急管理系统安全生产重点执法事项清单"


# argparse's own words, for the county staff who run the commands.
_ARGPARSE_WORDS = (
    ("the following arguments are required", "缺少必需的参数"),
    ("unrecognized arguments", "无法识别的参数"),
    ("invalid choice", "没有这个命令"),
    ("choose from", "可选"),
    ("expected one argument", "需要一个参数"),
    ("argument ", "参数 "),
)


class _HelpFormatter(argparse.HelpFormatter):
    """Help text with a Chinese usage line."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Chinese: section titles, -h, and its error messages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{"add_help": False, "formatter_class": _HelpFormatter, **kwargs})
        self._positionals.title, self._optionals.title = "参数", "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        for english, chinese in _ARGPARSE_WORDS:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{message}（提示：加 -h 查看用法）\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m generator", description="乡镇（街道）应急管理执法知识库生成器")
    sub = p.add_subparsers(dest="command", required=True, title="命令", parser_class=_Parser)

    def with_data(sp: argparse.ArgumentParser, docs: bool = True) -> argparse.ArgumentParser:
        sp.add_argument("--data", type=Path, default=Path("data"), help="数据目录（默认 data/）")
        if docs:
            sp.add_argument("--docs", type=Path, default=Path("docs"),
                            help="手写页面目录，检查其中的法条引用（默认 docs/）")
        return sp

    with_data(sub.add_parser("validate", help="检查数据，一次列出全部问题"))
    b = with_data(sub.add_parser("build", help="检查数据，然后生成网站 site/ 和离线包 dist/*.zip"), docs=False)
    b.add_argument("--site-dir", type=Path, default=Path("site"), help="网站输出目录（默认 site/）")
    b.add_argument("--dist-dir", type=Path, default=Path("dist"), help="离线包输出目录（默认 dist/）")
    b.add_argument("--no-zip", action="store_true", help="只生成网站，不打离线包")
    b.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs 配置文件（默认 mkdocs.yml）")
    b.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE,
                   help=f"建站引擎（默认 {DEFAULT_ENGINE}；properdocs 是 MkDocs 1.x 的延续，读同一个 mkdocs.yml）")
    b.add_argument("--jobs", type=int, default=0, metavar="N",
                   help="同时生成几个版本（默认：CPU 核数；只在 --all-counties 时有用）")
    editions = b.add_mutually_exclusive_group()
    editions.add_argument("--county", metavar="代号",
                          help="生成这个县（市、区）的版本（data/counties/<代号>.yaml）到 <网站目录>-<代号>/；"
                               "默认生成市级版")
    editions.add_argument("--all-counties", action="store_true", help="生成市级版和每个县（市、区）的版本")
    e = with_data(sub.add_parser("emit", help="把生成的 Markdown 页面写到一个目录（供其他建站工具使用）"))
    e.add_argument("out", type=Path, help="写入的目录")
    f = sub.add_parser("finish", help="其他建站工具用 emit 写出的页面生成网站后：组装打印版，整理网站")
    f.add_argument("--site-dir", type=Path, default=Path("site"), help="建站工具生成的网站目录（默认 site/）")
    im = with_data(sub.add_parser("import", help="导入正式发布的清单（.txt、.xlsx、.docx），合并进数据"),
                   docs=False)
    im.add_argument("file", type=Path, help="正式发布的清单文件")
    im.add_argument("-o", "--output", type=Path, help="合并到哪个清单文件（默认 数据目录/checklist.yaml）")
    ex = with_data(sub.add_parser("export", help="按正式清单的列格式导出清单"), docs=False)
    ex.add_argument("--xlsx", type=Path, required=True, help="要写出的 .xlsx 文件")
    gd = with_data(sub.add_parser("guidance", help="从印发的文件中提取指导意见正文，写入 数据目录/guidance.txt"),
                   docs=False)
    gd.add_argument("file", type=Path, nargs="?",
                    help=f"印发的指导意见（文本，附件表格即清单；默认 数据目录/{GUIDANCE_SOURCE.as_posix()}）")
    laws = sub.add_parser("laws", help="法律法规库")
    laws_sub = laws.add_subparsers(dest="laws_command", required=True, title="命令", parser_class=_Parser)
    li = with_data(laws_sub.add_parser("import", help="把正式文本转换为 data/laws/<代号>.yaml"), docs=False)
    li.add_argument("files", type=Path, nargs="*",
                    help=f"名称(YYYY-MM-DD).md 文件（默认：sources.yaml 登记的全部文本，"
                         f"在 数据目录/{TEXTS_DIR.as_posix()}/）")
    return p


def _report(problems: Sequence[Problem]) -> None:
    for problem in sorted(problems):
        print(problem, file=sys.stderr)


def _load(data: Path) -> Site | None:
    if not (data / "checklist.yaml").exists():
        _report([Problem(f"{data}/checklist.yaml", 0, "", "找不到文件", "用 --data 目录 指定数据目录")])
        return None
    try:
        site = load_site(data, display_dir=str(data))
    except DataError as exc:
        _report(exc.problems)
        errors = sum(p.severity == "error" for p in exc.problems)
        print(f"{errors} 个错误；没有生成任何内容。", file=sys.stderr)
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
        print(f"{args.docs}/ 中有 {len(problems)} 个错误", file=sys.stderr)
        return 1
    cl = site.checklist
    refs = sum(len(m.basis.refs) + len(m.penalty.refs) for m in cl.matters)
    print(f"{args.data}/checklist.yaml：{len(cl.categories)} 类 {len(cl.matters)} 个事项，"
          f"引用 {len(site.library.laws)} 部法律法规 {refs} 处，{len(site.warnings)} 个警告，没有错误")
    return 0


def cmd_emit(args: argparse.Namespace) -> int:
    site = _load(args.data)
    if site is None:
        return 1
    pages = emitted(site, read_docs(args.docs), build_date(os.environ))
    for path, content in pages.items():
        out = args.out / path
        out.parent.mkdir(parents=True, exist_ok=True)
        write_file(out, content)
    print(f"已写出 {len(pages)} 个文件到 {args.out}")
    print(f"用建站工具生成网站后，请运行 python -m generator finish --site-dir <网站目录>，把各事项和指引组装进打印版"
          f"（{URLS.output(PRINT_PAGE)}）")
    return 0


def cmd_finish(args: argparse.Namespace) -> int:
    site_dir: Path = args.site_dir
    try:
        filled = finish_emitted(site_dir)
    except FileNotFoundError:
        _report([Problem(f"{site_dir}/{URLS.output(PRINT_PAGE)}", 0, "", "找不到打印版页面",
                         "先用建站工具把 emit 写出的页面生成网站（mkdocs.yml 中 use_directory_urls: false），"
                         "再用 --site-dir 指定网站目录")])
        return 1
    if filled.filled == 0 and filled.empty:
        _report([Problem(f"{site_dir}/{URLS.output(PRINT_PAGE)}", 0, "", "打印版的各节都没有找到页面正文",
                         "打印版从建好的页面中取 <article class=\"md-content__inner md-typeset\"> 的内容，"
                         "需要 Material 主题")])
        return 1
    print(f"打印版已组装：{filled.filled} 节" + (f"，{filled.empty} 节找不到页面、留空" if filled.empty else ""))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    # The data is loaded and checked once per edition, by the MkDocs plugin; problems come back in a PublishError.
    if not (args.data / "checklist.yaml").exists():
        _report([Problem(f"{args.data}/checklist.yaml", 0, "", "找不到文件",
                         "用 --data 目录 指定数据目录")])
        return 1
    known = [p.stem for p in sorted((args.data / COUNTIES_DIR).glob("*.yaml"))]
    if args.county and args.county not in known:
        _report([Problem(f"{args.data}/{COUNTIES_DIR}/{args.county}.yaml", 0, "", "没有这个县（市、区）的数据文件",
                         "现有：" + ("、".join(known) or "（无）"))])
        return 1
    editions = ["", *known] if args.all_counties else [args.county or ""]
    results = _build_editions(args, editions)
    failed = [county or "市级版" for county, pending in zip(editions, results, strict=True) if pending is None]
    if failed and len(editions) > 1:
        print(f"{len(failed)} 个版本生成失败：{'、'.join(failed)}", file=sys.stderr)
    done = [pending for pending in results if pending is not None]
    if done:
        print(done[0])  # once: the pending facts are the same data in every edition
    return 1 if failed else 0


def _build_editions(args: argparse.Namespace, editions: list[str]) -> list[str | None]:
    """Build the editions, side by side on every core when there are several; for each, its pending line or None.

    After the first, each edition is built in a worker process (the engine runs in a child of it): their output
    is printed in edition order, whole, once each is done.
    """
    # What every edition's pages have in common is kept while they are built (the workers inherit it), then dropped.
    PARTS.keep = len(editions) > 1
    try:
        return _build_each(args, editions)
    finally:
        PARTS.keep = False
        PARTS.clear()


def _build_each(args: argparse.Namespace, editions: list[str]) -> list[str | None]:
    jobs = min(args.jobs or os.cpu_count() or 1, len(editions) - 1)
    if jobs <= 1:
        return [_pending_or_none(_build_edition(args, county)) for county in editions]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # The first edition alone: it fills the render cache, from which the others take every page they share.
    out = [_pending_or_none(_build_edition(args, editions[0]))]
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(_edition_job, args, county) for county in editions[1:]]
        for future in futures:
            stdout, stderr, pending = future.result()
            sys.stdout.write(stdout)
            sys.stderr.write(stderr)
            out.append(pending)
    return out


def _edition_job(args: argparse.Namespace, county: str) -> tuple[str, str, str | None]:
    """One edition in a worker process: what it printed, and its pending line."""
    import contextlib
    import io

    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            # One worker: the editions built side by side use the cores already.
            pending = _pending_or_none(_build_edition(args, county, workers=1))
        except OSError as exc:
            print(disk_problem(exc), file=sys.stderr)
            pending = None
    return stdout.getvalue(), stderr.getvalue(), pending


def _pending_or_none(site: Site | None) -> str | None:
    return None if site is None else _pending_line(site)


def edition_paths(site_dir: Path, version: str, county: str) -> tuple[Path, str, str]:
    """An edition's site folder, zip name and folder inside the zip: the city edition keeps the plain names."""
    if not county:
        return site_dir, f"{SITE_TITLE}-{version}.zip", f"{SITE_FOLDER}-{version}"
    return (site_dir.with_name(f"{site_dir.name}-{county}"), f"{SITE_TITLE}-{county}-{version}.zip",
            f"{SITE_FOLDER}-{county}-{version}")


def _build_edition(args: argparse.Namespace, county: str, workers: int = 0) -> Site | None:
    """Build one edition (workers: processes converting Markdown; 0, one per core); the data it showed, or None
    when it failed (the last good one is kept)."""
    from .publish import PublishError, publish

    site_dir, name, folder = edition_paths(args.site_dir, data_date(args.data), county)
    try:
        done = publish(args.config, args.data, site_dir, None if args.no_zip else args.dist_dir, name, folder,
                       county, args.engine, workers)
    except PublishError as exc:
        print(f"生成失败（{county or '市级版'}）：{exc}\n上一次成功生成的网站和离线包保持不变。", file=sys.stderr)
        return None
    for warning in done.warnings:
        print(warning, file=sys.stderr)
    offline = f"；离线包 {done.zip_path}" if done.zip_path else ""
    print(f"已生成 {done.pages} 个页面到 {done.site_dir}{offline}")
    return done.site


def _pending_line(site: Site) -> str:
    """How many facts the site still lacks, for the bureau's to-do list."""
    from ..pages.pending import PENDING_PAGE, pending_count, pending_facts

    facts = pending_facts(site)
    return (f"待补充事项：{pending_count(facts)} 处（{len(facts)} 类），"
            f"逐项列在 {URLS.output(PENDING_PAGE)}（将来源于哪份文件）")


def cmd_laws(args: argparse.Namespace) -> int:
    files: list[Path] = args.files
    if not files:
        files, problems = default_law_files(args.data)
        _report(problems)
        if errors_only(problems):
            return 1
    try:
        for path in files:
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
        print(f"没有写入 {output}", file=sys.stderr)
        return 1
    data, changes = merge(existing, imported, DEFAULT_TITLE, f"{args.file.name}")
    text = dump_checklist(data)
    checked = load_checklist_text(text, str(output), library)
    if errors_only(checked.problems):
        _report(checked.problems)
        print(f"没有写入 {output}", file=sys.stderr)
        return 1
    if changes.empty and output.exists() and output.read_text(encoding="utf-8") == text:
        print(f"{args.file.name}：{len(imported)} 个事项，没有变化")
        return 0
    log = None
    if not changes.empty:
        try:  # the changelog is read and checked before anything is written
            log = with_record(output.parent, change_record(changes, build_date(os.environ), args.file.name))
        except DataError as exc:
            _report(exc.problems)
            print(f"没有写入 {output}", file=sys.stderr)
            return 1
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".tmp")
    write_file(tmp, text)
    tmp.replace(output)
    if log is not None:
        write_changelog(output.parent, log)
    print(f"{args.file.name}：{len(imported)} 个事项已写入 {output}")
    for line in changes.summary():
        print(f"  {line}")
    return 0


def _existing(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    src = read_yaml(path)
    if src.problems or not isinstance(src.data, dict):
        raise DataError(src.problems or [Problem(str(path), 1, "", "应为含 分类 和 事项 的映射")])
    return src.data


def cmd_guidance(args: argparse.Namespace) -> int:
    source: Path = args.file or args.data / GUIDANCE_SOURCE
    if not source.is_file():
        _report([Problem(str(source), 0, "", "找不到文件", "指定印发的指导意见文本，或把它放在数据目录的 sources/ 下")])
        return 1
    try:
        text = extract(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        _report([Problem(str(source), 0, "", f"无法按 UTF-8 文本读取（{exc}）")])
        return 1
    target = args.data / GUIDANCE_FILE
    write_file(target, text)
    print(f"已写出 {len(blocks(text))} 段到 {target}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    site = _load(args.data)
    if site is None:
        return 1
    args.xlsx.parent.mkdir(parents=True, exist_ok=True)
    write_file(args.xlsx, checklist_xlsx(site.checklist))
    print(f"已写出 {len(site.checklist.matters)} 个事项到 {args.xlsx}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; 0 on success, 1 on bad input."""
    args = _parser().parse_args(argv)
    handler = {"validate": cmd_validate, "build": cmd_build, "emit": cmd_emit, "finish": cmd_finish, "laws": cmd_laws,
               "import": cmd_import, "export": cmd_export, "guidance": cmd_guidance}[args.command]
    try:
        return handler(args)
    except OSError as exc:
        # The one place a disk error (permission, full disk, missing folder) becomes a message; any other
        # exception is a defect in the generator and keeps its traceback.
        _report([disk_problem(exc)])
        print(f"{args.command} 没有完成。", file=sys.stderr)
        return 1
