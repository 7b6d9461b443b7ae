"""Verdicts, their append-only history and undo."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checks.errors import NotFoundError, VerdictError
from checks.model import Verdict
from checks.pipeline import analyze
from checks.sources.library import LibrarySource, seed_demo_library
from checks.store import HistoryEntry, Store, verdicts
from tests.conftest import DEMO_ARTICLE
from tests.store.samples import T1, T2, T3, T4, T5, T6, Clock, raw


def test_verdict_is_on_disk_when_acknowledged_and_survives_reopen(
    store: Store, db_path: Path, clock: Clock, article_id: int
) -> None:
    saved = store.set_verdict(article_id, "c2", label="Mostly False", note="Off by a day.")
    assert saved == Verdict("c2", "mostly false", "Off by a day.", None, T1)
    assert raw(db_path, "SELECT claim_id, label, note FROM verdicts") == [
        ("c2", "mostly false", "Off by a day.")
    ]
    store.close()
    with Store.open(db_path, clock=clock) as reopened:
        assert reopened.review(article_id).rows[1].verdict == saved


def test_history_appends_one_entry_per_change_and_none_on_no_op(
    store: Store, clock: Clock, article_id: int
) -> None:
    steps = [
        (T1, "c2", {"label": "False"}),
        (T2, "c2", {"label": "false"}),  # same label: no-op
        (T3, "c2", {"note": "Date is 2 May.", "evidence_rank": 1}),
        (T4, "c2", {"note": "Date is 2 May.", "evidence_rank": 1}),  # no-op
        (T5, "c3", {"label": "true"}),
        (T6, "c2", {"evidence_rank": None}),
    ]
    for now, claim_id, fields in steps:
        clock.now = now
        store.set_verdict(article_id, claim_id, **fields)  # type: ignore[arg-type]
    aid = article_id
    c3_entry = HistoryEntry(3, aid, "c3", "true", "", None, T5)
    assert store.history(aid) == (
        HistoryEntry(1, aid, "c2", "false", "", None, T1),
        HistoryEntry(2, aid, "c2", "false", "Date is 2 May.", 1, T3),
        c3_entry,
        HistoryEntry(4, aid, "c2", "false", "Date is 2 May.", None, T6),
    )
    assert store.history(aid, "c3") == (c3_entry,)
    assert store.review(aid).rows[1].verdict == Verdict("c2", "false", "Date is 2 May.", None, T6)


def test_no_op_returns_the_saved_verdict_untouched(
    store: Store, clock: Clock, article_id: int
) -> None:
    assert store.set_verdict(article_id, "c1", label="unreviewed", note="") == Verdict(
        "c1", "unreviewed", "", None, ""
    )
    store.set_verdict(article_id, "c2", label="true")
    clock.now = T2
    assert store.set_verdict(article_id, "c2", label="TRUE") == Verdict("c2", "true", "", None, T1)
    assert len(store.history(article_id)) == 1


def test_set_verdict_changes_only_the_given_fields(store: Store, article_id: int) -> None:
    store.set_verdict(article_id, "c2", label="false", note="first", evidence_rank=2)
    assert store.set_verdict(article_id, "c2", note="second") == Verdict(
        "c2", "false", "second", 2, T1
    )
    assert store.set_verdict(article_id, "c2", label="half true") == Verdict(
        "c2", "half true", "second", 2, T1
    )


@pytest.mark.parametrize("label", ["maybe", "", "true-ish", "unreviewed!"])
def test_label_off_the_scale_raises_and_saves_nothing(
    store: Store, article_id: int, label: str
) -> None:
    with pytest.raises(VerdictError, match="is not on the verdict scale: unreviewed, true"):
        store.set_verdict(article_id, "c2", label=label, note="lost?")
    assert store.history(article_id) == ()
    assert store.review(article_id).rows[1].verdict == Verdict("c2", "unreviewed", "", None, "")


def test_custom_scale_from_argument_and_from_environment(
    store: Store, article_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    scale = ("unreviewed", "correct", "wrong")
    assert store.set_verdict(article_id, "c2", label="Correct", scale=scale).label == "correct"
    with pytest.raises(VerdictError):
        store.set_verdict(article_id, "c2", label="true", scale=scale)
    monkeypatch.setenv("CHECKS_VERDICT_SCALE", "unreviewed, correct, wrong")
    assert store.set_verdict(article_id, "c3", label="wrong").label == "wrong"
    assert store.verdict_counts(article_id) == {"unreviewed": 1, "correct": 1, "wrong": 1}


def test_unknown_claim_or_evidence_rank_raises_not_found(store: Store, article_id: int) -> None:
    with pytest.raises(NotFoundError, match="article 1 has no claim 'c99'"):
        store.set_verdict(article_id, "c99", label="true")
    with pytest.raises(NotFoundError, match="claim 'c2' of article 1 has no evidence 3"):
        store.set_verdict(article_id, "c2", evidence_rank=3)
    with pytest.raises(NotFoundError, match="claim 'c1' of article 1 has no evidence 1"):
        store.set_verdict(article_id, "c1", evidence_rank=1)
    assert store.history(article_id) == ()


def test_set_verdicts_in_bulk_counts_changes(store: Store, article_id: int) -> None:
    changes = [
        ("c1", "Not Checkable", None),
        ("c2", None, "check the date"),
        ("c3", "unreviewed", ""),  # no change
    ]
    assert store.set_verdicts(article_id, changes) == 2
    assert [row.verdict for row in store.review(article_id).rows] == [
        Verdict("c1", "not checkable", "", None, T1),
        Verdict("c2", "unreviewed", "check the date", None, T1),
        Verdict("c3", "unreviewed", "", None, ""),
    ]
    assert store.set_verdicts(article_id, changes) == 0


def test_set_verdicts_is_all_or_nothing(store: Store, article_id: int) -> None:
    with pytest.raises(VerdictError):
        store.set_verdicts(article_id, [("c1", "not checkable", None), ("c2", "nonsense", None)])
    with pytest.raises(NotFoundError):
        store.set_verdicts(article_id, [("c1", "not checkable", None), ("c9", "true", None)])
    assert store.history(article_id) == ()
    assert store.review(article_id).rows[0].verdict == Verdict("c1", "unreviewed", "", None, "")


def test_verdict_counts_in_scale_order(store: Store, article_id: int) -> None:
    store.set_verdict(article_id, "c2", label="false")
    store.set_verdict(article_id, "c3", label="true")
    assert list(store.verdict_counts(article_id).items()) == [
        ("unreviewed", 1),
        ("true", 1),
        ("mostly true", 0),
        ("half true", 0),
        ("mostly false", 0),
        ("false", 1),
        ("unproven", 0),
        ("not checkable", 0),
    ]


def test_history_table_is_append_only(store: Store, db_path: Path, article_id: int) -> None:
    store.set_verdict(article_id, "c2", label="false")
    connection = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute("UPDATE verdict_history SET label = 'true'")
    connection.close()


# --- undo -------------------------------------------------------------------------------------


@pytest.fixture
def demo_id(store: Store) -> int:
    """The demo article analysed against the demo library (many claims, real evidence)."""
    seed_demo_library(store)
    text = DEMO_ARTICLE.read_text(encoding="utf-8")
    article = store.add_article(title="Demo", text=text)
    store.save_analysis(article.id, analyze(text, sources=(LibrarySource(store),)))
    return article.id


def state(store: Store, demo_id: int) -> dict[str, tuple[str, str]]:
    return {
        row.claim.id: (row.verdict.label, row.verdict.note)
        for row in store.review(demo_id).rows
        if (row.verdict.label, row.verdict.note) != ("unreviewed", "")
    }


def test_undo_walks_back_one_change_at_a_time_and_stays_append_only(
    store: Store, demo_id: int
) -> None:
    store.set_verdict(demo_id, "c2", label="true")
    store.set_verdict(demo_id, "c2", label="false", note="wrong day")
    store.set_verdict(demo_id, "c3", label="unproven")
    assert [e.claim_id for e in store.undoable(demo_id)] == ["c3"]

    (undone,) = store.undo(demo_id)
    assert (undone.claim_id, undone.label, undone.undoes) == ("c3", "unreviewed", 3)
    assert state(store, demo_id) == {"c2": ("false", "wrong day")}
    store.undo(demo_id)  # undo again: the change before, not a redo
    assert state(store, demo_id) == {"c2": ("true", "")}
    store.undo(demo_id)
    assert state(store, demo_id) == {}
    assert store.undo(demo_id) == ()  # nothing left
    history = store.history(demo_id)
    assert [(h.claim_id, h.label, h.undoes) for h in history] == [
        ("c2", "true", None),
        ("c2", "false", None),
        ("c3", "unproven", None),
        ("c3", "unreviewed", 3),
        ("c2", "true", 2),
        ("c2", "unreviewed", 1),
    ]


def test_a_change_after_an_undo_is_undone_first(store: Store, demo_id: int) -> None:
    store.set_verdict(demo_id, "c2", label="true")
    store.set_verdict(demo_id, "c2", label="false")
    store.undo(demo_id)
    store.set_verdict(demo_id, "c2", label="half true")
    store.undo(demo_id)
    assert state(store, demo_id) == {"c2": ("true", "")}
    store.undo(demo_id)
    assert state(store, demo_id) == {}


def test_a_bulk_change_is_undone_as_one(store: Store, demo_id: int) -> None:
    store.set_verdict(demo_id, "c5", label="true")
    store.set_verdicts(demo_id, [("c1", "not checkable", None), ("c3", "not checkable", None)])
    assert {e.claim_id for e in store.undoable(demo_id)} == {"c1", "c3"}
    assert len(store.undo(demo_id)) == 2
    assert state(store, demo_id) == {"c5": ("true", "")}


def test_undo_restores_the_note_and_citation(store: Store, demo_id: int) -> None:
    store.set_verdict(demo_id, "c2", label="false", note="see the wire", evidence_rank=1)
    store.set_verdict(demo_id, "c2", note="", evidence_rank=None)
    store.undo(demo_id)
    verdict = store.review(demo_id).rows[1].verdict
    assert (verdict.label, verdict.note, verdict.evidence_rank) == ("false", "see the wire", 1)


def test_history_stays_append_only_after_the_migration(
    store: Store, demo_id: int, db_path: Path
) -> None:
    store.set_verdict(demo_id, "c2", label="true")
    store.undo(demo_id)
    connection = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute("UPDATE verdict_history SET undoes = NULL")
    connection.close()


def current_labels(store: Store, article_id: int) -> dict[str, tuple[str, str]]:
    return {
        row.claim.id: (row.verdict.label, row.verdict.note) for row in store.review(article_id).rows
    }


def test_an_undo_chain_across_claims_and_a_bulk_change(
    store: Store, clock: Clock, article_id: int
) -> None:
    store.set_verdict(article_id, "c2", label="true")  # 1
    store.set_verdict(article_id, "c3", label="false")  # 2
    store.set_verdicts(article_id, [("c1", "not checkable", None), ("c2", "mostly true", None)])
    store.set_verdict(article_id, "c2", note="x")  # 5
    assert [e.id for e in store.undo(article_id)] == [6]  # reverts 5
    assert [(e.undoes, e.claim_id) for e in store.undo(article_id)] == [(4, "c2"), (3, "c1")]
    assert current_labels(store, article_id) == {
        "c1": ("unreviewed", ""), "c2": ("true", ""), "c3": ("false", ""),
    }  # fmt: skip
    store.set_verdict(article_id, "c3", label="unproven")  # 9
    assert [e.undoes for e in store.undo(article_id)] == [9]
    assert [e.undoes for e in store.undo(article_id)] == [2]
    assert [e.undoes for e in store.undo(article_id)] == [1]
    assert store.undo(article_id) == ()
    assert current_labels(store, article_id) == {
        "c1": ("unreviewed", ""), "c2": ("unreviewed", ""), "c3": ("unreviewed", ""),
    }  # fmt: skip
    assert [(h.id, h.undoes) for h in store.history(article_id)] == [
        (1, None), (2, None), (3, None), (4, None), (5, None), (6, 5), (7, 4), (8, 3),
        (9, None), (10, 9), (11, 2), (12, 1),
    ]  # fmt: skip


def test_undo_finds_its_entry_by_index_not_by_scanning_the_history(
    store: Store, db_path: Path, article_id: int
) -> None:
    """Without migration 0009 each entry looked at scanned the whole table (``SCAN u``) and
    the article's whole history was sorted first: 20,000 rows took over 100 s."""
    store.set_verdict(article_id, "c2", label="true")
    connection = sqlite3.connect(db_path)
    query = "EXPLAIN QUERY PLAN " + verdicts.UNDOABLE + " ORDER BY h.id DESC LIMIT 1"
    plan = [str(row[3]) for row in connection.execute(query, {"article": article_id})]
    connection.close()
    assert plan == [
        "SEARCH h USING INDEX verdict_history_article (article_id=?)",
        "CORRELATED SCALAR SUBQUERY 1",
        "SEARCH u USING COVERING INDEX verdict_history_undoes (undoes=?)",
        "CORRELATED SCALAR SUBQUERY 2",
        "SEARCH c USING COVERING INDEX sqlite_autoindex_claims_1 (article_id=? AND claim_id=?)",
    ]
