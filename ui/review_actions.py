"""Callbacks of the review page: each persists to SQLite at once, then adjusts UI state."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from checks import config
from checks.errors import ChecksError
from checks.model import ClaimKind, Review
from ui import state
from ui.resources import get_store


def bump_generation(article_id: int) -> None:
    """Remount the table so it shows the store's values instead of stale edits."""
    key = state.generation_key(article_id)
    st.session_state[key] = st.session_state.get(key, 0) + 1


def focus(article_id: int, claim_id: str) -> None:
    st.session_state[state.focus_key(article_id)] = claim_id
    st.query_params[state.QP_CLAIM] = claim_id


def move(article_id: int, ids: Sequence[str], step: int) -> None:
    """Focus the claim ``step`` places away from the focused one (clamped to the ends)."""
    current = st.session_state.get(state.focus_key(article_id), ids[0])
    position = ids.index(current) if current in ids else 0
    focus(article_id, ids[max(0, min(len(ids) - 1, position + step))])


def next_unreviewed(review: Review, after: str) -> str:
    """The next unreviewed claim after ``after``, wrapping around; ``after`` if none is left."""
    ids = [row.claim.id for row in review.rows]
    start = ids.index(after) if after in ids else -1
    ordered = review.rows[start + 1 :] + review.rows[: start + 1]
    for row in ordered:
        if row.verdict.label == config.UNREVIEWED and row.claim.id != after:
            return row.claim.id
    return after


def set_label(article_id: int, claim_id: str, label: str) -> None:
    """Save a verdict label for the focused claim, then move on to the next unreviewed one.

    The claim is the one focused when the callback runs, not the one the button was drawn
    for: a second key pressed before the page redrew would otherwise land on the claim just
    marked (the button still carries its id) instead of the claim now shown.
    """
    claim_id = st.session_state.get(state.focus_key(article_id), claim_id)
    store = get_store()
    store.set_verdict(article_id, claim_id, label=label, scale=config.verdict_scale())
    bump_generation(article_id)
    if label != config.UNREVIEWED:
        focus(article_id, next_unreviewed(store.review(article_id), claim_id))


def save_note(article_id: int, claim_id: str, key: str) -> None:
    get_store().set_verdict(article_id, claim_id, note=st.session_state.get(key, ""))
    bump_generation(article_id)


def cite(article_id: int, claim_id: str, rank: int | None) -> None:
    get_store().set_verdict(article_id, claim_id, evidence_rank=rank)
    bump_generation(article_id)


def save_table(article_id: int, key: str, ids: Sequence[str]) -> None:
    """Persist the table's edited cells (verdict, note) one change at a time."""
    edits = st.session_state.get(key, {}).get("edited_rows", {})
    store = get_store()
    scale = config.verdict_scale()
    for position, changes in edits.items():
        claim_id = ids[int(position)]
        label = changes.get("verdict")
        note = changes.get("note")
        try:
            store.set_verdict(
                article_id,
                claim_id,
                label=label or None,
                note=None if "note" not in changes else (note or ""),
                scale=scale,
            )
        except ChecksError as error:
            st.session_state[state.FLASH] = f"Not saved for {claim_id}: {error}"


def mark_not_checkable(article_id: int) -> None:
    """Bulk: every unreviewed heading, question and opinion becomes 'not checkable'."""
    store = get_store()
    review = store.review(article_id)
    skip = (ClaimKind.HEADING, ClaimKind.OPINION, ClaimKind.QUESTION)
    changes = [
        (row.claim.id, config.NOT_CHECKABLE, None)
        for row in review.rows
        if row.claim.kind in skip and row.verdict.label == config.UNREVIEWED
    ]
    scale = config.verdict_scale()
    if config.NOT_CHECKABLE not in scale:
        st.session_state[state.FLASH] = "The verdict scale has no 'not checkable' label."
        return
    count = store.set_verdicts(article_id, changes, scale=scale)
    st.session_state[state.FLASH] = (
        f"{count} headings, questions and opinions marked not checkable."
    )
    bump_generation(article_id)
