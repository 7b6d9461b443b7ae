"""Counts of the desk's work: claims per verdict of one article or of every article, and the
verdicts set per day or week. Pure functions of the store's data (``Store.review``,
``Store.desk_verdict_counts``, ``Store.desk_history``); ``ui/charts.py`` draws them and
``checks.report`` prints the same counts.

Labels come from the verdict scale, in its order; a saved label that is no longer on the
scale (the scale was changed) is counted after them, never dropped.

>>> count_labels(["true", "false", "true", "gone"], scale=("unreviewed", "true", "false"))
{'unreviewed': 0, 'true': 2, 'false': 1, 'gone': 1}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from enum import Enum

from checks import config
from checks.model import Review
from checks.store.rows import ArticleSummary, HistoryEntry

WEEKS_AFTER_DAYS = 60  # a history spanning more days than this is counted per week


def label_order(scale: Sequence[str], found: Iterable[str] = ()) -> tuple[str, ...]:
    """The scale's labels in order, then the labels of ``found`` not on it, as first seen.

    >>> label_order(("unreviewed", "true"), ["old", "true", "old", "older"])
    ('unreviewed', 'true', 'old', 'older')
    """
    return tuple(dict.fromkeys([*scale, *found]))


def count_labels(labels: Iterable[str], *, scale: Sequence[str]) -> dict[str, int]:
    """How many of ``labels`` carry each label: every scale label in scale order (zeros
    included), then labels not on the scale, as first seen."""
    counts = dict.fromkeys(scale, 0)
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    return counts


def review_counts(review: Review, *, scale: Sequence[str] | None = None) -> dict[str, int]:
    """Claims per verdict of one article (``config.verdict_scale()`` by default): the same
    numbers as ``Store.verdict_counts``, from the review already read."""
    labels = config.verdict_scale() if scale is None else scale
    return count_labels((row.verdict.label for row in review.rows), scale=labels)


@dataclass(frozen=True)
class ArticleVerdicts:
    """One article's claims per verdict, under a name that tells it apart from the others
    (``checks.titles``), with its title as saved."""

    article_id: int
    name: str
    title: str
    counts: tuple[tuple[str, int], ...]  # (label, claims) in label order, zeros included

    @property
    def claims(self) -> int:
        return sum(count for _, count in self.counts)


def desk_counts(
    summaries: Sequence[ArticleSummary],
    counts: Mapping[int, Mapping[str, int]],
    *,
    names: Mapping[int, str],
    scale: Sequence[str],
    limit: int | None = None,
) -> tuple[ArticleVerdicts, ...]:
    """Claims per verdict of each article with claims, in the order of ``summaries`` (newest
    first), at most ``limit`` of them. Every article gets every label of the scale and every
    other label found on any article, so their bars line up."""
    with_claims = [item for item in summaries if sum(counts.get(item.id, {}).values())]
    chosen = with_claims if limit is None else with_claims[:limit]
    labels = label_order(scale, (label for item in chosen for label in counts[item.id]))
    return tuple(
        ArticleVerdicts(
            article_id=item.id,
            name=names.get(item.id, item.title),
            title=item.title,
            counts=tuple((label, counts[item.id].get(label, 0)) for label in labels),
        )
        for item in chosen
    )


class Period(Enum):
    DAY = "day"
    WEEK = "week"  # weeks start on Monday


@dataclass(frozen=True)
class PeriodCount:
    """Verdicts set to ``label`` during the day or week that starts on ``start``."""

    start: date
    label: str
    count: int


def verdicts_set(history: Iterable[HistoryEntry]) -> tuple[HistoryEntry, ...]:
    """The history entries that set a verdict and still stand, oldest first.

    An entry sets a verdict when its label differs from the claim's label just before (its
    previous entry, else unreviewed) and is not unreviewed: a note or a citation alone sets
    none, nor does clearing a verdict. An undo sets none, and an entry that was undone does
    not stand (set "true", undo: nothing was set). Correcting a verdict sets a new one.
    """
    entries = sorted(history, key=lambda entry: entry.id)
    undone = {entry.undoes for entry in entries if entry.undoes is not None}
    before: dict[tuple[int, str], str] = {}
    kept: list[HistoryEntry] = []
    for entry in entries:
        claim = (entry.article_id, entry.claim_id)
        previous = before.get(claim, config.UNREVIEWED)
        before[claim] = entry.label
        if entry.undoes is not None or entry.id in undone:
            continue
        if entry.label != previous and entry.label != config.UNREVIEWED:
            kept.append(entry)
    return tuple(kept)


def _day(changed_at: str, tz: tzinfo) -> date:
    moment = datetime.fromisoformat(changed_at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(tz).date()


def period_start(day: date, period: Period) -> date:
    """The first day of the day or week (Monday) ``day`` is in.

    >>> period_start(date(2026, 11, 27), Period.WEEK)
    datetime.date(2026, 11, 23)
    """
    return day if period is Period.DAY else day - timedelta(days=day.weekday())


def period_starts(counts: Sequence[PeriodCount], period: Period) -> tuple[date, ...]:
    """Every period from the first of ``counts`` to the last, those without verdicts too.

    >>> period_starts([PeriodCount(date(2026, 11, 27), "true", 1),
    ...                PeriodCount(date(2026, 11, 29), "false", 2)], Period.DAY)[1]
    datetime.date(2026, 11, 28)
    """
    if not counts:
        return ()
    first, last = min(item.start for item in counts), max(item.start for item in counts)
    step = timedelta(days=1 if period is Period.DAY else 7)
    return tuple(first + step * n for n in range((last - first) // step + 1))


def choose_period(history: Iterable[HistoryEntry], *, tz: tzinfo = timezone.utc) -> Period:
    """Days, or weeks when the verdicts set span more than ``WEEKS_AFTER_DAYS`` days."""
    days = [_day(entry.changed_at, tz) for entry in verdicts_set(history)]
    if days and (max(days) - min(days)).days > WEEKS_AFTER_DAYS:
        return Period.WEEK
    return Period.DAY


def verdicts_over_time(
    history: Iterable[HistoryEntry],
    *,
    scale: Sequence[str],
    period: Period = Period.DAY,
    tz: tzinfo = timezone.utc,
) -> tuple[PeriodCount, ...]:
    """Verdicts set (``verdicts_set``) per day or week in the time zone ``tz``, by label:
    periods oldest first, labels in scale order; only counts above zero."""
    counted: dict[tuple[date, str], int] = {}
    for entry in verdicts_set(history):
        key = (period_start(_day(entry.changed_at, tz), period), entry.label)
        counted[key] = counted.get(key, 0) + 1
    order = {label: n for n, label in enumerate(label_order(scale, (k[1] for k in counted)))}
    ordered = sorted(counted, key=lambda key: (key[0], order[key[1]]))
    return tuple(PeriodCount(start, label, counted[start, label]) for start, label in ordered)
