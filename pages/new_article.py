"""New article: paste text, upload a .txt/.md file, or open the demo article."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from checks.errors import InputError
from checks.sources.library import read_upload
from ui.analysis import open_review, run_analysis
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

paste, upload = st.tabs(["Paste text", "Upload a file"])
with paste:
    title = st.text_input("Title (optional: the first line is used otherwise)", key="new-title")
    text = st.text_area(
        "Article text",
        value=DEMO.read_text(encoding="utf-8") if first_visit else "",
        height=320,
        key="new-text",
        placeholder="Paste the article here…",
    )
    if st.button("Analyze", key="analyze-paste"):
        new_id = run_analysis(store, title=title, text=text)
        if new_id is not None:
            open_review(new_id)
with upload:
    uploaded = st.file_uploader(
        "A .txt or .md file (UTF-8, UTF-16 or Windows-1252)", type=["txt", "md"]
    )
    if uploaded is not None and st.button("Analyze the file", key="analyze-upload"):
        try:
            doc = read_upload(uploaded.name, uploaded.getvalue())
        except InputError as error:
            st.error(str(error))
        else:
            new_id = run_analysis(store, title=doc.title, text=doc.text)
            if new_id is not None:
                open_review(new_id)
