"""What the charts cost: the review page's per rerun, the Articles page's on a long history.

    python -m bench.desk_charts [--copies 64] [--rounds 25] [--repeat 200]

An article of the demo article repeated ``--copies`` times (about 33 claims each) is analysed
against the demo library in a temporary database; every claim then gets ``--rounds`` verdict
changes (``set_verdicts``, one bulk change per round). Reported, median and 95th percentile:

- the review page's chart for a 7-copy article (about 225 claims): ``stats.review_counts``,
  the frame, the spec and the Arrow bytes Streamlit sends, per rerun;
- the Articles page: ``Store.desk_history`` (every entry), ``stats.verdicts_over_time`` and
  ``Store.desk_verdict_counts``, per run of the page.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.dataframe_util import convert_anything_to_arrow_bytes

from checks import config, stats
from checks.model import Review
from checks.pipeline import analyze
from checks.sources.library import LibrarySource, seed_demo_library
from checks.store import Store
from ui import charts

DEMO = Path(__file__).resolve().parent.parent / "data" / "ceasefire-proposal-2024.txt"
LABELS = ("true", "false", "unproven", "half true", "mostly false")


def _times(step: Callable[[], object], repeat: int) -> tuple[float, float]:
    took = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        took.append(1000 * (time.perf_counter() - started))
    took.sort()
    return statistics.median(took), took[int(0.95 * (len(took) - 1))]


def _article(store: Store, copies: int) -> int:
    text = "\n\n".join([DEMO.read_text(encoding="utf-8")] * copies)
    article = store.add_article(title=f"{copies} copies", text=text)
    store.save_analysis(article.id, analyze(text, sources=[LibrarySource(store)]))
    return article.id


def _review_chart(review: Review) -> None:
    frame = charts.review_frame(stats.review_counts(review))
    json.dumps(charts.review_spec(frame))
    convert_anything_to_arrow_bytes(frame)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--copies", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "b.sqlite3") as store:
        seed_demo_library(store)
        review = store.review(_article(store, 7))
        rows: list[tuple[str, tuple[float, float]]] = [
            (
                f"review chart, {len(review.rows)} claims",
                _times(lambda: _review_chart(review), args.repeat),
            ),
        ]
        big = _article(store, args.copies)
        ids = [row.claim.id for row in store.review(big).rows]
        for n in range(args.rounds):
            store.set_verdicts(big, [(c, LABELS[(n + i) % 5], None) for i, c in enumerate(ids)])
        history = store.desk_history()
        runs = max(3, args.repeat // 20)
        rows += [
            (f"Store.desk_history, {len(history):,} entries", _times(store.desk_history, runs)),
            (
                "stats.verdicts_over_time of them",
                _times(lambda: stats.verdicts_over_time(history, scale=config.DEFAULT_SCALE), runs),
            ),
            ("Store.desk_verdict_counts", _times(store.desk_verdict_counts, runs)),
        ]
    print("| step | median ms | p95 ms |\n|---|---:|---:|")
    for name, (median, p95) in rows:
        print(f"| {name} | {median:.1f} | {p95:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
