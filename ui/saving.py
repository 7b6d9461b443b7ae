"""Writes from the app that can fail: a full disk (or a locked or read-only file) gives a
clear message instead of a traceback, and what the reviewer typed stays in its box.

Callbacks wrapped in ``guarded`` change no widget state when the write fails (the note box,
the claim edit boxes keep their text); forms that used to clear on submit clear only after
their write succeeded (``form_key`` / ``clear_form``). The message is shown once, as an
error, at the top of the page (``show_not_saved``, called by the pages with callbacks, which
Streamlit runs when the page starts).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

import streamlit as st

from checks.errors import DiskFullError, StoreError
from checks.report import escape_markdown
from ui import state

P = ParamSpec("P")


def not_saved(error: StoreError) -> str:
    """``Not saved: the disk is full (…); free some space and try again.`` for a full disk,
    ``Not saved: <the store's message>`` for another store error."""
    return str(error) if isinstance(error, DiskFullError) else f"Not saved: {error}"


def report_not_saved(error: StoreError) -> None:
    """Show the message at the top of the next run (a callback cannot draw)."""
    st.session_state[state.NOT_SAVED] = not_saved(error)


def show_not_saved() -> None:
    message = st.session_state.pop(state.NOT_SAVED, None)
    if message:
        st.error(escape_markdown(message), icon=":material/error:")


def guarded(callback: Callable[P, None]) -> Callable[P, None]:
    """A widget callback whose store error becomes the not-saved message."""

    @functools.wraps(callback)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            callback(*args, **kwargs)
        except StoreError as error:
            report_not_saved(error)

    return run


def form_key(name: str) -> str:
    """The key of a form that is emptied by ``clear_form`` (a new key: new, empty fields).
    Call it before the form's widgets are drawn."""
    for key in st.session_state.pop(_dropped(name), ()):
        st.session_state.pop(key, None)  # a keyed field is emptied by forgetting its value
    return f"{name}-{st.session_state.get(_generation(name), 0)}"


def clear_form(name: str, *, keys: tuple[str, ...] = ()) -> None:
    """Empty the form ``form_key(name)`` on the next run (its fields with a ``key`` are
    named in ``keys``): call it once the form's write succeeded."""
    st.session_state[_generation(name)] = st.session_state.get(_generation(name), 0) + 1
    st.session_state[_dropped(name)] = keys


def _generation(name: str) -> str:
    return f"form-generation-{name}"


def _dropped(name: str) -> str:
    return f"form-dropped-{name}"
