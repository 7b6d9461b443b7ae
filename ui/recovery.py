"""When the database file is damaged or belongs to another program: say so, keep the file,
and start a new database only when the user presses the button."""

from __future__ import annotations

import streamlit as st

from checks.errors import DamagedDatabaseError, StoreError
from checks.report import escape_markdown
from checks.store import move_aside
from ui import state
from ui.markdown import code
from ui.resources import forget_store

MOVE_ASIDE = "Move the damaged file aside and start a new database"


def _move(error: DamagedDatabaseError) -> None:
    try:
        moved = move_aside(error.path)
    except StoreError as failure:
        st.session_state[state.RECOVERED] = f"Not moved: {failure}"
        return
    forget_store()
    st.session_state[state.RECOVERED] = (
        f"The damaged file was kept as {moved}. A new, empty database was started at {error.path}."
    )


def render_damaged(error: DamagedDatabaseError) -> None:
    """The error naming the file, what was (not) done, and the one button that acts."""
    st.title("The database cannot be used")
    st.error(escape_markdown(str(error)), icon=":material/error:")
    st.markdown(
        "Nothing has been changed or deleted. You can:\n"
        "- **move the file aside** (button below): it is renamed to "
        f"{code(error.path.name + '.damaged-<time>')} in the same folder, kept as it is for a "
        "repair or a backup restore, and a new, empty database starts in its place;\n"
        f"- or stop the app and set `CHECKS_DB` to another file."
    )
    if st.session_state.get(state.RECOVERED, "").startswith("Not moved"):
        st.error(escape_markdown(st.session_state.pop(state.RECOVERED)))
    st.button(MOVE_ASIDE, type="primary", on_click=_move, args=(error,))


def render_recovered() -> None:
    """Once, after the move: where the damaged file went."""
    message = st.session_state.pop(state.RECOVERED, "")
    if message:
        st.success(escape_markdown(message), icon=":material/inventory_2:")
