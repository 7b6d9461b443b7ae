"""Run an analysis from the app with progress per stage, store it, open the review."""

from __future__ import annotations

import streamlit as st

from checks import workflow
from checks.claim_ids import Move
from checks.errors import ChecksError, StoreError
from checks.model import Stage
from checks.pipeline import check_text
from checks.report import escape_markdown
from checks.semantic import options_from_settings
from checks.sources.choice import build_sources
from checks.store import Store
from ui import state
from ui.markdown import md
from ui.saving import not_saved

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
        sources = build_sources(store)
    except ChecksError as error:
        st.error(escape_markdown(str(error)))
        return None
    with st.status("Analysing the article…", expanded=True) as status:
        bar = st.progress(0.0, text="Starting")

        def on_progress(stage: Stage, fraction: float, message: str) -> None:
            done = STAGE_ORDER.index(stage) + fraction
            bar.progress(done / len(STAGE_ORDER), text=f"{message}…")
            if fraction >= 1.0:
                st.write(f"✓ {md(message)}")

        try:
            semantic = options_from_settings(store.setting, build_budget_s=SEMANTIC_BUILD_BUDGET_S)
            if article_id is None:
                outcome = workflow.analyse_new(
                    store, title=title, text=text, url=url, author=author,
                    published=published, sources=sources, on_progress=on_progress,
                    semantic=semantic,
                )  # fmt: skip
            else:
                outcome = workflow.analyse_again(
                    store, article_id, sources=sources, on_progress=on_progress,
                    semantic=semantic,
                )  # fmt: skip
        except StoreError as error:  # e.g. a full disk: the text stays in its box
            status.update(label="Not saved", state="error")
            st.error(escape_markdown(not_saved(error)))
            return None
        except ChecksError as error:
            status.update(label="The analysis failed", state="error")
            st.error(
                escape_markdown(
                    f"{error} The article text is saved; fix the problem and analyse again."
                )
            )
            return None
        status.update(label="Analysis done", state="complete")
    kept = " (your edited claims were kept)" if outcome.kept_claims else ""
    st.session_state[state.FLASH] = (
        f"{len(outcome.analysis.claims)} claims{kept}, "
        f"{outcome.claims_with_evidence} with evidence." + moved_message(outcome.moves)
    )
    st.session_state[state.NOTICES] = outcome.notices
    return outcome.article_id


def moved_message(moves: tuple[Move, ...]) -> str:
    """What the reviewer is told when a claim that had a verdict or note is gone."""
    if not moves:
        return ""
    where = ", ".join(f"{move.source} → {move.target}" for move in moves[:5])
    more = f" and {len(moves) - 5} more" if len(moves) > 5 else ""
    return (
        f" {len(moves)} claim(s) with a verdict or note are now part of another claim (a "
        f"dateline belongs to the claim it opens); what you wrote is on that claim, in its "
        f"note: {where}{more}."
    )


def open_review(article_id: int) -> None:
    st.switch_page(REVIEW_PAGE, query_params={state.QP_ARTICLE: str(article_id)})
