"""bench.long_paste and bench.desk_charts run end to end on small inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import desk_charts, long_paste


def test_long_paste_measures_the_guess_and_every_step(tmp_path: Path) -> None:
    rows = long_paste.run(tmp_path, [66])
    assert [(row.claims, row.rough) for row in rows] == [(64, 64)]  # two copies
    row = rows[0]
    assert row.total_s == pytest.approx(row.analyse_s + row.save_s + row.review_s)
    assert row.ms_per_claim == pytest.approx(1000 * row.total_s / 64)


def test_desk_charts_prints_its_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert desk_charts.main(["--copies", "1", "--rounds", "2", "--repeat", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["| step | median ms | p95 ms |", "|---|---:|---:|"]
    assert [line.split(" | ")[0] for line in lines[2:]] == [
        "| review chart, 224 claims",
        "| Store.desk_history, 64 entries",
        "| stats.verdicts_over_time of them",
        "| Store.desk_verdict_counts",
    ]
