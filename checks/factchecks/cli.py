"""``python -m checks factchecks import|list`` and ``python -m checks search``.

- ``factchecks import FILE... [--report OUT.jsonl]``: one line per file and a last line
  "N new, M already present, K skipped" on standard output; the skipped items (up to 20
  per file) on standard error; ``--report`` writes every item's report as JSONL.
- ``factchecks list [--publisher NAME] [--limit N]``: id, date, publisher, rating, claim, url.
- ``search TEXT [--json] [--top N]`` / ``search --queries FILE --json``: the checked-before
  matches (published fact-checks and the desk's own verdicts), best first; with ``--json``
  one object ``{"query", "matches": [...]}`` per query, one per line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from checks import config
from checks.errors import InputError
from checks.factchecks import db, index
from checks.factchecks.importer import import_file
from checks.factchecks.records import SKIPPED, ImportReport
from checks.factchecks.service import searcher
from checks.store import Store
from checks.untrusted import json_text

COMMANDS = ("factchecks", "search")
SHOWN_SKIPS = 20
MAX_QUERIES = 100_000


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``factchecks`` and ``search`` sub-commands."""
    group = commands.add_parser(
        "factchecks",
        help="import published fact-checks (ClaimReview JSON-LD, DataFeed, CSV) or list them",
    )
    actions = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    load = actions.add_parser(
        "import",
        help="import ClaimReview feeds (JSON-LD, DataFeed, JSONL, a saved web page, or CSV)",
        description="Import every fact-check of each FILE. Importing a feed again adds "
        "nothing: a fact-check is known by its review url and claim.",
    )
    load.add_argument("files", type=Path, nargs="+", metavar="FILE")
    load.add_argument("--report", type=Path, help="write every item's report here (JSONL)")
    _db(load)
    listing = actions.add_parser("list", help="list imported fact-checks, newest first")
    listing.add_argument("--publisher", default="", help="only this publisher's")
    listing.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    _db(listing)
    find = commands.add_parser(
        "search",
        help="has this been checked before? fact-checks and the desk's verdicts",
        description="Search TEXT (or each line of --queries FILE) in the imported "
        "fact-checks and in every claim the desk gave a verdict.",
    )
    find.add_argument("text", nargs="?", metavar="TEXT")
    find.add_argument("--queries", type=Path, help="a file with one query per line")
    find.add_argument("--json", action="store_true", help="one JSON object per query")
    find.add_argument("--top", type=int, default=3, help="matches per query (default 3)")
    _db(find)


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=None, help=f"SQLite database (default: "
                        f"${config.DB_ENV} or {config.default_db_path()})")  # fmt: skip


def run(args: argparse.Namespace, *, stdout: TextIO) -> int:
    with Store.open(args.db or config.default_db_path()) as store:
        if args.command == "search":
            return _search(store, args, stdout=stdout)
        if args.action == "import":
            return _import(store, args, stdout=stdout)
        return _list(store, args, stdout=stdout)


def _import(store: Store, args: argparse.Namespace, *, stdout: TextIO) -> int:
    reports = [import_file(store, path) for path in args.files]
    for report in reports:
        print(f"{report.name} ({report.kind}): {report.summary()}", file=stdout)
        skipped = [item for item in report.items if item.outcome == SKIPPED]
        for item in skipped[:SHOWN_SKIPS]:
            print(f"  {item.line()}", file=sys.stderr)
        if len(skipped) > SHOWN_SKIPS:
            print(f"  ... and {len(skipped) - SHOWN_SKIPS} more skipped (see --report)",
                  file=sys.stderr)  # fmt: skip
    if args.report:
        _write_report(args.report, reports)
    new, present, skipped_count = (sum(r.count(o) for r in reports) for o in
                                   ("new", "already present", "skipped"))  # fmt: skip
    index.load_or_build(
        index.folder_for(store.path), db.revision(store), lambda after: db.texts(store, after)
    )
    print(f"{new} new, {present} already present, {skipped_count} skipped", file=stdout)
    return 0


def _write_report(path: Path, reports: list[ImportReport]) -> None:
    lines = (
        json_text({"file": report.name, "item": item.number, "where": item.where,
                   "outcome": item.outcome, "claim": item.claim, "notes": list(item.notes)})
        + "\n"
        for report in reports
        for item in report.items
    )  # fmt: skip
    try:
        path.write_text("".join(lines), encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write {path}: {error.strerror or error}") from error


def _list(store: Store, args: argparse.Namespace, *, stdout: TextIO) -> int:
    for fid, check in db.listed(store, limit=max(1, args.limit), publisher=args.publisher):
        cells = (str(fid), check.date or "-", check.publisher or "-", check.rating or "-",
                 check.claim, check.url or "-")  # fmt: skip
        print("\t".join(" ".join(cell.split()) for cell in cells), file=stdout)
    return 0


def _queries(args: argparse.Namespace) -> list[str]:
    if args.queries is None:
        if not args.text or not args.text.strip():
            raise InputError("search needs TEXT or --queries FILE")
        return [args.text]
    try:
        with args.queries.open(encoding="utf-8") as handle:
            lines = [line.strip() for _, line in zip(range(MAX_QUERIES + 1), handle, strict=False)]
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read {args.queries}: {error}") from error
    if len(lines) > MAX_QUERIES:
        raise InputError(f"{args.queries} has more than {MAX_QUERIES:,} queries: split it")
    return [line for line in lines if line]


def _search(store: Store, args: argparse.Namespace, *, stdout: TextIO) -> int:
    queries = _queries(args)
    engine = searcher(store)
    results = engine.search_many(queries, top=max(1, args.top))
    for query, matches in zip(queries, results, strict=True):
        if args.json:
            record: dict[str, Any] = {"query": query, "matches": [m.to_json() for m in matches]}
            print(json_text(record), file=stdout)
            continue
        print(f"{query}", file=stdout)
        if not matches:
            print("  no fact-check or earlier verdict found", file=stdout)
        for m in matches:
            where = m.url or f"article {m.article_id} claim {m.claim_id}"
            claim = " ".join(m.claim.split())
            head = f"  {m.score:.2f} {m.band:<7} {m.publisher} {m.date or '-'} {m.rating or '-'}"
            print(f"{head}: {claim} <{where}>", file=stdout)
    return 0


__all__ = ["COMMANDS", "add_commands", "run"]
