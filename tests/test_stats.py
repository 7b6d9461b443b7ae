"""checks.stats: claims per verdict (one article, every article), verdicts set over time, and
the Markdown report carrying the same counts."""

from __future__ import annotations

from datetime import date, timedelta, timezone
from pathlib import Path

import pytest

from checks import stats
from checks.report import to_markdown
from checks.stats import Period, PeriodCount
from checks.store import ArticleSummary, HistoryEntry, Store
from tests.store.samples import ANALYSIS, TEXT

SCALE = ("unreviewed", "correct", "misleading", "wrong")
DEFAULT_ORDER = (
    "unreviewed", "true", "mostly true", "half true", "mostly false", "false", "unproven",
    "not checkable",
)  # fmt: skip


def entry(
    n: int, claim: str, label: str, at: str, *, article: int = 1, note: str = "",
    undoes: int | None = None,
) -> HistoryEntry:  # fmt: skip
    return HistoryEntry(n, article, claim, label, note, None, at, undoes=undoes)


def test_count_labels_has_the_scale_in_order_then_labels_off_the_scale() -> None:
    counts = stats.count_labels(["wrong", "gone", "correct", "wrong", "older"], scale=SCALE)
    assert list(counts.items()) == [
        ("unreviewed", 0), ("correct", 1), ("misleading", 0), ("wrong", 2), ("gone", 1),
        ("older", 1),
    ]  # fmt: skip


@pytest.fixture
def store(db_path: Path) -> Store:
    opened = Store.open(db_path)
    article = opened.add_article(title="Ceasefire", text=TEXT)
    opened.save_analysis(article.id, ANALYSIS)
    return opened


def test_review_counts_are_the_stores_counts_and_the_reports(store: Store) -> None:
    store.set_verdict(1, "c2", label="wrong", scale=SCALE)
    store.set_verdict(1, "c3", label="correct", scale=SCALE)
    review = store.review(1)
    counts = stats.review_counts(review, scale=SCALE)
    assert counts == {"unreviewed": 1, "correct": 1, "misleading": 0, "wrong": 1}
    assert counts == store.verdict_counts(1, scale=SCALE)
    report = to_markdown(review, scale=SCALE).decode("utf-8")
    table = report.split("## Summary\n\n")[1].split("\n\n")[0]
    assert table.splitlines() == [
        "| Verdict | Claims |", "|---|---:|", "| unreviewed | 1 |", "| correct | 1 |",
        "| misleading | 0 |", "| wrong | 1 |",
    ]  # fmt: skip
    store.close()


def test_review_counts_default_to_the_configured_scale(store: Store) -> None:
    store.set_verdict(1, "c2", label="false")
    counts = stats.review_counts(store.review(1))
    assert tuple(counts) == DEFAULT_ORDER
    assert (counts["false"], counts["unreviewed"]) == (1, 2)
    store.close()


def summary(article_id: int, title: str, claims: int) -> ArticleSummary:
    return ArticleSummary(article_id, title, "2026-11-27T10:00:00Z", claims, 0, 0)


def test_desk_counts_line_up_every_label_and_keep_the_list_order() -> None:
    summaries = [summary(3, "C", 2), summary(2, "Empty", 0), summary(1, "A", 3)]
    counts = {
        3: {"unreviewed": 1, "correct": 0, "misleading": 0, "wrong": 0, "gone": 1},
        1: {"unreviewed": 1, "correct": 2, "misleading": 0, "wrong": 0},
    }
    rows = stats.desk_counts(summaries, counts, names={3: "C (new)"}, scale=SCALE)
    assert rows == (
        stats.ArticleVerdicts(3, "C (new)", "C", (
            ("unreviewed", 1), ("correct", 0), ("misleading", 0), ("wrong", 0), ("gone", 1),
        )),
        stats.ArticleVerdicts(1, "A", "A", (
            ("unreviewed", 1), ("correct", 2), ("misleading", 0), ("wrong", 0), ("gone", 0),
        )),
    )  # fmt: skip
    assert [row.claims for row in rows] == [2, 3]
    limited = stats.desk_counts(summaries, counts, names={}, scale=SCALE, limit=1)
    assert [row.article_id for row in limited] == [3]


DAY1, DAY2, DAY9 = "2026-11-23T09:00:00Z", "2026-11-24T23:30:00Z", "2026-12-01T10:00:00Z"


def test_verdicts_set_are_label_changes_that_stand() -> None:
    history = [
        entry(1, "c1", "true", DAY1),  # set: counts
        entry(2, "c1", "true", DAY1, note="checked"),  # a note only: no new verdict
        entry(3, "c2", "false", DAY1),  # set, then undone by 4: does not count
        entry(4, "c2", "unreviewed", DAY1, undoes=3),  # an undo: not a verdict set
        entry(5, "c3", "unproven", DAY2),  # set: counts
        entry(6, "c3", "false", DAY2),  # corrected: a new verdict, counts
        entry(7, "c3", "unreviewed", DAY2),  # cleared: not a verdict
        entry(8, "c3", "false", DAY9),  # set again after clearing: counts
        entry(9, "c1", "true", DAY9, article=2),  # same claim id, other article: counts
    ]
    kept = stats.verdicts_set(reversed(history))  # the order given does not matter
    assert [e.id for e in kept] == [1, 5, 6, 8, 9]


def test_an_undo_that_restores_a_label_sets_nothing_and_the_first_stands() -> None:
    history = [
        entry(1, "c1", "true", DAY1),
        entry(2, "c1", "false", DAY1),  # a mistake, undone by 3
        entry(3, "c1", "true", DAY1, undoes=2),
        entry(4, "c1", "unreviewed", DAY2, undoes=1),  # undo again: nothing stands
    ]
    assert stats.verdicts_set(history[:3]) == (history[0],)
    assert stats.verdicts_set(history) == ()


HISTORY = [
    entry(1, "c1", "wrong", DAY1),
    entry(2, "c2", "correct", DAY1),
    entry(3, "c3", "wrong", DAY1),
    entry(4, "c4", "correct", DAY2),
    entry(5, "c5", "gone", DAY9),  # a label no longer on the scale: after the scale's
    entry(6, "c6", "correct", DAY9),
]


def test_verdicts_over_time_per_day_labels_in_scale_order() -> None:
    assert stats.verdicts_over_time(HISTORY, scale=SCALE) == (
        PeriodCount(date(2026, 11, 23), "correct", 1),
        PeriodCount(date(2026, 11, 23), "wrong", 2),
        PeriodCount(date(2026, 11, 24), "correct", 1),
        PeriodCount(date(2026, 12, 1), "correct", 1),
        PeriodCount(date(2026, 12, 1), "gone", 1),
    )


def test_verdicts_over_time_per_week_from_monday() -> None:
    assert stats.verdicts_over_time(HISTORY, scale=SCALE, period=Period.WEEK) == (
        PeriodCount(date(2026, 11, 23), "correct", 2),  # Monday 23 and Tuesday 24 November
        PeriodCount(date(2026, 11, 23), "wrong", 2),
        PeriodCount(date(2026, 11, 30), "correct", 1),  # Tuesday 1 December
        PeriodCount(date(2026, 11, 30), "gone", 1),
    )


def test_days_are_the_desks_own_in_its_time_zone() -> None:
    late = [entry(1, "c1", "correct", DAY2)]  # 23:30 UTC on 24 November
    berlin = timezone(timedelta(hours=1))
    new_york = timezone(timedelta(hours=-5))
    assert stats.verdicts_over_time(late, scale=SCALE)[0].start == date(2026, 11, 24)
    assert stats.verdicts_over_time(late, scale=SCALE, tz=berlin)[0].start == date(2026, 11, 25)
    at_three = [entry(1, "c1", "correct", "2026-11-24T03:00:00Z")]  # 22:00 the day before
    assert stats.verdicts_over_time(at_three, scale=SCALE, tz=new_york)[0].start == date(
        2026, 11, 23
    )


def test_period_starts_fill_the_days_without_verdicts() -> None:
    counts = stats.verdicts_over_time(HISTORY, scale=SCALE)
    starts = stats.period_starts(counts, Period.DAY)
    assert starts == tuple(date(2026, 11, 23) + timedelta(days=n) for n in range(9))
    weeks = stats.verdicts_over_time(HISTORY, scale=SCALE, period=Period.WEEK)
    assert stats.period_starts(weeks, Period.WEEK) == (date(2026, 11, 23), date(2026, 11, 30))
    assert stats.period_starts((), Period.DAY) == ()


def test_weeks_once_the_verdicts_span_more_than_sixty_days() -> None:
    start = [entry(1, "c1", "correct", "2026-01-01T10:00:00Z")]
    sixty = [*start, entry(2, "c2", "correct", "2026-03-02T10:00:00Z")]  # 60 days later
    sixty_one = [*start, entry(2, "c2", "correct", "2026-03-03T10:00:00Z")]
    assert stats.choose_period(sixty) is Period.DAY
    assert stats.choose_period(sixty_one) is Period.WEEK
    assert stats.choose_period([]) is Period.DAY
    undone = [*start, entry(2, "c2", "correct", "2026-06-01T10:00:00Z")]
    undone.append(entry(3, "c2", "unreviewed", "2026-06-01T10:01:00Z", undoes=2))
    assert stats.choose_period(undone) is Period.DAY  # an undone verdict spans nothing
