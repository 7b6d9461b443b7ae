"""Sources: the reference documents claims are matched against; add and remove them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from checks.errors import InputError
from checks.model import Document
from checks.sources.library import document_from_text, read_upload
from ui.resources import get_store

store = get_store()
st.title("Sources")
st.caption(
    "Claims are matched against these documents. The demo library ships with the tool; add "
    "your own (a speech transcript, a press release) by pasting or uploading it. After a "
    "change, open the article and choose “Analyse again”."
)


def add(doc: Document) -> None:
    store.upsert_document(doc)
    st.success(f"Added “{doc.title}” ({len(doc.text):,} characters).")


documents = store.documents()
frame = pd.DataFrame(
    [
        {
            "title": doc.title,
            "source": doc.source.value,
            "url": doc.url or None,
            "fetched": doc.fetched_at,
            "revision": doc.revision,
            "characters": len(doc.text),
        }
        for doc in documents
    ],
    columns=["title", "source", "url", "fetched", "revision", "characters"],
)
st.dataframe(
    frame,
    hide_index=True,
    width="stretch",
    column_config={"url": st.column_config.LinkColumn("url")},
)

paste, upload, remove = st.tabs(["Paste a document", "Upload .txt/.md", "Remove"])
with paste, st.form("add-paste", clear_on_submit=True):
    title = st.text_input("Title")
    url = st.text_input("Where a reader can verify it (URL, optional)")
    text = st.text_area("Text", height=200)
    if st.form_submit_button("Add to the library"):
        try:
            add(document_from_text(title=title, text=text, url=url.strip()))
        except InputError as error:
            st.error(str(error))
with upload:
    uploaded = st.file_uploader("Reference file", type=["txt", "md"], key="source-upload")
    if uploaded is not None and st.button("Add the file"):
        try:
            add(read_upload(uploaded.name, uploaded.getvalue()))
        except InputError as error:
            st.error(str(error))
with remove:
    if documents:
        titles = {doc.uid: f"{doc.title} ({doc.source.value})" for doc in documents}
        chosen = st.selectbox("Document", list(titles), format_func=titles.__getitem__)
        sure = st.checkbox("Yes, remove it (evidence already found stays with its articles)")
        if st.button("Remove", disabled=not sure):
            store.delete_document(chosen)
            st.rerun()
    else:
        st.caption("The library is empty.")
