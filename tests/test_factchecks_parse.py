"""Every shape of fact-check feed, with the messy items real feeds carry."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.claimreview import Publisher, to_claimreview
from checks.errors import FeedError
from checks.factchecks import parse
from checks.factchecks.parse import read_feed
from checks.factchecks.records import FactCheck, Parsed
from checks.model import Article, Claim, ClaimKind, Review, ReviewRow, Sentence, Verdict
from tests.factcheck_samples import CSV_FEED, DATAFEED, LIST_FEED, PAGE_HTML, dumps, review


def items(data: bytes, name: str = "feed.json") -> list[Parsed]:
    return list(read_feed(data, name=name)[1])


def test_datafeed_of_the_markup_tool_every_item_reported() -> None:
    found = items(dumps(DATAFEED))
    assert [(i.number, i.where, i.factcheck is not None) for i in found] == [
        (1, "dataFeedElement[0].item[0]", True),
        (2, "dataFeedElement[1]", False),
        (3, "dataFeedElement[2].item[0]", True),
        (4, "dataFeedElement[2].item[1]", True),
        (5, "dataFeedElement[3].item[0]", False),
        (6, "dataFeedElement[4].item[0]", False),
        (7, "dataFeedElement[5].item[0]", True),
    ]
    assert found[0].factcheck == FactCheck(
        url="https://checks.example/fact-check/ceasefire-offer",
        claim="Putin offered a ceasefire if Ukraine withdrew from four regions.",
        rating="Half True", rating_value=3.0, best_rating=5.0, worst_rating=1.0,
        publisher="Checks Desk", publisher_url="https://checks.example/", date="2024-06-18",
        language="en", headline="Did Putin offer a ceasefire?", claimant="A. Commentator",
        claim_date="2024-06-14", appearances=("https://social.example/p/1",),
    )  # fmt: skip
    assert found[1].notes == ("a DataFeedItem with no ClaimReview in it",)
    assert found[4].notes == ("no claimReviewed (the claim's text)",)
    assert found[5].notes == ("NewsArticle, not a ClaimReview",)


def test_messy_fields_are_cleaned_and_noted() -> None:
    nato, kyiv = items(dumps(DATAFEED))[2:4]
    assert nato.factcheck is not None
    assert kyiv.factcheck is not None
    # HTML and a twice-escaped entity; nested author arrays; a Language object; "March 8, 2024"
    assert nato.factcheck.claim == "NATO has 32 member states & Sweden joined in 2024."
    assert (nato.factcheck.publisher, nato.factcheck.language) == ("Verificado Ejemplo", "es")
    assert (nato.factcheck.rating, nato.factcheck.date) == ("Verdadero", "2024-03-08")
    assert nato.notes == ("HTML removed from claimReviewed",)
    # a javascript: url is dropped, numbers only, a string author, an impossible date
    assert kyiv.factcheck.url == ""
    assert kyiv.factcheck.publisher == "Faktencheck Beispiel"
    assert kyiv.factcheck.rating == "5 of 1–5"
    assert kyiv.factcheck.date == ""
    assert kyiv.notes == (
        "url is not an http(s) address: left out",
        "no review url: the fact-check cannot be linked",
        "the rating has only numbers",
        "datePublished '2024-13-45' is not a date this tool reads: left out",
    )


def test_a_page_with_a_graph_resolves_the_author_by_id_and_reports_broken_scripts() -> None:
    found = items(PAGE_HTML.encode(), "sjekk.html")
    assert read_feed(PAGE_HTML.encode(), name="p.html")[0] == "html"
    assert len(found) == 2
    check = found[0].factcheck
    assert check is not None
    assert (check.claim, check.publisher, check.rating, check.date, check.language) == (
        "Sweden joined NATO on 7 March 2024.", "Faktisk Eksempel", "Sant", "2024-03-09", "nb"
    )  # fmt: skip
    assert found[0].notes == ("claimReviewed had 2 values: the first was taken",)
    assert (found[1].where, found[1].factcheck, found[1].notes) == (
        "script 3", None, ("not valid JSON",)
    )  # fmt: skip


def test_a_list_with_strings_where_objects_belong() -> None:
    moon, wind, text = items(dumps(LIST_FEED))
    assert moon.factcheck is not None
    assert wind.factcheck is not None
    assert (moon.factcheck.rating, moon.factcheck.publisher, moon.factcheck.date) == (
        "Pants on Fire!", "Checks Desk", "2023-07-20"
    )  # fmt: skip
    assert (wind.factcheck.publisher, wind.factcheck.rating) == ("Other Checks", "2 of 1–5")
    assert text.factcheck is None
    assert text.notes == ("a text value, not a ClaimReview",)


@pytest.mark.parametrize(
    ("data", "claims"),
    [
        (dumps(review("One object only.")), ["One object only."]),
        (
            (
                json.dumps(review("Line one.")) + "\n" + json.dumps(review("Line two.")) + "\n"
            ).encode(),
            ["Line one.", "Line two."],
        ),
        (dumps({"@graph": [{"@type": "WebSite"}, review("In a graph.")]}), ["In a graph."]),
        (
            dumps(
                {
                    "@type": "ItemList",
                    "itemListElement": [{"@type": "ListItem", "item": review("In a list.")}],
                }
            ),
            ["In a list."],
        ),
        (
            dumps(review("Typed twice.", **{"@type": ["Review", "schema:ClaimReview"]})),
            ["Typed twice."],
        ),
    ],
)
def test_other_json_shapes(data: bytes, claims: list[str]) -> None:
    assert [i.claim for i in items(data)] == claims


def test_our_own_claimreview_export_reads_back() -> None:
    article = Article(1, "Title", "Putin spoke.", "https://news.example/a", "2024-06-15T00:00:00Z",
                      author="A. Writer", published="2024-06-15")  # fmt: skip
    row = ReviewRow(Sentence(0, 0, 12, "Putin spoke.", 0), Claim("c1", 0, "Putin spoke.",
                    ClaimKind.FACTUAL, 0.5), (), Verdict("c1", "mostly true", "n", None,
                    "2024-06-16T10:00:00Z"))  # fmt: skip
    data = to_claimreview(
        Review(article, (row,), ()), publisher=Publisher("Our Desk", "https://desk.example")
    )
    (item,) = items(data)
    assert item.factcheck == FactCheck(
        url="https://desk.example#c1", claim="Putin spoke.", rating="mostly true",
        rating_value=4.0, best_rating=5.0, worst_rating=1.0, publisher="Our Desk",
        publisher_url="https://desk.example", date="2024-06-16", claimant="A. Writer",
        claim_date="2024-06-15", appearances=("https://news.example/a",),
    )  # fmt: skip


def test_csv_columns_by_loose_names_and_a_row_without_claim() -> None:
    found = items(CSV_FEED.encode(), "checks.csv")
    assert [(i.where, i.claim, i.notes) for i in found] == [
        ("line 2", "Vaccines contain microchips.", ()),
        ("line 3", "Inflation reached 9.1% in June 2022.", ()),
        ("line 4", "", ("no claim",)),
    ]
    semicolons = (
        "claimReviewed;textualRating;Fact-Checker;review_url;datePublished\n"
        "Wind turbines cause cancer.;Falso;Otro;https://otro.example/1;2022-01-02\n"
    )
    (row,) = items(semicolons.encode("cp1252"), "otro.csv")
    assert row.factcheck == FactCheck(
        url="https://otro.example/1",
        claim="Wind turbines cause cancer.",
        rating="Falso",
        publisher="Otro",
        date="2022-01-02",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"[" * 70 + b"]" * 70, "nests JSON deeper than 64 levels"),
        (b'{"@type": "DataFeed", "dataFeedElement": [', "not valid JSON"),
        (b"just,some,words\n1,2,3\n", "no claim column"),
        (b"<html><body>no json-ld</body></html>", "without JSON-LD"),
        (
            b'<script type="application/ld+json">{"@type": "NewsArticle"}</script>',
            r"no ClaimReview in it \(found: NewsArticle\)",
        ),
    ],
)
def test_unreadable_feeds_get_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message):
        items(data, "bad.json")


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    claim = "[" * 200 + ' a claim with brackets \\" [[[ '
    assert items(dumps(review(claim)))[0].claim.startswith("[[[")


def test_too_large_a_file_is_refused_before_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse, "MAX_BYTES", 100)
    with pytest.raises(FeedError, match="feeds of up to 0 MiB"):
        items(b"[" + b" " * 200 + b"]")


def test_a_large_feed_is_streamed_with_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = items(dumps(DATAFEED))
    monkeypatch.setattr(parse, "WHOLE_BYTES", 10)
    streamed = items(dumps(DATAFEED))
    assert [(i.where, i.factcheck, i.notes) for i in streamed] == [
        (i.where, i.factcheck, i.notes) for i in whole
    ]
    with pytest.raises(FeedError, match="not valid JSON"):
        items(dumps(DATAFEED)[:-40])


def test_too_many_items(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse, "MAX_ITEMS", 2)
    with pytest.raises(FeedError, match="more than 2 items"):
        items(dumps([review("a."), review("b."), review("c.")]))


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    return 0


TRICKY = st.text(alphabet='[]{}"\\/bfnrtu \n\té\u2028', max_size=12)
JSON = st.recursive(
    st.none() | st.integers() | TRICKY,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TRICKY, inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(JSON, st.booleans())
def test_the_byte_level_nesting_is_the_real_nesting(value: object, ascii_only: bool) -> None:
    """Escapes before a closing quote ("x\\n") once broke the count: strings' brackets
    then counted as structure."""
    data = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8")
    assert parse.nesting(data) == _depth(value)
