"""Articles: every article with its date, claims, reviewed and conflicts; open, rename, or
delete one (after a confirmation). Renders only; changes go through ui/review_actions.py."""

from __future__ import annotations

import streamlit as st

from checks.report import escape_markdown
from checks.store import ArticleSummary
from ui import state
from ui.charts import render_desk_charts
from ui.markdown import md
from ui.resources import get_store
from ui.review_actions import delete_article, rename_article
from ui.saving import show_not_saved

REVIEW_PAGE = "pages/review.py"


def render_article(item: ArticleSummary) -> None:
    with st.container(border=True, horizontal=True, vertical_alignment="center", gap="medium"):
        with st.container(width="stretch"):
            st.page_link(
                REVIEW_PAGE,
                label=escape_markdown(item.title),
                icon=":material/fact_check:",
                query_params={state.QP_ARTICLE: str(item.id)},
            )
            st.caption(
                f"Added {md(item.created_at[:10])} · {item.claims:d} claims · "
                f"{item.reviewed:d} reviewed · {item.conflicts:d} with a conflict"
            )
        st.progress(item.reviewed / item.claims if item.claims else 0.0, width=160)
        with st.popover("Rename", icon=":material/edit:"):
            st.text_input("New title", value=item.title, key=state.rename_key(item.id))
            st.button("Save the title", key=f"do-rename-{item.id}", on_click=rename_article,
                      args=(item.id,))  # fmt: skip
        with st.popover("Delete", icon=":material/delete:"):
            st.markdown(
                f"Delete **{escape_markdown(item.title)}** with its {item.claims:d} claims, "
                "their evidence, verdicts and history? This cannot be undone."
            )
            st.checkbox("Yes, delete it", key=state.delete_key(item.id))
            st.button("Delete the article", key=f"do-delete-{item.id}", type="primary",
                      on_click=delete_article, args=(item.id, item.title))  # fmt: skip


def main() -> None:
    message = st.session_state.pop(state.FLASH, None)
    if message:
        st.toast(escape_markdown(message))
    show_not_saved()  # a rename or delete that failed (e.g. the disk is full)
    st.title("Articles")
    summaries = get_store().articles()
    if not summaries:
        st.info("No articles yet.")
        st.page_link("pages/new_article.py", label="Open the demo or paste an article",
                     icon=":material/note_add:")  # fmt: skip
        return
    render_desk_charts(get_store())
    st.caption("Newest first. Every change is saved at once; open one to go on reviewing.")
    for item in summaries:
        render_article(item)


main()
