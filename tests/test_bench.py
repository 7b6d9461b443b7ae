"""bench.retrieval's metrics by hand, its runs on a tiny set, and bench.scale on a small library."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

from bench import retrieval, scale
from bench.retrieval import (
    Query,
    average_precision_at,
    evaluate,
    recall_at,
    reciprocal_rank,
)

RANKED = ["d3", "g1", "d7", "g2", "g3", "d1", "g4"]
GOLD = ["g1", "g2", "g3", "g4"]


def test_recall_at() -> None:
    assert recall_at(RANKED, GOLD, 1) == 0.0
    assert recall_at(RANKED, GOLD, 2) == 1.0
    assert recall_at([], GOLD, 5) == 0.0


def test_average_precision_divides_by_all_gold_ids() -> None:
    # hits at ranks 2, 4, 5 in the top 5: (1/2 + 2/4 + 3/5) / 4 gold ids
    assert average_precision_at(RANKED, GOLD, 5) == pytest.approx((0.5 + 0.5 + 0.6) / 4)
    # one gold id at rank 1 of two gold ids: 1/2, not 1
    assert average_precision_at(["a", "b"], ["a", "z"], 5) == 0.5
    assert average_precision_at(["a", "a", "b"], ["a"], 5) == 1.0  # a repeat counts once
    assert average_precision_at(["x"], [], 5) == 0.0
    # a gold id beyond the cut does not count
    assert average_precision_at(["x"] * 5 + ["a"], ["a"], 5) == 0.0


def test_reciprocal_rank() -> None:
    assert reciprocal_rank(RANKED, GOLD, 10) == 0.5
    assert reciprocal_rank(["x"] * 10 + ["g1"], GOLD, 10) == 0.0
    assert reciprocal_rank(["g1"], GOLD, 10) == 1.0


def test_evaluate_means_over_queries_and_missing_ranks_are_misses() -> None:
    queries = [Query("q1", "", ("a",)), Query("q2", "", ("b", "c"))]
    result = evaluate([["a"], ["x", "c"]], queries)
    assert result["R@1"] == 0.5
    assert result["R@5"] == 1.0
    assert result["MAP@5"] == pytest.approx((1.0 + 0.5 / 2) / 2)
    assert result["MRR@10"] == pytest.approx((1.0 + 0.5) / 2)
    assert evaluate([[], []], queries) == dict.fromkeys(retrieval.METRICS, 0.0)


def test_doctests_of_the_benchmarks() -> None:
    assert doctest.testmod(retrieval).failed == 0


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_retrieval_on_a_tiny_set_ends_with_one_json_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _write(
        tmp_path / "corpus.jsonl",
        [
            {"id": "p1", "text": "Russia annexed Crimea in March 2014.", "title": "Crimea"},
            {"id": "p2", "text": "NATO was founded in 1949 in Washington.", "title": "NATO"},
            {"id": "p3", "text": "Heavy rain flooded the valley.", "title": "Weather"},
        ],
    )
    queries = _write(
        tmp_path / "queries.jsonl",
        [
            {"id": "q1", "text": "Crimea was annexed by Russia #Crimea", "gold": ["p1"]},
            {"id": "q2", "text": "The NATO alliance was founded in 1949", "gold": ["p2"]},
        ],
    )
    assert retrieval.main(["--queries", str(queries), "--corpus", str(corpus)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    summary = json.loads(last)
    assert set(summary) == {"set", "queries", "bm25", "checks"}
    assert summary["queries"] == 2
    assert set(summary["checks"]) == {"R@1", "R@5", "MAP@5", "MRR@10", "kept_gold", "qps"}
    assert summary["checks"]["R@1"] == summary["bm25"]["R@1"] == 1.0
    assert summary["checks"]["kept_gold"] == summary["bm25"]["kept_gold"] == 1.0


def test_retrieval_offtopic_counts_queries_shown_any_evidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two queries against a corpus on another subject: BM25 (no floor) shows something for
    the one sharing a word; the matcher shows nothing for either."""
    corpus = _write(
        tmp_path / "own" / "corpus.jsonl",
        [
            {"id": "p1", "text": "Russia annexed Crimea in March 2014.", "title": "Crimea"},
            {"id": "p2", "text": "NATO was founded in 1949 in Washington.", "title": "NATO"},
        ],
    )
    other = _write(
        tmp_path / "other" / "corpus.jsonl",
        [
            {"id": "o1", "text": "An earthquake shook the coast of Chile.", "title": "Quake"},
            {"id": "o2", "text": "Shares of a Russia fund fell after earnings.", "title": "Fund"},
        ],
    )
    queries = _write(
        tmp_path / "own" / "queries.jsonl",
        [
            {"id": "q1", "text": "Crimea was annexed by Russia in 2014, a vote", "gold": ["p1"]},
            {"id": "q2", "text": "The NATO alliance was founded in 1949", "gold": ["p2"]},
        ],
    )
    args = ["--queries", str(queries), "--corpus", str(corpus), "--offtopic", str(other)]
    assert retrieval.main(args) == 0
    out = capsys.readouterr().out
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["offtopic"] == "other"
    assert summary["bm25"]["offtopic_shown"] == 0.5
    assert summary["checks"]["offtopic_shown"] == 0.0
    assert summary["checks"]["kept_gold"] == 1.0
    assert "| method | R@1 | R@5 | MAP@5 | MRR@10 | kept_gold | offtopic_shown |" in out


def test_retrieval_skips_cleanly_without_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert retrieval.main(["--root", str(tmp_path / "absent")]) == 0
    assert capsys.readouterr().out.startswith("skipped:")


def test_scale_generator_is_deterministic() -> None:
    first = scale.Vocabulary.make(7)
    again = scale.Vocabulary.make(7)
    library = scale.make_library(first, 120)
    assert library == scale.make_library(again, 120)
    assert len(library) == 3
    assert scale.make_article(first, library, 10) == scale.make_article(again, library, 10)


def test_scale_runs_on_a_small_library(capsys: pytest.CaptureFixture[str]) -> None:
    assert scale.main(["--passages", "150", "--claims", "6"]) == 0
    out = capsys.readouterr().out
    assert "| **whole analysis, index on disk (new process)** |" in out
    assert "150 passages" in out
    assert "(1 document split, 3 copied)" in out  # one document added: the rest copied
    summary = json.loads(out.strip().splitlines()[-1])
    assert set(summary) == {
        "passages", "claims", "index_build_s", "bm25s_build_s", "analysis_s", "peak_rss_mib"
    }  # fmt: skip
    assert (summary["passages"], summary["claims"]) == (150, 7)
