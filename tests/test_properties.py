"""Property tests over the engine with hostile and random text (issue 7).

Whatever the text: no exception but the named ones (``ChecksError``), spans index the
original text, every sentence becomes exactly one claim, exports escape what they must and
round-trip what they carry.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from checks import config
from checks.claimreview import Publisher, to_claimreview
from checks.claims import extract_claims
from checks.errors import ChecksError
from checks.export import FORMULA_TRIGGERS, to_csv, unneutralise
from checks.facts import agreement, extract_facts
from checks.jsonl import to_jsonl
from checks.model import (
    Article,
    Claim,
    ClaimKind,
    Review,
    ReviewRow,
    Sentence,
    SentenceRole,
    Verdict,
)
from checks.pipeline import check_text
from checks.queries import plan_queries
from checks.report import to_markdown
from checks.segment import chunk_bounds, segment
from checks.untrusted import BIDI_CONTROLS, json_text, safe_url
from checks.verdict_import import plan, read_rows

HOSTILE = (
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "![i](http://t.example/p.png)", "&lt;b&gt;", "&amp;", "\u202e", "\u2066", "\u200f",
    "=SUM(A1)", "+1", "-2", "@cmd", "\t", "\r", "\r\n", "\n", "\n\n", "# ", "> ", "- ", "1. ",
    "|", "`", "***", "__", "~~", "\\", "'", '"', "“", "”", "—", "…", "\u2028", "\u0085",
    "\x00", "\ufeff", "Dr. ", "U.S. ", "3.5 ", "June 15, 2024", "$5 million", "32 members",
    "NATO", "Vladimir Putin", "said", "?", "!", ".", " ", "   ", "\u00a0",
)  # fmt: skip
PIECES = st.sampled_from(HOSTILE)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=15)), max_size=30).map("".join)
SMALL = settings(max_examples=150, deadline=None)


@SMALL
@given(TEXT)
def test_segment_and_claims_never_fail_and_index_the_text(text: str) -> None:
    with contextlib.suppress(ChecksError):
        check_text(text)  # empty or NUL: refused with a message; segment copes all the same
    sentences = segment(text)
    last_end = 0
    for n, sentence in enumerate(sentences):
        assert sentence.index == n
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert sentence.start >= last_end  # in order, never overlapping
        last_end = sentence.end
    claims = extract_claims(sentences)
    assert [c.sentence_index for c in claims] == [s.index for s in sentences]  # one each
    assert [c.id for c in claims] == [f"c{n + 1}" for n in range(len(sentences))]
    assert all(0.0 <= c.checkworthiness <= 1.0 for c in claims)
    plan_queries(claims)  # never raises


@SMALL
@given(TEXT, TEXT)
def test_facts_index_the_text_and_agreement_never_fails(claim: str, evidence: str) -> None:
    for fact in extract_facts(claim):
        assert claim[fact.start : fact.end] == fact.text
    found = agreement(claim, evidence)
    for ours, theirs in (*found.matches, *found.conflicts):
        assert claim[ours.start : ours.end] == ours.text
        assert evidence[theirs.start : theirs.end] == theirs.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=" .ab\n!", max_size=400), st.integers(min_value=1, max_value=40))
def test_chunks_cover_the_text_within_the_limit(text: str, limit: int) -> None:
    bounds = chunk_bounds(text, limit=limit)
    assert "".join(text[s:e] for s, e in bounds) == text
    assert all(0 < e - s <= limit for s, e in bounds) or text == ""


def test_a_sentence_without_punctuation_is_cut_into_bounded_claims() -> None:
    words = " ".join(f"word{n}" for n in range(20_000))[:100_000].strip()
    sentences = segment(words)
    assert 20 <= len(sentences) <= 25
    assert max(len(s.text) for s in sentences) <= 5_000
    assert " ".join(s.text for s in sentences) == words
    assert len(extract_claims(sentences)) == len(sentences)


# --- exports ------------------------------------------------------------------------------


def review_of(text: str, notes: list[str]) -> Review:
    """A review of ``text`` with one verdict per sentence carrying the given notes."""
    sentences = segment(text) or (Sentence(0, 0, 0, "", 0, SentenceRole.BODY),)
    claims = extract_claims(sentences)
    rows = tuple(
        ReviewRow(
            sentence=sentence,
            claim=claim,
            evidence=(),
            verdict=Verdict(claim.id, "false", notes[n % len(notes)], None, "2026-11-27T10:00:00Z"),
        )
        for n, (sentence, claim) in enumerate(zip(sentences, claims, strict=True))
    )
    title = notes[0] or "t"
    article = Article(1, title, text, notes[-1], "2026-11-27T09:00:00Z", author=notes[0])
    return Review(article=article, rows=rows, documents=())


NOTES = st.lists(st.one_of(PIECES, st.text(max_size=10)), max_size=6).map("".join)


@SMALL
@given(TEXT, st.lists(NOTES, min_size=1, max_size=4))
def test_csv_cells_are_neutralised_and_read_back_as_typed(text: str, notes: list[str]) -> None:
    # NUL never gets in: check_text refuses it in an article, decode_text in an import.
    assume("\x00" not in text + "".join(notes))
    review = review_of(text, notes)
    data = to_csv(review)
    records = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(records) == len(review.rows)
    for record in records:
        for value in record.values():
            assert value.lstrip("'")[:1] not in FORMULA_TRIGGERS or value.startswith("'")
    for record, row in zip(records, review.rows, strict=True):
        assert unneutralise(record["note"]) == row.verdict.note
        assert unneutralise(record["claim"]) == row.claim.text
        assert unneutralise(record["article_title"]) == review.article.title
    assert plan(read_rows(data), review, scale=config.DEFAULT_SCALE) == ()  # nothing changed


@SMALL
@given(TEXT, st.lists(NOTES, min_size=1, max_size=4))
def test_json_exports_escape_markup_and_keep_one_claim_per_line(
    text: str, notes: list[str]
) -> None:
    review = review_of(text, notes)
    lines = to_jsonl(review, ()).decode("utf-8").splitlines()  # splits at U+2028 too
    assert len(lines) == len(review.rows)
    for line, row in zip(lines, review.rows, strict=True):
        record = json.loads(line)
        assert record["verdict"]["note"] == row.verdict.note
        assert record["claim"]["text"] == row.claim.text
        assert not set(line) & ({"<", ">", "&"} | BIDI_CONTROLS)
    publisher = Publisher("Desk", "https://desk.example/checks")
    document = to_claimreview(review, publisher=publisher).decode("utf-8")
    assert "</script" not in document.lower()
    assert not set(document) & ({"<", ">", "&", "\u2028", "\u2029"} | BIDI_CONTROLS)
    assert [r.get("reviewBody", "") for r in json.loads(document)] == [
        row.verdict.note if row.verdict.note.strip() else "" for row in review.rows
    ]  # a blank note is left out


# Outside backslash escapes, the article section of the report may hold none of these.
_UNESCAPED = re.compile(r"(?<!\\)(?:\\\\)*[<>\[\]`*_|&!]")


@SMALL
@given(TEXT, st.lists(NOTES, min_size=1, max_size=4))
def test_the_markdown_report_escapes_the_article_and_the_notes(text: str, notes: list[str]) -> None:
    review = review_of(text, notes)
    report = to_markdown(review, scale=config.DEFAULT_SCALE).decode("utf-8")
    body = report.split("## The article, claim by claim\n\n", 1)[1].split("\n\n## Sources")[0]
    ours = re.compile(r"\*\*\\\[c\d+: false\\\]\*\*|^- \*\*c\d+ · false\*\*|^### ", re.M)
    assert not _UNESCAPED.search(ours.sub("", body)), body
    assert not set(report) & BIDI_CONTROLS  # shown as [U+202E]
    for line in body.splitlines():
        assert not re.match(r"\s*(?:[-+*>]\s|\d+[.)]\s|#|=|```)", ours.sub("", line)), line


@settings(max_examples=300, deadline=None)
@given(st.one_of(PIECES, st.text(max_size=40)).map(lambda s: "https://a.example/" + s))
def test_safe_urls_never_break_out_of_a_link(url: str) -> None:
    safe = safe_url(url)
    assert safe.startswith("https://a.example/")
    assert not re.search(r'[\s<>"\\`\x00-\x1f\x7f]', safe)
    assert json.loads(json_text(url)) == url


def test_claims_of_an_edited_text_are_kept_by_the_store_not_recounted() -> None:
    """ "Every sentence becomes exactly one claim unless the user edited it": an edited claim
    text is a new Claim value for the same sentence; extract_claims is not run again."""
    sentence = Sentence(0, 0, 10, "It rained.", 0, SentenceRole.BODY)
    (claim,) = extract_claims([sentence])
    edited = Claim(claim.id, 0, "It rained heavily.", ClaimKind.FACTUAL, 0.3, ())
    assert (edited.id, edited.sentence_index) == (claim.id, claim.sentence_index)
