"""Reads over every article at once: claims per verdict of each article, the whole history."""

from __future__ import annotations

from pathlib import Path

from checks.store import HistoryEntry, Store
from tests.store.samples import ANALYSIS, T1, T2, T3, T4, TEXT, Clock

SCALE = ("unreviewed", "true", "false", "unproven")


def two_articles(store: Store) -> tuple[int, int]:
    first = store.add_article(title="Ceasefire", text=TEXT)
    second = store.add_article(title="Ceasefire", text=TEXT)
    store.add_article(title="Not analysed yet", text=TEXT)  # no claims: not counted
    for article in (first, second):
        store.save_analysis(article.id, ANALYSIS)
    return first.id, second.id


def test_desk_verdict_counts_has_every_article_with_claims_in_scale_order(
    store: Store,
) -> None:
    first, second = two_articles(store)
    store.set_verdict(first, "c2", label="false", scale=SCALE)
    store.set_verdict(first, "c3", label="true", scale=SCALE)
    store.set_verdict(second, "c3", label="unproven", scale=SCALE)
    store.set_verdict(second, "c2", label="false", scale=SCALE)
    store.set_verdict(second, "c2", label="unreviewed", scale=SCALE)  # cleared again
    counts = store.desk_verdict_counts(scale=SCALE)
    assert counts == {
        first: {"unreviewed": 1, "true": 1, "false": 1, "unproven": 0},
        second: {"unreviewed": 2, "true": 0, "false": 0, "unproven": 1},
    }
    assert [list(c) for c in counts.values()] == [list(SCALE), list(SCALE)]
    assert counts[first] == store.verdict_counts(first, scale=SCALE)  # the same numbers


def test_a_label_no_longer_on_the_scale_is_counted_after_the_scale(store: Store) -> None:
    first, _ = two_articles(store)
    store.set_verdict(first, "c2", label="mostly false")  # on the default scale
    counts = store.desk_verdict_counts(scale=SCALE)
    assert list(counts[first].items()) == [
        ("unreviewed", 2), ("true", 0), ("false", 0), ("unproven", 0), ("mostly false", 1),
    ]  # fmt: skip


def test_desk_history_is_every_change_of_every_article_oldest_first(
    db_path: Path, clock: Clock
) -> None:
    with Store.open(db_path, clock=clock) as store:
        first, second = two_articles(store)
        for now, article, claim, label in (
            (T1, first, "c2", "true"), (T2, second, "c3", "false"), (T3, first, "c2", "false"),
        ):  # fmt: skip
            clock.now = now
            store.set_verdict(article, claim, label=label)
        clock.now = T4
        store.undo(first)
        assert store.desk_history() == (
            HistoryEntry(1, first, "c2", "true", "", None, T1),
            HistoryEntry(2, second, "c3", "false", "", None, T2),
            HistoryEntry(3, first, "c2", "false", "", None, T3),
            HistoryEntry(4, first, "c2", "true", "", None, T4, undoes=3),
        )
        store.delete_article(first)
        assert store.desk_history() == (HistoryEntry(2, second, "c3", "false", "", None, T2),)


def test_an_empty_desk_has_no_counts_and_no_history(store: Store) -> None:
    assert store.desk_verdict_counts() == {}
    assert store.desk_history() == ()
