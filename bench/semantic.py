"""The optional semantic matcher's cost: load time, memory, passages/s and claims/s.

    python -m bench.semantic [--queries Q.jsonl --corpus C.jsonl] [--passages 2000]
                             [--vectors DIR]

Each setting runs in a fresh process (so its resident memory is its own): onnxruntime's CPU
memory arena off (what the app uses) and on. Reported per setting:

- ``load_s``: ``checks.semantic.model.load`` (both files hashed, session created);
- ``rss_loaded_mib``: the process's resident set after loading (numpy, onnxruntime, model);
- ``passages_per_s``: embedding the first ``--passages`` corpus texts ("title: text"), and
  ``peak_rss_mib``, the process's maximum resident set after that;
- ``claims_per_s``: every query matched by ``SemanticMatcher`` against the whole corpus (its
  vectors from ``--vectors DIR`` when ``bench.retrieval --semantic --vectors DIR`` saved
  them, else computed first, untimed), against ``checks_per_s``, the lexical matcher on the
  same queries in the same process.

The corpus defaults to ../shared/eval/retrieval/checkthat2020-dev (10,375 fact-checked
claims, 197 tweets as queries); it is read, never copied. Needs requirements-semantic.txt.
The last line is one JSON object ``{"passages", "queries", "arena_off": {...}, "arena_on":
{...}}``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import EVAL_ROOT

DEFAULT_SET = EVAL_ROOT / "retrieval" / "checkthat2020-dev"
KEYS = ("load_s", "rss_loaded_mib", "passages_per_s", "peak_rss_mib", "claims_per_s",
        "checks_per_s")  # fmt: skip


def rss_mib() -> float:
    """The current resident set of this process (Linux /proc), MiB."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def child(
    queries: Path, corpus: Path, passages: int, vectors_dir: Path | None, arena: bool
) -> dict[str, float]:
    """One setting, measured in this (fresh) process."""
    from bench.retrieval import load_set
    from checks.match import Matcher
    from checks.model import Claim, ClaimKind, Passage
    from checks.semantic import model, search, vectors

    asked, entries = load_set(queries, corpus)
    started = time.perf_counter()
    embedder = model.load(arena=arena)
    result = {"load_s": time.perf_counter() - started, "rss_loaded_mib": rss_mib()}
    items = [Passage(e.id, 0, len(e.text), e.text) for e in entries]
    titles = {e.id: e.title for e in entries}
    texts = search.passage_texts(items, titles)
    started = time.perf_counter()
    embedder.embed(texts[:passages])
    result["passages_per_s"] = min(passages, len(texts)) / (time.perf_counter() - started)
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    folder = vectors_dir / vectors.digest(texts) if vectors_dir is not None else None
    matrix = vectors.load_or_build(folder, texts, embedder).matrix
    assert matrix is not None
    lexical = Matcher.build(items, titles=titles)
    semantic = search.SemanticMatcher(lexical, matrix, embedder)
    claims = [Claim(q.id, 0, q.text, ClaimKind.FACTUAL, 1.0) for q in asked]
    started = time.perf_counter()
    lexical.match_many(claims)
    result["checks_per_s"] = len(claims) / (time.perf_counter() - started)
    started = time.perf_counter()
    semantic.match_many(claims)
    result["claims_per_s"] = len(claims) / (time.perf_counter() - started)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Cost of the optional semantic matcher.")
    parser.add_argument("--queries", type=Path, default=DEFAULT_SET / "queries.jsonl")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_SET / "corpus.jsonl")
    parser.add_argument("--passages", type=int, default=2000, help="texts embedded for speed")
    parser.add_argument("--vectors", type=Path, help="saved passage vectors (bench.retrieval)")
    parser.add_argument("--child", choices=("on", "off"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        found = child(args.queries, args.corpus, args.passages, args.vectors, args.child == "on")
        print(json.dumps(found))
        return 0
    if not args.corpus.is_file() or not args.queries.is_file():
        print(f"skipped: no {args.corpus} or {args.queries}")
        return 0
    results: dict[str, Any] = {}
    for arena in ("off", "on"):
        command = [sys.executable, "-m", "bench.semantic", "--child", arena,
                   "--queries", str(args.queries), "--corpus", str(args.corpus),
                   "--passages", str(args.passages)]  # fmt: skip
        if args.vectors is not None:
            command += ["--vectors", str(args.vectors)]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        results[f"arena_{arena}"] = json.loads(done.stdout.strip().splitlines()[-1])
    corpus_size = sum(1 for line in args.corpus.open(encoding="utf-8") if line.strip())
    query_count = sum(1 for line in args.queries.open(encoding="utf-8") if line.strip())
    print(f"\n{args.corpus.parent.name}: {corpus_size:,} passages, {query_count} queries, "
          f"{args.passages:,} passages embedded for speed\n")  # fmt: skip
    print("| memory arena | load s | RSS loaded MiB | passages/s | peak RSS MiB | claims/s "
          "| lexical claims/s (same run) |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for name, values in results.items():
        print(f"| {name.split('_')[1]} | {values['load_s']:.2f} | {values['rss_loaded_mib']:.0f} "
              f"| {values['passages_per_s']:.0f} | {values['peak_rss_mib']:.0f} "
              f"| {values['claims_per_s']:.0f} | {values['checks_per_s']:.0f} |")  # fmt: skip
    summary: dict[str, Any] = {"passages": corpus_size, "queries": query_count}
    summary |= {name: {k: round(v[k], 3) for k in KEYS} for name, v in results.items()}
    print("\n" + json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
