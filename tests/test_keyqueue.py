"""checks.keyqueue: presses parsed, applied in order and once, against a real SQLite store."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from checks import edits
from checks.factchecks.importer import import_bytes
from checks.keydesk import StoreDesk
from checks.keyqueue import (
    Batch,
    KeyPress,
    Op,
    Outcome,
    apply_presses,
    next_unreviewed,
    parse_batch,
    step_from,
)
from checks.pipeline import analyze
from checks.sources.library import LibrarySource, seed_demo_library
from checks.store import Store
from tests.factcheck_samples import BRIDGE as TEXT
from tests.factcheck_samples import BRIDGE_FEED as FEED
from tests.factcheck_samples import BRIDGE_LINES, dumps

SCALE = ("unreviewed", "true", "mostly true", "half true", "mostly false", "false", "unproven")
CLAIMS = [f"c{n}" for n in range(1, 7)]


@pytest.fixture
def store(db_path: Path) -> Store:
    store = Store.open(db_path)
    article = store.add_article(title="Bridge", text=TEXT)
    store.save_analysis(article.id, analyze(TEXT, sources=()))
    assert [row.claim.id for row in store.review(article.id).rows] == CLAIMS
    return store


@pytest.fixture
def checked(store: Store) -> Store:
    """The store with FEED imported."""
    assert import_bytes(store, dumps(FEED), name="feed.json").summary() == (
        "4 new, 0 already present, 0 skipped"
    )
    return store


def press(seq: int, op: Op, *, tab: str = "tab-a", **fields: Any) -> KeyPress:
    return KeyPress(tab=tab, seq=seq, article_id=1, op=op, **fields)


def verdict(seq: int, label: str, **fields: Any) -> KeyPress:
    return press(seq, Op.VERDICT, label=label, **fields)


def run(
    store: Store,
    batch: Batch,
    *,
    focus: str = "c1",
    handled: dict[str, tuple[int, str]] | None = None,
    weak: bool = False,
) -> Outcome:
    review = store.review(1)
    return apply_presses(
        batch,
        desk=StoreDesk(store, 1, SCALE, weak_matches=weak),
        article_id=1,
        order=[row.claim.id for row in review.rows],
        labels={row.claim.id: row.verdict.label for row in review.rows},
        scale=SCALE,
        focus=focus,
        handled=handled,
    )


def labels(store: Store) -> dict[str, str]:
    return {
        row.claim.id: row.verdict.label
        for row in store.review(1).rows
        if row.verdict.label != "unreviewed"
    }


def notes(store: Store) -> dict[str, str]:
    return {row.claim.id: row.verdict.note for row in store.review(1).rows if row.verdict.note}


def test_fast_presses_chain_from_the_claim_shown_when_the_first_was_pressed(
    store: Store,
) -> None:
    batch = Batch((
        verdict(1, "true", anchor="c2"),
        verdict(2, "false"),
        press(3, Op.MOVE, step=1),
        verdict(4, "unproven"),
    ))  # fmt: skip
    outcome = run(store, batch)
    assert labels(store) == {"c2": "true", "c3": "false", "c5": "unproven"}
    assert (outcome.focus, outcome.applied, dict(outcome.done)) == ("c6", 4, {"tab-a": 4})
    assert outcome.changed


def test_a_batch_sent_again_applies_nothing_again(store: Store) -> None:
    batch = Batch((verdict(1, "true", anchor="c1"), verdict(2, "true"), press(3, Op.UNDO)))
    first = run(store, batch)
    history = store.history(1)
    again = run(store, batch, focus="c4")  # a reload: new session, same receipts
    assert store.history(1) == history
    assert labels(store) == {"c1": "true"}
    assert (first.focus, again.focus, again.applied) == ("c2", "c2", 0)
    assert dict(again.done) == {"tab-a": 3}


def test_presses_this_session_handled_are_skipped_without_moving_the_focus(
    store: Store,
) -> None:
    batch = Batch((verdict(1, "true", anchor="c1"),))
    run(store, batch)
    outcome = run(store, batch, focus="c5", handled={"tab-a": (1, "c2")})
    assert (outcome.focus, outcome.applied, dict(outcome.done)) == (None, 0, {"tab-a": 1})


def test_after_a_reload_the_rest_of_a_tab_continues_where_its_receipts_end(
    store: Store,
) -> None:
    run(store, Batch((verdict(1, "true", anchor="c1"), verdict(2, "true"))))
    # The new page resends presses 3 and 4 of the old tab, then its own first press.
    batch = Batch((
        verdict(3, "false"),
        verdict(4, "false"),
        verdict(1, "half true", tab="tab-b"),
    ))  # fmt: skip
    outcome = run(store, batch, focus="c1")
    assert labels(store) == {
        "c1": "true", "c2": "true", "c3": "false", "c4": "false", "c5": "half true"
    }  # fmt: skip
    assert dict(outcome.done) == {"tab-a": 4, "tab-b": 1}
    assert outcome.focus == "c6"


def test_a_claim_picked_by_hand_is_where_the_next_press_acts_and_the_focus_ends(
    store: Store,
) -> None:
    batch = Batch(
        (verdict(1, "true", anchor="c1"), verdict(2, "false", anchor_position=5)),
        picked=3,
    )
    outcome = run(store, batch)
    assert labels(store) == {"c1": "true", "c5": "false"}
    assert outcome.focus == "c3"


def test_undo_in_the_queue_undoes_the_press_before_it_and_focuses_that_claim(
    store: Store,
) -> None:
    batch = Batch((
        verdict(1, "true", anchor="c1"),
        verdict(2, "false"),
        press(3, Op.UNDO),
        press(4, Op.UNDO),
        press(5, Op.UNDO),
        verdict(6, "half true"),
    ))  # fmt: skip
    outcome = run(store, batch)
    assert labels(store) == {"c1": "half true"}
    assert outcome.messages == (
        "Undone: c2 is unreviewed again.",
        "Undone: c1 is unreviewed again.",
        "Nothing to undo.",
    )
    assert outcome.focus == "c2"
    assert [(h.claim_id, h.label, h.undoes is not None) for h in store.history(1)] == [
        ("c1", "true", False),
        ("c2", "false", False),
        ("c2", "unreviewed", True),
        ("c1", "unreviewed", True),
        ("c1", "half true", False),
    ]


def test_clear_stays_on_the_claim_and_a_label_off_the_scale_is_skipped(store: Store) -> None:
    batch = Batch((
        verdict(1, "true", anchor="c4"),
        press(2, Op.MOVE, step=-1),
        verdict(3, "unreviewed"),
        verdict(4, "pants on fire"),
        verdict(5, "unproven"),
    ))  # fmt: skip
    outcome = run(store, batch)
    assert labels(store) == {"c4": "unproven"}
    assert outcome.messages == ("“pants on fire” is not on the verdict scale; key skipped.",)
    assert (outcome.focus, outcome.applied) == ("c5", 5)


def test_x_marks_the_first_passage_shown_and_u_takes_it_back(db_path: Path) -> None:
    store = Store.open(db_path)
    seed_demo_library(store)
    text = "Russia annexed Crimea in March 2014 after a referendum."
    article = store.add_article(title="Crimea", text=text)
    store.save_analysis(article.id, analyze(text, sources=(LibrarySource(store),)))
    (row,) = store.review(article.id).rows
    assert len(row.evidence) >= 2
    first, second = row.evidence[0], row.evidence[1]
    batch = Batch((
        KeyPress("tab-a", 1, article.id, Op.DISMISS, anchor="c1"),
        KeyPress("tab-a", 2, article.id, Op.DISMISS),
        KeyPress("tab-a", 3, article.id, Op.UNDO),
    ))  # fmt: skip
    outcome = apply_presses(
        batch, desk=StoreDesk(store, article.id, SCALE), article_id=article.id,
        order=["c1"], labels={"c1": "unreviewed"}, scale=SCALE, focus="c1",
    )  # fmt: skip
    (now,) = store.review(article.id).rows
    assert [e.rank for e in now.dismissed] == [first.rank]  # the second mark was undone
    assert now.evidence[0] == second
    assert outcome.messages == (
        f"Passage {first.rank} of c1 marked not relevant (U takes it back).",
        f"Passage {second.rank} of c1 marked not relevant (U takes it back).",
        "Undone: the passage is evidence of c1 again.",
    )
    assert outcome.focus == "c1"


def test_undo_of_a_claim_edit_in_the_queue_goes_on_with_the_claims_as_restored(
    store: Store,
) -> None:
    edits.split(store, 1, "c2", "It carries 40,000 cars", "a day.")
    assert [row.claim.id for row in store.review(1).rows] == [*CLAIMS[:2], "c7", *CLAIMS[2:]]
    batch = Batch((
        press(1, Op.UNDO, anchor="c7"),
        press(2, Op.MOVE, step=1),
        verdict(3, "false"),
    ))  # fmt: skip
    outcome = run(store, batch, focus="c7")
    assert [row.claim.id for row in store.review(1).rows] == CLAIMS
    assert labels(store) == {"c3": "false"}
    assert outcome.messages[0] == "Undone: the split; the claims are as they were (c2)."
    assert outcome.focus == "c4"


def test_presses_for_another_article_are_left_for_that_article(store: Store) -> None:
    other = KeyPress(tab="tab-a", seq=1, article_id=2, op=Op.VERDICT, label="true")
    outcome = run(store, Batch((other,)))
    assert (outcome.focus, outcome.applied, dict(outcome.done)) == (None, 0, {})
    assert labels(store) == {}


def test_moves_clamp_at_both_ends(store: Store) -> None:
    batch = Batch((
        press(1, Op.MOVE, step=-1, anchor="c1"),
        *(press(seq, Op.MOVE, step=1) for seq in range(2, 10)),
    ))  # fmt: skip
    assert run(store, batch).focus == "c6"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            {"presses": [{"tab": "t1", "seq": 1, "article": 1, "op": "verdict",
                          "label": "true", "anchor": "c3", "shown": 3}], "picked": None},
            Batch((KeyPress("t1", 1, 1, Op.VERDICT, label="true", anchor="c3"),)),
        ),
        (
            {"presses": [{"tab": "t1", "seq": 2, "article": 1, "op": "move", "step": -1,
                          "anchor": None, "anchorPosition": 4}], "picked": 7},
            Batch((KeyPress("t1", 2, 1, Op.MOVE, step=-1, anchor_position=4),), picked=7),
        ),
        (
            {"presses": [{"tab": "t1", "seq": 3, "article": 1, "op": "undo", "label": "x"}]},
            Batch((KeyPress("t1", 3, 1, Op.UNDO),)),
        ),
        (
            {"presses": [{"tab": "t1", "seq": 9, "article": 1, "op": "dismiss", "rank": 2},
                         {"tab": "t1", "seq": 10, "article": 1, "op": "dismiss", "rank": -1}]},
            Batch((KeyPress("t1", 9, 1, Op.DISMISS, rank=2),), rejected=(("t1", 10),)),
        ),
        (
            {"presses": [
                {"tab": "t1", "seq": 4, "article": 1, "op": "move", "step": 2},
                {"tab": "t1", "seq": 5, "article": 1, "op": "explode"},
                {"tab": "t1", "seq": 6, "article": 1, "op": "verdict", "label": ""},
                {"tab": "t1", "seq": 7, "article": 1, "op": "verdict", "label": "true",
                 "anchor": "<img src=x>"},
                {"tab": "t 1", "seq": 8, "article": 1, "op": "undo"},
                {"tab": "t1", "seq": True, "article": 1, "op": "undo"},
                "not a press",
            ], "picked": -3},
            Batch((), rejected=(("t1", 4), ("t1", 5), ("t1", 6), ("t1", 7))),
        ),
        (
            {"presses": [{"tab": "t1", "seq": 11, "article": 1, "op": "adopt", "label": "true",
                          "step": 1, "rank": 3, "anchor": "c2"}]},
            Batch((KeyPress("t1", 11, 1, Op.ADOPT, anchor="c2"),)),
        ),
        (None, Batch(())),
        ({"presses": "1111"}, Batch(())),
    ],
)  # fmt: skip
def test_parse_batch_keeps_only_presses_it_can_read(raw: object, expected: Batch) -> None:
    assert parse_batch(raw) == expected


def test_rejected_presses_are_confirmed_with_a_message_and_change_nothing(
    store: Store,
) -> None:
    outcome = run(store, Batch((), rejected=(("t1", 4),)))
    assert dict(outcome.done) == {"t1": 4}
    assert outcome.messages == ("A key press could not be read and was skipped.",)
    assert labels(store) == {}


def test_next_unreviewed_wraps_and_step_from_clamps() -> None:
    order = ["c1", "c2", "c3", "c4"]
    marks = {"c1": "unreviewed", "c2": "true", "c3": "true", "c4": "true"}
    assert next_unreviewed(order, marks, "c3", unreviewed="unreviewed") == "c1"
    assert next_unreviewed(order, marks, "c1", unreviewed="unreviewed") == "c1"
    assert (step_from(order, "c4", 1), step_from(order, "c1", -1)) == ("c4", "c1")
    assert step_from(order, "gone", 1) == "c2"


def test_adopt_acts_where_the_presses_before_it_lead_and_stays_on_the_claim(
    checked: Store,
) -> None:
    """``1 K A J J A A J A 3``: what the keys do pressed one by one, all in one batch."""
    batch = Batch((
        verdict(1, "true", anchor="c1"),  # c1 true, on to c2
        press(2, Op.MOVE, step=-1),  # back to c1
        press(3, Op.ADOPT),  # c1: the fact-check's "false" and its line; stays on c1
        press(4, Op.MOVE, step=1),
        press(5, Op.MOVE, step=1),
        press(6, Op.ADOPT),  # c3: "mostly true"
        press(7, Op.ADOPT),  # c3 again: nothing new to write
        press(8, Op.MOVE, step=1),
        press(9, Op.ADOPT),  # c4 has no match
        verdict(10, "half true"),  # c4, on to c5
    ))  # fmt: skip
    outcome = run(checked, batch)
    assert labels(checked) == {"c1": "false", "c3": "mostly true", "c4": "half true"}
    assert notes(checked) == {"c1": BRIDGE_LINES["c1"], "c3": BRIDGE_LINES["c3"]}
    assert [(h.claim_id, h.label, h.note) for h in checked.history(1)] == [
        ("c1", "true", ""),
        ("c1", "false", BRIDGE_LINES["c1"]),
        ("c3", "mostly true", BRIDGE_LINES["c3"]),
        ("c4", "half true", ""),
    ]
    assert outcome.messages == (
        "Adopted for c1: verdict false; “False” is on your scale. U undoes it.",
        "Adopted for c3: verdict mostly true; “Mostly True” is on your scale. U undoes it.",
        "c3 has the best match's verdict and note already; nothing changed.",
        "c4 has no checked-before match to adopt.",
    )
    assert (outcome.focus, outcome.applied, dict(outcome.done)) == ("c5", 10, {"tab-a": 10})
    receipts = [checked.key_receipt("tab-a", seq) for seq in (3, 6, 7, 9)]  # the adopts
    assert [r.focus if r else None for r in receipts] == ["c1", "c3", "c3", "c4"]


def test_an_adopt_sent_again_adopts_nothing_and_one_undo_takes_it_back(checked: Store) -> None:
    checked.set_verdict(1, "c3", note="Called the council.", scale=SCALE)
    adopt = Batch((press(1, Op.ADOPT, anchor="c3"),))
    run(checked, adopt)
    history = checked.history(1)
    again = run(checked, adopt, focus="c6")  # a reload sends it again
    assert (again.applied, again.focus, checked.history(1)) == (0, "c3", history)
    assert notes(checked) == {"c3": "Called the council.\n" + BRIDGE_LINES["c3"]}
    undo = run(checked, Batch((*adopt.presses, press(2, Op.UNDO))))
    assert (labels(checked), notes(checked)) == ({}, {"c3": "Called the council."})
    assert undo.messages == ("Undone: c3 is unreviewed again.",)


def test_a_verdict_after_an_adopt_counts_the_adopted_claim_as_reviewed(checked: Store) -> None:
    for claim_id in ("c2", "c4", "c5", "c6"):
        checked.set_verdict(1, claim_id, label="true", scale=SCALE)
    batch = Batch((
        press(1, Op.ADOPT, anchor="c3"),  # c3 was the last unreviewed claim but c1
        press(2, Op.MOVE, step=-1),
        press(3, Op.MOVE, step=-1),
        verdict(4, "false"),  # c1: none unreviewed is left, so the focus stays
    ))  # fmt: skip
    outcome = run(checked, batch)
    assert labels(checked) == {
        "c1": "false", "c2": "true", "c3": "mostly true", "c4": "true", "c5": "true", "c6": "true"
    }  # fmt: skip
    assert outcome.focus == "c1"


def test_a_rating_off_the_scale_adopts_the_note_and_keeps_the_label(checked: Store) -> None:
    outcome = run(checked, Batch((press(1, Op.ADOPT, anchor="c5"),)))
    assert labels(checked) == {}
    assert notes(checked) == {"c5": BRIDGE_LINES["c5"]}
    assert outcome.messages == (
        "Adopted the note for c5; “Misleading” names no verdict on your scale: choose one."
        " U undoes it.",
    )
    assert (outcome.focus, outcome.changed) == ("c5", True)


def test_a_weak_match_is_adopted_only_with_the_weaker_matches_switch(checked: Store) -> None:
    off = run(checked, Batch((press(1, Op.ADOPT, anchor="c2"),)))
    assert (labels(checked), notes(checked)) == ({}, {})
    assert off.messages == ("c2 has no checked-before match to adopt.",)
    assert checked.key_receipt("tab-a", 1) is not None  # handled: never sent again
    on = run(checked, Batch((press(2, Op.ADOPT, anchor="c2"),)), weak=True)
    assert labels(checked) == {"c2": "true"}
    assert notes(checked)["c2"].startswith(
        "As checked by Checks Desk on 2024-06-02, https://checks.example/trains"
    )
    assert (on.focus, on.applied) == ("c2", 1)


def test_an_unreadable_fact_check_table_is_said_and_the_keys_after_it_still_apply(
    checked: Store, db_path: Path
) -> None:
    with closing(sqlite3.connect(db_path)) as connection:  # a damaged file: the table is gone
        connection.execute("DROP TABLE factchecks")
        connection.commit()
    batch = Batch((press(1, Op.ADOPT, anchor="c1"), verdict(2, "false")))
    outcome = run(checked, batch)
    assert outcome.messages == (
        f"Not adopted: checked before is unavailable ({db_path}: no such table: factchecks).",
    )
    assert labels(checked) == {"c1": "false"}  # the verdict after it, on the same claim
    assert checked.key_receipt("tab-a", 1) is not None  # handled, not sent again forever
    assert (outcome.focus, dict(outcome.done)) == ("c2", {"tab-a": 2})
