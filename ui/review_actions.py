"""Callbacks of the review page: each persists to SQLite at once, then adjusts UI state.
A write that fails (a full disk) changes no UI state and says so (``ui.saving.guarded``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from checks import config, navigation, split_mark, workflow
from checks.errors import ChecksError, DiskFullError, InputError, VerdictError
from checks.keydesk import undo_message
from checks.model import Review
from ui import state
from ui.resources import get_store
from ui.saving import guarded, report_not_saved


def bump_generation(article_id: int) -> None:
    """Remount the table so it shows the store's values instead of stale edits.

    Only a table holding edits needs it (a keyed editor keeps its edited cells across new
    values); remounting one without edits cost a full redraw of the grid and its scroll
    position on every key."""
    shown = st.session_state.get(state.table_shown_key(article_id))
    edits = st.session_state.get(shown, {}) if shown else {}
    if shown and not any(edits.get(part) for part in ("edited_rows", "added_rows",
                                                      "deleted_rows")):  # fmt: skip
        return
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


def go_to(article_id: int, ids: Sequence[str]) -> None:
    """Focus claim number N (1-based) of the "Go to #" box, then empty the box."""
    key = state.goto_key(article_id)
    number = st.session_state.get(key)
    if isinstance(number, int | float) and 1 <= number <= len(ids):
        focus(article_id, ids[int(number) - 1])
    st.session_state[key] = None


def next_unreviewed(review: Review, after: str) -> str:
    """The next unreviewed claim after ``after``, wrapping around, passing headings,
    questions, opinions and credit lines unless Settings says otherwise
    (``checks.navigation``); ``after`` if none is left."""
    skip = navigation.skips_not_checkable(get_store().setting(navigation.SETTING_SKIP, "on"))
    return navigation.next_unreviewed(review.rows, after, skip=skip)


@guarded
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


@guarded
def save_note(article_id: int, claim_id: str, key: str) -> None:
    get_store().set_verdict(article_id, claim_id, note=st.session_state.get(key, ""))
    bump_generation(article_id)


@guarded
def cite(article_id: int, claim_id: str, rank: int | None) -> None:
    get_store().set_verdict(article_id, claim_id, evidence_rank=rank)
    bump_generation(article_id)


@guarded
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
        except DiskFullError:
            raise  # the rest would fail too: one message, from ``guarded``
        except ChecksError as error:
            st.session_state[state.FLASH] = f"Not saved for {claim_id}: {error}"


@guarded
def mark_not_checkable(article_id: int) -> None:
    """Bulk: every unreviewed heading, question and opinion becomes 'not checkable'."""
    try:
        count = workflow.mark_not_checkable(get_store(), article_id, scale=config.verdict_scale())
    except VerdictError as error:
        st.session_state[state.FLASH] = str(error)
        return
    st.session_state[state.FLASH] = (
        f"{count} headings, questions and opinions marked not checkable."
    )
    bump_generation(article_id)


@guarded
def undo(article_id: int) -> None:
    """Undo the article's latest change (a verdict, a passage marked not relevant, a claim
    edit) and focus its claim."""
    undone = get_store().undo(article_id)
    bump_generation(article_id)
    st.session_state[state.FLASH] = undo_message(undone)
    if undone:
        focus(article_id, undone[-1].claim_id)


def dismiss(article_id: int, claim_id: str, rank: int) -> None:
    """Mark passage ``rank`` of the claim not relevant (the browser sends the "Not
    relevant" button through the key queue instead; this is the button's own callback)."""
    try:
        marked = get_store().dismiss_evidence(article_id, claim_id, rank)
    except ChecksError as error:
        st.session_state[state.FLASH] = f"Not marked: {error}"
        return
    bump_generation(article_id)
    if marked is not None:
        st.session_state[state.FLASH] = (
            f"Passage {rank} of {claim_id} marked not relevant (U takes it back)."
        )


def _edited(article_id: int, message: str, claim_id: str | None) -> None:
    bump_generation(article_id)
    st.session_state[state.FLASH] = message
    if claim_id is not None:
        focus(article_id, claim_id)


def _run_edit(
    article_id: int,
    change: workflow.ClaimChange,
    message: str,
    focus_on: Callable[[workflow.ClaimsChanged], str | None],
) -> None:
    """Run a claim edit; on success focus the claim ``focus_on`` picks; show a message
    either way (and the citations the edit dropped, if any)."""
    try:
        done = workflow.edit_claim(get_store(), article_id, change)
    except DiskFullError as error:
        report_not_saved(error)  # the edit boxes keep what was typed
        return
    except ChecksError as error:
        st.session_state[state.FLASH] = f"Not changed: {error}"
        return
    if done.notices:
        st.session_state[state.NOTICES] = done.notices
    _edited(article_id, message, focus_on(done))


def _first(done: workflow.ClaimsChanged) -> str | None:
    return done.claims[0].id if done.claims else None


def edit_claim_text(article_id: int, claim_id: str) -> None:
    text = st.session_state.get(state.edit_key(article_id, claim_id, "text"), "")
    _run_edit(
        article_id,
        workflow.ClaimChange(workflow.EDIT, claim_id, text),
        f"{claim_id} saved and matched again.",
        _first,
    )


def split_claim(article_id: int, claim_id: str, mark: str = split_mark.MARK) -> None:
    """Split at the mark the reviewer placed in the claim's text (one box)."""
    text = st.session_state.get(state.edit_key(article_id, claim_id, "split"), "")
    try:
        first, second = split_mark.split_at_mark(text, mark=mark)
    except InputError as error:
        st.session_state[state.FLASH] = f"Not changed: {error}"
        return
    _run_edit(
        article_id,
        workflow.ClaimChange(workflow.SPLIT, claim_id, first, second),
        f"{claim_id} split in two; both matched again.",
        _first,
    )


def merge_claim(article_id: int, claim_id: str) -> None:
    _run_edit(
        article_id,
        workflow.ClaimChange(workflow.MERGE, claim_id),
        f"{claim_id} merged with the claim after it and matched again.",
        _first,
    )


def delete_claim(article_id: int, claim_id: str, ids: Sequence[str]) -> None:
    if not st.session_state.get(state.edit_key(article_id, claim_id, "confirm")):
        st.session_state[state.FLASH] = "Tick the box to confirm the deletion."
        return
    position = ids.index(claim_id) if claim_id in ids else 0
    rest = [i for i in ids if i != claim_id]
    after = rest[min(position, len(rest) - 1)] if rest else None
    _run_edit(
        article_id,
        workflow.ClaimChange(workflow.DELETE, claim_id),
        f"{claim_id} deleted (its verdict history is kept).",
        lambda done: after,
    )


def add_claim(article_id: int, claim_id: str) -> None:
    passage = st.session_state.get(state.edit_key(article_id, claim_id, "passage"), "")
    _run_edit(
        article_id,
        workflow.ClaimChange(workflow.ADD, text=passage),
        "New claim added from the passage and matched.",
        _first,
    )


@guarded
def rename_article(article_id: int) -> None:
    title = st.session_state.get(state.rename_key(article_id), "")
    try:
        get_store().set_article_metadata(article_id, title=title)
    except DiskFullError:
        raise
    except ChecksError as error:
        st.session_state[state.FLASH] = f"Not renamed: {error}"
        return
    st.session_state[state.FLASH] = f"Renamed to “{title.strip()}”."


@guarded
def delete_article(article_id: int, title: str) -> None:
    if not st.session_state.get(state.delete_key(article_id)):
        st.session_state[state.FLASH] = "Tick the box to confirm the deletion."
        return
    try:
        get_store().delete_article(article_id)
    except DiskFullError:
        raise
    except ChecksError as error:
        st.session_state[state.FLASH] = f"Not deleted: {error}"
        return
    st.session_state.pop(state.delete_key(article_id), None)
    if st.query_params.get(state.QP_ARTICLE) == str(article_id):
        del st.query_params[state.QP_ARTICLE]
        st.query_params.pop(state.QP_CLAIM, None)
    st.session_state[state.FLASH] = f"Deleted “{title}” with its claims, verdicts and history."
