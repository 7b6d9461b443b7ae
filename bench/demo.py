"""Time the whole analysis of an article (default: the demo) against the demo library.

    python -m bench.demo [--article PATH] [--repeat N]

Prints a table of per-stage times (median of N runs, the first run reported apart since it
loads pysbd, bm25s and the stemmer) and what came out: claims, claims with evidence (a
passage above the relevance floor, ``checks.relevance``), claims whose best evidence
conflicts, and the claims per band of their best passage. Uses a temporary database;
nothing is kept.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from checks import relevance
from checks.model import Analysis, Stage
from checks.pipeline import analyze
from checks.sources.library import LibrarySource, seed_demo_library
from checks.store import Store

DEMO = Path(__file__).resolve().parent.parent / "data" / "ceasefire-proposal-2024.txt"


def run_once(text: str, store: Store) -> tuple[Analysis, float, float]:
    started = time.perf_counter()
    analysis = analyze(text, sources=[LibrarySource(store)])
    analysed = time.perf_counter()
    article = store.add_article(title="bench", text=text)
    store.save_analysis(article.id, analysis)
    return analysis, analysed - started, time.perf_counter() - analysed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the analysis of an article.")
    parser.add_argument("--article", type=Path, default=DEMO)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    text = args.article.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "b.sqlite3") as store:
        seed_demo_library(store)
        first, first_total, _ = run_once(text, store)
        runs = [run_once(text, store) for _ in range(max(1, args.repeat))]
    stages: dict[Stage, list[float]] = {}
    for analysis, _, _ in runs:
        for stage, seconds in analysis.timings:
            stages.setdefault(stage, []).append(seconds)
    print(f"{'stage':<10} {'median ms':>10}")
    for stage, values in stages.items():
        print(f"{stage.value:<10} {statistics.median(values) * 1000:>10.1f}")
    print(f"{'analysis':<10} {statistics.median(r[1] for r in runs) * 1000:>10.1f}")
    print(f"{'store':<10} {statistics.median(r[2] for r in runs) * 1000:>10.1f}")
    print(f"first run (cold imports and caches): {first_total * 1000:.0f} ms")
    with_evidence = relevance.claims_with_evidence(first.evidence)
    best = {ev.claim_id: ev for ev in first.evidence if ev.rank == 1}
    conflicts = sum(1 for ev in best.values() if ev.agreement.has_conflict)
    bands = {b: sum(1 for ev in best.values() if relevance.band(ev.score) is b)
             for b in relevance.Band}  # fmt: skip
    print(
        f"{len(first.claims)} claims, {with_evidence} with evidence, "
        f"{conflicts} whose best evidence conflicts, {len(first.documents)} documents"
    )
    print("best passage: " + ", ".join(f"{count} {b.value}" for b, count in bands.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
