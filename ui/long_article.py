"""A new article is analysed at once, unless it is very long (over 2,000 claims): then the
page asks first, saying how many claims and how long (``checks.estimate``). The article
waits in session state while the page asks (the pasted text stays in its box too); nothing
is stored until the reviewer says yes. Renders only; the analysis is ``ui.analysis``."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from checks import estimate
from checks.errors import ChecksError
from checks.ingest import ArticleInput, first_line_title
from checks.pipeline import check_text
from checks.sources import wikipedia
from checks.store import Store
from ui import state
from ui.analysis import open_review, run_analysis
from ui.markdown import Markdown, md

CONFIRM_KEY = "long-article-analyse"
CANCEL_KEY = "long-article-cancel"


@dataclass(frozen=True)
class Waiting:
    """An article waiting for the reviewer's yes, with what its analysis will take."""

    article: ArticleInput
    guess: estimate.Estimate


def analyse_or_ask(store: Store, article: ArticleInput) -> None:
    """Analyse the article and open its review; a very long one waits for a yes first
    (``render_question`` asks). Text that cannot be analysed goes straight to
    ``run_analysis``, which says why."""
    st.session_state.pop(state.LONG_ARTICLE, None)
    try:
        check_text(article.text)
    except ChecksError:
        guess = None
    else:
        guess = estimate.estimate(article.text, wikipedia=wikipedia.enabled(store.setting))
    if guess is not None and guess.asks:
        st.session_state[state.LONG_ARTICLE] = Waiting(article, guess)
    else:
        _analyse(store, article)


def _analyse(store: Store, article: ArticleInput) -> None:
    new_id = run_analysis(
        store, title=article.title, text=article.text, url=article.url,
        author=article.author, published=article.published,
    )  # fmt: skip
    if new_id is not None:
        open_review(new_id)


def question(waiting: Waiting) -> Markdown:
    """The question, in words: how many claims, how long, and what else to do."""
    article, guess = waiting.article, waiting.guess
    name = article.title.strip() or first_line_title(article.text)
    upload = article.origin and not article.url
    file = f"{md(article.origin)}: " if upload else ""
    lookups = ", plus a few seconds for Wikipedia" if guess.lookups else ""
    took = estimate.describe_seconds(guess.seconds)
    return (
        f"{file}“{md(name)}” is very long: about "
        f"**{guess.claims:,} claims** to "
        f"review. Analysing it takes **{md(took)}** on this "
        f"computer (about {estimate.SECONDS_PER_CLAIM * 1000:g} ms a claim{md(lookups)}). "
        "Analyse it all, or keep editing: a long text is easier to review in parts."
    )


def forget() -> None:
    """Drop the waiting article (cancelled, or its text was edited)."""
    st.session_state.pop(state.LONG_ARTICLE, None)


def render_question(store: Store) -> None:
    """If an article waits: the question with "Analyse all" and "Keep editing"."""
    waiting = st.session_state.get(state.LONG_ARTICLE)
    if not isinstance(waiting, Waiting):
        return
    with st.container(border=True, key="long-article"):
        st.warning(question(waiting), icon=":material/hourglass_top:")
        with st.container(horizontal=True, gap="small"):
            label = f"Analyse all {waiting.guess.claims:,} claims"
            go = st.button(label, key=CONFIRM_KEY, type="primary")
            st.button("Keep editing", key=CANCEL_KEY, on_click=forget)
    if go:
        forget()
        _analyse(store, waiting.article)
