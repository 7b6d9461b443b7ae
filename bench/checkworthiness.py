"""How well the app's check-worthiness score separates ClaimBuster's check-worthy claims.

    python -m bench.checkworthiness [--csv PATH] [--threshold T] [--half 1|2]

The set lives outside the project (``../shared/eval/checkworthiness/claimbuster_crowdsourced.csv``
relative to the repository: columns ``Text`` and ``Verdict``, 1 = check-worthy factual claim,
0 = unimportant factual, -1 = non-factual); it is read, never copied. Absent file: a message,
exit 0. Positive = Verdict 1; negative = Verdict 0 and -1.

Each ``Text`` is one sentence. It becomes a body ``Sentence`` (whitespace trimmed, the span
over the whole text) and all of them go through ``checks.claims.extract_claims`` in one call,
the code the app runs, so the score and the kind are the app's. Nothing is tuned here.

``--half 1`` keeps the odd data rows (the 1st, 3rd, 5th ...), ``--half 2`` the even ones: the
weights of ``checks.claims`` are tuned on half 1 only, and half 2 tells whether that
generalises.

Reported:

- average precision (AP) of the score as a ranking, tied scores counted as one threshold (as
  scikit-learn's ``average_precision_score``); a random ranking scores the base rate;
- precision, recall and F1 when a sentence is flagged at score >= t, at the t (one of the
  scores) that maximises F1 and at the fixed ``--threshold`` (default ``CHECK_WORTHY``, the
  app's operating point, chosen as the best-F1 threshold of half 1: see checks/claims.py);
- the same with the kind as a gate: opinions and questions are never check-worthy (their
  score is put below every other, -1);
- how many distinct scores there are and the largest share of sentences on one score (ties
  are what a coarse score is made of);
- sentences per second of the ``extract_claims`` call (the CSV read not included);
- kinds against Verdict (how many Verdict 1 sentences are marked opinion, question or quote),
  the mean score per Verdict, how often each feature of the score fires per Verdict, and
  precision, recall and F1 of the plain score at a few thresholds.

The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench import EVAL_ROOT
from checks.claims import BASE_SCORE, CHECK_WORTHY, extract_claims
from checks.model import Claim, ClaimKind, Sentence, SentenceRole

DEFAULT_CSV = EVAL_ROOT / "checkworthiness" / "claimbuster_crowdsourced.csv"
DEFAULT_THRESHOLD = CHECK_WORTHY  # the app's operating point (checks.claims)
SWEEP = (0.1, 0.2, 0.25, 0.3, 0.35, 0.38, 0.4, 0.5, 0.6)  # thresholds shown for the plain score
GATED_KINDS = (ClaimKind.OPINION, ClaimKind.QUESTION)
GATED_SCORE = -1.0  # below any score in [0, 1]
VERDICTS = (-1, 0, 1)
KINDS = (ClaimKind.FACTUAL, ClaimKind.QUOTE, ClaimKind.OPINION, ClaimKind.QUESTION)
FEATURES = (
    "date", "year", "number", "quantity", "comparison", "change", "source", "past", "entity",
    "attribution", "hedge", "evaluative", "personal", "future", "short", "length", "question",
)  # fmt: skip


# ---------------------------------------------------------------- metrics


@dataclass(frozen=True)
class Operating:
    """Flag every sentence scoring >= ``threshold``: what that gives."""

    threshold: float
    precision: float
    recall: float
    f1: float
    flagged: int


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def at_threshold(scores: Sequence[float], labels: Sequence[bool], threshold: float) -> Operating:
    """Precision, recall and F1 of flagging ``score >= threshold`` (nothing flagged: P = 0).

    >>> at_threshold([0.9, 0.5, 0.2], [True, False, True], 0.5)
    Operating(threshold=0.5, precision=0.5, recall=0.5, f1=0.5, flagged=2)
    """
    flagged = hits = 0
    for score, label in zip(scores, labels, strict=True):
        if score >= threshold:
            flagged += 1
            hits += label
    positives = sum(labels)
    precision = hits / flagged if flagged else 0.0
    recall = hits / positives if positives else 0.0
    return Operating(threshold, precision, recall, _f1(precision, recall), flagged)


def _sweep(scores: Sequence[float], labels: Sequence[bool]) -> list[tuple[float, int, int]]:
    """(distinct score, flagged, true positives among them) for ``score >= it``, high to low."""
    order = sorted(zip(scores, labels, strict=True), key=lambda pair: -pair[0])
    steps: list[tuple[float, int, int]] = []
    hits = 0
    for flagged, (score, label) in enumerate(order, start=1):
        hits += label
        if flagged == len(order) or order[flagged][0] != score:
            steps.append((score, flagged, hits))
    return steps


def average_precision(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Sum over the distinct scores, high to low, of (recall gained) x (precision there).

    Tied scores are one step, as in scikit-learn's ``average_precision_score``; no positives
    gives 0.

    >>> average_precision([0.9, 0.8, 0.7, 0.6], [True, False, True, False])  # 1/2 + 1/2 * 2/3
    0.8333333333333333
    """
    positives = sum(labels)
    if not positives:
        return 0.0
    total = 0.0
    recalled = 0
    for _, flagged, hits in _sweep(scores, labels):
        total += (hits - recalled) / positives * (hits / flagged)
        recalled = hits
    return total


def best_f1(scores: Sequence[float], labels: Sequence[bool]) -> Operating:
    """The threshold (one of the scores) whose ``score >= threshold`` maximises F1.

    Equal F1: the higher threshold. No sentences: threshold 1, all zero.

    >>> best_f1([0.9, 0.8, 0.7, 0.1], [True, False, True, False]).threshold
    0.7
    """
    positives = sum(labels)
    best = Operating(1.0, 0.0, 0.0, 0.0, 0)
    for score, flagged, hits in _sweep(scores, labels):
        precision = hits / flagged
        recall = hits / positives if positives else 0.0
        f1 = _f1(precision, recall)
        if f1 > best.f1:
            best = Operating(score, precision, recall, f1, flagged)
    return best


# ---------------------------------------------------------------- running


@dataclass(frozen=True)
class Row:
    text: str
    verdict: int


def load_rows(path: Path) -> list[Row]:
    """The ``Text`` and ``Verdict`` of every row (other columns ignored)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [Row(row["Text"], int(row["Verdict"])) for row in csv.DictReader(handle)]


def half_of(rows: Sequence[Row], half: int | None) -> list[Row]:
    """Half 1: the odd rows (1st, 3rd ...); half 2: the even rows; ``None``: all of them.

    >>> [row.verdict for row in half_of([Row("a", 1), Row("b", 0), Row("c", -1)], 1)]
    [1, -1]
    """
    if half is None:
        return list(rows)
    if half not in (1, 2):
        raise ValueError(f"half is 1 or 2, not {half}")
    return list(rows[half - 1 :: 2])


def ties(scores: Sequence[float]) -> tuple[int, float, float]:
    """(distinct scores, the most common score, the share of scores equal to it).

    >>> ties([0.25, 0.25, 0.5, 0.25])
    (2, 0.25, 0.75)
    """
    if not scores:
        return 0, 0.0, 0.0
    counts: dict[float, int] = {}
    for score in scores:
        counts[score] = counts.get(score, 0) + 1
    top = max(counts, key=lambda score: (counts[score], -score))
    return len(counts), top, counts[top] / len(scores)


def sentences_of(rows: Sequence[Row]) -> list[Sentence]:
    """One body sentence per row, its span over the whole (trimmed) text, one per paragraph."""
    sentences = []
    for index, row in enumerate(rows):
        text = row.text.strip()
        sentences.append(Sentence(index, 0, len(text), text, index, SentenceRole.BODY))
    return sentences


def score_rows(rows: Sequence[Row]) -> tuple[tuple[Claim, ...], float]:
    """The app's claims for the rows (one each, in order) and the seconds that took."""
    started = time.perf_counter()
    claims = extract_claims(sentences_of(rows))
    return claims, time.perf_counter() - started


def gated(claims: Sequence[Claim]) -> list[float]:
    """Scores with opinions and questions put below every other sentence."""
    return [GATED_SCORE if c.kind in GATED_KINDS else c.checkworthiness for c in claims]


def evaluate(scores: Sequence[float], labels: Sequence[bool], threshold: float) -> dict[str, Any]:
    return {
        "AP": average_precision(scores, labels),
        "best_f1": best_f1(scores, labels),
        "fixed": at_threshold(scores, labels, threshold),
    }


def _fired(claim: Claim) -> set[str]:
    return {reason.split(":", 1)[0] for reason in claim.reasons}


def breakdown(
    rows: Sequence[Row], claims: Sequence[Claim]
) -> tuple[dict[str, dict[int, int]], dict[int, float], dict[str, dict[int, float]]]:
    """Kinds x Verdict counts; mean score per Verdict; share of each Verdict a feature fires in."""
    kinds = {kind.value: dict.fromkeys(VERDICTS, 0) for kind in KINDS}
    per_verdict = dict.fromkeys(VERDICTS, 0)
    score_sum = dict.fromkeys(VERDICTS, 0.0)
    fired = {name: dict.fromkeys(VERDICTS, 0) for name in FEATURES}
    for row, claim in zip(rows, claims, strict=True):
        kinds.setdefault(claim.kind.value, dict.fromkeys(VERDICTS, 0))[row.verdict] += 1
        per_verdict[row.verdict] += 1
        score_sum[row.verdict] += claim.checkworthiness
        for name in _fired(claim) & set(FEATURES):
            fired[name][row.verdict] += 1
    means = {v: score_sum[v] / per_verdict[v] if per_verdict[v] else 0.0 for v in VERDICTS}
    shares = {
        name: {v: counts[v] / per_verdict[v] if per_verdict[v] else 0.0 for v in VERDICTS}
        for name, counts in fired.items()
    }
    return kinds, means, shares


def _point(label: str, point: Operating) -> str:
    return (
        f"| {label} | {point.threshold:.3f} | {point.precision:.3f} | {point.recall:.3f} "
        f"| {point.f1:.3f} | {point.flagged:,} |"
    )


def sweep_table(scores: Sequence[float], labels: Sequence[bool]) -> str:
    """Precision, recall and F1 of the plain score at each threshold of ``SWEEP``."""
    lines = ["| score >= | precision | recall | F1 | flagged |", "|---|---|---|---|---|"]
    for threshold in SWEEP:
        point = at_threshold(scores, labels, threshold)
        lines.append(
            f"| {threshold:.2f} | {point.precision:.3f} | {point.recall:.3f} | {point.f1:.3f} "
            f"| {point.flagged:,} |"
        )
    return "\n".join(lines)


def tables(
    results: dict[str, dict[str, Any]],
    kinds: dict[str, dict[int, int]],
    means: dict[int, float],
    shares: dict[str, dict[int, float]],
) -> str:
    lines = [
        "| scoring | AP | operating point | threshold | precision | recall | F1 | flagged |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, result in results.items():
        for which, label in (("best_f1", "best F1"), ("fixed", "fixed")):
            row = _point(label, result[which])
            lines.append(f"| {name} | {result['AP']:.3f} {row}")
    lines += ["", "| kind | Verdict -1 | Verdict 0 | Verdict 1 | total | share Verdict 1 |"]
    lines.append("|---|---|---|---|---|---|")
    for kind, counts in kinds.items():
        total = sum(counts.values())
        share = counts[1] / total if total else 0.0
        cells = " | ".join(f"{counts[v]:,}" for v in VERDICTS)
        lines.append(f"| {kind} | {cells} | {total:,} | {share:.3f} |")
    lines += ["", "| feature fires in | Verdict -1 | Verdict 0 | Verdict 1 |", "|---|---|---|---|"]
    for name, share_of in shares.items():
        lines.append(f"| {name} | " + " | ".join(f"{share_of[v]:.3f}" for v in VERDICTS) + " |")
    lines.append("| mean score | " + " | ".join(f"{means[v]:.3f}" for v in VERDICTS) + " |")
    return "\n".join(lines)


def _rounded(result: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"AP": round(result["AP"], 4)}
    for which in ("best_f1", "fixed"):
        out[which] = {k: round(v, 4) for k, v in asdict(result[which]).items()}
    return out


def run(path: Path, threshold: float, half: int | None = None) -> dict[str, Any]:
    rows = half_of(load_rows(path), half)
    claims, seconds = score_rows(rows)
    labels = [row.verdict == 1 for row in rows]
    positives = sum(labels)
    base_rate = positives / len(rows) if rows else 0.0
    results = {
        "score": evaluate([c.checkworthiness for c in claims], labels, threshold),
        "score, opinion/question gated": evaluate(gated(claims), labels, threshold),
    }
    kinds, means, shares = breakdown(rows, claims)
    speed = len(rows) / seconds if seconds > 0 else float("inf")
    distinct, top, top_share = ties([c.checkworthiness for c in claims])
    which = f" (half {half})" if half else ""
    print(
        f"{path.name}{which}: {len(rows):,} sentences, {positives:,} Verdict 1 (base rate "
        f"{base_rate:.3f} = AP of a random ranking; flagging all: F1 "
        f"{2 * base_rate / (1 + base_rate):.3f}); fixed threshold {threshold} "
        f"(BASE_SCORE {BASE_SCORE})\n"
    )
    print(tables(results, kinds, means, shares))
    print("\n" + sweep_table([c.checkworthiness for c in claims], labels))
    wrong = {kind: kinds.get(kind, {}).get(1, 0) for kind in ("opinion", "question", "quote")}
    print(
        f"\nVerdict 1 marked opinion {wrong['opinion']:,}, question {wrong['question']:,}, "
        f"quote {wrong['quote']:,} (of {positives:,}: "
        f"{sum(wrong.values()) / positives if positives else 0.0:.1%})"
    )
    print(f"distinct scores: {distinct:,}; most common {top} ({top_share:.1%} of sentences)")
    print(f"extract_claims: {seconds:.2f} s, {speed:,.0f} sentences/s\n")
    return {
        "set": path.stem,
        "half": half,
        "sentences": len(rows),
        "positives": positives,
        "base_rate": round(base_rate, 4),
        "threshold": threshold,
        "score": _rounded(results["score"]),
        "gated": _rounded(results["score, opinion/question gated"]),
        "verdict1_kinds": {kind: kinds.get(kind, {}).get(1, 0) for kind in kinds},
        "mean_score": {str(v): round(means[v], 4) for v in VERDICTS},
        "distinct_scores": distinct,
        "top_score_share": round(top_share, 4),
        "sentences_per_s": round(speed, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="CSV with Text, Verdict")
    parser.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"fixed threshold (default {DEFAULT_THRESHOLD}, CHECK_WORTHY)",
    )
    parser.add_argument(
        "--half",
        type=int,
        choices=(1, 2),
        default=None,
        help="1: odd rows only (the tuning half); 2: even rows only (the held-out half)",
    )
    args = parser.parse_args(argv)
    if not args.csv.is_file():
        print(f"skipped: no check-worthiness file at {args.csv}")
        return 0
    print(json.dumps(run(args.csv, args.threshold, args.half)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
