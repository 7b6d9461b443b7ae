"""bench.checkworthiness: its metrics against hand-computed values, and a run on a tiny CSV."""

from __future__ import annotations

import csv
import doctest
import json
from pathlib import Path

import pytest

from bench import checkworthiness
from bench.checkworthiness import (
    Operating,
    Row,
    at_threshold,
    average_precision,
    best_f1,
    gated,
    score_rows,
    sentences_of,
)
from checks.claims import extract_claims
from checks.model import ClaimKind, SentenceRole


def test_average_precision_by_hand() -> None:
    # ranks 1 and 3 positive: P@1 = 1, P@3 = 2/3, each for half the recall
    assert average_precision([0.9, 0.8, 0.7, 0.6], [True, False, True, False]) == pytest.approx(
        0.5 * 1 + 0.5 * 2 / 3
    )
    # every positive first: 1; every positive last (2 of 4): (1/3 + 2/4) / 2
    assert average_precision([4, 3, 2, 1], [True, True, False, False]) == 1.0
    assert average_precision([4, 3, 2, 1], [False, False, True, True]) == pytest.approx(
        (1 / 3 + 2 / 4) / 2
    )
    # order of the input does not matter, only the scores
    assert average_precision([0.6, 0.7, 0.8, 0.9], [False, True, False, True]) == pytest.approx(
        5 / 6
    )
    assert average_precision([0.5, 0.1], [False, False]) == 0.0
    assert average_precision([], []) == 0.0


def test_average_precision_counts_ties_as_one_step() -> None:
    # the tie at 0.5 holds one positive and one negative: recall 1/2 at precision 1/2;
    # then 0.1 adds the second positive: recall 1 at precision 2/3
    assert average_precision([0.5, 0.5, 0.1], [True, False, True]) == pytest.approx(
        0.5 * 0.5 + 0.5 * 2 / 3
    )
    # all tied: precision = base rate
    assert average_precision([0.3] * 4, [True, False, False, False]) == 0.25


def test_at_threshold_by_hand() -> None:
    scores = [0.9, 0.8, 0.7, 0.6, 0.1]
    labels = [True, False, True, False, True]
    point = at_threshold(scores, labels, 0.7)  # 3 flagged, 2 of them positive, of 3 positives
    assert (point.threshold, point.flagged) == (0.7, 3)
    assert (point.precision, point.recall, point.f1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    point = at_threshold(scores, labels, 0.0)  # flag all: P = 3/5, R = 1, F1 = 2PR/(P+R) = 3/4
    assert (point.precision, point.recall, point.flagged) == (0.6, 1.0, 5)
    assert point.f1 == pytest.approx(0.75)
    assert at_threshold(scores, labels, 0.95) == Operating(0.95, 0.0, 0.0, 0.0, 0)


def test_best_f1_by_hand() -> None:
    scores = [0.9, 0.8, 0.7, 0.6, 0.1]
    labels = [True, False, True, False, True]
    # >= 0.9: P 1, R 1/3, F1 0.5; >= 0.8: 1/2, 1/3, 0.4; >= 0.7: 2/3, 2/3, 2/3;
    # >= 0.6: 1/2, 2/3, 4/7; >= 0.1: 3/5, 1, 3/4 (the best)
    best = best_f1(scores, labels)
    assert best.threshold == 0.1
    assert best.f1 == pytest.approx(0.75)
    assert best.flagged == 5
    # equal F1 (0.5 at >= 0.9 and at >= 0.5): the higher threshold wins
    tie = best_f1([0.9, 0.5, 0.5, 0.5], [True, False, True, False])
    assert (tie.threshold, tie.f1) == (0.9, pytest.approx(2 / 3))
    assert best_f1([0.9, 0.8], [True, True]).threshold == 0.8
    assert best_f1([], []) == Operating(1.0, 0.0, 0.0, 0.0, 0)


def test_sentences_are_the_apps_body_sentences() -> None:
    rows = [Row("  Putin said on June 15, 2024 it ended. ", 1), Row("Is it?", -1)]
    sentences = sentences_of(rows)
    assert [s.role for s in sentences] == [SentenceRole.BODY, SentenceRole.BODY]
    first = sentences[0]
    assert first.text == "Putin said on June 15, 2024 it ended."
    assert (first.start, first.end) == (0, len(first.text))
    claims, seconds = score_rows(rows)
    assert claims == extract_claims(sentences)
    assert claims[0].checkworthiness == 0.608
    assert seconds >= 0
    assert claims[1].kind is ClaimKind.QUESTION
    assert gated(claims) == [0.608, checkworthiness.GATED_SCORE]


def test_doctests_of_the_benchmark() -> None:
    assert doctest.testmod(checkworthiness).failed == 0


def _write_csv(path: Path, rows: list[tuple[str, int]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Sentence_id", "Text", "Speaker", "Verdict"])
        for number, (text, verdict) in enumerate(rows):
            writer.writerow([number, text, "Someone", verdict])
    return path


def test_runs_on_a_tiny_csv_and_ends_with_one_json_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write_csv(
        tmp_path / "tiny.csv",
        [
            ("Unemployment fell to 4.2 percent in 2019, the lowest in 50 years.", 1),
            ("The United States spent $700 billion on defense last year.", 1),
            ("I think we should probably do better, frankly.", -1),
            ("What would you do about it?", -1),
            ("Thank you.", 0),
        ],
    )
    assert checkworthiness.main(["--csv", str(path), "--threshold", "0.3"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    summary = json.loads(out[-1])
    assert summary["sentences"] == 5
    assert summary["positives"] == 2
    assert summary["threshold"] == 0.3
    assert summary["score"]["AP"] == 1.0  # both figures outrank the rest
    assert summary["score"]["best_f1"]["f1"] == 1.0
    assert summary["score"]["fixed"]["recall"] == 1.0
    assert set(summary["gated"]) == {"AP", "best_f1", "fixed"}
    assert summary["verdict1_kinds"]["factual"] == 2
    assert sum(summary["verdict1_kinds"].values()) == 2
    assert summary["sentences_per_s"] > 0
    assert any(line.startswith("| question | 1 | 0 | 0 | 1 |") for line in out)


def test_skips_cleanly_without_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert checkworthiness.main(["--csv", str(tmp_path / "absent.csv")]) == 0
    assert capsys.readouterr().out.startswith("skipped:")


def test_half_keeps_odd_or_even_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [(f"The fund paid {n} workers in 2019.", 1 if n % 2 else 0) for n in range(1, 6)]
    path = _write_csv(tmp_path / "halves.csv", rows)
    assert checkworthiness.main(["--csv", str(path), "--half", "1"]) == 0
    first = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (first["half"], first["sentences"], first["positives"]) == (1, 3, 3)
    assert checkworthiness.main(["--csv", str(path), "--half", "2"]) == 0
    second = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (second["half"], second["sentences"], second["positives"]) == (2, 2, 0)
    assert second["distinct_scores"] >= 1
