"""Settings: where the data lives, the verdict scale, and user settings saved in the database."""

from __future__ import annotations

import streamlit as st

from checks import config
from ui.publisher import render_publisher_settings
from ui.resources import get_store

store = get_store()
st.title("Settings")

st.subheader("Your data")
st.markdown(
    f"Everything is saved in one SQLite file: `{store.path}`. "
    f"Set the environment variable `{config.DB_ENV}` before starting the app to use another "
    "file; to move your work, stop the app and copy that file (see the README)."
)

st.subheader("Verdict scale")
st.markdown(" · ".join(f"`{label}`" for label in config.verdict_scale()))
st.caption(
    f"Set `{config.SCALE_ENV}` (comma-separated, e.g. `unreviewed, true, false, unproven`) "
    "before starting the app to use another scale."
)

st.subheader("Publisher (ClaimReview)")
render_publisher_settings(store)
