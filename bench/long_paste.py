"""What a very long paste costs, per claim: the figure behind ``checks.estimate`` (issue 12).

    python -m bench.long_paste [--claims 500 2000 8000]

Each article is the demo article repeated until it has about the given number of claims.
It goes the way the app sends it with Wikipedia off: ``analyze`` against the demo library
(its index built once before, as in the app), ``save_analysis``, and ``review`` (the first
read of the review page). Reported per article: the claims, ``rough_claims``'s guess and the
time it took, the seconds of each step, and the milliseconds per claim of the whole (wall
clock, and the process's CPU time: on a shared machine the wall clock waits for others); the
baseline in the same run is ``segment`` alone, what an exact count before asking would cost.
Uses a temporary database; nothing is kept.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from checks import index
from checks.estimate import rough_claims
from checks.pipeline import analyze
from checks.segment import segment
from checks.sources.library import LibrarySource, seed_demo_library
from checks.store import Store

DEMO = Path(__file__).resolve().parent.parent / "data" / "ceasefire-proposal-2024.txt"
DEMO_CLAIMS = 33


@dataclass(frozen=True)
class Row:
    claims: int
    rough: int
    rough_ms: float
    segment_s: float
    analyse_s: float
    save_s: float
    review_s: float
    cpu_s: float  # process time of analyse + save + review (what an idle machine waits)

    @property
    def total_s(self) -> float:
        return self.analyse_s + self.save_s + self.review_s

    @property
    def ms_per_claim(self) -> float:
        return 1000 * self.total_s / self.claims

    @property
    def cpu_ms_per_claim(self) -> float:
        return 1000 * self.cpu_s / self.claims


def article(claims: int) -> str:
    demo = DEMO.read_text(encoding="utf-8")
    return "\n\n".join([demo] * max(1, round(claims / DEMO_CLAIMS)))


def _seconds(started: float) -> float:
    return time.perf_counter() - started


def measure(store: Store, text: str) -> Row:
    started = time.perf_counter()
    rough = rough_claims(text)
    rough_ms = 1000 * _seconds(started)
    started = time.perf_counter()
    segment(text)
    segment_s = _seconds(started)
    folder = index.folder_for(store.path)
    cpu = time.process_time()
    started = time.perf_counter()
    analysis = analyze(text, sources=[LibrarySource(store)], index_dir=folder)
    analyse_s = _seconds(started)
    saved = store.add_article(title="long paste", text=text)
    started = time.perf_counter()
    store.save_analysis(saved.id, analysis)
    save_s = _seconds(started)
    started = time.perf_counter()
    review = store.review(saved.id)
    review_s = _seconds(started)
    cpu_s = time.process_time() - cpu
    return Row(len(review.rows), rough, rough_ms, segment_s, analyse_s, save_s, review_s, cpu_s)


def run(folder: Path, sizes: list[int]) -> list[Row]:
    store = Store.open(folder / "bench.sqlite3")
    seed_demo_library(store)
    analyze("Warm-up.", sources=[LibrarySource(store)], index_dir=index.folder_for(store.path))
    rows = [measure(store, article(size)) for size in sizes]
    store.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--claims", type=int, nargs="+", default=[500, 2000, 8000])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        rows = run(Path(folder), args.claims)
    print(
        "| claims | rough guess | guess ms | baseline: segment s | analyse s | save s "
        "| review s | total s | ms per claim | CPU ms per claim |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row.claims:,} | {row.rough:,} | {row.rough_ms:.1f} | {row.segment_s:.2f} "
            f"| {row.analyse_s:.2f} | {row.save_s:.2f} | {row.review_s:.2f} "
            f"| {row.total_s:.2f} | {row.ms_per_claim:.2f} | {row.cpu_ms_per_claim:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
