"""A 300 KB one-paragraph reference source: what does it cost the analysis? (issue 11)

    python -m bench.long_source [--chars 300000] [--repeat 3] [--before]

The demo article is analysed against the demo library, as the app does it: a new database,
the library's index built by the first analysis and kept next to the database; in process
(``checks.pipeline.analyze``) and as ``python -m checks analyze`` in a new process (imports
included: what a reviewer waits for at the command line). "normal" is that; each other row
adds one more library document of ``--chars`` characters in a single paragraph, written here
(never article text from elsewhere):

- prose: the demo library's own notes, joined into one paragraph and repeated;
- prose opening with a quote: the same after a quotation mark (pysbd then sees the whole run,
  in chunks of 5,000 characters);
- no sentence break: words and spaces only;
- list items: "1. ... 2. ..." over and over, where pysbd's list rules cost most;
- unclosed brackets: "It rained. (" over and over (pysbd's bracket rules scan to the end
  for each).

``--before`` adds the prose row with the passages split the old way (pysbd on the whole
paragraph), for comparison in the same run; it takes minutes. Each row times the normal
analysis and the one with the long source in turns, ``--repeat`` times (medians); the ratio
is between the two.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from checks import index, passages, segment
from checks.pipeline import analyze
from checks.sources.library import LibrarySource, document_from_text, seed_demo_library
from checks.store import Store

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "ceasefire-proposal-2024.txt"
LIBRARY = ROOT / "data" / "library"


def _notes() -> str:
    """The demo library's notes as one line of prose (front matter and headings dropped)."""
    lines = []
    for path in sorted(LIBRARY.glob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        lines += [line.strip() for line in body.splitlines() if line.strip()[:1].isalnum()]
    return " ".join(lines)


def _repeat(piece: str, chars: int) -> str:
    return (piece * (chars // len(piece) + 1))[:chars].rstrip() + "."


def shapes(chars: int) -> dict[str, str]:
    prose = _repeat(_notes() + " ", chars)
    return {
        "prose": prose,
        "prose opening with a quote": '"' + prose[1:],
        "no sentence break": _repeat("ceasefire talks border troops grain ", chars),
        "list items": _repeat("Options are 1. talks and 2. sanctions. ", chars),
        "unclosed brackets": _repeat("It rained. (", chars),
    }


def analyse(extra: str | None, *, cli: bool = False) -> float:
    """Seconds of one analysis of the demo article in a new database holding the demo
    library (and ``extra`` as one more document), index built and saved as in the app; with
    ``cli``, of ``python -m checks analyze`` run whole (a new process: imports included)."""
    article = DEMO.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.sqlite3"
        with Store.open(db) as store:
            seed_demo_library(store)
            if extra is not None:
                store.upsert_document(document_from_text(title="One long paragraph", text=extra))
            index.forget()
            started = time.perf_counter()
            if not cli:
                analyze(article, sources=[LibrarySource(store)], index_dir=index.folder_for(db))
                return time.perf_counter() - started
        command = [sys.executable, "-m", "checks", "analyze", str(DEMO), "--db", str(db)]
        started = time.perf_counter()
        subprocess.run([*command, "--source", "library"], check=True, capture_output=True)
        return time.perf_counter() - started


@contextmanager
def old_splitting() -> Iterator[None]:
    """Passages split as before issue 11: pysbd on each whole paragraph."""
    names = vars(passages)
    fast = names["sentence_spans"]
    names["sentence_spans"] = segment.sentence_spans
    try:
        yield
    finally:
        names["sentence_spans"] = fast


def paired(
    normal: Callable[[], float], loaded: Callable[[], float], repeat: int
) -> tuple[float, float]:
    """Medians of ``normal`` and ``loaded`` timed in turns (the machine's load drifts)."""
    pairs = [(normal(), loaded()) for _ in range(max(1, repeat))]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A 300 KB one-paragraph source.")
    parser.add_argument("--chars", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--before", action="store_true", help="also split the old way")
    args = parser.parse_args(argv)
    analyse(None)  # imports and caches warm
    rows = []
    for cli in (False, True):
        how = "CLI, new process" if cli else "in process"
        for name, text in shapes(args.chars).items():
            normal, seconds = paired(
                partial(analyse, None, cli=cli), partial(analyse, text, cli=cli), args.repeat
            )
            rows.append((f"+ {name}, {len(text):,} chars, {how}", seconds, normal))
    if args.before:
        prose = shapes(args.chars)["prose"]
        with old_splitting():
            normal, seconds = paired(partial(analyse, None), partial(analyse, prose), 1)
        rows.append(
            (f"+ prose, {len(prose):,} chars, split as before, in process", seconds, normal)
        )
    print("| analysis of the demo article | normal s | with the source s | x normal |")
    print("|---|---:|---:|---:|")
    for name, seconds, normal in rows:
        print(f"| {name} | {normal:.2f} | {seconds:.2f} | {seconds / normal:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
