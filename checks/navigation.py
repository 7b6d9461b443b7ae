"""Which claim the review opens on, and where "next unreviewed" goes.

A heading, a question, an opinion or a credit line ("Reporting by ... Editing by ...") is not
checkable: the review does not open on it, "next unreviewed" passes it by (unless the
reviewer turns that off in Settings), and the bulk action marks it "not checkable". The
review opens on the first unreviewed check-worthy claim (``claims.CHECK_WORTHY``), not on
the headline.

>>> from checks.model import Claim, ClaimKind
>>> claims = [Claim("c1", 0, "Headline", ClaimKind.HEADING, 0.1),
...           Claim("c2", 1, "Is it?", ClaimKind.QUESTION, 0.1),
...           Claim("c3", 2, "It rose 5% in 2024.", ClaimKind.FACTUAL, 0.7)]
>>> [is_checkable(c) for c in claims]
[False, False, True]
"""

from __future__ import annotations

from collections.abc import Sequence

from checks import config
from checks.claims import CHECK_WORTHY
from checks.model import Claim, ReviewRow

NOT_CHECKABLE_KINDS = frozenset({"heading", "question", "opinion", "credit"})
"""``ClaimKind`` values that are not checkable ("credit" is the credit-line kind)."""
SETTING_SKIP = "review.skip_not_checkable"
"""Setting: "on" (default) or "off": whether "next unreviewed" passes not-checkable claims."""


def is_checkable(claim: Claim) -> bool:
    """Whether a claim is of a kind a fact-checker checks."""
    return claim.kind.value not in NOT_CHECKABLE_KINDS


def skips_not_checkable(value: str) -> bool:
    """The ``SETTING_SKIP`` value as a flag: on unless it says "off"."""
    return value.strip().lower() != "off"


def _unreviewed(row: ReviewRow) -> bool:
    return row.verdict.label == config.UNREVIEWED


def first_to_review(rows: Sequence[ReviewRow]) -> str:
    """The claim the review opens on: the first unreviewed check-worthy claim, else the
    first unreviewed checkable one, else the first unreviewed one, else the first claim
    ("" for none)."""
    tests = (
        lambda r: _unreviewed(r) and is_checkable(r.claim)
        and r.claim.checkworthiness >= CHECK_WORTHY,
        lambda r: _unreviewed(r) and is_checkable(r.claim),
        _unreviewed,
    )  # fmt: skip
    for test in tests:
        found = next((row.claim.id for row in rows if test(row)), None)
        if found is not None:
            return found
    return rows[0].claim.id if rows else ""


def next_unreviewed(rows: Sequence[ReviewRow], after: str, *, skip: bool = True) -> str:
    """The next unreviewed claim after ``after``, wrapping around, passing claims that are
    not checkable when ``skip``; ``after`` if none is left."""
    ids = [row.claim.id for row in rows]
    start = ids.index(after) if after in ids else -1
    ordered = [*rows[start + 1 :], *rows[: start + 1]]
    for row in ordered:
        if row.claim.id != after and _unreviewed(row) and (not skip or is_checkable(row.claim)):
            return row.claim.id
    return after
