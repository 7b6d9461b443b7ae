"""The focus panel's "add a reference for this claim": a Wikipedia title or link, or pasted
text; the claim is matched again at once. Also lists the pages looked up for the claim."""

from __future__ import annotations

import streamlit as st

from checks import workflow
from checks.errors import ChecksError, StoreError
from checks.model import Lookup, Review, ReviewRow, SourceKind
from checks.report import escape_markdown
from checks.sources.choice import wikipedia_source
from checks.sources.wikipedia import WikipediaSource
from ui import state
from ui.resources import get_store
from ui.review_actions import bump_generation
from ui.saving import clear_form, form_key, not_saved


def _lookups_caption(review: Review, row: ReviewRow) -> str:
    store = get_store()
    mine = [x for x in store.lookups(review.article.id) if row.claim.id in x.claim_ids]
    if not mine:
        return "No Wikipedia page (online or offline) was looked up for this claim."
    return "Looked up for this claim: " + "; ".join(
        f"{x.query} ({_where(x)}{x.outcome})" for x in mine if x.kind == "title"
    )


def searched_caption(review: Review, row: ReviewRow) -> str:
    """What was searched for a claim: the library, and the Wikipedia (online or offline)
    pages and searches its analysis looked up, with what came of each (plain text)."""
    mine = [x for x in get_store().lookups(review.article.id) if row.claim.id in x.claim_ids]
    pages = "; ".join(
        f"{x.query} ({_where(x)}{x.outcome})" for x in mine if x.kind == "title"
    )  # fmt: skip
    searches = "; ".join(f"“{x.query}” ({_where(x)}{x.outcome})" for x in mine
                         if x.kind == "search")  # fmt: skip
    parts = ["your reference library"]
    parts.append(f"Wikipedia pages: {pages}" if pages else "no Wikipedia page for this claim")
    if searches:
        parts.append(f"Wikipedia searches: {searches}")
    return "Searched: " + " · ".join(parts) + "."


def open_add_reference() -> None:
    """Open the "add a reference for this claim" expander (a button's callback)."""
    st.session_state[state.ADD_REFERENCE] = True


def _where(lookup: Lookup) -> str:
    """Which Wikipedia a lookup went to: nothing said for the online one, "offline
    Wikipedia: " for a ZIM file."""
    return "offline Wikipedia: " if lookup.source is SourceKind.ZIM else ""


def render_add_reference(review: Review, row: ReviewRow) -> None:
    """An expander under the focus panel; persists the reference and re-matches the claim."""
    article_id, claim_id = review.article.id, row.claim.id
    store = get_store()
    with st.expander("Add a reference for this claim", key=state.ADD_REFERENCE, on_change="rerun"):
        st.caption(escape_markdown(_lookups_caption(review, row)))
        form = state.reference_key(article_id, claim_id)
        with st.form(form_key(form)):  # emptied only once the reference is saved
            title = st.text_input("Title (a Wikipedia title on its own is fetched)")
            url = st.text_input("Link (a Wikipedia link is fetched; another link is kept as is)")
            text = st.text_area("Text of the reference (optional)", height=100)
            if not st.form_submit_button("Add and match this claim again"):
                return

            def wikipedia(language: str) -> WikipediaSource:
                return wikipedia_source(store, language=language)

            try:
                added = workflow.add_reference(
                    store, article_id, claim_id, title=title, url=url, text=text,
                    wikipedia=wikipedia,
                )  # fmt: skip
            except StoreError as error:
                st.error(escape_markdown(not_saved(error)))
                return
            except ChecksError as error:
                st.error(escape_markdown(str(error)))
                return
    clear_form(form)
    bump_generation(article_id)
    st.session_state[state.FLASH] = (
        f"Added “{added.document.title}”; the claim was matched again: "
        f"{added.evidence} evidence passages."
    )
    if added.notices:
        st.session_state[state.NOTICES] = added.notices
    st.rerun()
