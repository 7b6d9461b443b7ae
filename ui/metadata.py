"""The article's metadata (title, address, author, publication date), editable on the review
page. Saved at once; the exports read it (ClaimReview's itemReviewed, the report's header)."""

from __future__ import annotations

import streamlit as st

from checks.errors import ChecksError, StoreError
from checks.ingest import iso_date
from checks.model import Article
from checks.report import escape_markdown
from ui.markdown import Markdown
from ui.resources import get_store
from ui.saving import not_saved


def metadata_label(article: Article) -> Markdown:
    """ "Details: Jane Reporter · 2024-06-15", or "Details" when none is known."""
    details = " · ".join(part for part in (article.author, article.published) if part)
    return escape_markdown("Details" + (f": {details}" if details else ""))


def render_metadata(article: Article) -> None:
    """The metadata form; the caller places it (the review page puts it in a popover)."""
    with st.form(f"metadata-{article.id}", border=False):
        title = st.text_input("Title", value=article.title)
        url = st.text_input("Address (URL)", value=article.url)
        left, right = st.columns(2)
        author = left.text_input("Author", value=article.author)
        published = right.text_input(
            "Published (YYYY-MM-DD)", value=article.published, placeholder="2024-06-15"
        )
        if st.form_submit_button("Save details"):
            try:
                get_store().set_article_metadata(
                    article.id,
                    title=title,
                    url=url,
                    author=author,
                    published=iso_date(published),
                )
            except StoreError as error:  # the form keeps what was typed
                st.error(escape_markdown(not_saved(error)))
            except ChecksError as error:
                st.error(escape_markdown(str(error)))
            else:
                st.rerun()
