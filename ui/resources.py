"""Long-lived resources: one Store per database path, opened once per server process."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from checks import config
from checks.sources.library import seed_demo_library
from checks.store import Store


@st.cache_resource(show_spinner=False)
def _open_store(path: str) -> Store:
    store = Store.open(Path(path))
    seed_demo_library(store)
    return store


def get_store() -> Store:
    """The Store for ``$CHECKS_DB`` (or the default path), with the demo library seeded."""
    return _open_store(str(config.default_db_path()))


def forget_store() -> None:
    """Drop the cached Store (after its file was moved aside) so the next run opens anew."""
    _open_store.clear()
