"""bench.conflicts: its scoring by hand and one run against the working tree's own HEAD."""

from __future__ import annotations

import doctest
import json

import pytest

from bench import conflicts
from tests.news_pairs import PAIRS, WRONG


def test_doctests() -> None:
    assert doctest.testmod(conflicts).failed == 0


def test_the_speed_texts_have_n_different_counts_of_one_thing() -> None:
    assert conflicts.figures_text(3, step=3) == "1 votes 4 votes 7 votes"


def test_a_flag_is_read_as_the_figures_it_pairs() -> None:
    assert conflicts.figures("date: June 15, 2024 ≠ 14 June 2024") == (
        "date",
        ("2024-06-15",),
        ("2024-06-14",),
    )
    assert conflicts.figures(
        "number: more than 44,000 (lower bound, holds) ≠ 59,488–62,013 deaths"
    ) == ("number", ("44000",), ("59488", "62013"))


def test_a_run_prints_both_revisions_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert conflicts.main(["--before", "HEAD", "--sizes", "20,40"]) == 0
    out = capsys.readouterr().out.splitlines()
    result = json.loads(out[-1])
    assert list(result) == ["speed", "at HEAD", "now"]
    assert list(result["speed"]["now"]) == ["20", "40"]
    news = result["now"]["news exact"]
    expected = sum(len(pair.flags) for pair in PAIRS)
    assert (news["expected"], news["hits"]) == (expected, expected)
    wrong = sum(len(pair.flags) for pair in PAIRS if pair.id in WRONG)
    assert news["flagged"] > expected - wrong  # the known wrong pairs add flags
    assert result["now"]["agreement pairs"]["recall"] == 1.0


def test_a_missing_revision_is_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert conflicts.main(["--before", "no-such-revision", "--sizes", "20"]) == 0
    captured = capsys.readouterr()
    assert "no checks/facts.py at 'no-such-revision'" in captured.err
    assert list(json.loads(captured.out.splitlines()[-1])) == ["speed", "now"]


def test_the_fresh_pairs_are_scored_apart(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.news_pairs import FRESH

    assert conflicts.main(["--before", "HEAD", "--sizes", "20"]) == 0
    result = json.loads(capsys.readouterr().out.splitlines()[-1])
    fresh = result["now"]["fresh exact"]
    assert fresh["expected"] == sum(len(pair.flags) for pair in FRESH) >= 14


def test_the_revision_runs_with_its_own_counted_module(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    from pathlib import Path

    import checks.counted

    root = Path(conflicts.__file__).resolve().parent.parent
    sources = {path: (root / path).read_text(encoding="utf-8")
               for path in ("checks/facts.py", "checks/counted.py")}  # fmt: skip
    monkeypatch.setattr(conflicts, "_show", lambda revision, path: sources[path])
    agree = conflicts.facts_at("old")
    assert agree is not None
    assert agree.__globals__["counted"].__module__ == "counted_at_old"
    assert sys.modules["checks.counted"] is checks.counted  # the working tree's, restored
