"""checks.titles: names that tell articles with the same title apart."""

from __future__ import annotations

from checks.store import ArticleSummary
from checks.titles import cut, distinct_titles


def item(article_id: int, title: str, created_at: str, claims: int) -> ArticleSummary:
    return ArticleSummary(article_id, title, created_at, claims, 0, 0)


def test_a_unique_title_is_its_own_name() -> None:
    items = [item(1, "Budget vote", "2026-11-27T10:00:00Z", 12), item(2, "Harbour", "x", 1)]
    assert distinct_titles(items) == {1: "Budget vote", 2: "Harbour"}


def test_same_titles_get_the_day_and_the_claims_ignoring_case_and_spacing() -> None:
    items = [
        item(1, "Budget vote", "2026-11-27T10:00:00Z", 12),
        item(2, "budget  VOTE", "2026-11-28T09:00:00Z", 1),
        item(3, "Harbour", "2026-11-28T09:00:00Z", 5),
    ]
    assert distinct_titles(items) == {
        1: "Budget vote (added 2026-11-27, 12 claims)",
        2: "budget VOTE (added 2026-11-28, 1 claim)",
        3: "Harbour",
    }


def test_then_the_time_then_the_id() -> None:
    items = [
        item(1, "Budget", "2026-11-27T10:00:00Z", 12),
        item(2, "Budget", "2026-11-27T15:30:00Z", 12),
        item(3, "Budget", "2026-11-27T15:30:40Z", 12),
    ]
    assert distinct_titles(items) == {
        1: "Budget (added 2026-11-27 10:00, 12 claims)",
        2: "Budget (added 2026-11-27 15:30, 12 claims) #2",
        3: "Budget (added 2026-11-27 15:30, 12 claims) #3",
    }


def test_cut_titles_are_compared_so_cut_names_stay_apart() -> None:
    items = [
        item(1, "Talks resume in Cairo after a pause", "2026-11-27T10:00:00Z", 3),
        item(2, "Talks resume in Doha after a pause", "2026-11-28T10:00:00Z", 4),
    ]
    assert distinct_titles(items) == {1: items[0].title, 2: items[1].title}
    assert distinct_titles(items, title_chars=14) == {
        1: "Talks resume… (added 2026-11-27, 3 claims)",
        2: "Talks resume… (added 2026-11-28, 4 claims)",
    }


def test_cut_keeps_short_titles_and_joins_lines() -> None:
    assert cut("Budget\nvote", 20) == "Budget vote"
    assert cut("Budget vote", None) == "Budget vote"
    assert cut("Budget vote", 7) == "Budget…"
