"""CSV export: bytes on the wire, the header, one row written out, formula neutralisation."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checks.datelines import prefixed
from checks.export import CSV_COLUMNS, FORMULA_TRIGGERS, neutralise, to_csv, unneutralise
from checks.facts import agreement
from checks.jsonl import jsonl_record
from checks.model import (
    Agreement,
    Article,
    Claim,
    ClaimKind,
    Document,
    Evidence,
    Fact,
    FactKind,
    Passage,
    Review,
    ReviewRow,
    Sentence,
    SentenceRole,
    SourceKind,
    Verdict,
)

DATELINE_COLUMNS = (
    "dateline", "dateline_place", "dateline_date", "dateline_agency", "dateline_conflicts",
)  # fmt: skip

WIKI = Document(
    SourceKind.WIKIPEDIA, "Cairo_talks", "Cairo talks",
    "https://en.wikipedia.org/w/index.php?title=Cairo_talks&oldid=123", "123", "en",
    "The talks opened on 2 May 2024 in Cairo.", "2026-11-27T13:00:00Z",
)  # fmt: skip
NOTES = Document(
    SourceKind.LIBRARY, "notes.txt", "=Desk notes", "", "", "en",
    "Notes: 32 members attended.", "2026-11-26T09:00:00Z",
)  # fmt: skip
WIRE = Document(
    SourceKind.LIBRARY, "wire.txt", "Wire", "https://wire.example/1", "", "en",
    "-Talks started in early May.", "2026-11-26T09:00:00Z",
)  # fmt: skip
CONFLICT = Agreement(
    matches=(
        (Fact(FactKind.YEAR, "2024", "2024", 25, 29), Fact(FactKind.YEAR, "2024", "2024", 26, 30)),
    ),
    conflicts=(
        (Fact(FactKind.DATE, "2024-05-03", "3 May 2024", 19, 29),
         Fact(FactKind.DATE, "2024-05-02", "2 May 2024", 20, 30)),
    ),
)  # fmt: skip
NOTE = "Wrong date.\nSee “Cairo talks” – it’s 2 May 🙂"
CHECKED = ReviewRow(
    Sentence(1, 23, 53, "The talks began on 3 May 2024.", 1),
    Claim("c2", 1, "The talks began on 3 May 2024.", ClaimKind.FACTUAL, 0.8456),
    (
        Evidence("c2", 2, Passage("library:notes.txt", 0, 27, "Notes: 32 members attended."), 0.25),
        Evidence("c2", 1, Passage("wikipedia:Cairo_talks", 0, 40, WIKI.text), 0.81254, CONFLICT),
        Evidence("c2", 3, Passage("library:wire.txt", 0, 28, WIRE.text), 0.23),
    ),
    Verdict("c2", "false", NOTE, 2, "2026-11-27T14:03:05Z"),
)
HEADLINE = ReviewRow(
    Sentence(0, 0, 21, "+1 talks resume @Cairo", 0, SentenceRole.HEADLINE),
    Claim("c1", 0, "+1 talks resume @Cairo", ClaimKind.HEADING, 0.0),
    (),
    Verdict("c1", "unreviewed", "", None, ""),
)
REVIEW = Review(
    Article(
        7,
        "Talks ‘resume’ in Cairo",
        "text",
        "https://example.org/a",
        "2026-11-27T14:00:00Z",
        author="-Ann Author",
        published="2024-05-03",
    ),
    (HEADLINE, CHECKED),
    (WIKI, NOTES, WIRE),
)


def read(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_starts_with_bom_and_the_exact_header_line() -> None:
    data = to_csv(REVIEW)
    assert data.startswith(b"\xef\xbb\xbfarticle_id,article_title,claim_id,sentence_index,")
    header = data.decode("utf-8-sig").split("\r\n")[0]
    assert header == (
        "article_id,article_title,claim_id,sentence_index,start,end,claim,kind,"
        "checkworthiness,verdict,note,cited_evidence_rank,evidence,source_title,source_url,"
        "score,band,conflicts,evidence_2,source_2_url,evidence_3,source_3_url,updated_at,"
        "article_url,article_author,article_published,"
        "dateline,dateline_place,dateline_date,dateline_agency,dateline_conflicts,"
        "checked_before_url,checked_before_rating,checked_before_score"
    )
    assert tuple(read(data)[0]) == CSV_COLUMNS
    assert data.endswith(b"\r\n")


def test_one_row_per_claim_with_every_value() -> None:
    _, headline, checked = read(to_csv(REVIEW))
    assert checked == [
        "7",
        "Talks ‘resume’ in Cairo",
        "c2",
        "1",
        "23",
        "53",
        "The talks began on 3 May 2024.",
        "factual",
        "0.846",
        "false",
        "Wrong date.\nSee “Cairo talks” – it’s 2 May 🙂",  # newline, quotes, emoji intact
        "2",
        "The talks opened on 2 May 2024 in Cairo.",
        "Cairo talks",
        "https://en.wikipedia.org/w/index.php?title=Cairo_talks&oldid=123",
        "0.813",
        "strong",
        "date: 3 May 2024 ≠ 2 May 2024",
        "Notes: 32 members attended.",
        "",
        "'-Talks started in early May.",
        "https://wire.example/1",
        "2026-11-27T14:03:05Z",
        "https://example.org/a",
        "'-Ann Author",
        "2024-05-03",
        "", "", "", "", "",  # no dateline opens this sentence
        "", "", "",  # checked before: url, rating, score (none: no fact-checks given)
    ]  # fmt: skip
    assert headline == [
        "7", "Talks ‘resume’ in Cairo", "c1", "0", "0", "21", "'+1 talks resume @Cairo",
        "heading", "0.0", "unreviewed", "", "", "", "", "", "", "", "", "", "", "", "", "",
        "https://example.org/a", "'-Ann Author", "2024-05-03", "", "", "", "", "",
        "", "", "",
    ]  # fmt: skip


def test_weak_passages_are_not_exported_as_evidence() -> None:
    """Below the relevance floor a passage is no evidence: a claim with only weak matches
    has empty evidence columns, and a weak third passage leaves evidence_3 empty."""
    weak_only = ReviewRow(
        CHECKED.sentence,
        CHECKED.claim,
        (Evidence("c2", 1, Passage("library:wire.txt", 0, 28, WIRE.text), 0.21),),
        CHECKED.verdict,
    )
    mixed = ReviewRow(
        CHECKED.sentence,
        CHECKED.claim,
        (*CHECKED.evidence[:2], Evidence("c2", 3, Passage("library:wire.txt", 0, 28, "x"), 0.1)),
        CHECKED.verdict,
    )
    for row, best, band, third in [(weak_only, "", "", ""), (mixed, WIKI.text, "strong", "")]:
        _, cells = read(to_csv(Review(REVIEW.article, (row,), REVIEW.documents)))
        named = dict(zip(CSV_COLUMNS, cells, strict=True))
        assert (named["evidence"], named["band"], named["evidence_3"]) == (best, band, third)


def test_numbers_are_unquoted_and_a_note_newline_stays_in_its_cell() -> None:
    text = to_csv(REVIEW).decode("utf-8-sig")
    assert "\r\n7,Talks ‘resume’ in Cairo,c2,1,23,53,The talks began" in text
    assert ',0.846,false,"Wrong date.\nSee “Cairo talks” – it’s 2 May 🙂",2,' in text
    assert text.count("\r\n") == 3  # header and two rows; the note's "\n" is not a record end


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=SUM(1)", "'=SUM(1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("'=SUM(1)", "''=SUM(1)"),
        ("plain", "plain"),
        ("1-2", "1-2"),
        ("'quoted'", "'quoted'"),
        ("“=1”", "“=1”"),
        ("", ""),
    ],
)
def test_neutralise_and_its_inverse(cell: str, written: str) -> None:
    assert neutralise(cell) == written
    assert unneutralise(written) == cell


def test_neutralised_cells_survive_csv_round_trip() -> None:
    title = '=HYPERLINK("http://evil")'
    review = Review(Article(1, title, "", "", "2026-11-27T14:00:00Z"), (HEADLINE,), ())
    _, row = read(to_csv(review))
    assert row[1] == '\'=HYPERLINK("http://evil")'
    assert unneutralise(row[1]) == title


@given(st.text())
def test_unneutralise_inverts_neutralise_for_any_text(cell: str) -> None:
    written = neutralise(cell)
    assert unneutralise(written) == cell
    assert written[:1] not in FORMULA_TRIGGERS


def test_a_dateline_is_the_metadata_of_the_claim_it_opens() -> None:
    text = "KYIV, Ukraine (AP) — The talks began on 3 May 2024."
    dateline = Sentence(0, 0, 18, "KYIV, Ukraine (AP)", 0, SentenceRole.DATELINE)
    body = Sentence(1, 21, len(text), "The talks began on 3 May 2024.", 0)
    claim = Claim("c1", 1, body.text, ClaimKind.FACTUAL, 0.6)
    found = agreement(prefixed(dateline.text, body.text), "The talks opened on 2 May 2024.")
    passage = Passage("wikipedia:en:Talks", 0, 31, "The talks opened on 2 May 2024.")
    evidence = Evidence("c1", 1, passage, 0.8, found)
    row = ReviewRow(body, claim, (evidence,), Verdict("c1", "unreviewed", "", None, ""), dateline)
    review = Review(Article(1, "Talks", text, "", "2026-11-27T14:03:05Z"), (row,), ())
    cells = dict(zip(CSV_COLUMNS, read(to_csv(review))[1], strict=True))
    assert [cells[c] for c in DATELINE_COLUMNS] == [
        "KYIV, Ukraine (AP)", "KYIV, Ukraine", "", "AP", "",
    ]  # fmt: skip
    assert cells["conflicts"] == "date: 3 May 2024 ≠ 2 May 2024"  # the sentence's own date


def test_a_dateline_date_conflict_is_named_as_the_datelines() -> None:
    text = "Moscow, June 15, 2024 — Putin offered a ceasefire."
    dateline = Sentence(0, 0, 21, "Moscow, June 15, 2024", 0, SentenceRole.DATELINE)
    body = Sentence(1, 24, len(text), "Putin offered a ceasefire.", 0)
    claim = Claim("c1", 1, body.text, ClaimKind.FACTUAL, 0.6)
    speech = "On 14 June 2024, Putin said Russia would cease fire."
    found = agreement(prefixed(dateline.text, body.text), speech)
    evidence = Evidence("c1", 1, Passage("wikipedia:en:Speech", 0, len(speech), speech), 0.8, found)
    row = ReviewRow(body, claim, (evidence,), Verdict("c1", "unreviewed", "", None, ""), dateline)
    review = Review(Article(1, "Ceasefire", text, "", "2026-11-27T14:03:05Z"), (row,), ())
    cells = dict(zip(CSV_COLUMNS, read(to_csv(review))[1], strict=True))
    assert [cells[c] for c in DATELINE_COLUMNS] == [
        "Moscow, June 15, 2024", "Moscow", "June 15, 2024", "",
        "date: June 15, 2024 ≠ 14 June 2024",
    ]  # fmt: skip
    record = jsonl_record(review, row, ())
    assert record["dateline"] == {
        "text": "Moscow, June 15, 2024", "place": "Moscow", "region": "",
        "date": "June 15, 2024", "agency": "", "start": 0, "end": 21,
        "conflicts": {"1": ["date: June 15, 2024 ≠ 14 June 2024"]},
    }  # fmt: skip
