"""The Search page's engine: one query over claims, notes, verdicts and fact-checks, with
filters (verdict, publisher, date range, article); without a query, the newest items.

A fact-check passes the verdict filter by the label its rating stands for on the scale
(``checks.factchecks.ratings``): "false" finds "Pants on Fire!" too.

>>> from checks.factchecks.search import Match
>>> m = Match("factcheck", "factcheck:1", "c", "Falso", "Checks", "2024-03-01", "", 0.5, "related")
>>> keep(m, Filters(verdicts=("false",), start="2024-01-01"), scale=("unreviewed", "false"))
True
>>> keep(m, Filters(article_id=3), scale=("unreviewed", "false"))
False
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from checks.factchecks.ratings import verdict_for
from checks.factchecks.records import FactCheck
from checks.factchecks.search import DESK, FACTCHECK, VERDICT, DeskVerdict, Match, Searcher

FETCHED = 200
"""Matches asked of the index before the filters: the filters then keep what fits."""


@dataclass(frozen=True)
class Filters:
    verdicts: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()
    start: str = ""
    end: str = ""
    article_id: int | None = None


def label_of(match: Match, *, scale: Sequence[str]) -> str:
    """The verdict label a match stands for (a desk verdict's own, a rating's reading)."""
    if match.kind == VERDICT:
        return match.rating
    return verdict_for(
        match.rating, match.rating_value, match.best_rating, match.worst_rating, scale=scale
    ).label


def keep(match: Match, filters: Filters, *, scale: Sequence[str]) -> bool:
    if filters.article_id is not None and match.article_id != filters.article_id:
        return False
    if filters.publishers and match.publisher not in filters.publishers:
        return False
    if filters.start and (not match.date or match.date < filters.start):
        return False
    if filters.end and (not match.date or match.date[: len(filters.end)] > filters.end):
        return False
    return not filters.verdicts or label_of(match, scale=scale) in filters.verdicts


def find(
    searcher: Searcher, text: str, filters: Filters, *, scale: Sequence[str], limit: int = 50
) -> tuple[Match, ...]:
    """The best matches of ``text`` that pass ``filters``, at most ``limit``."""
    found = searcher.search(text, top=FETCHED)
    return tuple(m for m in found if keep(m, filters, scale=scale))[:limit]


def recent(
    factchecks: Iterable[tuple[int, FactCheck]],
    claims: Iterable[DeskVerdict],
    filters: Filters,
    *,
    scale: Sequence[str],
    limit: int = 50,
) -> tuple[Match, ...]:
    """Without a query: the newest fact-checks and claims that pass ``filters``."""
    items = [
        Match(FACTCHECK, f"{FACTCHECK}:{fid}", c.claim, c.rating, c.publisher, c.date, c.url,
              0.0, "", rating_value=c.rating_value, best_rating=c.best_rating,
              worst_rating=c.worst_rating)
        for fid, c in factchecks
    ]  # fmt: skip
    items += [
        Match(VERDICT, d.ref, d.claim, d.label, DESK, d.date, "", 0.0, "",
              article_id=d.article_id, claim_id=d.claim_id, article_title=d.article_title,
              note=d.note)
        for d in claims
    ]  # fmt: skip
    kept = [m for m in items if keep(m, filters, scale=scale)]
    kept.sort(key=lambda m: m.date, reverse=True)
    return tuple(kept[:limit])
