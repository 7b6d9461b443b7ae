"""bench.checked_before on a tiny set written here and a tiny generated feed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import checked_before

CORPUS = [
    {"id": "1", "text": "Sweden joined NATO in March 2024.", "title": "Did Sweden join NATO?"},
    {"id": "2", "text": "Wind turbines cause cancer.", "title": "Do turbines cause cancer?"},
    {"id": "3", "text": "The moon landing was staged.", "title": "Was the landing faked?"},
]
QUERIES = [
    {"id": "a", "text": "BREAKING: Sweden has joined NATO! #NATO", "gold": ["1"]},
    {"id": "b", "text": "those wind turbines give you cancer, wake up", "gold": ["2"]},
]


def test_quality_goes_through_import_and_search(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, rows in (("corpus.jsonl", CORPUS), ("queries.jsonl", QUERIES)):
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    assert checked_before.main(["--set", str(tmp_path), "--skip-scale"]) == 0
    out = capsys.readouterr().out
    summary = json.loads(out.strip().splitlines()[-1])["quality"]
    assert summary["checked-before"]["R@1"] == 1.0
    assert summary["bm25"]["R@5"] == 1.0
    assert summary["queries"] == 2
    assert "(3 new, 0 already present, 0 skipped)" in out


def test_scale_on_a_small_generated_feed(capsys: pytest.CaptureFixture[str]) -> None:
    assert checked_before.main(["--skip-quality", "--scale", "300"]) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["scale"]
    assert figures["summary"] == "300 new, 0 already present, 0 skipped"
    assert figures["search ms median"] > 0
