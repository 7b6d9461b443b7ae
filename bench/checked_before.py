"""Has it been checked before? The import and search paths measured, BM25 in the same run.

    python -m bench.checked_before [--set DIR] [--scale N] [--skip-quality] [--skip-scale]

**Quality.** The verified claims of a claim-matching set (default
``../shared/eval/retrieval/checkthat2020-dev``: ``corpus.jsonl`` = fact-checked claims with
the fact-check's title, ``queries.jsonl`` = tweets with their gold claim ids) are written as
a ClaimReview ``DataFeed`` (the Data Commons / Markup Tool shape) in a temporary folder, never
in the repository; imported with ``python -m checks factchecks import`` into a temporary
database; the tweets (one per line) searched with ``python -m checks search --queries FILE
--json --top 10``, both run in-process through ``checks.cli.main``. Ranks come back as review
urls, mapped to corpus ids. The baseline is ``bench.retrieval.bm25_ranker`` (bm25s defaults,
stopwords, stemming, claim text only) on the same tweets. Metrics: R@1, R@5, MAP@5, MRR@10.

**Scale.** A generated feed of N fact-checks (default 200,000; Zipf-distributed made-up
words, a headline each) is written by this process, then imported by a fresh child process
that reports its peak resident memory after each phase: import (parse + store), index build,
index load from disk, 200 searches (each a stored claim with two words changed) timed one by
one (wall clock, and CPU time of the process: on the shared machine the wall clock also
counts other people's work); then, not counted in the memory, bm25s alone retrieving the
same queries over the same claims (the baseline).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import itertools
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import EVAL_ROOT
from bench.retrieval import Query, bm25_ranker, evaluate, load_set
from checks import cli

DEFAULT_SET = EVAL_ROOT / "retrieval" / "checkthat2020-dev"
BASE = "https://bench.example/fact-check/"


def feed(entries: list[Any]) -> dict[str, Any]:
    """The corpus as a ClaimReview DataFeed: one DataFeedItem with one ClaimReview each."""
    return {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dataFeedElement": [
            {
                "@type": "DataFeedItem",
                "item": [
                    {
                        "@context": "https://schema.org",
                        "@type": "ClaimReview",
                        "url": BASE + entry.id,
                        "claimReviewed": entry.text,
                        "headline": entry.title,
                        "author": {"@type": "Organization", "name": "Bench Checks"},
                        "reviewRating": {"@type": "Rating", "alternateName": "False"},
                        "datePublished": "2020-01-01",
                    }
                ],
            }
            for entry in entries
        ],
    }


def run_cli(*argv: str) -> str:
    """``python -m checks ARGV`` in this process; its standard output."""
    out = io.StringIO()
    with contextlib.redirect_stderr(io.StringIO()):
        code = cli.main(list(argv), stdout=out)
    if code != 0:
        raise SystemExit(f"python -m checks {' '.join(argv)} failed with {code}")
    return out.getvalue()


def quality(folder: Path) -> dict[str, Any]:
    queries, corpus = load_set(folder / "queries.jsonl", folder / "corpus.jsonl")
    asked = [Query(q.id, " ".join(q.text.split()), q.gold) for q in queries]
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "feed.json").write_text(json.dumps(feed(corpus)), encoding="utf-8")
        (root / "queries.txt").write_text("".join(q.text + "\n" for q in asked), "utf-8")
        database = str(root / "bench.sqlite3")
        started = time.perf_counter()
        summary = run_cli("factchecks", "import", str(root / "feed.json"), "--db", database)
        imported = time.perf_counter() - started
        started = time.perf_counter()
        lines = run_cli("search", "--queries", str(root / "queries.txt"), "--json", "--top",
                        "10", "--db", database).splitlines()  # fmt: skip
        searched = time.perf_counter() - started
    ranked = [[m["url"].removeprefix(BASE) for m in json.loads(line)["matches"]] for line in lines]
    baseline = [[hit.id for hit in row] for row in bm25_ranker(asked, corpus, 10)()]
    results = {"bm25": evaluate(baseline, asked)}
    results["checked-before"] = evaluate(ranked, asked)
    counts = summary.splitlines()[-1]
    print(f"\n{folder.name}: {len(asked)} queries, {len(corpus):,} fact-checks imported "
          f"({counts}) in {imported:.1f} s; searched in {searched:.1f} s\n")  # fmt: skip
    print("| method | R@1 | R@5 | MAP@5 | MRR@10 |\n|---|---|---|---|---|")
    for name, values in results.items():
        print(f"| {name} | " + " | ".join(f"{values[m]:.3f}" for m in values) + " |")
    ratio = results["checked-before"]["MAP@5"] / max(1e-9, results["bm25"]["MAP@5"])
    print(f"\nMAP@5 over BM25: {ratio:.2f}x")
    return {"set": folder.name, "queries": len(asked), "ratio": round(ratio, 3),
            **{k: {m: round(v, 4) for m, v in r.items()} for k, r in results.items()}}  # fmt: skip


# ---------------------------------------------------------------- scale


def generated(count: int, seed: int = 13) -> tuple[list[dict[str, Any]], list[str]]:
    """``count`` made-up fact-checks (Zipf words) and 200 queries near some of them."""
    rng = random.Random(seed)
    vocabulary = [f"w{n}x" for n in range(50_000)]
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))
    items: list[dict[str, Any]] = []
    queries: list[str] = []
    for number in range(count):
        words = rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(8, 22))
        claim = " ".join(words).capitalize() + "."
        items.append({"@type": "ClaimReview", "url": f"{BASE}{number}", "claimReviewed": claim,
                      "headline": " ".join(words[:6]), "datePublished": "2024-01-02",
                      "author": {"@type": "Organization", "name": f"Checker {number % 40}"},
                      "reviewRating": {"@type": "Rating", "alternateName": "False"}})  # fmt: skip
        if number % max(1, count // 200) == 0 and len(queries) < 200:
            changed = list(words)
            for _ in range(2):
                changed[rng.randrange(len(changed))] = rng.choice(vocabulary)
            queries.append(" ".join(changed))
    return items, queries


def write_feed(count: int, folder: Path) -> None:
    """The generated feed (``feed.json``) and its queries (``queries.json``) in ``folder``."""
    items, queries = generated(count)
    feed_items = [{"@type": "DataFeedItem", "item": [item]} for item in items]
    text = json.dumps({"@type": "DataFeed", "dataFeedElement": feed_items})
    (folder / "feed.json").write_text(text, "utf-8")
    (folder / "queries.json").write_text(json.dumps(queries), "utf-8")


def _rss() -> int:
    """Peak resident memory of this program in MiB: ``VmHWM`` (reset by exec, so the parent's
    memory, copied at fork, does not count), else ``ru_maxrss`` (which keeps it)."""
    import resource

    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def scale_child(folder: Path) -> dict[str, Any]:
    """Runs in a fresh child process (``--child FOLDER``): import, index, search, each
    phase's peak RSS so far; then the bm25s baseline (its memory is not counted)."""
    from checks.factchecks import db, index
    from checks.factchecks.importer import import_file
    from checks.factchecks.service import searcher
    from checks.store import Store

    path = folder / "feed.json"
    queries: list[str] = json.loads((folder / "queries.json").read_text("utf-8"))
    out: dict[str, Any] = {"feed MiB": round(path.stat().st_size / 2**20, 1)}
    with Store.open(folder / "scale.sqlite3") as store:
        started, cpu = time.perf_counter(), time.process_time()
        report = import_file(store, path)
        out["import s"] = round(time.perf_counter() - started, 1)
        out["import CPU s"] = round(time.process_time() - cpu, 1)
        out["summary"] = report.summary()
        del report
        out["peak RSS after import MiB"] = _rss()
        started, cpu = time.perf_counter(), time.process_time()
        index.load_or_build(index.folder_for(store.path), db.revision(store),
                            lambda after: db.texts(store, after))  # fmt: skip
        out["index build s"] = round(time.perf_counter() - started, 1)
        out["index build CPU s"] = round(time.process_time() - cpu, 1)
        index.forget()
        gc.collect()
        started = time.perf_counter()
        engine = searcher(store, desk=())
        out["index load s"] = round(time.perf_counter() - started, 1)
        engine.search(queries[0], top=3)  # warm the stemmer and caches
        timings, cpu_timings = [], []
        for query in queries:
            started, cpu = time.perf_counter(), time.process_time()
            engine.search(query, top=3)
            timings.append(time.perf_counter() - started)
            cpu_timings.append(time.process_time() - cpu)
        out["peak RSS after index and search MiB"] = _rss()
        claims = [text for _, text, _ in store.factcheck_texts()]
    timings.sort()
    out["search ms median"] = round(1000 * timings[len(timings) // 2], 1)
    out["search ms p95"] = round(1000 * timings[int(len(timings) * 0.95)], 1)
    cpu_timings.sort()
    out["search CPU ms median"] = round(1000 * cpu_timings[len(cpu_timings) // 2], 1)
    out["bm25s ms median (baseline)"] = _bm25s_ms(claims, queries)
    return out


def _bm25s_ms(claims: list[str], queries: list[str]) -> float:
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    bm25 = bm25s.BM25()
    bm25.index(bm25s.tokenize(claims, stopwords="en", stemmer=stemmer, show_progress=False),
               show_progress=False)  # fmt: skip
    base = []
    for query in queries:
        started = time.perf_counter()
        asked = bm25s.tokenize([query], stopwords="en", stemmer=stemmer, show_progress=False)
        bm25.retrieve(asked, k=30, show_progress=False)
        base.append(time.perf_counter() - started)
    base.sort()
    return round(1000 * base[len(base) // 2], 1)


def scale(count: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        write_feed(count, Path(scratch))
        result = subprocess.run(
            [sys.executable, "-m", "bench.checked_before", "--child", scratch],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    figures: dict[str, Any] = {"fact-checks": count, **json.loads(result.stdout.splitlines()[-1])}
    print(f"\nscale: {count:,} generated fact-checks\n\n| figure | value |\n|---|---|")
    for name, value in figures.items():
        print(f"| {name} | {value} |")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="a claim-matching set")
    parser.add_argument("--scale", type=int, default=200_000, help="generated fact-checks")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(scale_child(args.child)))
        return 0
    summary: dict[str, Any] = {}
    if not args.skip_quality:
        if (args.set / "corpus.jsonl").is_file():
            summary["quality"] = quality(args.set)
        else:
            print(f"skipped: no claim-matching set at {args.set}")
    if not args.skip_scale:
        summary["scale"] = scale(args.scale)
    print("\n" + json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
