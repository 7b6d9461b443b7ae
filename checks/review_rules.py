"""Rules of the review that the app, the exports and the CLI share: which claims are "not
checkable" by kind, and which evidence counts as a claim's best (and its conflicts)."""

from __future__ import annotations

from typing import Final

from checks import config
from checks.model import ClaimKind, Evidence, Review, ReviewRow

NOT_CHECKABLE_KINDS: Final = frozenset({ClaimKind.HEADING, ClaimKind.OPINION, ClaimKind.QUESTION})


def best_evidence(row: ReviewRow) -> Evidence | None:
    """The claim's best evidence: rank 1, or None when it has none."""
    return row.evidence[0] if row.evidence else None


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
    """``set_verdicts`` changes marking every unreviewed heading, question and opinion
    "not checkable"."""
    return [
        (row.claim.id, config.NOT_CHECKABLE, None)
        for row in review.rows
        if row.claim.kind in NOT_CHECKABLE_KINDS and row.verdict.label == config.UNREVIEWED
    ]
