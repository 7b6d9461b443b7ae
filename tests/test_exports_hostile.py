"""Exports of hostile text, case by case (the properties are in test_properties.py)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from checks import config
from checks.claimreview import Publisher, to_claimreview
from checks.export import to_csv
from checks.jsonl import to_jsonl
from checks.model import Document, Evidence, Passage, SourceKind
from checks.report import link, to_markdown
from tests.test_properties import review_of

ARTICLE = "Harbour vote\n\nThe council voted on 3 May 2024. The mayor said \u202eit was fine.\n"


@pytest.mark.parametrize(
    ("note", "cell"),
    [
        (
            '=HYPERLINK("http://evil.example","click")',
            '\'=HYPERLINK("http://evil.example","click")',
        ),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("'=already quoted", "''=already quoted"),
        ("ok = fine", "ok = fine"),
    ],
)
def test_csv_formula_cells_are_neutralised(note: str, cell: str) -> None:
    review = review_of(ARTICLE, [note])
    records = list(csv.DictReader(io.StringIO(to_csv(review).decode("utf-8-sig"), newline="")))
    assert {record["note"] for record in records} == {cell}
    assert records[0]["article_title"] == cell  # the title is the first note here


def test_markdown_report_escapes_the_articles_own_markdown() -> None:
    text = "# Not a heading\n\n**bold** [link](javascript:alert(1)) <b>x</b> &amp; `code`\n"
    review = review_of(text, ["![img](http://t.example/p.png)"])
    report = to_markdown(review, scale=config.DEFAULT_SCALE).decode("utf-8")
    assert "\n### Not a heading **" in report  # the article's heading, as the report marks them
    assert (
        "\\*\\*bold\\*\\* \\[link\\](javascript:alert(1)) \\<b\\>x\\</b\\> \\&amp; \\`code\\`"
        in report
    )
    assert "\\!\\[img\\](http://t.example/p.png)" in report
    assert "\\[U+202E\\]" in to_markdown(review_of(ARTICLE, ["n"])).decode("utf-8")


@pytest.mark.parametrize(
    ("url", "written"),
    [
        (
            "https://a.example/>[x](javascript:alert(1))",
            "[T](<https://a.example/%3E[x](javascript:alert(1))>)",
        ),
        ("javascript:alert(1)", "T"),
        ("data:text/html,<script>alert(1)</script>", "T"),
        ("https://a.example/a b", "[T](<https://a.example/a%20b>)"),
        ("https://a.example/\u202eexe.pdf", "[T](<https://a.example/%E2%80%AEexe.pdf>)"),
    ],
)
def test_report_links_cannot_break_out(url: str, written: str) -> None:
    assert link("T", url) == written


def test_report_source_list_and_header_autolinks_are_made_safe() -> None:
    hostile = "https://a.example/>[x](javascript:alert(1))"
    review = review_of(ARTICLE, ["n"])
    doc = Document(SourceKind.LIBRARY, "k", "Minutes", hostile, "", "en", "The council voted.", "")
    evidence = Evidence("c2", 1, Passage(doc.uid, 0, 18, "The council voted."), 0.9)
    rows = tuple(
        row
        if row.claim.id != "c2"
        else type(row)(row.sentence, row.claim, (evidence,), row.verdict)
        for row in review.rows
    )
    article = type(review.article)(1, "T", ARTICLE, hostile, "2026-11-27T09:00:00Z")
    report = to_markdown(type(review)(article, rows, (doc,)), scale=config.DEFAULT_SCALE).decode()
    outside_autolinks = re.sub(r"<https?://[^<>\s]*>", "", report)
    assert "](javascript:" not in outside_autolinks.replace("\\](javascript:", "")
    assert "<https://a.example/%3E[x](javascript:alert(1))>" in report


def test_json_exports_cannot_close_a_script_element() -> None:
    note = "</script><script>alert(1)</script> \u2028 & <!--"
    review = review_of(ARTICLE, [note])
    claimreview = to_claimreview(review, publisher=Publisher("Desk", "https://d.example/c"))
    assert b"</script" not in claimreview.lower()
    assert b"\\u003c/script\\u003e" in claimreview
    assert json.loads(claimreview)[0]["reviewBody"] == note
    jsonl = to_jsonl(review, ())
    assert b"<" not in jsonl
    assert [json.loads(line)["verdict"]["note"] for line in jsonl.splitlines()] == [note] * len(
        review.rows
    )
