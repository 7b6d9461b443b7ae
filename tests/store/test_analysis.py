"""An article's whole analysis: saved in one transaction, read back as a ``Review``."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.errors import StoreError
from checks.model import (
    Analysis,
    Article,
    Claim,
    ClaimKind,
    Evidence,
    Passage,
    Review,
    ReviewRow,
    Sentence,
    Verdict,
)
from checks.store import Store
from tests.store.samples import (
    C1,
    C2,
    C3,
    E2_1,
    E2_2,
    E3_1,
    NOTES,
    S0,
    S1,
    S2,
    T1,
    T2,
    TEXT,
    WIKI,
    Clock,
    raw,
)


def test_review_round_trips_the_analysis(store: Store, article_id: int) -> None:
    assert store.review(article_id) == Review(
        article=Article(article_id, "Ceasefire", TEXT, "https://example.org/a", T1),
        rows=(
            ReviewRow(S0, C1, (), Verdict("c1", "unreviewed", "", None, "")),
            ReviewRow(S1, C2, (E2_1, E2_2), Verdict("c2", "unreviewed", "", None, "")),
            ReviewRow(S2, C3, (E3_1,), Verdict("c3", "unreviewed", "", None, "")),
        ),
        documents=(WIKI, NOTES),
    )


def test_review_of_an_article_without_analysis_has_no_rows(store: Store) -> None:
    article = store.add_article(title="Empty", text="")
    assert store.review(article.id) == Review(Article(1, "Empty", "", "", T1), (), ())


def test_save_analysis_creates_no_verdict_rows(db_path: Path, article_id: int) -> None:
    assert raw(db_path, "SELECT count(*) FROM verdicts") == [(0,)]
    assert raw(db_path, "SELECT count(*) FROM verdict_history") == [(0,)]


def test_save_analysis_again_keeps_verdicts_of_kept_claim_ids(
    store: Store, db_path: Path, clock: Clock, article_id: int
) -> None:
    store.set_verdict(article_id, "c2", label="false", note="Date is 2 May.", evidence_rank=1)
    store.set_verdict(article_id, "c3", label="true")
    s2 = Sentence(2, 54, 89, "Officials said 30 members attended.", 1)
    c4 = Claim("c4", 2, "Officials said 30 members attended.", ClaimKind.FACTUAL, 0.7)
    clock.now = T2
    store.save_analysis(article_id, Analysis((S0, S1, s2), (C1, C2, c4), (WIKI,), (E2_1,)))

    rows = store.review(article_id).rows
    # c3's sentence is gone: its verdict is written into the note of the claim now in its
    # place (not taken as that claim's verdict: other words), in one history entry
    moved = (
        "From c3 (a sentence of the earlier analysis, “Officials said 32 members attended.”),"
        " marked true."
    )
    assert [(row.claim, row.evidence, row.verdict) for row in rows] == [
        (C1, (), Verdict("c1", "unreviewed", "", None, "")),
        (C2, (E2_1,), Verdict("c2", "false", "Date is 2 May.", 1, T1)),
        (c4, (), Verdict("c4", "unreviewed", moved, None, T2)),
    ]
    assert raw(db_path, "SELECT claim_id FROM verdicts") == [("c2",), ("c4",)]
    assert [entry.claim_id for entry in store.history(article_id)] == ["c2", "c3", "c4"]


@pytest.mark.parametrize(
    ("analysis", "message"),
    [
        (Analysis((S0,), (C1, C2), (), ()), "claim c2 points at missing sentence 1"),
        (Analysis((S0, S1), (C1, C1), (), ()), "analysis repeats a claim id"),
        (Analysis((S0,), (C1,), (), (E2_1,)), "evidence rank 1 is for unknown claim c2"),
        (Analysis((S0, S1), (C1, C2), (), (E2_1,)), "wikipedia:Cairo_talks, which is not stored"),
    ],
    ids=["sentence", "duplicate", "claim", "document"],
)
def test_inconsistent_analysis_is_refused_and_nothing_changes(
    db_path: Path, clock: Clock, analysis: Analysis, message: str
) -> None:
    with Store.open(db_path, clock=clock) as store:
        article = store.add_article(title="A", text=TEXT)
        with pytest.raises(StoreError, match=message):
            store.save_analysis(article.id, analysis)
        assert store.review(article.id).rows == ()
        assert store.documents() == ()


def test_replacing_analysis_keeps_the_old_one_when_the_new_one_is_refused(
    store: Store, article_id: int
) -> None:
    before = store.review(article_id)
    bad = Analysis((S0, S1), (C1, C2), (), (Evidence("c2", 1, Passage("zim:X", 0, 1, "x"), 0.5),))
    with pytest.raises(StoreError, match="zim:X"):
        store.save_analysis(article_id, bad)
    assert store.review(article_id) == before
