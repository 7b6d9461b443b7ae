"""``python -m checks``: the analysis without a browser, for batch work.

Exit codes: 0 success, 1 the work failed (bad input, source or store error), 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from checks import config, index
from checks.errors import ChecksError, InputError
from checks.export import to_csv
from checks.model import Review, Stage
from checks.pipeline import analyze
from checks.sources.library import LibrarySource, seed_demo_library
from checks.store import Store

DESCRIPTION = """\
Check a news article claim by claim, offline. Every sentence becomes a claim, matched
against your reference library (the demo library ships with the tool); the results and
your verdicts live in one SQLite database that the Streamlit app shares.
"""
EPILOG = f"""\
The database is {config.DB_ENV} if set, else {config.default_db_path()}.
Examples:
  python -m checks analyze data/ceasefire-proposal-2024.txt --out verdicts.csv
  python -m checks list
  python -m checks export 1 --out verdicts.csv
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
        description="Analyse ARTICLE (a .txt/.md file, or - for standard input) and store it.",
    )
    run.add_argument("article", help="path to a UTF-8 text or Markdown file, or - for stdin")
    run.add_argument("--title", help="article title (default: its first line)")
    run.add_argument("--out", type=Path, help="write the claims and evidence as CSV here")
    _add_db(run)
    listing = commands.add_parser("list", help="list stored articles (id, title, claims, reviewed)")
    _add_db(listing)
    out = commands.add_parser("export", help="write an article's claims and verdicts as CSV")
    out.add_argument("article_id", type=int, help="article id, as printed by 'list'")
    out.add_argument("--out", type=Path, help="output file (default: standard output)")
    _add_db(out)
    return parser


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help=f"SQLite database (default: ${config.DB_ENV} or {config.default_db_path()})",
    )


def read_article(name: str, *, stdin: TextIO) -> str:
    """The text of a file path, or of standard input for ``-``."""
    if name == "-":
        return stdin.read()
    path = Path(name)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{path} is not UTF-8 text") from error


def first_line_title(text: str) -> str:
    line = next((line.strip(" #\t") for line in text.splitlines() if line.strip()), "")
    return line[:200] or "Untitled article"


def _progress(stage: Stage, fraction: float, message: str) -> None:
    if fraction == 0.0 and sys.stderr.isatty():
        print(f"{message}…", file=sys.stderr)


def cmd_analyze(args: argparse.Namespace, *, stdin: TextIO, stdout: TextIO) -> int:
    text = read_article(args.article, stdin=stdin)
    with Store.open(args.db or config.default_db_path()) as store:
        seed_demo_library(store)
        folder = index.folder_for(store.path)
        analysis = analyze(
            text, sources=[LibrarySource(store)], on_progress=_progress, index_dir=folder
        )
        title = args.title or first_line_title(text)
        url = "" if args.article == "-" else Path(args.article).resolve().as_uri()
        article = store.add_article(title=title, text=text, url=url)
        store.save_analysis(article.id, analysis)
        review = store.review(article.id)
    for notice in analysis.notices:
        print(f"notice: {notice}", file=sys.stderr)
    print(summary(review), file=sys.stderr)
    if args.out:
        args.out.write_bytes(to_csv(review))
        print(f"wrote {args.out}", file=sys.stderr)
    print(article.id, file=stdout)
    return 0


def summary(review: Review) -> str:
    rows = review.rows
    with_evidence = sum(1 for row in rows if row.evidence)
    conflicts = sum(1 for row in rows if row.evidence and row.evidence[0].agreement.has_conflict)
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
        data = to_csv(store.review(args.article_id))
    if args.out:
        args.out.write_bytes(data)
    else:
        stdout.write(data.decode("utf-8-sig"))
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
        return cmd_export(args, stdout=stdout)
    except ChecksError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
