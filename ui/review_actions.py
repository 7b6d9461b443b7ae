"""Callbacks of the review page: each persists to SQLite at once, then adjusts UI state."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from checks import config, edits, navigation
from checks.errors import ChecksError
from checks.model import Review
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
    """The next unreviewed claim after ``after``, wrapping around, passing headings,
    questions, opinions and credit lines unless Settings says otherwise
    (``checks.navigation``); ``after`` if none is left."""
    skip = navigation.skips_not_checkable(get_store().setting(navigation.SETTING_SKIP, "on"))
    return navigation.next_unreviewed(review.rows, after, skip=skip)


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
    changes = [
        (row.claim.id, config.NOT_CHECKABLE, None)
        for row in review.rows
        if not navigation.is_checkable(row.claim) and row.verdict.label == config.UNREVIEWED
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


def undo(article_id: int) -> None:
    """Undo the article's latest verdict change (from the history) and focus its claim."""
    undone = get_store().undo(article_id)
    bump_generation(article_id)
    if not undone:
        st.session_state[state.FLASH] = "Nothing to undo."
        return
    focus(article_id, undone[-1].claim_id)
    if len(undone) == 1:
        entry = undone[0]
        st.session_state[state.FLASH] = f"Undone: {entry.claim_id} is {entry.label} again."
    else:
        st.session_state[state.FLASH] = f"Undone: {len(undone)} verdicts of one bulk change."


def _edited(article_id: int, message: str, claim_id: str | None) -> None:
    bump_generation(article_id)
    st.session_state[state.FLASH] = message
    if claim_id is not None:
        focus(article_id, claim_id)


def _run_edit(article_id: int, action: Callable[[], str | None], message: str) -> None:
    """Run a claim edit; on success focus the claim it returns; show a message either way."""
    try:
        claim_id = action()
    except ChecksError as error:
        st.session_state[state.FLASH] = f"Not changed: {error}"
        return
    _edited(article_id, message, claim_id)


def edit_claim_text(article_id: int, claim_id: str) -> None:
    text = st.session_state.get(state.edit_key(article_id, claim_id, "text"), "")
    _run_edit(
        article_id,
        lambda: edits.edit_text(get_store(), article_id, claim_id, text).id,
        f"{claim_id} saved and matched again.",
    )


def split_claim(article_id: int, claim_id: str) -> None:
    first = st.session_state.get(state.edit_key(article_id, claim_id, "first"), "")
    second = st.session_state.get(state.edit_key(article_id, claim_id, "second"), "")

    def run() -> str:
        edits.split(get_store(), article_id, claim_id, first, second)
        return claim_id

    _run_edit(article_id, run, f"{claim_id} split in two; both matched again.")


def merge_claim(article_id: int, claim_id: str) -> None:
    _run_edit(
        article_id,
        lambda: edits.merge_with_next(get_store(), article_id, claim_id).id,
        f"{claim_id} merged with the claim after it and matched again.",
    )


def delete_claim(article_id: int, claim_id: str, ids: Sequence[str]) -> None:
    if not st.session_state.get(state.edit_key(article_id, claim_id, "confirm")):
        st.session_state[state.FLASH] = "Tick the box to confirm the deletion."
        return
    position = ids.index(claim_id) if claim_id in ids else 0
    rest = [i for i in ids if i != claim_id]
    after = rest[min(position, len(rest) - 1)] if rest else None

    def run() -> str | None:
        edits.delete(get_store(), article_id, claim_id)
        return after

    _run_edit(article_id, run, f"{claim_id} deleted (its verdict history is kept).")


def add_claim(article_id: int, claim_id: str) -> None:
    passage = st.session_state.get(state.edit_key(article_id, claim_id, "passage"), "")
    store = get_store()

    def run() -> str:
        return edits.add_from_passage(store, article_id, passage).id

    _run_edit(article_id, run, "New claim added from the passage and matched.")


def rename_article(article_id: int) -> None:
    title = st.session_state.get(state.rename_key(article_id), "")
    try:
        get_store().set_article_metadata(article_id, title=title)
    except ChecksError as error:
        st.session_state[state.FLASH] = f"Not renamed: {error}"
        return
    st.session_state[state.FLASH] = f"Renamed to “{title.strip()}”."


def delete_article(article_id: int, title: str) -> None:
    if not st.session_state.get(state.delete_key(article_id)):
        st.session_state[state.FLASH] = "Tick the box to confirm the deletion."
        return
    try:
        get_store().delete_article(article_id)
    except ChecksError as error:
        st.session_state[state.FLASH] = f"Not deleted: {error}"
        return
    st.session_state.pop(state.delete_key(article_id), None)
    if st.query_params.get(state.QP_ARTICLE) == str(article_id):
        del st.query_params[state.QP_ARTICLE]
        st.query_params.pop(state.QP_CLAIM, None)
    st.session_state[state.FLASH] = f"Deleted “{title}” with its claims, verdicts and history."
