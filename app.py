"""Fact-check workbench: the Streamlit entry point. Renders only; the engine is ``checks``.

Run with ``streamlit run app.py``; the database is ``$CHECKS_DB`` or the default path
(see README). Pages live in ``pages/``; shared rendering helpers in ``ui/``.
"""

from __future__ import annotations

import streamlit as st

from checks import config
from checks.errors import DamagedDatabaseError, StoreError
from checks.report import escape_markdown
from checks.titles import distinct_titles
from ui import state
from ui.recovery import render_damaged, render_recovered
from ui.resources import get_store

SIDEBAR_ARTICLES = 12  # the rest are on the Articles page

st.set_page_config(page_title="Fact-check workbench", page_icon="🔎", layout="wide")

try:
    store = get_store()
except DamagedDatabaseError as error:
    render_damaged(error)
    st.stop()
except StoreError as error:
    st.error(f"The database cannot be opened: {escape_markdown(str(error))}")
    st.info(
        f"Nothing was changed. Set {config.DB_ENV} to another file to start a new database, "
        "or move the damaged file aside and restart."
    )
    st.stop()

summaries = store.articles()
new_page = st.Page(
    "pages/new_article.py", title="New article", icon=":material/note_add:", url_path="new"
)
review_page = st.Page(
    "pages/review.py",
    title="Review",
    icon=":material/fact_check:",
    url_path="review",
)
sources_page = st.Page(
    "pages/sources.py", title="Sources", icon=":material/library_books:", url_path="sources"
)
articles_page = st.Page(
    "pages/articles.py", title="Articles", icon=":material/list_alt:", url_path="articles"
)
search_page = st.Page(
    "pages/search.py", title="Search", icon=":material/search:", url_path="search"
)
settings_page = st.Page("pages/settings.py", title="Settings", icon=":material/settings:")


start_page = st.Page(
    lambda: None, title="Fact-check workbench", url_path="start", default=True, visibility="hidden"
)
pages = [review_page, new_page] if summaries else [new_page, review_page]
pages += [articles_page, search_page, sources_page, settings_page, start_page]
navigation = st.navigation(pages)
if navigation is start_page:
    # The root address: the review when there are articles, else New article, with the query
    # string kept (``/?article=3`` opens ``/review?article=3``). Every page keeps its own
    # address: with the review itself as the default page, Streamlit served it at ``/`` only,
    # and ``/review?article=3`` typed or bookmarked said "Page not found" (as ``/new`` did on
    # an empty desk). Before anything is drawn or any one-time message is taken.
    st.switch_page(review_page if summaries else new_page, query_params=st.query_params.to_dict())

render_recovered()

APP_STYLE = (
    # Article titles in the sidebar wrap instead of being cut off.
    "<style>[data-testid=stSidebar] [data-testid=stPageLink] p {white-space: normal;"
    " overflow: visible; text-overflow: clip}"
    # The main area takes the focus when text in it is clicked (it is a scroll container);
    # the next key press then drew a grey frame around all of it. It is not a control:
    # buttons, boxes and links keep their own focus rings.
    " [data-testid=stMain]:focus, [data-testid=stMain]:focus-visible {outline: none}"
    " [data-testid=stMain]:focus::before, [data-testid=stMain]:focus-visible::before"
    " {box-shadow: none}</style>"
)

with st.sidebar:
    st.subheader("Articles")
    if not summaries:
        st.caption("No articles yet: open the demo or paste one on New article.")
    current = st.query_params.get(state.QP_ARTICLE)
    st.html(APP_STYLE)
    names = distinct_titles(summaries)  # same titles: with the day added and the claims
    for item in summaries[:SIDEBAR_ARTICLES]:
        marker = "▸ " if current == str(item.id) else ""
        st.page_link(
            review_page,
            label=f"{marker}{escape_markdown(names[item.id])}",
            query_params={state.QP_ARTICLE: str(item.id)},
            help=f"{item.reviewed:d} of {item.claims:d} reviewed · {item.conflicts:d} conflicts",
        )
        st.progress(
            item.reviewed / item.claims if item.claims else 0.0,
            text=f"{item.reviewed:d}/{item.claims:d} reviewed",
        )
    if len(summaries) > SIDEBAR_ARTICLES:
        st.page_link(articles_page, label=f"All {len(summaries)} articles")

for notice in st.session_state.pop(state.NOTICES, ()):  # once, after an analysis
    st.warning(escape_markdown(notice), icon=":material/cloud_off:")

navigation.run()
