"""checks.navigation: where the review opens and where "next unreviewed" goes."""

from __future__ import annotations

import pytest

from checks.claims import CHECK_WORTHY
from checks.model import Claim, ClaimKind, ReviewRow, Sentence, Verdict
from checks.navigation import first_to_review, is_checkable, next_unreviewed, skips_not_checkable


def _row(claim_id: str, kind: ClaimKind, worth: float, label: str = "unreviewed") -> ReviewRow:
    index = int(claim_id[1:])
    return ReviewRow(
        Sentence(index, 0, 1, "x", 0),
        Claim(claim_id, index, "x", kind, worth),
        (),
        Verdict(claim_id, label, "", None, ""),
    )


ROWS = (
    _row("c1", ClaimKind.HEADING, 0.1),
    _row("c2", ClaimKind.FACTUAL, CHECK_WORTHY - 0.05),
    _row("c3", ClaimKind.QUESTION, 0.6),
    _row("c4", ClaimKind.FACTUAL, CHECK_WORTHY, "true"),
    _row("c5", ClaimKind.OPINION, 0.5),
    _row("c6", ClaimKind.QUOTE, CHECK_WORTHY + 0.1),
)


def test_the_review_opens_on_the_first_unreviewed_check_worthy_claim() -> None:
    assert first_to_review(ROWS) == "c6"  # c4 is reviewed, c2 scores below CHECK_WORTHY


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ((ROWS[0], ROWS[1]), "c2"),  # no check-worthy claim: the first checkable one
        ((ROWS[0], ROWS[2]), "c1"),  # nothing checkable: the first unreviewed one
        ((ROWS[3],), "c4"),  # everything reviewed: the first claim
        ((), ""),
    ],
)
def test_first_to_review_falls_back(rows: tuple[ReviewRow, ...], expected: str) -> None:
    assert first_to_review(rows) == expected


@pytest.mark.parametrize(
    ("after", "skip", "expected"),
    [
        ("c2", True, "c6"),  # passes the question, the reviewed claim and the opinion
        ("c2", False, "c3"),
        ("c6", True, "c2"),  # wraps around, past the heading
        ("c6", False, "c1"),
    ],
)
def test_next_unreviewed(after: str, skip: bool, expected: str) -> None:
    assert next_unreviewed(ROWS, after, skip=skip) == expected


def test_next_unreviewed_stays_when_nothing_is_left() -> None:
    assert next_unreviewed((ROWS[3], ROWS[0]), "c4") == "c4"  # only a heading is unreviewed


def test_kinds_and_setting() -> None:
    assert [is_checkable(row.claim) for row in ROWS] == [False, True, False, True, False, True]
    flags = [skips_not_checkable(v) for v in ("on", "", "off", " OFF ")]
    assert flags == [True, True, False, False]
