"""Hostile and large inputs: what happens and how long it takes (issue 7).

    python -m bench.inputs [--quick]

Each input goes the way the app sends it: ``check_text`` and ``analyze`` against the demo
library, ``save_analysis``, ``review`` (what the review page reads) and the four exports;
uploads through ``read_file``; database files through ``Store.open``. Prints one table row
per input: its size, the outcome and the seconds each step took. ``--quick`` leaves out the
5 MB article (about a minute). Uses temporary files; nothing is kept.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from checks.errors import ChecksError
from checks.formats import Format, export
from checks.ingest import read_file
from checks.pipeline import MAX_ARTICLE_CHARS, analyze
from checks.sources.library import LibrarySource, seed_demo_library
from checks.store import Store
from tests.hostile import docx_bomb
from tests.samples import make_docx, make_pdf

DEMO = Path(__file__).resolve().parent.parent / "data" / "ceasefire-proposal-2024.txt"


@dataclass(frozen=True)
class Row:
    name: str
    size: str
    outcome: str
    steps: str
    seconds: float


def _timed(step: Callable[[], object]) -> tuple[object, float]:
    started = time.perf_counter()
    result = step()
    return result, time.perf_counter() - started


def article_row(name: str, text: str, store: Store) -> Row:
    """Analyse, save, review and export ``text``; or the message it is refused with."""
    started = time.perf_counter()
    try:
        analysis, took = _timed(lambda: analyze(text, sources=[LibrarySource(store)]))
    except ChecksError as error:
        return Row(name, f"{len(text):,} chars", f"refused: {error}", "", _since(started))
    stages = " ".join(f"{stage.value} {t:.1f}" for stage, t in analysis.timings)  # type: ignore[attr-defined]
    article = store.add_article(title=name, text=text)
    _, saving = _timed(lambda: store.save_analysis(article.id, analysis))  # type: ignore[arg-type]
    review, reading = _timed(lambda: store.review(article.id))
    exports = []
    for fmt in (Format.CSV, Format.JSONL, Format.MARKDOWN):
        _, took = _timed(lambda fmt=fmt: export(store, article.id, fmt))  # type: ignore[misc]
        exports.append(f"{fmt.value} {took:.1f}")
    claims = len(review.rows)  # type: ignore[attr-defined]
    longest = max((len(row.claim.text) for row in review.rows), default=0)  # type: ignore[attr-defined]
    outcome = f"{claims:,} claims (longest {longest:,} chars)"
    steps = f"{stages}; save {saving:.1f}; review {reading:.1f}; {', '.join(exports)}"
    return Row(name, f"{len(text):,} chars", outcome, steps, _since(started))


def upload_row(name: str, file_name: str, data: bytes) -> Row:
    started = time.perf_counter()
    try:
        found = read_file(file_name, data)
        outcome = f"read: {len(found.text):,} chars"
    except ChecksError as error:
        outcome = f"refused: {error}"
    return Row(name, f"{len(data):,} bytes", outcome, "read_file", _since(started))


def database_row(name: str, path: Path) -> Row:
    started = time.perf_counter()
    try:
        Store.open(path).close()
        outcome = "opened"
    except ChecksError as error:
        outcome = f"refused: {str(error).split('. Nothing')[0]}"
    size = f"{path.stat().st_size:,} bytes"
    return Row(name, size, outcome, "Store.open", _since(started))


def _since(started: float) -> float:
    return time.perf_counter() - started


def demo_repeated(chars: int) -> str:
    demo = DEMO.read_text(encoding="utf-8")
    return ("\n\n".join([demo] * (chars // len(demo) + 1)))[:chars]


def rows(folder: Path, *, quick: bool) -> list[Row]:
    store = Store.open(folder / "bench.sqlite3")
    seed_demo_library(store)
    words = " ".join(f"word{n} the harbour" for n in range(10_000))[:100_000].strip()
    blank = "Talks\n" + "\n" * 10_000 + "It rained."
    out = [
        article_row("a single word", "Ceasefire", store),
        article_row("10,000 blank lines around a sentence", blank, store),
        article_row("10,000 blank lines only", "\n" * 10_000, store),
        article_row("100,000-char sentence, no punctuation", words, store),
    ]  # fmt: skip
    if not quick:
        out.append(
            article_row("5 MB article (demo repeated)", demo_repeated(MAX_ARTICLE_CHARS), store)
        )
    out.append(article_row("5 MiB article (over the limit)", "x " * (5 * 2**20 // 2 + 1), store))
    docx = make_docx()
    pdf = make_pdf()
    out += [
        upload_row("zip bomb as .docx (2 GiB)", "bomb.docx", docx_bomb(docx, mib=2048)),
        upload_row(
            "zip bomb declaring 1,000 bytes (1 GiB)",
            "liar.docx",
            docx_bomb(docx, mib=1024, declared=1000),
        ),
        upload_row("PDF cut in half", "half.pdf", pdf[: len(pdf) // 2]),
        upload_row("file named ../../x.txt", "../../x.txt", b"The council met on 3 May 2024."),
    ]
    store.close()
    out.append(database_row("workbench database after the above", folder / "bench.sqlite3"))
    damaged = folder / "damaged.sqlite3"
    damaged.write_bytes((folder / "bench.sqlite3").read_bytes()[:200_000])
    out.append(database_row("the same, cut to 200 kB", damaged))
    foreign = folder / "foreign.sqlite3"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE photos (name TEXT)")
    connection.commit()
    connection.close()
    out.append(database_row("another program's database", foreign))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="leave out the 5 MB article")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        table = rows(Path(folder), quick=args.quick)
    print("| input | size | outcome | steps (s) | total (s) |")
    print("|---|---|---|---|---:|")
    for row in table:
        outcome = row.outcome if len(row.outcome) < 110 else row.outcome[:107] + "..."
        print(f"| {row.name} | {row.size} | {outcome} | {row.steps} | {row.seconds:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
