"""``python -m checks`` on the demo article, as a journalist would run it (a real subprocess)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from checks.export import CSV_COLUMNS
from tests.conftest import DEMO_ARTICLE, ROOT
from tests.samples import ARTICLE_HTML, TITLE, make_docx, make_pdf, serve


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
    assert not any(row["claim"] == "Moscow, June 15, 2024" for row in rows)  # metadata now
    opened = next(row for row in rows if row["dateline"])
    assert opened["claim"].startswith("Russian President Vladimir Putin has offered")
    assert (opened["dateline"], opened["dateline_place"], opened["dateline_date"]) == (
        "Moscow, June 15, 2024",
        "Moscow",
        "June 15, 2024",
    )
    assert opened["dateline_conflicts"] == "date: June 15, 2024 ≠ 14 June 2024"
    assert "date: June 15, 2024 ≠ 14 June 2024" in opened["conflicts"]
    assert opened["source_url"].startswith("https://en.wikipedia.org/wiki/")
    assert [row["claim_id"] for row in rows] == [f"c{n}" for n in range(1, len(rows) + 1)]
    assert all(row["verdict"] == "unreviewed" for row in rows)
    with_evidence = [row for row in rows if row["evidence"]]
    assert len(with_evidence) >= 20  # of 33: the rest have only weak matches, or none
    assert {row["band"] for row in with_evidence} == {"strong", "related"}
    assert all(row["band"] == row["score"] == "" for row in rows if not row["evidence"])
    assert "claims" in result.stderr
    assert f"{len(rows)} claims, {len(with_evidence)} with evidence" in result.stderr


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


# --- issue 6: inputs, formats, import ------------------------------------------------------


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve() as base:
        yield base


def test_analyze_a_url_prints_the_id_and_writes_markdown(tmp_path: Path, site: str) -> None:
    db, out = tmp_path / "cli.sqlite3", tmp_path / "report.md"
    url = f"{site}/news/article.html"
    result = run("analyze", url, "--db", str(db), "--format", "markdown", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1\n"
    assert "[#" not in result.stderr  # no progress bar when stderr is not a terminal
    report = out.read_text(encoding="utf-8")
    assert report.startswith(f"# Fact-check: {TITLE}\n")
    assert "- **Author:** Jane Reporter" in report
    assert "- **Published:** 2024-06-15" in report
    assert f"- **Article:** <{url}>" in report


@pytest.mark.parametrize(
    ("name", "data"),
    [("story.docx", make_docx()), ("release.pdf", make_pdf()), ("page.html", ARTICLE_HTML)],
)
def test_analyze_every_file_type(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = run("analyze", str(path), "--db", str(tmp_path / "db.sqlite3"), "--format", "jsonl",
                 "--out", str(tmp_path / "out.jsonl"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert any("30 September 2022" in json.loads(line)["claim"]["text"] for line in lines)


def test_export_formats_and_import_verdicts_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    text = "Ukraine applied to join NATO on 30 September 2022.\n\nNATO was founded in 1949.\n"
    assert run("analyze", "-", "--db", str(db), stdin=text).returncode == 0
    exported = tmp_path / "verdicts.csv"
    assert run("export", "1", "--db", str(db), "--out", str(exported)).returncode == 0
    rows = read_csv(exported)
    rows[0]["verdict"], rows[0]["note"] = "TRUE", "=Checked, see “NATO”\nline two"
    with exported.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(CSV_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    back = run("import-verdicts", str(exported), "--db", str(db))
    assert back.returncode == 0, back.stderr
    assert back.stdout == "article 1: 2 rows read, 1 verdicts changed\n"
    jsonl = run("export", "1", "--db", str(db), "--format", "jsonl")
    first = json.loads(jsonl.stdout.splitlines()[0])
    assert first["verdict"]["label"] == "true"
    assert first["verdict"]["note"] == "=Checked, see “NATO”\nline two"
    assert [h["label"] for h in first["history"]] == ["true"]
    refused = run("export", "1", "--db", str(db), "--format", "claimreview")
    assert refused.returncode == 1
    assert "Settings > Publisher" in refused.stderr
    publisher = ("--publisher", "Desk", "--publisher-url", "https://desk.example/c")
    claimreview = run("export", "1", "--db", str(db), "--format", "claimreview", *publisher)
    assert claimreview.returncode == 0, claimreview.stderr
    (review,) = json.loads(claimreview.stdout)
    assert (review["url"], review["reviewRating"]["ratingValue"]) == (
        "https://desk.example/c#c1",
        5,
    )


def test_import_errors_are_one_line_and_change_nothing(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    assert run("analyze", "-", "--db", str(db), stdin="NATO was founded in 1949.\n").returncode == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("article_id,claim_id,verdict\n1,c1,maybe\n1,c9,true\n", encoding="utf-8")
    result = run("import-verdicts", str(bad), "--db", str(db))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "row 2 (c1): 'maybe' is not a verdict" in result.stderr
    assert "row 3 (c9): the article has no claim 'c9'" in result.stderr
    listing = run("list", "--db", str(db))
    assert listing.stdout.endswith("\t0 reviewed\n")


def test_bad_url_and_bad_usage_exit_codes(tmp_path: Path, site: str) -> None:
    db = str(tmp_path / "x.sqlite3")
    missing = run("analyze", f"{site}/missing", "--db", db)
    assert missing.returncode == 1
    assert (
        missing.stderr == f"error: {site}/missing: page not found (HTTP 404); check the "
        "address, or save the page in your browser and upload the .html file, or paste the "
        "text\n"
    )
    assert run("export", "1", "--format", "xml", "--db", db).returncode == 2
    assert run("import-verdicts", "--db", db).returncode == 2
    assert run("export", "one", "--db", db).returncode == 2


@pytest.mark.parametrize("command", ["analyze", "list", "export", "import-verdicts"])
def test_every_command_has_help_naming_db(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert "--db" in result.stdout
