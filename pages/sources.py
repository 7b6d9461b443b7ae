"""Sources: the library and the Wikipedia cache; add, remove, refresh, analyse again."""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
import streamlit as st

from checks.digits import parse_id
from checks.errors import ChecksError, InputError, StoreError
from checks.ingest import ACCEPTED_EXTENSIONS
from checks.model import Document
from checks.references import add_reference, upload_document
from checks.report import escape_markdown
from checks.sources import wikipedia
from checks.sources.base import MAX_DOCUMENT_CHARS
from checks.sources.choice import wikipedia_source
from checks.sources.library import document_from_text
from checks.untrusted import reveal_controls
from ui import state
from ui.analysis import open_review, run_analysis
from ui.contact import remind_contact
from ui.html import link_url
from ui.markdown import md
from ui.resources import get_store
from ui.saving import clear_form, form_key, not_saved

store = get_store()
st.title("Sources")
st.caption(
    "Claims are matched against your library (the demo library ships with the tool; add a "
    "speech transcript or a press release) and against Wikipedia pages, which are kept here "
    "so they also serve offline. After a change, analyse the article again (below)."
)
remind_contact(store)  # once per session


def add(doc: Document) -> bool:
    """Save a library document; False (and the message shown) when it was not saved."""
    try:
        store.upsert_document(doc)
    except StoreError as error:
        st.error(escape_markdown(not_saved(error)))
        return False
    st.success(escape_markdown(f"Added “{doc.title}” ({len(doc.text):,} characters)."))
    return True


def _wikipedia(language: str) -> wikipedia.WikipediaSource:
    return wikipedia_source(store, language=language)


documents = store.documents()
frame = pd.DataFrame(
    [
        {
            "title": reveal_controls(doc.title),
            "source": doc.source.value,
            "url": link_url(doc.url),
            "fetched": doc.fetched_at,
            "revision": doc.revision,
            "size": len(doc.text),
        }
        for doc in documents
    ],
    columns=["title", "source", "url", "fetched", "revision", "size"],
)
st.dataframe(
    frame,
    hide_index=True,
    width="stretch",
    column_config={
        "url": st.column_config.LinkColumn("url"),
        "size": st.column_config.NumberColumn("size (characters)"),
    },
)

paste, upload, wiki, remove, again = st.tabs(
    ["Paste a document", "Upload a file", "Wikipedia page", "Remove", "Refresh / analyse again"]
)
with paste, st.form(form_key("add-paste")):  # emptied only once the document is saved
    title = st.text_input("Title")
    url = st.text_input("Where a reader can verify it (URL, optional)")
    text = st.text_area("Text", height=200)
    if st.form_submit_button("Add to the library"):
        try:
            if add(document_from_text(title=title, text=text, url=url.strip())):
                clear_form("add-paste")
        except InputError as error:
            st.error(escape_markdown(str(error)))
with upload:
    uploaded = st.file_uploader(
        "Reference file (.txt, .md, .html, .docx or .pdf)",
        type=[ext.lstrip(".") for ext in ACCEPTED_EXTENSIONS],
        key="source-upload",
    )
    st.caption(
        f"Up to 10 MB per file; a document may hold at most {MAX_DOCUMENT_CHARS:,} characters "
        "of text (about 500 pages): split a longer one and add the parts."
    )
    if uploaded is not None and st.button("Add the file"):
        try:
            add(upload_document(uploaded.name, uploaded.getvalue()))
        except InputError as error:
            st.error(escape_markdown(str(error)))
with wiki, st.form(form_key("add-wikipedia")):  # emptied only once the page is saved
    wanted = st.text_input("Wikipedia title or link", key="wikipedia-wanted")
    language = store.setting(wikipedia.SETTING_LANGUAGE, "en")
    st.caption(
        f"A title is looked up on {md(language)}.wikipedia.org (Settings change the language)."
    )
    if st.form_submit_button("Fetch the page"):
        link = wanted.strip().startswith(("http://", "https://"))
        try:
            doc = add_reference(
                store,
                title="" if link else wanted,
                url=wanted if link else "",
                wikipedia=_wikipedia,
                language=language,
            )
        except StoreError as error:
            st.error(escape_markdown(not_saved(error)))
        except ChecksError as error:
            st.error(escape_markdown(str(error)))
        else:
            clear_form("add-wikipedia", keys=("wikipedia-wanted",))
            st.success(
                escape_markdown(
                    f"Added “{doc.title}” (revision {doc.revision}); every analysis uses it."
                )
            )
with remove:
    if documents:
        titles = {doc.uid: f"{doc.title} ({doc.source.value})" for doc in documents}
        chosen = st.selectbox("Document", list(titles), format_func=titles.__getitem__)
        sure = st.checkbox("Yes, remove it (evidence already found stays with its articles)")
        if st.button("Remove", disabled=not sure):
            try:
                store.delete_document(chosen)
            except StoreError as error:
                st.error(escape_markdown(not_saved(error)))
            else:
                st.rerun()
    else:
        st.caption("The library is empty.")
with again:
    if st.button("Refresh sources", help="Wikipedia pages are fetched again at the next analysis"):
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        try:
            store.set_setting(wikipedia.SETTING_REFRESHED_AT, now)
        except StoreError as error:
            st.error(escape_markdown(not_saved(error)))
        else:
            st.success(
                "Wikipedia pages will be fetched again (offline, the cached ones still serve)."
            )
    summaries = store.articles()
    if summaries:
        names = {item.id: f"{item.id} · {item.title[:80]}" for item in summaries}
        wanted_id = st.query_params.get(state.QP_ARTICLE, "")
        ids = list(names)
        number = parse_id(wanted_id)
        start = ids.index(number) if number in ids else 0
        article_id = st.selectbox("Article", ids, index=start, format_func=names.__getitem__)
        if st.button("Analyse again (keeps verdicts)", key="sources-analyse-again"):
            article = store.article(article_id)
            done = run_analysis(
                store, title=article.title, text=article.text, article_id=article.id
            )
            if done is not None:
                open_review(done)
        lookups = store.lookups(article_id)
        if lookups:
            st.markdown(
                "**Why these pages** (Wikipedia and offline Wikipedia; the last analysis of "
                "this article)"
            )
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "source": x.source.value,
                            "kind": x.kind,
                            "title or search": x.query,
                            "claims": ", ".join(x.claim_ids),
                            "phrases": ", ".join(x.phrases),
                            "outcome": x.outcome,
                        }
                        for x in lookups
                    ]
                ),
                hide_index=True,
                width="stretch",
            )
