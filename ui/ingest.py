"""New article from a file upload or a web address: read it, then run the analysis."""

from __future__ import annotations

import streamlit as st

from checks.errors import InputError
from checks.ingest import ArticleInput, fetch_url, read_file
from checks.report import escape_markdown
from checks.store import Store
from ui.long_article import analyse_or_ask

UPLOAD_TYPES = ["txt", "md", "html", "htm", "docx", "pdf"]
URL_KEY = "new-url"


def _analyse(store: Store, found: ArticleInput) -> None:
    analyse_or_ask(store, found)  # a very long one is confirmed first


def render_upload(store: Store) -> None:
    uploaded = st.file_uploader(
        "A text, Markdown, web page, Word or PDF file (.txt .md .html .docx .pdf)",
        type=UPLOAD_TYPES,
        key="new-upload",
    )
    if uploaded is not None and st.button("Analyze the file", key="analyze-upload"):
        try:
            found = read_file(uploaded.name, uploaded.getvalue())
        except InputError as error:
            st.error(escape_markdown(str(error)))
        else:
            _analyse(store, found)


def render_url(store: Store) -> None:
    url = st.text_input(
        "Article address",
        key=URL_KEY,
        placeholder="https://…",
        help="The page is fetched once; its text, title, author and date are extracted "
        "(menus, adverts and comments are left out). A PDF address works too.",
    )
    if st.button("Fetch and analyze", key="analyze-url", disabled=not url.strip()):
        try:
            with st.spinner("Fetching the page…"):
                found = fetch_url(url)
        except InputError as error:
            st.error(escape_markdown(str(error)))
        else:
            _analyse(store, found)
