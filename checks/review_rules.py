"""Rules of the review that the app, the exports and the CLI share: which claims are "not
checkable" by kind (``checks.navigation``), and which evidence counts as a claim's best (and
its conflicts): the best passage above the relevance floor (``checks.relevance``)."""

from __future__ import annotations

from checks import config, relevance
from checks.model import Evidence, Review, ReviewRow
from checks.navigation import is_checkable


def best_evidence(row: ReviewRow) -> Evidence | None:
    """The claim's best evidence: its best-ranked passage above the relevance floor, or None
    when it has none (a weak match is not evidence)."""
    shown = relevance.shown(row.evidence)
    return min(shown, key=lambda e: e.rank) if shown else None


def has_conflict(row: ReviewRow) -> bool:
    """Does the claim's best evidence give another number or date than the claim?"""
    best = best_evidence(row)
    return best is not None and best.agreement.has_conflict


def best_conflicts(row: ReviewRow) -> tuple[str, ...]:
    """The conflicts of the claim's best evidence, described
    (``date: June 15, 2024 ≠ 14 June 2024``)."""
    best = best_evidence(row)
    return () if best is None else best.agreement.describe_conflicts()


def not_checkable_changes(review: Review) -> list[tuple[str, str | None, str | None]]:
    """``set_verdicts`` changes marking every unreviewed claim of a kind that is not
    checkable (heading, question, opinion, credit line) "not checkable"."""
    return [
        (row.claim.id, config.NOT_CHECKABLE, None)
        for row in review.rows
        if not is_checkable(row.claim) and row.verdict.label == config.UNREVIEWED
    ]
