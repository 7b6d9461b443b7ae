"""Run an analysis from the app with progress per stage, store it, open the review."""

from __future__ import annotations

import streamlit as st

from checks import index, relevance
from checks.edits import reanalyse_keeping_claims
from checks.errors import ChecksError
from checks.ingest import first_line_title
from checks.model import Stage
from checks.pipeline import analyze, check_text
from checks.report import escape_markdown
from checks.semantic import options_from_settings
from checks.sources.choice import build_sources
from checks.store import Store
from ui import state
from ui.markdown import md

STAGE_ORDER = (Stage.SPLIT, Stage.CLAIMS, Stage.SOURCES, Stage.MATCHING)
REVIEW_PAGE = "pages/review.py"
SEMANTIC_BUILD_BUDGET_S = 60.0
"""How long one analysis in the app may spend computing missing library passage vectors;
past it the chunks built are kept and this analysis matches lexically (with a notice)."""


def run_analysis(
    store: Store,
    *,
    title: str,
    text: str,
    url: str = "",
    article_id: int | None = None,
    author: str = "",
    published: str = "",
) -> int | None:
    """Store the article (or re-analyse ``article_id``, keeping its verdicts), analyse it
    with progress shown, and return its id (None on error; the text is kept)."""
    try:
        check_text(text)
    except ChecksError as error:
        st.error(escape_markdown(str(error)))
        return None
    article = (
        store.article(article_id)
        if article_id is not None
        else store.add_article(
            title=title.strip() or first_line_title(text),
            text=text,
            url=url,
            author=author,
            published=published,
        )
    )
    with st.status("Analysing the article…", expanded=True) as status:
        bar = st.progress(0.0, text="Starting")

        def on_progress(stage: Stage, fraction: float, message: str) -> None:
            done = STAGE_ORDER.index(stage) + fraction
            bar.progress(done / len(STAGE_ORDER), text=f"{message}…")
            if fraction >= 1.0:
                st.write(f"✓ {md(message)}")

        # Claims the reviewer edited are kept: only sources and evidence are looked up again.
        keep_claims = article_id is not None and bool(store.claim_edits(article.id))
        try:
            sources = build_sources(store)
            semantic = options_from_settings(store.setting, build_budget_s=SEMANTIC_BUILD_BUDGET_S)
            if keep_claims:
                analysis = reanalyse_keeping_claims(
                    store,
                    article.id,
                    sources=tuple(sources),
                    on_progress=on_progress,
                    semantic=semantic,
                )
            else:
                analysis = analyze(
                    text,
                    sources=sources,
                    on_progress=on_progress,
                    index_dir=index.folder_for(store.path),
                    semantic=semantic,
                )
                store.save_analysis(article.id, analysis)
        except ChecksError as error:
            status.update(label="The analysis failed", state="error")
            st.error(
                escape_markdown(
                    f"{error} The article text is saved; fix the problem and analyse again."
                )
            )
            return None
        status.update(label="Analysis done", state="complete")
    with_evidence = relevance.claims_with_evidence(analysis.evidence)
    kept = " (your edited claims were kept)" if keep_claims else ""
    st.session_state[state.FLASH] = (
        f"{len(analysis.claims)} claims{kept}, {with_evidence} with evidence."
    )
    st.session_state[state.NOTICES] = analysis.notices
    return article.id


def open_review(article_id: int) -> None:
    st.switch_page(REVIEW_PAGE, query_params={state.QP_ARTICLE: str(article_id)})
