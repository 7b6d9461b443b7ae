"""Flags on claim/evidence pairs quoted from real reports and reference pages (news_pairs.py)."""

from __future__ import annotations

import pytest

from checks.facts import agreement
from checks.model import FactKind
from tests.news_pairs import FRESH, HELD_OUT, PAIRS, WRONG, Pair


def _param(pair: Pair) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=WRONG[pair.id])] if pair.id in WRONG else []
    return pytest.param(pair, id=pair.id, marks=marks)


@pytest.mark.parametrize("pair", [_param(pair) for pair in PAIRS + HELD_OUT + FRESH])
def test_flags_on_real_pairs(pair: Pair) -> None:
    assert agreement(pair.claim, pair.evidence).describe_conflicts() == pair.flags


def test_the_table_covers_what_it_must() -> None:
    assert len(PAIRS) >= 40
    every = PAIRS + HELD_OUT + FRESH
    assert len({pair.id for pair in every}) == len(every)
    assert set(WRONG) <= {pair.id for pair in every}
    flagged = [pair for pair in PAIRS if pair.flags]
    assert 15 <= len(flagged) <= len(PAIRS) - 15  # flagged and not-flagged pairs both
    text = " ".join(flag for pair in PAIRS for flag in pair.flags)
    for kind in ("(lower bound, holds)", "(lower bound, contradicted)", "(upper bound, holds)",
                 "(approximate)", "date:", "money:", "percent:"):  # fmt: skip
        assert kind in text
    assert all(pair.claim_url.startswith("http") and pair.evidence_url.startswith("http")
               for pair in PAIRS)  # fmt: skip


def test_a_text_never_conflicts_with_itself_on_the_table() -> None:
    for pair in PAIRS + HELD_OUT + FRESH:
        for text in (pair.claim, pair.evidence):
            assert agreement(text, text).conflicts == (), text
            assert all(f.kind in FactKind for f, _ in agreement(text, text).matches)
