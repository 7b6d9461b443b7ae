"""``python -m checks`` on the demo article, as a journalist would run it (a real subprocess)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from checks.export import CSV_COLUMNS
from tests.conftest import DEMO_ARTICLE, ROOT


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checks", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=240,
    )


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM for spreadsheets
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_analyze_demo_writes_every_column_and_flags_the_dateline(tmp_path: Path) -> None:
    out, db = tmp_path / "verdicts.csv", tmp_path / "cli.sqlite3"
    result = run("analyze", str(DEMO_ARTICLE), "--out", str(out), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"  # the new article's id
    rows = read_csv(out)
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert rows[0]["kind"] == "heading"
    dateline = next(row for row in rows if row["claim"] == "Moscow, June 15, 2024")
    assert "June 15, 2024" in dateline["conflicts"]
    assert "14 June 2024" in dateline["conflicts"]
    assert dateline["source_url"].startswith("https://en.wikipedia.org/wiki/")
    assert all(row["verdict"] == "unreviewed" for row in rows)
    with_evidence = [row for row in rows if row["evidence"]]
    assert len(with_evidence) >= len(rows) // 2
    assert "claims" in result.stderr
    assert "with evidence" in result.stderr


def test_list_and_export_read_the_same_database(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    text = "Ukraine applied to join NATO on 30 September 2022.\n"
    first = run("analyze", "-", "--title", "Stdin article", "--db", str(db), stdin=text)
    assert first.returncode == 0, first.stderr
    listing = run("list", "--db", str(db))
    assert listing.returncode == 0
    assert listing.stdout.splitlines() == ["1\tStdin article\t1 claims\t0 reviewed"]
    exported = run("export", "1", "--db", str(db))
    assert exported.returncode == 0
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert [row["claim"] for row in rows] == ["Ukraine applied to join NATO on 30 September 2022."]
    assert rows[0]["source_title"] != ""


def test_help_explains_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for word in ("analyze", "list", "export", "CHECKS_DB"):
        assert word in result.stdout
    sub = run("analyze", "--help")
    assert "--out" in sub.stdout
    assert "--db" in sub.stdout


def test_errors_have_exit_codes_and_one_line_messages(tmp_path: Path) -> None:
    missing = run("analyze", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "x.sqlite3"))
    assert missing.returncode == 1
    assert missing.stderr.strip().startswith("error: cannot read")
    assert len(missing.stderr.strip().splitlines()) == 1
    empty = run("analyze", "-", "--db", str(tmp_path / "x.sqlite3"), stdin="  \n\n")
    assert empty.returncode == 1
    assert "empty" in empty.stderr
    assert run("frobnicate").returncode == 2
    unknown = run("export", "99", "--db", str(tmp_path / "x.sqlite3"))
    assert unknown.returncode == 1
    assert "99" in unknown.stderr
