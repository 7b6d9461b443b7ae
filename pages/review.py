"""Review: the focus panel for one claim, then the table of every claim. Renders only."""

from __future__ import annotations

import html
import re

import streamlit as st

from checks import config
from checks.errors import NotFoundError
from checks.model import Review, ReviewRow
from checks.report import escape_markdown
from checks.store import Store
from ui import state
from ui.add_reference import render_add_reference
from ui.analysis import run_analysis
from ui.exports import render_exports
from ui.frames import EDITABLE, review_frame
from ui.html import STYLE, evidence_html, paragraph_html
from ui.metadata import render_metadata
from ui.resources import get_store
from ui.review_actions import (
    bump_generation,
    cite,
    mark_not_checkable,
    move,
    next_unreviewed,
    save_note,
    save_table,
    set_label,
)

SHOW_OPTIONS = ("all", "unreviewed", "has conflict", "no evidence")
SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)


def resolve_article(store: Store) -> int | None:
    """The article in the query string, else the newest one; None when there is none."""
    wanted = st.query_params.get(state.QP_ARTICLE, "")
    summaries = store.articles()
    if wanted.isdigit() and any(item.id == int(wanted) for item in summaries):
        return int(wanted)
    if wanted:
        st.warning(f"Article {wanted!r} is not in the database; showing the newest one.")
    if not summaries:
        return None
    st.query_params[state.QP_ARTICLE] = str(summaries[0].id)
    return summaries[0].id


def focused_row(review: Review) -> ReviewRow:
    article_id = review.article.id
    ids = [row.claim.id for row in review.rows]
    key = state.focus_key(article_id)
    if st.session_state.get(key) not in ids:
        wanted = st.query_params.get(state.QP_CLAIM, "")
        first = next_unreviewed(review, "") if wanted not in ids else wanted
        st.session_state[key] = first if first in ids else ids[0]
    return review.rows[ids.index(st.session_state[key])]


def render_header(review: Review) -> None:
    rows = review.rows
    reviewed = sum(1 for row in rows if row.verdict.label != config.UNREVIEWED)
    st.title(escape_markdown(review.article.title))
    st.progress(reviewed / len(rows) if rows else 0.0, text=f"{reviewed} of {len(rows)} reviewed")
    render_metadata(review.article)
    render_exports(review)
    middle, right = st.columns([1, 1])
    middle.button(
        "Mark headings, questions and opinions not checkable",
        on_click=mark_not_checkable,
        args=(review.article.id,),
        help="Only claims still unreviewed change; every change is in the history.",
    )
    if right.button("Analyse again (keeps verdicts)", help="Use after adding reference documents"):
        article = review.article
        done = run_analysis(
            get_store(), title=article.title, text=article.text, article_id=article.id
        )
        if done is not None:
            bump_generation(article.id)
            st.rerun()


def render_focus(review: Review, row: ReviewRow) -> None:
    article_id = review.article.id
    ids = [item.claim.id for item in review.rows]
    labels = {
        item.claim.id: f"#{item.sentence.index + 1} · {item.claim.text[:90]}"
        for item in review.rows
    }
    nav_prev, nav_select, nav_next = st.columns([1, 8, 1], vertical_alignment="bottom")
    nav_prev.button("◀ Prev", key="prev", shortcut="K", on_click=move, args=(article_id, ids, -1))
    nav_select.selectbox(
        "Claim",
        ids,
        key=state.focus_key(article_id),
        format_func=labels.__getitem__,
        on_change=lambda: st.query_params.update(
            {state.QP_CLAIM: st.session_state[state.focus_key(article_id)]}
        ),
    )
    nav_next.button("Next ▶", key="next", shortcut="J", on_click=move, args=(article_id, ids, 1))
    claim_col, evidence_col = st.columns([1, 1], gap="large")
    with claim_col:
        render_claim(review, row)
    with evidence_col:
        render_evidence(review, row)


def render_claim(review: Review, row: ReviewRow) -> None:
    article_id, claim = review.article.id, row.claim
    sentences = tuple(item.sentence for item in review.rows)
    st.html(paragraph_html(review.article.text, sentences, row.sentence))
    reasons = escape_markdown(", ".join(claim.reasons)) or "no check-worthy features"
    st.caption(
        f"Kind: **{claim.kind.value}** · check-worthiness {claim.checkworthiness:.2f} ({reasons})"
    )
    st.markdown(
        f"Verdict: **{row.verdict.label}**"
        + (f" · cites evidence {row.verdict.evidence_rank}" if row.verdict.evidence_rank else "")
    )
    scale = config.verdict_scale()
    with st.container(horizontal=True, gap="small"):
        for number, label in enumerate(scale[1:], start=1):
            st.button(
                label,
                key=f"verdict-{label}",
                shortcut=str(number) if number <= 9 else None,
                type="primary" if row.verdict.label == label else "secondary",
                on_click=set_label,
                args=(article_id, claim.id, label),
            )
        st.button(
            "clear",
            key="verdict-clear",
            shortcut="0",
            on_click=set_label,
            args=(article_id, claim.id, config.UNREVIEWED),
        )
    key = state.note_key(article_id, claim.id, hash(row.verdict.note))
    st.text_area(
        "Note (saved when you leave the box or press Ctrl+Enter)",
        value=row.verdict.note,
        key=key,
        on_change=save_note,
        args=(article_id, claim.id, key),
        height=90,
    )
    st.caption("Keys: 1–7 verdict and next unreviewed · 0 clear · J next · K previous")


def render_evidence(review: Review, row: ReviewRow) -> None:
    if not row.evidence:
        st.info("No evidence found in the reference library for this claim.")
        return
    for evidence in row.evidence:
        doc = review.document(evidence.passage.document_key)
        title = html.escape(doc.title if doc else evidence.passage.document_key)
        url = doc.url if doc and SAFE_URL.match(doc.url) else ""
        link = (
            f'<a href="{html.escape(url, quote=True)}" target="_blank" '
            f'rel="noopener noreferrer">{title}</a>'
            if url
            else title
        )
        conflicts = evidence.agreement.describe_conflicts()
        flags = "".join(
            f'<div style="color:#b00020">⚠ {html.escape(text)}</div>' for text in conflicts
        )
        cited = " · <b>cited</b>" if row.verdict.evidence_rank == evidence.rank else ""
        st.html(
            f"{STYLE}<div><b>{evidence.rank}.</b> {link} · score {evidence.score:.2f}{cited}</div>"
            f"{flags}"
            + evidence_html(
                evidence.passage.text, claim=row.claim.text, agreement=evidence.agreement
            )
        )
        st.button(
            "Cite this one" if row.verdict.evidence_rank != evidence.rank else "Un-cite",
            key=f"cite-{evidence.rank}",
            on_click=cite,
            args=(
                review.article.id,
                row.claim.id,
                None if row.verdict.evidence_rank == evidence.rank else evidence.rank,
            ),
        )


def filtered_rows(review: Review, show: str) -> tuple[ReviewRow, ...]:
    if show == "unreviewed":
        return tuple(r for r in review.rows if r.verdict.label == config.UNREVIEWED)
    if show == "has conflict":
        return tuple(r for r in review.rows if r.evidence and r.evidence[0].agreement.has_conflict)
    if show == "no evidence":
        return tuple(r for r in review.rows if not r.evidence)
    return review.rows


def render_table(review: Review) -> None:
    article_id = review.article.id
    show = st.radio("Show", SHOW_OPTIONS, horizontal=True, key=state.SHOW)
    rows = filtered_rows(review, show)
    frame = review_frame(review, rows=rows)
    generation = st.session_state.get(state.generation_key(article_id), 0)
    key = state.table_key(article_id, generation)
    st.data_editor(
        frame,
        key=key,
        hide_index=True,
        width="stretch",
        disabled=[column for column in frame.columns if column not in EDITABLE],
        on_change=save_table,
        args=(article_id, key, list(frame.index)),
        column_config={
            "#": st.column_config.NumberColumn(width="small"),
            "claim": st.column_config.TextColumn(width="large"),
            "worth": st.column_config.NumberColumn("worth", format="%.2f", width="small"),
            "evidence": st.column_config.TextColumn("best evidence", width="large"),
            "link": st.column_config.LinkColumn("link", display_text="open ↗", width="small"),
            "score": st.column_config.ProgressColumn(
                "score", min_value=0.0, max_value=1.0, format="%.2f"
            ),
            "verdict": st.column_config.SelectboxColumn(
                "verdict", options=list(config.verdict_scale()), required=True
            ),
            "note": st.column_config.TextColumn("note", width="medium"),
        },
    )


def main() -> None:
    store = get_store()
    article_id = resolve_article(store)
    if article_id is None:
        st.info("No article yet.")
        st.page_link(
            "pages/new_article.py",
            label="Open the demo or paste an article",
            icon=":material/note_add:",
        )
        return
    try:
        review = store.review(article_id)
    except NotFoundError:
        st.warning("That article was just deleted.")
        return
    message = st.session_state.pop(state.FLASH, None)
    if message:
        st.success(escape_markdown(message))
    render_header(review)
    if not review.rows:
        st.info("This article has no claims yet: analyse it again.")
        return
    row = focused_row(review)
    st.query_params[state.QP_CLAIM] = row.claim.id
    render_focus(review, row)
    render_add_reference(review, row)
    st.divider()
    render_table(review)


main()
