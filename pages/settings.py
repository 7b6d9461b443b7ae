"""Settings: where the data lives, the verdict scale, and the Wikipedia settings (saved in the
database)."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from checks import config, navigation
from checks.errors import InputError, SourceError, StoreError
from checks.sources import wikipedia
from checks.sources.choice import SETTING_ZIM_PATH, ZIM_ENV, configured_zim
from checks.sources.wikiclient import check_language, user_agent
from checks.sources.zim import open_zim
from ui.contact import WHERE_SETTINGS, remind_contact
from ui.markdown import code, md
from ui.publisher import render_publisher_settings
from ui.resources import get_store
from ui.saving import not_saved
from ui.semantic import render_semantic_settings

store = get_store()
st.title("Settings")

st.subheader("Your data")
st.markdown(
    f"Everything is saved in one SQLite file: {code(store.path)}. "
    f"Set the environment variable `{config.DB_ENV}` before starting the app to use another "
    "file; to move your work, stop the app and copy that file (see the README)."
)

st.subheader("Verdict scale")
st.markdown(" · ".join(f"**{md(label)}**" for label in config.verdict_scale()))
st.caption(
    f"Set `{config.SCALE_ENV}` (comma-separated, e.g. `unreviewed, true, false, unproven`) "
    "before starting the app to use another scale."
)

st.subheader("Reviewing")


def _save_skip() -> None:
    on = bool(st.session_state.get(SKIP_KEY, True))
    store.set_setting(navigation.SETTING_SKIP, "on" if on else "off")


SKIP_KEY = "setting-skip-not-checkable"
st.toggle(
    "“Next unreviewed” skips claims that are not checkable (headings, questions, opinions, "
    "credit lines)",
    value=navigation.skips_not_checkable(store.setting(navigation.SETTING_SKIP, "on")),
    key=SKIP_KEY,
    on_change=_save_skip,
    help="Saved at once. A verdict key then moves on to the next claim worth checking; "
    "J/K and the arrows still go through every claim.",
)

st.subheader("Wikipedia")
forced = os.environ.get(wikipedia.ENV, "").strip().lower()
if forced in ("on", "off"):
    setting = code(f"{wikipedia.ENV}={forced}")
    st.info(f"{setting} is set: it decides whether Wikipedia is used.")
contact = store.setting(wikipedia.SETTING_CONTACT)
remind_contact(store, where=WHERE_SETTINGS)
with st.form("wikipedia-settings"):
    use = st.toggle("Use Wikipedia", value=wikipedia.enabled(store.setting))
    language = st.text_input(
        "Language (any Wikipedia code: en, de, fr, es, uk, ru …)",
        value=store.setting(wikipedia.SETTING_LANGUAGE, "en"),
    )
    new_contact = st.text_input("Contact for the User-Agent (e-mail or web page)", value=contact)
    full = st.toggle(
        "Match whole articles (default: the lead section only)",
        value=store.setting(wikipedia.SETTING_FULL_TEXT, "off") == "on",
    )
    options = wikipedia.options_from_settings(store.setting)
    ttl = st.number_input(
        "Keep fetched pages for (days) before asking Wikipedia again",
        min_value=0.0,
        max_value=365.0,
        value=options.ttl.total_seconds() / 86400,
        step=1.0,
        format="%g",  # whole days as "7", not "7.00"; a part of a day still shows
    )
    budget = st.number_input(
        "Pages per article (budget)", min_value=0, max_value=200, value=options.budget, step=1
    )
    if st.form_submit_button("Save Wikipedia settings"):
        try:
            language_code = check_language(language)
        except InputError as error:
            st.error(md(error))
        else:
            try:
                for key, value in (
                    (wikipedia.SETTING_ENABLED, "on" if use else "off"),
                    (wikipedia.SETTING_LANGUAGE, language_code),
                    (wikipedia.SETTING_CONTACT, new_contact.strip()),
                    (wikipedia.SETTING_FULL_TEXT, "on" if full else "off"),
                    (wikipedia.SETTING_TTL_DAYS, f"{ttl:g}"),
                    (wikipedia.SETTING_BUDGET, str(int(budget))),
                ):
                    store.set_setting(key, value)
            except StoreError as error:
                st.error(md(not_saved(error)))
            else:
                st.success("Saved. They apply to the next analysis.")
st.caption(f"User-Agent sent: {code(user_agent(store.setting(wikipedia.SETTING_CONTACT)))}")

st.subheader("Offline Wikipedia (Kiwix ZIM file)")
st.caption(
    "A Kiwix ZIM download of Wikipedia lets you check claims with no connection. "
    f"`{ZIM_ENV}` set before starting the app takes precedence over this field."
)
with st.form("zim-settings"):
    zim_text = st.text_input(
        "Path of the .zim file (empty: none)", value=store.setting(SETTING_ZIM_PATH)
    )
    if st.form_submit_button("Save ZIM file"):
        chosen = zim_text.strip()
        try:
            info = open_zim(Path(chosen).expanduser()) if chosen else None
        except SourceError as error:
            st.error(md(error))
        else:
            try:
                store.set_setting(SETTING_ZIM_PATH, chosen)
            except StoreError as error:
                st.error(md(not_saved(error)))
            else:
                found = f"{md(info.title)}: {info.article_count:,} entries." if info else ""
                st.success("Saved. " + (found or "No ZIM file."))
zim_path = configured_zim(store)
if zim_path is not None:
    try:
        zim_info = open_zim(zim_path)
    except SourceError as error:
        st.error(md(error))
    else:
        index = "full-text index" if zim_info.has_fulltext_index else "title index only"
        online = zim_info.base_url or "no online links (the file names no Wikipedia)"
        st.markdown(
            f"In use: {code(zim_path)} · {zim_info.article_count:,} entries · {index} · "
            f"language {code(zim_info.language)} · links to {md(online)}"
        )
st.subheader("Semantic matching (optional)")
render_semantic_settings(store)

st.subheader("Publisher (ClaimReview)")
render_publisher_settings(store)
