"""The review page's keys: no press lost, each applied once, in the order pressed.

Streamlit's ``st.button(shortcut=...)`` turns a key into a button trigger, and two triggers
of one button that arrive while the script runs merge into one: fast "1 1 1" marked one
claim. Here a v2 component (ui/keys.js, constant code) takes the verdict, move, undo,
not-relevant and adopt keys and clicks itself, numbers them and sends the whole queue as the
component's state when the page is idle; ``apply_keys`` applies what is new
(``checks.keyqueue``), before anything is drawn, and ``mount_keys`` confirms it to the page.
The buttons keep their ``on_click`` (AppTest presses them directly) and, but for the adopt
button, their ``shortcut`` (the hint on the button, and the keys still work if the component
failed to load); in the browser ui/keys.js takes both first. The adopt button has no
shortcut: ``A`` is the queue's alone, so it always acts where the presses before it lead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import streamlit as st

from checks import config
from checks.errors import ChecksError, NotFoundError
from checks.keydesk import StoreDesk
from checks.keyqueue import Batch, Op, Outcome, apply_presses, parse_batch
from checks.model import Review
from checks.store import Store
from ui import state
from ui.checked_before import ADOPT_BUTTON, weak_switch
from ui.resources import get_store
from ui.review_actions import bump_generation

JS = (Path(__file__).with_name("keys.js")).read_text(encoding="utf-8")
_component = st.components.v2.component("factcheck_keys", js=JS, isolate_styles=False)
MOVES = {"j": 1, "J": 1, "ArrowRight": 1, "k": -1, "K": -1, "ArrowLeft": -1}
UNDO_KEYS = ("u", "U")
DISMISS_KEYS = ("x", "X")  # the first passage shown is not relevant
ADOPT_KEYS = ("a", "A")  # the best checked-before match's verdict (ui/checked_before.py)
VERDICT_COLUMN = "verdict"  # the table's verdict column header (pages/review.py)
PICKER_LABEL = "Claim"  # the label of the focused-claim box (pages/review.py)
DISMISS_BUTTONS = 20  # "Not relevant" buttons of evidence ranks 1..20


def css_key(key: str) -> str:
    """The class Streamlit gives the container of an element with ``key``."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


HIDE_HOST = f"<style>.{css_key(state.KEYS_HOST)} {{display: none}}</style>"


def verdict_key(label: str) -> str:
    """The key of the focus panel's button for ``label`` (pages/review.py draws them)."""
    return f"verdict-{label}"


def dismiss_key(rank: int) -> str:
    """The key of the focus panel's "Not relevant" button of evidence ``rank``."""
    return f"dismiss-{rank}"


def commands(scale: Sequence[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(key -> command, button class -> command) for the page's script."""
    keys: dict[str, Any] = {}
    buttons: dict[str, Any] = {}
    for number, label in enumerate(scale[1:10], start=1):
        keys[str(number)] = {"op": Op.VERDICT.value, "label": label}
        buttons[css_key(verdict_key(label))] = keys[str(number)]
    keys["0"] = {"op": Op.VERDICT.value, "label": scale[0]}
    buttons[css_key("verdict-clear")] = keys["0"]
    for key, step in MOVES.items():
        keys[key] = {"op": Op.MOVE.value, "step": step}
    for name, step in (("prev", -1), ("next", 1), ("prev-arrow", -1), ("next-arrow", 1)):
        buttons[css_key(name)] = {"op": Op.MOVE.value, "step": step}
    for key in UNDO_KEYS:
        keys[key] = {"op": Op.UNDO.value}
    buttons[css_key("undo")] = {"op": Op.UNDO.value}
    for key in DISMISS_KEYS:
        keys[key] = {"op": Op.DISMISS.value, "rank": 0}
    for rank in range(1, DISMISS_BUTTONS + 1):
        buttons[css_key(dismiss_key(rank))] = {"op": Op.DISMISS.value, "rank": rank}
    for key in ADOPT_KEYS:
        keys[key] = {"op": Op.ADOPT.value}
    buttons[css_key(ADOPT_BUTTON)] = {"op": Op.ADOPT.value}
    return keys, buttons


def _handled(article_id: int) -> dict[str, tuple[int, str]]:
    """tab -> (highest seq, focus after it) this session handled for the article."""
    every: dict[int, dict[str, tuple[int, str]]] = st.session_state.setdefault(
        state.KEYS_HANDLED, {}
    )
    return every.setdefault(article_id, {})


def _done() -> dict[str, int]:
    """tab -> the highest seq handled, for the page to forget what it holds up to there."""
    every: dict[int, dict[str, tuple[int, str]]] = st.session_state.get(state.KEYS_HANDLED, {})
    done: dict[str, int] = {}
    for marks in every.values():
        for tab, (seq, _) in marks.items():
            done[tab] = max(done.get(tab, 0), seq)
    return done


def _apply_to(store: Store, article_id: int, batch: Batch, focus: str) -> Outcome:
    scale = config.verdict_scale()
    desk = StoreDesk(store, article_id, scale, weak_matches=weak_switch())
    order, labels, passed = desk.claims()
    handled = _handled(article_id)
    outcome = apply_presses(
        batch,
        desk=desk,
        article_id=article_id,
        order=order,
        labels=labels,
        scale=scale,
        focus=focus if focus in labels else (order[0] if order else ""),
        handled=handled,
        passed=passed,
    )
    for tab, seq in outcome.done.items():
        if seq > handled.get(tab, (0, ""))[0]:
            receipt = store.key_receipt(tab, seq)
            handled[tab] = (seq, receipt.focus if receipt else handled.get(tab, (0, ""))[1])
    return outcome


def apply_keys(store: Store, article_id: int) -> None:
    """Apply the presses the page sent that are new (for this article, and for another one
    the reviewer left while presses waited) and focus where they lead. Runs before the
    page reads the article's review, so what it draws includes them."""
    raw = st.session_state.get(state.KEYS)
    batch = parse_batch(raw.get("queue") if isinstance(raw, Mapping) else None)
    if _all_handled(batch):  # the last batch stays in the state: most runs end here
        return
    focus_key = state.focus_key(article_id)
    current = st.session_state.get(focus_key) or st.query_params.get(state.QP_CLAIM, "")
    outcome = _apply_to(store, article_id, batch, current)
    messages = list(outcome.messages)
    for other in sorted({press.article_id for press in batch.presses} - {article_id}):
        messages.extend(_apply_elsewhere(store, batch, other))
    if outcome.changed or outcome.applied:
        bump_generation(article_id)
    if messages:
        st.session_state[state.FLASH] = messages[-1]
    if outcome.focus is not None:
        st.session_state[focus_key] = outcome.focus
        st.query_params[state.QP_CLAIM] = outcome.focus


def _all_handled(batch: Batch) -> bool:
    every: dict[int, dict[str, tuple[int, str]]] = st.session_state.get(state.KEYS_HANDLED, {})
    for press in batch.presses:
        if press.seq > every.get(press.article_id, {}).get(press.tab, (0, ""))[0]:
            return False
    done = _done()
    return all(seq <= done.get(tab, 0) for tab, seq in batch.rejected)


def on_keys() -> None:
    """The component's callback: runs before the app script, so the sidebar's counts and
    the whole page already include the presses just sent."""
    article = st.query_params.get(state.QP_ARTICLE, "")
    if not article.isdigit():
        return
    try:
        apply_keys(get_store(), int(article))
    except NotFoundError:
        return  # the article is gone; the page says so
    except ChecksError as error:  # the page sends the keys again a few seconds later
        st.session_state[state.FLASH] = f"Keys not applied yet: {error}"


def _apply_elsewhere(store: Store, batch: Batch, article_id: int) -> tuple[str, ...]:
    """Presses made on another article's page (the reviewer left it while they waited)."""
    try:
        return _apply_to(store, article_id, batch, "").messages
    except NotFoundError:
        pass
    except ChecksError as error:
        return (f"Keys for another article not applied: {error}",)
    handled = _handled(article_id)  # a deleted article: its presses are dropped
    for press in batch.presses:
        if press.article_id == article_id and press.seq > handled.get(press.tab, (0, ""))[0]:
            handled[press.tab] = (press.seq, "")
    return ("Keys pressed for an article deleted since were dropped.",)


def mount_keys(review: Review, focused: str) -> None:
    """Put the key handler on the page with what it needs: the focused claim and its place,
    the keys and buttons it takes, and the presses the server has handled."""
    keys, buttons = commands(config.verdict_scale())
    ids = [row.claim.id for row in review.rows]
    data = {
        "article": review.article.id,
        "focus": focused,
        "position": ids.index(focused) + 1 if focused in ids else None,
        "claims": len(ids),
        "picker": css_key(state.focus_key(review.article.id)),
        "note": css_key(state.NOTE_BOX),
        "goto": css_key(state.goto_key(review.article.id)),
        "done": _done(),
        "keys": keys,
        "buttons": buttons,
        "verdictColumn": VERDICT_COLUMN,
        "pickerLabel": PICKER_LABEL,
    }
    with st.container(key=state.KEYS_HOST):
        _component(key=state.KEYS, data=data, height=0, on_queue_change=on_keys)
        st.html(HIDE_HOST)
