"""``python -m checks factchecks import|list`` and ``search``, as real subprocesses."""

from __future__ import annotations

import json
from pathlib import Path

from tests.factcheck_samples import CSV_FEED, DATAFEED, PAGE_HTML, dumps
from tests.test_cli import run


def test_import_twice_list_and_search(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.sqlite3")
    (tmp_path / "feed.json").write_bytes(dumps(DATAFEED))
    (tmp_path / "checks.csv").write_text(CSV_FEED, encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE_HTML, encoding="utf-8")
    files = [str(tmp_path / name) for name in ("feed.json", "checks.csv", "page.html")]
    first = run("factchecks", "import", *files, "--db", db, "--report", str(tmp_path / "r.jsonl"))
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [
        "feed.json (json): 3 new, 1 already present, 3 skipped",
        "checks.csv (csv): 2 new, 0 already present, 1 skipped",
        "page.html (html): 1 new, 0 already present, 1 skipped",
        "6 new, 1 already present, 5 skipped",
    ]
    assert "item 6 (dataFeedElement[4].item[0]): skipped: NewsArticle, not a ClaimReview" in (
        first.stderr
    )
    report = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert len(report) == 7 + 3 + 2
    assert report[2]["notes"] == ["HTML removed from claimReviewed"]
    again = run("factchecks", "import", files[0], "--db", db)
    assert again.stdout.splitlines()[-1] == "0 new, 4 already present, 3 skipped"
    listing = run("factchecks", "list", "--db", db, "--publisher", "Checks Desk")
    assert [line.split("\t")[2:4] for line in listing.stdout.splitlines()] == [
        ["Checks Desk", "Half True"],
        ["Checks Desk", "False"],
    ]
    found = run("search", "Sweden joined NATO in 2024", "--json", "--db", db)
    (line,) = found.stdout.splitlines()
    record = json.loads(line)
    assert record["query"] == "Sweden joined NATO in 2024"
    assert [(m["kind"], m["publisher"], m["rating"]) for m in record["matches"]] == [
        ("factcheck", "Faktisk Eksempel", "Sant"),
        ("factcheck", "Verificado Ejemplo", "Verdadero"),
    ]
    assert {"url", "claim", "rating", "publisher", "date", "score", "kind"} <= set(
        record["matches"][0]
    )
    queries = tmp_path / "q.txt"
    queries.write_text("Vaccines contain microchips\n\nCats purr loudly\n", encoding="utf-8")
    many = run("search", "--queries", str(queries), "--json", "--db", db)
    answers = [json.loads(x) for x in many.stdout.splitlines()]
    assert [(a["query"], len(a["matches"])) for a in answers] == [
        ("Vaccines contain microchips", 1),
        ("Cats purr loudly", 0),
    ]
    plain = run("search", "Cats purr loudly", "--db", db)
    assert plain.stdout.splitlines() == [
        "Cats purr loudly",
        "  no fact-check or earlier verdict found",
    ]


def test_a_bad_feed_is_one_error_line_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"[" * 100 + b"]" * 100)
    result = run("factchecks", "import", str(bad), "--db", str(tmp_path / "x.sqlite3"))
    assert result.returncode == 1
    assert result.stderr.strip() == ("error: bad.json nests JSON deeper than 64 levels: not a feed")
    assert run("search", "--db", str(tmp_path / "x.sqlite3")).stderr.strip() == (
        "error: search needs TEXT or --queries FILE"
    )
