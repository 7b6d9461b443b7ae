"""bench.retrieval --semantic: the method ``semantic`` in the table and the JSON line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import retrieval


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_semantic_method_finds_the_paraphrase_the_matcher_misses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _write(
        tmp_path / "corpus.jsonl",
        [
            {"id": "p1", "text": "Putin offered a ceasefire on 14 June 2024.", "title": "Truce"},
            {"id": "p2", "text": "NATO was founded in 1949 in Washington.", "title": "NATO"},
            {"id": "p3", "text": "Heavy rain flooded the valley.", "title": "Weather"},
        ],
    )
    queries = _write(
        tmp_path / "queries.jsonl",
        [
            {"id": "q1", "text": "The Russian president proposed an armistice", "gold": ["p1"]},
            {"id": "q2", "text": "The NATO alliance was founded in 1949", "gold": ["p2"]},
        ],
    )
    offtopic = _write(
        tmp_path / "other.jsonl",
        [
            {"id": "o1", "text": "The striker scored twice in the cup final.", "title": "Cup"},
            {"id": "o2", "text": "Wheat prices fell after a record harvest.", "title": "Wheat"},
        ],
    )
    vectors = tmp_path / "vectors"
    args = ["--queries", str(queries), "--corpus", str(corpus), "--offtopic", str(offtopic)]
    assert retrieval.main([*args, "--semantic", "--vectors", str(vectors)]) == 0
    out = capsys.readouterr().out
    # R@1, R@5, MAP@5, MRR@10, kept_gold (both top passages shown), offtopic_shown (none)
    assert "| semantic | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | 0.000 |" in out
    summary = json.loads(out.strip().splitlines()[-1])
    assert set(summary) == {"set", "queries", "offtopic", "bm25", "checks", "semantic"}
    assert set(summary["semantic"]) == {
        "R@1", "R@5", "MAP@5", "MRR@10", "kept_gold", "offtopic_shown", "qps"
    }  # fmt: skip
    assert summary["checks"]["R@1"] == 0.5  # the paraphrase shares no topical word
    assert summary["semantic"]["offtopic_shown"] == 0.0
    assert len(list(vectors.iterdir())) == 2  # the set's corpus and the off-topic one
    for saved in vectors.iterdir():
        assert sorted(p.name for p in saved.iterdir()) == ["00000.npy", "meta.json"]


def test_semantic_cost_bench_on_a_tiny_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bench import semantic

    corpus = _write(
        tmp_path / "corpus.jsonl",
        [{"id": f"p{n}", "text": f"Sentence number {n} about the ceasefire.", "title": "T"}
         for n in range(5)],
    )  # fmt: skip
    queries = _write(tmp_path / "queries.jsonl", [{"id": "q", "text": "A truce", "gold": ["p1"]}])
    args = ["--queries", str(queries), "--corpus", str(corpus), "--passages", "5"]
    assert semantic.main(args) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert set(summary) == {"passages", "queries", "arena_off", "arena_on"}
    assert (summary["passages"], summary["queries"]) == (5, 1)
    for values in (summary["arena_off"], summary["arena_on"]):
        assert set(values) == set(semantic.KEYS)
        assert values["rss_loaded_mib"] > 50  # onnxruntime and the model are really loaded
        assert values["peak_rss_mib"] >= values["rss_loaded_mib"]
