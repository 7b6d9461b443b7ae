"""Settings: the optional semantic matching (switch, install state, library vectors)."""

from __future__ import annotations

import streamlit as st

from checks import index, semantic
from checks.errors import SemanticUnavailableError
from checks.model import SourceKind
from checks.semantic.matching import EMBED_COMMAND, embed_library
from checks.store import Store
from ui.markdown import md

BUILD_BUTTON = "Check the model and compute the library's vectors now"


def render_semantic_settings(store: Store) -> None:
    st.caption(
        "Also finds passages that say the same thing in other words (“the Russian president "
        "proposed a truce” for “Putin offered a ceasefire”), with a small English "
        "sentence-embedding model (all-MiniLM-L6-v2) run on this computer: nothing is "
        "downloaded or sent anywhere. Evidence scores then blend word overlap and meaning."
    )
    if not semantic.installed():
        st.info(
            f"Not installed: run `{semantic.INSTALL_HINT}` (about 190 MB) and restart the "
            "app. Until then matching stays lexical."
        )
    with st.form("semantic-settings"):
        enabled = st.toggle(
            "Match by meaning too (semantic matching)",
            value=store.setting(semantic.SETTING_ENABLED, "off") == "on",
        )
        if st.form_submit_button("Save semantic matching"):
            store.set_setting(semantic.SETTING_ENABLED, "on" if enabled else "off")
            st.success("Saved. It applies to the next analysis.")
    st.caption(
        "The first semantic analysis computes a vector for every library passage (about "
        "40-80 passages a second) and keeps them beside the library's index; an analysis "
        "spends at most a minute on it and goes on from there the next time. For a large "
        f"library, compute them here or with `{EMBED_COMMAND}` (both can be stopped and "
        "resumed)."
    )
    if st.button(BUILD_BUTTON):
        build_library_vectors(store)


def build_library_vectors(store: Store) -> None:
    """Load (and so verify) the model, then compute the library's missing vectors with a
    progress bar. Leaving the page stops it; what is done stays saved."""
    folder = index.folder_for(store.path)
    if folder is None:
        st.warning("This database is in memory: there is nowhere to keep vectors.")
        return
    bar = st.progress(0.0, text="Loading the model")

    def on_progress(done: int, total: int) -> None:
        bar.progress(done / max(1, total), text=f"Passage vectors: {done:,} of {total:,}")

    try:
        built = embed_library(
            folder, store.documents(source=SourceKind.LIBRARY), on_progress=on_progress
        )
    except SemanticUnavailableError as error:
        bar.empty()
        st.error(md(error))
        return
    bar.progress(1.0, text="Done")
    st.success(f"The model works; {built.total:,} library passages have vectors.")
