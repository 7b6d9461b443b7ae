"""Settings: the organisation that publishes the fact-checks (ClaimReview's author and url)."""

from __future__ import annotations

import streamlit as st

from checks.claimreview import SETTING_NAME, SETTING_REVIEW_URL, SETTING_URL, Publisher
from checks.errors import ExportError, StoreError
from checks.report import escape_markdown
from checks.store import Store
from ui.markdown import md
from ui.saving import not_saved


def render_publisher_settings(store: Store) -> None:
    saved = Publisher.from_settings(store.setting)
    st.caption(
        "ClaimReview exports name your organisation as the author of each fact-check and link "
        "to the page where you publish them (each claim gets #its-id after that address)."
    )
    with st.form("publisher"):
        name = st.text_input("Organisation name", value=saved.name)
        url = st.text_input("Organisation web site", value=saved.url, placeholder="https://")
        review_url = st.text_input(
            "Page where the fact-checks are published (default: the web site)",
            value=saved.review_url,
            placeholder="https://",
        )
        if st.form_submit_button("Save publisher"):
            try:
                for key, value in ((SETTING_NAME, name), (SETTING_URL, url),
                                   (SETTING_REVIEW_URL, review_url)):  # fmt: skip
                    store.set_setting(key, value.strip())
            except StoreError as error:  # the form keeps what was typed
                st.error(escape_markdown(not_saved(error)))
                return
            try:
                Publisher.from_settings(store.setting).page()
            except ExportError as error:
                st.warning(md(error))
            else:
                st.success("Saved: ClaimReview exports are ready.")
