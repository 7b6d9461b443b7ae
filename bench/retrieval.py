"""Does the right reference sentence rank in the top k? BM25 baseline vs. the app's matcher.

    python -m bench.retrieval [--queries Q.jsonl --corpus C.jsonl] [--k 10] [--half 1|2]
                              [--offtopic OTHER_CORPUS.jsonl] [--root FOLDER]
                              [--semantic [--vectors DIR] [--weight W] [--pool K]]

The sets live outside the project (``../shared/eval/retrieval/<set>/`` relative to the
repository: ``queries.jsonl`` with ``id``, ``text``, ``gold``; ``corpus.jsonl`` with ``id``,
``text``, ``title``); they are read, never copied. Without ``--queries``/``--corpus`` every set
under that folder is run; an absent folder is a message and exit 0.

Two rankers, in the same run, on the same queries:

- ``bm25``: the textbook baseline of the eval README: bm25s with its default parameters,
  English stopwords, Snowball stemming, the passage text only. It has no floor: every
  passage it returns with a score above zero counts as shown.
- ``checks``: ``checks.match.Matcher``, the code the app runs: every corpus entry becomes a
  ``Passage`` keyed by its id, its title goes in through ``titles=``. The matcher drops
  passages that are not about the claim (its topical gate), so it may return fewer than k;
  a missing rank counts as a miss. A passage is shown when ``checks.relevance`` calls it
  evidence (its score is at or above the floor); weak passages are still ranked.

A ranker is ``ranker(queries, corpus, k)``: it builds its index and returns the timed part,
a function giving, per query, its ``Hit``s (passage id and whether it is shown), best first.
Another method (say a semantic one) is one more entry in ``RANKERS``; every metric below is
computed for it the same way.

With ``--semantic`` (the optional component installed: requirements-semantic.txt) a third:

- ``semantic``: ``checks.semantic.search.SemanticMatcher``, the union of the matcher's top
  ``--pool`` and the model's top ``--pool``, ranked by ``--weight`` x lexical + (1 - weight)
  x cosine (every passage of the union is ranked, evidence or not, as the matcher's weak
  passages are). Passage vectors ("title: text") are computed before the clock starts, like
  an index (``--vectors DIR`` keeps them there between runs, outside the repository); the
  timed part embeds the queries and ranks. The peak heap counts the passage matrix, not
  onnxruntime's own memory (bench/RESULTS.md has the resident size, measured apart).

Metrics: R@1 and R@5 (a gold id in the top k), MAP@5 (trec ``map_cut_5``: precision at each
gold hit in the top 5, divided by the number of gold ids), MRR@10, queries per second
(retrieval and ranking of all queries; the index is built before the clock starts) and the
peak Python heap (tracemalloc, numpy included) of building the index and answering the
queries, measured in a second, untimed pass. ``kept_gold``: of the queries whose top-ranked
passage is gold, the share whose top passage is shown. With ``--offtopic CORPUS.jsonl``
(another set's corpus), ``offtopic_shown``: the same queries matched against that corpus,
the share that get any passage shown (a set whose own corpus it is gets none). With one set
the last line is one JSON object ``{"set", "queries", "bm25": {...}, "checks": {...}}``;
with several, each set's object follows its table and the last line is
``{"sets": [<those objects>]}``.

``--half 1`` / ``--half 2`` keeps the odd / even query positions (1st, 3rd, ... / 2nd, 4th,
...): tune on one half, report the other.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bm25s
import Stemmer

from bench import EVAL_ROOT
from checks import relevance
from checks.match import Matcher
from checks.model import Claim, ClaimKind, Passage

DEFAULT_ROOT = EVAL_ROOT / "retrieval"
METRICS = ("R@1", "R@5", "MAP@5", "MRR@10")


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    gold: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    id: str
    text: str
    title: str


@dataclass(frozen=True)
class Hit:
    """One ranked passage of a query: its corpus id and whether the method shows it."""

    id: str
    shown: bool = True


Ranker = Callable[[Sequence[Query], Sequence[Entry], int], Callable[[], list[list[Hit]]]]
"""``ranker(queries, corpus, k)`` builds its index and returns the timed part: a function
that ranks every query (hits, best first, at most k)."""


# ---------------------------------------------------------------- metrics


def recall_at(ranked: Sequence[str], gold: Sequence[str], k: int) -> float:
    """1.0 if any gold id is in the top ``k``, else 0.0.

    >>> recall_at(["a", "b", "c"], ["c"], 2), recall_at(["a", "b", "c"], ["c"], 3)
    (0.0, 1.0)
    """
    wanted = set(gold)
    return 1.0 if any(doc in wanted for doc in ranked[:k]) else 0.0


def average_precision_at(ranked: Sequence[str], gold: Sequence[str], k: int) -> float:
    """trec_eval ``map_cut_k`` of one query: the precision at each rank <= k that holds a
    gold id, summed and divided by the number of gold ids (not by the hits).

    >>> average_precision_at(["x", "g1", "y", "g2"], ["g1", "g2"], 5)  # (1/2 + 2/4) / 2
    0.5
    """
    wanted = set(gold)
    if not wanted:
        return 0.0
    hits = 0
    total = 0.0
    seen: set[str] = set()
    for rank, doc in enumerate(ranked[:k], start=1):
        if doc in wanted and doc not in seen:
            seen.add(doc)
            hits += 1
            total += hits / rank
    return total / len(wanted)


def reciprocal_rank(ranked: Sequence[str], gold: Sequence[str], k: int) -> float:
    """1 / rank of the first gold id in the top ``k``, 0 if none.

    >>> reciprocal_rank(["a", "b", "g"], ["g"], 10), reciprocal_rank(["a", "g"], ["g"], 1)
    (0.3333333333333333, 0.0)
    """
    wanted = set(gold)
    for rank, doc in enumerate(ranked[:k], start=1):
        if doc in wanted:
            return 1.0 / rank
    return 0.0


def evaluate(rankings: Sequence[Sequence[str]], queries: Sequence[Query]) -> dict[str, float]:
    """Mean R@1, R@5, MAP@5 and MRR@10 over ``queries``."""
    count = max(1, len(queries))
    sums = dict.fromkeys(METRICS, 0.0)
    for ranked, query in zip(rankings, queries, strict=True):
        sums["R@1"] += recall_at(ranked, query.gold, 1)
        sums["R@5"] += recall_at(ranked, query.gold, 5)
        sums["MAP@5"] += average_precision_at(ranked, query.gold, 5)
        sums["MRR@10"] += reciprocal_rank(ranked, query.gold, 10)
    return {name: value / count for name, value in sums.items()}


def kept_gold(found: Sequence[Sequence[Hit]], queries: Sequence[Query]) -> float:
    """Of the queries whose top hit is gold, the share whose top hit is shown (1.0 if none).

    >>> q = [Query("a", "", ("g",)), Query("b", "", ("g",)), Query("c", "", ("g",))]
    >>> kept_gold([[Hit("g")], [Hit("g", shown=False)], [Hit("x")]], q)
    0.5
    """
    tops = [hits[0] for hits, query in zip(found, queries, strict=True) if hits
            and hits[0].id in query.gold]  # fmt: skip
    return sum(hit.shown for hit in tops) / len(tops) if tops else 1.0


def any_shown(found: Sequence[Sequence[Hit]]) -> float:
    """The share of queries with at least one hit shown (``offtopic_shown`` against a corpus
    on another subject).

    >>> any_shown([[Hit("a", shown=False), Hit("b")], [Hit("c", shown=False)], []])
    0.3333333333333333
    """
    return sum(any(hit.shown for hit in hits) for hits in found) / max(1, len(found))


# ---------------------------------------------------------------- rankers


def bm25_ranker(
    queries: Sequence[Query], corpus: Sequence[Entry], k: int
) -> Callable[[], list[list[Hit]]]:
    """Textbook BM25: bm25s defaults, English stopwords, Snowball stemming, text only."""
    stemmer = Stemmer.Stemmer("english")
    tokens = bm25s.tokenize(
        [entry.text for entry in corpus], stopwords="en", stemmer=stemmer, show_progress=False
    )
    index = bm25s.BM25()
    index.index(tokens, show_progress=False)
    ids = [entry.id for entry in corpus]

    def run() -> list[list[Hit]]:
        asked = bm25s.tokenize(
            [q.text for q in queries], stopwords="en", stemmer=stemmer, show_progress=False
        )
        found, scores = index.retrieve(asked, k=min(k, len(ids)), show_progress=False)
        return [
            [Hit(ids[int(i)], score > 0) for i, score in zip(row, row_scores, strict=True)]
            for row, row_scores in zip(found, scores, strict=True)
        ]

    return run


def checks_ranker(
    queries: Sequence[Query], corpus: Sequence[Entry], k: int
) -> Callable[[], list[list[Hit]]]:
    """The app's matcher: corpus entries as passages, titles through ``titles=``; a hit is
    shown when ``checks.relevance`` calls it evidence."""
    passages = [Passage(entry.id, 0, len(entry.text), entry.text) for entry in corpus]
    matcher = Matcher.build(passages, titles={entry.id: entry.title for entry in corpus})
    claims = [Claim(q.id, 0, q.text, ClaimKind.FACTUAL, 1.0) for q in queries]

    def run() -> list[list[Hit]]:
        found = matcher.match_many(claims, top=k)
        return [
            [Hit(e.passage.document_key, relevance.is_evidence(e.score)) for e in row]
            for row in found
        ]

    return run


RANKERS: dict[str, Ranker] = {"bm25": bm25_ranker, "checks": checks_ranker}

_vectors: dict[str, Any] = {}
"""Passage matrices already computed in this run, by digest (the traced pass reuses them)."""


def semantic_ranker(
    queries: Sequence[Query],
    corpus: Sequence[Entry],
    k: int,
    *,
    folder: Path | None = None,
    weight: float | None = None,
    pool: int | None = None,
) -> Callable[[], list[list[Hit]]]:
    """The matcher plus the model (``checks.semantic``): union of both pools, blended; a hit
    is shown when ``checks.relevance`` calls its (calibrated) score evidence."""
    from checks.semantic import model, search, vectors

    passages = [Passage(entry.id, 0, len(entry.text), entry.text) for entry in corpus]
    titles = {entry.id: entry.title for entry in corpus}
    lexical = Matcher.build(passages, titles=titles)
    embedder = model.shared()
    texts = search.passage_texts(passages, titles)
    key = vectors.digest(texts)
    if key not in _vectors:
        started = time.perf_counter()
        where = folder / key if folder is not None else None
        built = vectors.load_or_build(where, texts, embedder)
        _vectors[key] = built.matrix
        print(f"semantic: {len(texts):,} passage vectors in {time.perf_counter() - started:.1f} s")
    matrix = _vectors[key].copy()
    semantic = search.SemanticMatcher(
        lexical,
        matrix,
        embedder,
        weight=search.WEIGHT if weight is None else weight,
        pool=search.POOL if pool is None else pool,
    )
    claims = [Claim(q.id, 0, q.text, ClaimKind.FACTUAL, 1.0) for q in queries]

    def run() -> list[list[Hit]]:
        found = semantic.scored_many(claims)
        return [
            [Hit(passages[item.index].document_key, item.is_evidence) for item in row[:k]]
            for row in found
        ]

    return run


# ---------------------------------------------------------------- running


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_corpus(path: Path) -> list[Entry]:
    """The entries of a ``corpus.jsonl``."""
    return [
        Entry(str(row["id"]), str(row["text"]), str(row.get("title") or ""))
        for row in load_jsonl(path)
    ]


def load_set(
    queries: Path, corpus: Path, *, half: int | None = None
) -> tuple[list[Query], list[Entry]]:
    """The queries (one half of them with ``half``: 1 = odd positions, 2 = even) and corpus."""
    asked = [
        Query(str(row["id"]), str(row["text"]), tuple(str(g) for g in row["gold"]))
        for row in load_jsonl(queries)
    ]
    if half is not None:
        asked = asked[half - 1 :: 2]
    return asked, load_corpus(corpus)


def measure(
    ranker: Ranker,
    queries: Sequence[Query],
    corpus: Sequence[Entry],
    k: int,
    *,
    offtopic: Sequence[Entry] = (),
) -> dict[str, float]:
    """Metrics and queries/s of one timed pass, ``kept_gold``, ``offtopic_shown`` against
    ``offtopic`` (when given), then peak heap MiB of an untimed pass."""
    run = ranker(queries, corpus, k)
    started = time.perf_counter()
    found = run()
    elapsed = time.perf_counter() - started
    result = evaluate([[hit.id for hit in hits] for hits in found], queries)
    result["kept_gold"] = kept_gold(found, queries)
    if offtopic:
        result["offtopic_shown"] = any_shown(ranker(queries, offtopic, k)())
    result["qps"] = len(queries) / elapsed if elapsed > 0 else float("inf")
    tracemalloc.start()
    try:
        ranker(queries, corpus, k)()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    result["peak_MiB"] = peak / 2**20
    return result


def run_set(
    name: str,
    queries: Path,
    corpus: Path,
    *,
    k: int,
    half: int | None,
    offtopic: Path | None = None,
    rankers: dict[str, Ranker] | None = None,
) -> dict[str, Any]:
    asked, entries = load_set(queries, corpus, half=half)
    other = load_corpus(offtopic) if offtopic is not None and offtopic != corpus else []
    chosen = RANKERS if rankers is None else rankers
    results = {
        label: measure(ranker, asked, entries, k, offtopic=other)
        for label, ranker in chosen.items()
    }
    print(table(name, len(asked), len(entries), results, offtopic=offtopic if other else None))
    summary: dict[str, Any] = {"set": name, "queries": len(asked)}
    if other and offtopic is not None:
        summary["offtopic"] = offtopic.parent.name
    keys = (*METRICS, "kept_gold", *(("offtopic_shown",) if other else ()), "qps")
    for label, values in results.items():
        summary[label] = {key: round(values[key], 4) for key in keys}
    return summary


def table(
    name: str,
    queries: int,
    passages: int,
    results: dict[str, dict[str, float]],
    *,
    offtopic: Path | None = None,
) -> str:
    """A Markdown table, one row per ranker."""
    head = f"\n{name}: {queries} queries, {passages:,} passages"
    head += f"; off-topic corpus {offtopic.parent.name}\n\n" if offtopic else "\n\n"
    extra = ("kept_gold", *(("offtopic_shown",) if offtopic else ()))
    head += "| method | R@1 | R@5 | MAP@5 | MRR@10 | " + " | ".join(extra)
    head += " | queries/s | peak heap MiB |\n"
    head += "|---|---|---|---|---|" + "---|" * len(extra) + "---|---|\n"
    rows = [
        f"| {label} | "
        + " | ".join(f"{values[m]:.3f}" for m in (*METRICS, *extra))
        + f" | {values['qps']:,.0f} | {values['peak_MiB']:.0f} |"
        for label, values in results.items()
    ]
    return head + "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="BM25 vs. the app's matcher on retrieval sets.")
    parser.add_argument("--queries", type=Path, help="queries.jsonl (id, text, gold)")
    parser.add_argument("--corpus", type=Path, help="corpus.jsonl (id, text, title)")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="folder of sets")
    parser.add_argument("--k", type=int, default=10, help="ranks kept per query (>= 10)")
    parser.add_argument("--half", type=int, choices=(1, 2), help="odd (1) or even (2) queries")
    parser.add_argument(
        "--offtopic", type=Path, help="another set's corpus.jsonl: offtopic_shown against it"
    )
    parser.add_argument(
        "--semantic", action="store_true", help="add the optional model (method semantic)"
    )
    parser.add_argument("--vectors", type=Path, help="semantic: keep passage vectors here")
    parser.add_argument("--weight", type=float, help="semantic: the lexical share of the blend")
    parser.add_argument("--pool", type=int, help="semantic: candidates from each side")
    args = parser.parse_args(argv)
    if (args.queries is None) != (args.corpus is None):
        parser.error("--queries and --corpus go together")
    k = max(args.k, 10)
    if args.queries is not None:
        sets = [(args.queries.parent.name, args.queries, args.corpus)]
    elif args.root.is_dir():
        sets = [
            (folder.name, folder / "queries.jsonl", folder / "corpus.jsonl")
            for folder in sorted(args.root.iterdir())
            if (folder / "queries.jsonl").is_file() and (folder / "corpus.jsonl").is_file()
        ]
    else:
        sets = []
    if not sets:
        print(f"skipped: no retrieval sets under {args.root}")
        return 0
    rankers = dict(RANKERS)
    if args.semantic:
        rankers["semantic"] = functools.partial(
            semantic_ranker, folder=args.vectors, weight=args.weight, pool=args.pool
        )
    summaries = []
    for name, queries, corpus in sets:
        summary = run_set(
            name, queries, corpus, k=k, half=args.half, offtopic=args.offtopic, rankers=rankers
        )
        summaries.append(summary)
        print("\n" + json.dumps(summary))
    if len(summaries) > 1:
        print(json.dumps({"sets": summaries}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
