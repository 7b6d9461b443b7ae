"""New article: paste text, upload a file, fetch a web address, or open the demo article."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from checks.ingest import ArticleInput
from ui.analysis import open_review, run_analysis
from ui.ingest import render_upload, render_url
from ui.long_article import analyse_or_ask, forget, render_question
from ui.resources import get_store

DEMO = Path(__file__).resolve().parent.parent / "data" / "ceasefire-proposal-2024.txt"
DEMO_TITLE = "Putin Proposes Ceasefire (demo)"

store = get_store()
first_visit = not store.articles()
st.title("New article")
st.caption(
    "Every sentence becomes a claim, matched against your reference library. "
    "Nothing is sent anywhere: the analysis runs on this computer."
)

if st.button("Open the demo article", type="primary" if first_visit else "secondary"):
    new_id = run_analysis(store, title=DEMO_TITLE, text=DEMO.read_text(encoding="utf-8"))
    if new_id is not None:
        open_review(new_id)

paste, upload, address = st.tabs(["Paste text", "Upload a file", "Fetch a web address"])
with paste:
    title = st.text_input(
        "Title (optional: the first line is used otherwise)", key="new-title", on_change=forget
    )
    text = st.text_area(
        "Article text",
        value=DEMO.read_text(encoding="utf-8") if first_visit else "",
        height=320,
        key="new-text",
        placeholder="Paste the article here…",
        on_change=forget,  # a question about the text before the edit no longer applies
    )
    if st.button("Analyze", key="analyze-paste"):
        analyse_or_ask(store, ArticleInput(title=title, text=text))
with upload:
    render_upload(store)
with address:
    render_url(store)
render_question(store)  # a very long article: how long it takes, analyse it or not
