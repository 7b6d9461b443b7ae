"""checks.queries on the demo article: which titles and searches, why, within which budget."""

from __future__ import annotations

import pytest

from checks.queries import (
    PageRequest,
    QueryPlan,
    SearchRequest,
    claims_of,
    normalise_phrase,
    plan_queries,
    region_names,
    single_names,
    with_search_hits,
)
from tests.conftest import DEMO_ARTICLE

DEMO = claims_of(DEMO_ARTICLE.read_text(encoding="utf-8"))
PLAN = plan_queries(DEMO)
BY_TITLE = {page.title: page for page in PLAN.pages}

DEMO_TITLES = (
    "Ukraine",
    "NATO",
    "Vladimir Putin",
    "Russia",
    "Crimea",
    "Volodymyr Zelensky",
    "Eastern Ukraine",
    "United States",
    "European Union",
    "Jens Stoltenberg",
    "Donetsk Oblast",
    "Luhansk Oblast",
    "Kherson Oblast",
    "Zaporizhzhia Oblast",
    "United Nations",
    "Beijing",
    "China",
    "Kyiv",
)  # weights follow check-worthiness: the quote from Kyiv now scores below factual claims;
# "Moscow" came from the dateline, which is no claim any more (the claims after it moved up)


def test_demo_titles_in_order_of_weight() -> None:
    assert tuple(page.title for page in PLAN.pages) == DEMO_TITLES


@pytest.mark.parametrize(
    ("title", "claim_ids", "phrases"),
    [
        (
            "Vladimir Putin",
            ("c2", "c5", "c6", "c13", "c15", "c27", "c30"),
            ("Vladimir Putin", "Putin"),
        ),
        ("Volodymyr Zelensky", ("c8", "c9"), ("Volodymyr Zelensky", "Zelensky")),
        ("Jens Stoltenberg", ("c13",), ("Jens Stoltenberg",)),
        ("Crimea", ("c5", "c18"), ("Crimea",)),
        ("Donetsk Oblast", ("c5",), ("Donetsk",)),
        ("Zaporizhzhia Oblast", ("c5",), ("Zaporizhzhia",)),
        ("China", ("c15",), ("China",)),
        ("Russia", ("c5", "c14", "c18", "c19", "c21", "c27", "c30"), ("Russia",)),
    ],
)
def test_each_title_says_which_claims_and_phrases_asked_for_it(
    title: str, claim_ids: tuple[str, ...], phrases: tuple[str, ...]
) -> None:
    assert BY_TITLE[title] == PageRequest(title, claim_ids, phrases)


def test_headings_only_add_names_the_body_mentions() -> None:
    assert BY_TITLE["Ukraine"].claim_ids[:5] == (
        "c2",
        "c5",
        "c6",
        "c7",
        "c8",
    )  # c7 "Ukraine’s Response"
    assert "Putin Proposes Ceasefire" not in BY_TITLE
    assert "Details of the Proposal" not in BY_TITLE


def test_demo_searches_cover_the_war_the_proposal_and_the_annexation() -> None:
    assert PLAN.searches == (
        SearchRequest("Ukraine Russia proposal", ("article",), ("Ukraine", "Russia", "proposal")),
        SearchRequest("Ukraine Russia conflict", ("article",), ("Ukraine", "Russia", "conflict")),
        SearchRequest(
            "Russia Crimea conflict annexation 2014",
            ("c18",),
            ("Russia", "Crimea", "conflict", "annexation", "2014"),
        ),
        SearchRequest(
            "Ukraine NATO ceasefire territories",
            ("c2",),
            ("Ukraine", "NATO", "ceasefire", "territories"),
        ),
        SearchRequest(
            "Russia United States aggression",
            ("c14",),
            ("Russia", "United States", "aggression"),
        ),
    )  # c14 (the United States and European Union echoed ...) now just outscores c8


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Ukraine’s", "Ukraine"),
        ("NATO's", "NATO"),
        ("  Jens   Stoltenberg ", "Jens Stoltenberg"),
        ("Beijing’s", "Beijing"),
        ("“Kyiv”", "Kyiv"),
    ],
)
def test_normalise_phrase(phrase: str, expected: str) -> None:
    assert normalise_phrase(phrase) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian President Vladimir Putin spoke.", ()),
        ("China, a key Russian ally, urged talks.", ("China",)),
        ("fears of a direct NATO-Russia confrontation", ("NATO", "Russia")),
        ("State media praised it in Moscow.", ("Moscow",)),
        ("the Donetsk, Luhansk and Kherson regions", ("Donetsk", "Luhansk", "Kherson")),
    ],
)
def test_single_names(text: str, expected: tuple[str, ...]) -> None:
    assert single_names(text) == expected


def test_region_lists_become_oblast_titles() -> None:
    assert region_names(
        "annexation of the Donetsk, Luhansk, Kherson, and Zaporizhzhia regions"
    ) == (
        ("Donetsk", "Donetsk Oblast"),
        ("Luhansk", "Luhansk Oblast"),
        ("Kherson", "Kherson Oblast"),
        ("Zaporizhzhia", "Zaporizhzhia Oblast"),
    )


@pytest.mark.parametrize("budget", [0, 1, 5, 12, 30, 60])
def test_budget_caps_titles_and_keeps_a_share_for_search_hits(budget: int) -> None:
    plan = plan_queries(DEMO, budget=budget)
    reserve = min(len(plan.searches) * 2, budget // 3)
    assert len(plan.pages) == min(len(DEMO_TITLES), budget - reserve)
    assert tuple(p.title for p in plan.pages + plan.over_budget) == DEMO_TITLES
    assert (plan.searches == ()) == (budget == 0)


def test_search_hits_fill_the_budget_once_each() -> None:
    plan = QueryPlan(
        pages=(PageRequest("NATO", ("c1",), ("NATO",)),),
        searches=(
            SearchRequest("war", ("article",), ("war",)),
            SearchRequest("peace", ("c2",), ("peace",)),
        ),
        budget=3,
    )
    hits = {"war": ["Russo-Ukrainian War", "NATO"], "peace": ["Peace talks", "More"]}
    added = with_search_hits(plan, hits, taken=["NATO"])
    assert added == (
        PageRequest("Russo-Ukrainian War", ("article",), ("search: war",)),
        PageRequest("Peace talks", ("c2",), ("search: peace",)),
    )


def test_negative_budget_is_refused() -> None:
    with pytest.raises(ValueError, match="budget"):
        plan_queries(DEMO, budget=-1)
