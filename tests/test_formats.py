"""JSONL, ClaimReview and Markdown out; a verdicts CSV back in; the export/import round trip."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks import config
from checks.claimreview import Publisher, claim_reviews
from checks.errors import ExportError, VerdictImportError
from checks.export import CSV_COLUMNS, to_csv
from checks.formats import Format, export
from checks.pipeline import analyze
from checks.relevance import band
from checks.report import escape_markdown, to_markdown
from checks.sources.library import LibrarySource, seed_demo_library
from checks.store import Store
from checks.verdict_import import import_verdicts

TEXT = (
    "Putin offers a ceasefire\n\n"
    "Moscow, June 15, 2024 — Russian President Vladimir Putin offered a ceasefire to Ukraine. "
    "Ukraine applied to join NATO on 30 September 2022. Is this a real offer?\n\n"
    "Jens Stoltenberg was Secretary General of NATO from 2014.\n"
)
PUBLISHER = Publisher("Example Fact Desk", "https://factdesk.example.org", "")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store.open(tmp_path_factory.mktemp("formats") / "db.sqlite3") as opened:
        seed_demo_library(opened)
        article = opened.add_article(
            title="Putin offers a ceasefire",
            text=TEXT,
            url="https://news.example.com/a",
            author="Jane Reporter; John Roe",
            published="2024-06-15",
        )
        opened.save_analysis(article.id, analyze(TEXT, sources=[LibrarySource(opened)]))
        yield opened


@pytest.fixture
def article_id(store: Store) -> int:
    """The article with a fresh set of verdicts for each test."""
    ids = [row.claim.id for row in store.review(1).rows]
    store.set_verdicts(1, [(claim_id, config.UNREVIEWED, "") for claim_id in ids])
    return 1


def claim_ids(store: Store) -> list[str]:
    return [row.claim.id for row in store.review(1).rows]


# --- JSONL --------------------------------------------------------------------------------


def test_jsonl_has_one_line_per_claim_with_evidence_and_history(
    store: Store, article_id: int
) -> None:
    first = claim_ids(store)[1]
    store.set_verdict(article_id, first, label="false", note="Wrong day.")
    store.set_verdict(article_id, first, evidence_rank=1)
    lines = export(store, article_id, Format.JSONL).decode("utf-8").splitlines()
    assert len(lines) == len(claim_ids(store))
    record = json.loads(lines[1])
    assert set(record) == {
        "article_id",
        "claim_id",
        "article",
        "claim",
        "verdict",
        "dateline",
        "evidence",
        "weak_matches",
        "not_relevant",
        "history",
        "checked_before",
    }
    assert record["not_relevant"] == []
    assert record["dateline"]["text"] == "Moscow, June 15, 2024"  # it opens claim 2's sentence
    assert record["article"]["author"] == "Jane Reporter; John Roe"
    assert record["article"]["published"] == "2024-06-15"
    assert record["verdict"] == {
        "label": "false",
        "note": "Wrong day.",
        "cited_evidence_rank": 1,
        "updated_at": record["verdict"]["updated_at"],
    }
    assert [e["rank"] for e in record["evidence"]] == list(range(1, len(record["evidence"]) + 1))
    assert record["evidence"][0]["document"]["url"].startswith("https://")
    assert "conflicts" in record["evidence"][0]
    assert {e["band"] for e in record["evidence"]} <= {"strong", "related"}
    assert [e["band"] for e in record["weak_matches"]] == ["weak"] * len(record["weak_matches"])
    stored = store.review(article_id).rows[1].evidence
    assert len(record["evidence"]) + len(record["weak_matches"]) == len(stored)
    assert [(h["label"], h["evidence_rank"]) for h in record["history"]][-2:] == [
        ("false", None),
        ("false", 1),
    ]


def test_jsonl_carries_a_passage_marked_not_relevant_and_its_undo(
    store: Store, article_id: int
) -> None:
    first = claim_ids(store)[2]
    review = store.review(article_id)
    passage = next(row for row in review.rows if row.claim.id == first).evidence[0]
    before = len(store.history(article_id, first))  # the store is shared by this module
    store.dismiss_evidence(article_id, first, passage.rank)
    record = json.loads(export(store, article_id, Format.JSONL).decode("utf-8").splitlines()[2])
    assert [e["text"] for e in record["not_relevant"]] == [passage.passage.text]
    assert passage.passage.text not in [e["text"] for e in record["evidence"]]
    (mark,) = record["history"][before:]
    assert mark["action"] == "not relevant"
    assert (mark["detail"]["text"], mark["detail"]["rank"]) == (passage.passage.text, 1)
    store.undo(article_id)
    record = json.loads(export(store, article_id, Format.JSONL).decode("utf-8").splitlines()[2])
    assert record["not_relevant"] == []
    assert record["evidence"][0]["text"] == passage.passage.text
    marked = next(h.id for h in store.history(article_id) if h.action == "not relevant")
    assert [(h.get("action"), h.get("undoes")) for h in record["history"][before:]] == [
        ("not relevant", None),
        ("relevant again", marked),
    ]


# --- ClaimReview --------------------------------------------------------------------------

REQUIRED = ("@context", "@type", "url", "claimReviewed", "reviewRating", "itemReviewed", "author",
            "datePublished")  # fmt: skip


def test_claimreview_required_fields_and_rating_scale(store: Store, article_id: int) -> None:
    ids = claim_ids(store)
    store.set_verdicts(
        article_id,
        [(ids[0], "not checkable", None), (ids[1], "Mostly False", "Date is off."),
         (ids[2], "true", None), (ids[3], "unproven", None)],
    )  # fmt: skip
    reviews = json.loads(export(store, article_id, Format.CLAIMREVIEW, publisher=PUBLISHER))
    assert [r["url"] for r in reviews] == [
        f"https://factdesk.example.org#{claim_id}" for claim_id in ids[1:4]
    ]  # unreviewed and not checkable left out
    for review in reviews:
        assert all(review.get(field) for field in REQUIRED), review
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["author"] == {
            "@type": "Organization",
            "name": "Example Fact Desk",
            "url": "https://factdesk.example.org",
        }
        assert len(review["datePublished"]) == 10
        assert review["itemReviewed"] == {
            "@type": "Claim",
            "author": [
                {"@type": "Person", "name": "Jane Reporter"},
                {"@type": "Person", "name": "John Roe"},
            ],
            "datePublished": "2024-06-15",
            "appearance": {
                "@type": "CreativeWork",
                "url": "https://news.example.com/a",
                "headline": "Putin offers a ceasefire",
            },
        }
    ratings = [r["reviewRating"] for r in reviews]
    assert ratings == [
        {"@type": "Rating", "alternateName": "mostly false", "ratingValue": 2, "bestRating": 5,
         "worstRating": 1},
        {"@type": "Rating", "alternateName": "true", "ratingValue": 5, "bestRating": 5,
         "worstRating": 1},
        {"@type": "Rating", "alternateName": "unproven"},
    ]  # fmt: skip
    assert reviews[0]["reviewBody"] == "Date is off."
    assert reviews[0]["claimReviewed"] == store.review(1).rows[1].claim.text


def test_claimreview_uses_the_publisher_saved_in_settings(store: Store, article_id: int) -> None:
    with pytest.raises(ExportError, match="Settings > Publisher"):
        export(store, article_id, Format.CLAIMREVIEW)
    store.set_setting("publisher.name", "Desk")
    store.set_setting("publisher.review_url", "https://desk.example/checks/7")
    try:
        store.set_verdict(article_id, claim_ids(store)[2], label="false")
        (review,) = json.loads(export(store, article_id, Format.CLAIMREVIEW))
        assert review["author"] == {"@type": "Organization", "name": "Desk"}
        assert review["url"] == f"https://desk.example/checks/7#{claim_ids(store)[2]}"
    finally:
        store.set_setting("publisher.name", "")


def test_claimreview_leaves_out_appearance_without_a_web_address(store: Store) -> None:
    review = store.review(1)
    local = type(review)(
        article=type(review.article)(1, "T", TEXT, "file:///tmp/a.txt", "2026-01-01T00:00:00Z"),
        rows=review.rows,
        documents=review.documents,
    )
    assert all(
        "appearance" not in r["itemReviewed"] for r in claim_reviews(local, publisher=PUBLISHER)
    )


# --- Markdown -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("**bold** _it_ `code`", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\`"),
        ("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
        ("![img](http://x/y.png)", "\\!\\[img\\](http://x/y.png)"),
        ("# Heading", "\\# Heading"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("> quote", "\\> quote"),
        ("12. item", "12\\. item"),
        ("a | b", "a \\| b"),
        ("&amp; $x$ ~~s~~", "\\&amp; \\$x\\$ \\~\\~s\\~\\~"),
        ("back\\slash", "back\\\\slash"),
        ("    indented code", "indented code"),
        ("plain 3.5 text - fine", "plain 3.5 text - fine"),
        # any line separator starts a line that is escaped as one (found by hypothesis)
        ("note\u2028- <b>x</b>", "note\n\\- \\<b\\>x\\</b\\>"),
        ("a\r\n# b\rc", "a\n\\# b\nc"),
    ],
)
def test_escape_markdown(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped


def test_markdown_report(store: Store, article_id: int) -> None:
    ids = claim_ids(store)
    review = store.review(article_id)
    cited = review.rows[2]
    assert cited.evidence
    store.set_verdict(
        article_id, cited.claim.id, label="false", note="<b>Wrong</b>\n# not a heading"
    )
    store.set_verdict(article_id, cited.claim.id, evidence_rank=1)
    store.set_verdict(article_id, ids[0], label="not checkable")
    report = to_markdown(store.review(article_id), scale=config.DEFAULT_SCALE).decode("utf-8")
    assert report.startswith("# Fact-check: Putin offers a ceasefire\n")
    assert "- **Author:** Jane Reporter; John Roe" in report
    assert "- **Published:** 2024-06-15" in report
    assert "| false | 1 |" in report
    assert "| not checkable | 1 |" in report
    assert f"| unreviewed | {len(ids) - 2} |" in report
    assert f"**\\[{cited.claim.id}: false\\]**" in report
    best = cited.evidence[0]
    strength = f"{band(best.score).value}, score {best.score:.2f}"
    uids = [doc.uid for doc in store.review(article_id).documents]
    number = uids.index(best.passage.document_key) + 1  # its place in Sources
    assert (
        f"- **{cited.claim.id} · false** \\<b\\>Wrong\\</b\\>\\\n  \\# not a heading "
        f"Cited ({strength}): \\[{number}\\]" in report
    )
    assert "<b>" not in report
    sources = report.split("## Sources\n\n")[1]
    doc = store.review(article_id).documents[0]
    assert sources.startswith(f"1. [{escape_markdown(doc.title)}](<{doc.url}>) <{doc.url}>")
    assert "Moscow, June 15, 2024 — Russian President" in report  # the article's own text


def test_markdown_escapes_a_hostile_title(store: Store) -> None:
    review = store.review(1)
    hostile = type(review)(
        article=type(review.article)(1, "<img src=x onerror=alert(1)> [a](b)", TEXT,
                                     "javascript:alert(1)", "2026-01-01T00:00:00Z"),
        rows=review.rows,
        documents=(),
    )  # fmt: skip
    report = to_markdown(hostile).decode("utf-8")
    assert report.startswith("# Fact-check: \\<img src=x onerror=alert(1)\\> \\[a\\](b)\n")
    assert "](<javascript" not in report
    assert "No source was found" in report


# --- CSV back in --------------------------------------------------------------------------


def edited(data: bytes, changes: dict[str, dict[str, str]], *, delimiter: str = ",") -> bytes:
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    for row in rows:
        row.update(changes.get(row["claim_id"], {}))
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def test_import_applies_changes_case_insensitively_with_history(
    store: Store, article_id: int
) -> None:
    ids = claim_ids(store)
    data = to_csv(store.review(article_id))
    changed = edited(data, {ids[1]: {"verdict": "MOSTLY True", "note": "'=1+2 checked"},
                            ids[2]: {"verdict": "  false "}})  # fmt: skip
    before = len(store.history(article_id))
    result = import_verdicts(store, changed, scale=config.DEFAULT_SCALE)
    assert (result.article_id, result.rows, result.changed) == (1, len(ids), 2)
    rows = {row.claim.id: row.verdict for row in store.review(article_id).rows}
    assert (rows[ids[1]].label, rows[ids[1]].note) == ("mostly true", "=1+2 checked")
    assert (rows[ids[2]].label, rows[ids[2]].note) == ("false", "")
    assert len(store.history(article_id)) == before + 2


def test_import_reads_a_semicolon_csv_saved_by_a_european_spreadsheet(
    store: Store, article_id: int
) -> None:
    ids = claim_ids(store)
    data = edited(
        to_csv(store.review(article_id)), {ids[3]: {"verdict": "Half True"}}, delimiter=";"
    )
    assert (
        import_verdicts(
            store, data.decode().encode("cp1252", errors="replace"), scale=config.DEFAULT_SCALE
        ).changed
        == 1
    )


def test_import_reports_every_bad_row_and_applies_nothing(store: Store, article_id: int) -> None:
    ids = claim_ids(store)
    data = edited(to_csv(store.review(article_id)), {
        ids[0]: {"verdict": "true"},
        ids[1]: {"verdict": "maybe"},
        ids[2]: {"claim_id": "c99"},
    })  # fmt: skip
    before = store.history(article_id)
    with pytest.raises(VerdictImportError) as caught:
        import_verdicts(store, data, scale=config.DEFAULT_SCALE)
    assert caught.value.problems == (
        f"row 3 ({ids[1]}): 'maybe' is not a verdict ({', '.join(config.DEFAULT_SCALE)})",
        "row 4 (c99): the article has no claim 'c99'",
    )
    assert str(caught.value).startswith("nothing imported, 2 problems: row 3")
    assert store.history(article_id) == before
    assert store.review(article_id).rows[0].verdict.label == config.UNREVIEWED


@pytest.mark.parametrize(
    ("data", "wanted", "message"),
    [
        (b"name,age\nx,1\n", None, "not a verdicts CSV"),
        (b"claim_id,verdict\nc1,true\n", None, "no article_id"),
        (b"article_id,claim_id,verdict\n1,c1,true\n2,c2,true\n", None, "mixes articles 1, 2"),
        (b"article_id,claim_id,verdict\n1,c1,true\n", 5, "of article 1, not of article 5"),
    ],
)
def test_import_refuses_files_it_cannot_place(
    store: Store, data: bytes, wanted: int | None, message: str
) -> None:
    with pytest.raises(ExportError, match=message):
        import_verdicts(store, data, article_id=wanted, scale=config.DEFAULT_SCALE)


def test_a_duplicate_claim_row_is_reported(store: Store, article_id: int) -> None:
    data = b"article_id,claim_id,verdict\n1,c1,true\n1,c1,false\n"
    with pytest.raises(VerdictImportError, match=r"row 3 \(c1\): claim already given in row 2"):
        import_verdicts(store, data, scale=config.DEFAULT_SCALE)


TRICKY = st.sampled_from(
    [",", '"', "'", "\n", "\r\n", "\t", "=", "+", "-", "@", "🙂", "שלום", "مرحبا", "’", " "]
)
NOTES = st.lists(
    st.one_of(TRICKY, st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8)),
    max_size=8,
).map("".join)
LABELS = st.sampled_from(config.DEFAULT_SCALE)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_round_trip_export_then_import_gives_back_verdicts_and_notes(
    store: Store, data: st.DataObject
) -> None:
    ids = claim_ids(store)
    wanted = {claim_id: (data.draw(LABELS), data.draw(NOTES)) for claim_id in ids}
    store.set_verdicts(1, [(c, label, note) for c, (label, note) in wanted.items()],
                       scale=config.DEFAULT_SCALE)  # fmt: skip
    exported = to_csv(store.review(1))
    store.set_verdicts(
        1, [(c, "half true", "overwritten") for c in ids], scale=config.DEFAULT_SCALE
    )
    import_verdicts(store, exported, scale=config.DEFAULT_SCALE)
    back = {row.claim.id: (row.verdict.label, row.verdict.note) for row in store.review(1).rows}
    assert back == wanted
    assert import_verdicts(store, exported, scale=config.DEFAULT_SCALE).changed == 0


def test_every_format_has_a_file_name_and_mime(tmp_path: Path) -> None:
    assert [f.file_name(2) for f in Format] == [
        "article-2-verdicts.csv", "article-2-claims.jsonl",
        "article-2-claimreview.jsonld", "article-2-report.md",
    ]  # fmt: skip
    assert all("/" in f.mime for f in Format)


# --- CSV back in: long cells, broken quotes, doubled columns (issue 11) -------------------


def test_a_note_longer_than_the_csv_modules_default_field_limit_round_trips(
    store: Store, article_id: int
) -> None:
    ids = claim_ids(store)
    long_note = "The minutes say so. " * 10_000  # 200,000 characters > csv's 131,072
    store.set_verdicts(1, [(ids[0], "false", long_note)], scale=config.DEFAULT_SCALE)
    exported = to_csv(store.review(1))
    store.set_verdicts(1, [(ids[0], "true", "short")], scale=config.DEFAULT_SCALE)
    result = import_verdicts(store, exported, scale=config.DEFAULT_SCALE)
    assert result.changed == 1
    verdict = store.review(1).rows[0].verdict
    assert (verdict.label, len(verdict.note)) == ("false", 200_000)
    assert verdict.note == long_note


def test_a_quote_never_closed_is_an_error_naming_its_row(store: Store, article_id: int) -> None:
    data = b'article_id,claim_id,verdict,note\n1,c1,true,fine\n1,c2,false,"oops\n1,c3,true,x\n'
    with pytest.raises(ExportError) as caught:
        import_verdicts(store, data, scale=config.DEFAULT_SCALE)
    assert str(caught.value).startswith(
        'the CSV file, row 3: a quote (") in this row is not closed where the cell ends'
    )
    assert store.review(1).rows[0].verdict.label == config.UNREVIEWED


def test_a_quote_that_swallows_the_next_row_is_reported_not_applied(
    store: Store, article_id: int
) -> None:
    data = b'article_id,claim_id,verdict,note\n1,c1,true,"oops\n1,c2,false,"\n1,c3,true,ok\n'
    with pytest.raises(VerdictImportError) as caught:
        import_verdicts(store, data, scale=config.DEFAULT_SCALE)
    assert caught.value.problems == (
        "row 2: the note cell holds the row of claim c2 (a quote opened in this cell is "
        "closed only later); fix the quotes in that row",
    )
    assert [row.verdict.label for row in store.review(1).rows[:3]] == [config.UNREVIEWED] * 3


def test_a_note_that_mentions_a_claim_with_its_own_row_is_not_a_swallowed_row(
    store: Store, article_id: int
) -> None:
    data = b'article_id,claim_id,verdict,note\n1,c1,true,"see\nc2, which says more"\n1,c2,false,\n'
    assert import_verdicts(store, data, scale=config.DEFAULT_SCALE).changed == 2
    assert store.review(1).rows[0].verdict.note == "see\nc2, which says more"


def test_a_doubled_verdict_column_is_an_error_naming_both(store: Store, article_id: int) -> None:
    data = b"article_id,claim_id,verdict,note,verdict\n1,c1,true,,false\n"
    with pytest.raises(ExportError) as caught:
        import_verdicts(store, data, scale=config.DEFAULT_SCALE)
    assert str(caught.value) == (
        "the CSV file has 2 verdict columns (C, E): delete all but one and import again"
    )
    assert store.review(1).rows[0].verdict.label == config.UNREVIEWED
