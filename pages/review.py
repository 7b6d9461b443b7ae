"""Review: title and progress, a compact toolbar, the focus panel for one claim, then the
table of every claim. Renders only; every change goes through ui/review_actions.py."""

from __future__ import annotations

import html
from collections.abc import Mapping

import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from checks import config, navigation, paging, relevance
from checks.digits import parse_id
from checks.errors import ChecksError, InputError, NotFoundError
from checks.factchecks.search import Match
from checks.model import Claim, ClaimKind, Evidence, Review, ReviewRow
from checks.report import escape_markdown
from checks.review_rules import has_conflict
from checks.split_mark import mark_for, marked, split_at_mark
from checks.store import Store
from checks.untrusted import safe_url
from ui import state
from ui.add_reference import open_add_reference, render_add_reference, searched_caption
from ui.analysis import run_analysis
from ui.charts import render_review_chart
from ui.checked_before import matches_for, render_checked_before
from ui.exports import render_exports, render_import
from ui.frames import EDITABLE, review_frame, verdict_options
from ui.html import STYLE, dateline_html, evidence_html, paragraph_html, text_html
from ui.keys import apply_keys, dismiss_key, mount_keys, verdict_key
from ui.markdown import Markdown, md
from ui.metadata import metadata_label, render_metadata
from ui.resources import get_store
from ui.review_actions import (
    add_claim,
    bump_generation,
    cite,
    delete_claim,
    dismiss,
    edit_claim_text,
    go_to,
    mark_not_checkable,
    merge_claim,
    move,
    save_note,
    save_table,
    set_label,
    split_claim,
    undo,
)
from ui.saving import show_not_saved

SHOW_OPTIONS = ("all", "unreviewed", "has conflict", "no evidence", "checked before")
SORT_OPTIONS = ("position", "check-worthiness")
NOTE_LABEL = "Note (saved when you leave the box or press Ctrl+Enter)"
KEY_MAP = (
    "Keys: **1–7** verdict, then the next unreviewed claim · **0** clear · **J** or **→** "
    "next · **K** or **←** previous · **N** note (**Esc** leaves it) · **X** first passage "
    "not relevant · **A** adopt the checked-before verdict · **U** undo (verdicts, marks "
    "and claim edits). "
    "No key acts while you type in a box or edit the table."
)
MESSAGE = "last-message"  # the container of the last action's message
TABLE_ROWS = 20  # rows the table shows before it scrolls
ROW_HEIGHT = 66  # Streamlit wraps cell text in rows taller than 4rem (64 px)
HEADER_HEIGHT = 35
# The arrow keys are bound to buttons hidden by this style (a button has one shortcut).
HIDDEN = "<style>.st-key-next-arrow, .st-key-prev-arrow {display: none}</style>"


def resolve_article(store: Store) -> int | None:
    """The article in the query string, else the newest one; None when there is none."""
    wanted = st.query_params.get(state.QP_ARTICLE, "")
    summaries = store.articles()
    number = parse_id(wanted)
    if number is not None and any(item.id == number for item in summaries):
        return number
    if wanted:
        st.warning(f"Article “{md(wanted)}” is not in the database; showing the newest one.")
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
        first = navigation.first_to_review(review.rows) if wanted not in ids else wanted
        st.session_state[key] = first if first in ids else ids[0]
    return review.rows[ids.index(st.session_state[key])]


def render_header(review: Review, message: str | None = None) -> None:
    """The title, the progress bar, the last action's message and one row of compact tools
    (popovers)."""
    rows = review.rows
    reviewed = sum(1 for row in rows if row.verdict.label != config.UNREVIEWED)
    st.title(escape_markdown(review.article.title))
    st.progress(reviewed / len(rows) if rows else 0.0, text=f"{reviewed} of {len(rows)} reviewed")
    render_message(message)
    render_toolbar(review)


def render_message(message: str | None) -> None:
    """What the last action did ("Undone: c5 is unreviewed again."), in the page's flow
    where it covers nothing (a toast in a corner covered the table's header); the line is
    kept when empty so the page does not jump."""
    with st.container(key=MESSAGE):
        st.caption(f":material/info: {escape_markdown(message)}" if message else "\u00a0")


def render_toolbar(review: Review) -> None:
    article_id = review.article.id
    undoable = get_store().undoable(article_id)
    with st.container(horizontal=True, gap="small", key="toolbar"):
        st.button(
            "Undo",
            key="undo",
            shortcut="U",
            icon=":material/undo:",
            on_click=undo,
            args=(article_id,),
            disabled=not undoable,
            help=undo_help(undoable[0].claim_id if undoable else "", len(undoable)),
        )
        with st.popover("Export", icon=":material/download:"):
            render_exports(review)
        with st.popover("Import verdicts", icon=":material/upload:"):
            render_import(review)
        with st.popover(metadata_label(review.article), icon=":material/edit_note:"):
            render_metadata(review.article)
        with st.popover("Analyse again", icon=":material/refresh:"):
            render_reanalyse(review)


def undo_help(claim_id: str, count: int) -> Markdown:
    if count == 0:
        return "Nothing to undo yet."
    if count > 1:
        return f"Undo the last bulk change ({count:d} verdicts)."
    return f"Undo the last change, of {md(claim_id)} (every change stays in the history)."


def render_reanalyse(review: Review) -> None:
    edited = bool(get_store().claim_edits(review.article.id))
    st.caption(
        "Looks the sources up again and matches every claim again; verdicts and notes stay. "
        + (
            "You edited this article's claims, so they are kept as they are."
            if edited
            else "The text is split into claims again (same ids, same verdicts)."
        )
    )
    if st.button("Analyse again now", key="analyse-again"):
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
    position = ids.index(row.claim.id)
    # A long article offers the claims around the focused one (8,000 options made every
    # key cost a megabyte to the browser); "Go to #" reaches the others.
    shown = paging.window(range(len(ids)), position)
    labels = {ids[n]: f"#{n + 1} · {review.rows[n].claim.text[:110]}" for n in shown}
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
        st.button("Previous", key="prev", icon=":material/arrow_back:", shortcut="K",
                  on_click=move, args=(article_id, ids, -1), help="Previous claim")  # fmt: skip
        st.selectbox(
            "Claim",
            list(labels),
            key=state.focus_key(article_id),
            format_func=labels.__getitem__,
            on_change=lambda: st.query_params.update(
                {state.QP_CLAIM: st.session_state[state.focus_key(article_id)]}
            ),
            width="stretch",
        )
        if len(shown) < len(ids):
            st.number_input(
                "Go to #",
                min_value=1,
                max_value=len(ids),
                value=None,
                step=1,
                key=state.goto_key(article_id),
                on_change=go_to,
                args=(article_id, ids),
                placeholder=f"1–{md(f'{len(ids):,}')}",
                width=120,
                help=f"The Claim box lists the {md(len(shown))} claims around this one.",
            )
        st.button("Next", key="next", icon=":material/arrow_forward:", shortcut="J",
                  on_click=move, args=(article_id, ids, 1), help="Next claim")  # fmt: skip
    st.button("←", key="prev-arrow", shortcut="Left", on_click=move, args=(article_id, ids, -1))
    st.button("→", key="next-arrow", shortcut="Right", on_click=move, args=(article_id, ids, 1))
    st.html(HIDDEN)
    claim_col, evidence_col = st.columns([1, 1], gap="large")
    with claim_col:
        render_claim(review, row)
    with evidence_col:
        render_evidence(review, row)


def render_claim(review: Review, row: ReviewRow) -> None:
    article_id, claim = review.article.id, row.claim
    sentences = review.sentences  # with the datelines, so the paragraph reads as written
    st.html(paragraph_html(review.article.text, sentences, row.sentence, claim=claim.text))
    if row.dateline is not None:
        st.html(dateline_html(row))
    reasons = escape_markdown(", ".join(claim.reasons)) or "no check-worthy features"
    st.caption(
        f"{md(claim.id)} · kind **{md(claim.kind.value)}** · check-worthiness "
        f"{claim.checkworthiness:.2f} ({reasons})"
    )
    st.markdown(
        f"Verdict: **{md(row.verdict.label)}**"
        + (f" · cites evidence {row.verdict.evidence_rank:d}" if row.verdict.evidence_rank else "")
    )
    scale = config.verdict_scale()
    with st.container(horizontal=True, gap="small"):
        for number, label in enumerate(scale[1:], start=1):
            st.button(
                md(label),
                key=verdict_key(label),
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
    with st.container(key=state.NOTE_BOX):
        st.text_area(
            NOTE_LABEL,
            value=row.verdict.note,
            key=key,
            on_change=save_note,
            args=(article_id, claim.id, key),
            height=90,
        )
    st.caption(KEY_MAP)


BAND_STYLE = {
    relevance.Band.STRONG: "color:#1b5e20;background:#e3f4e4",
    relevance.Band.RELATED: "color:#0d47a1;background:#e3edf9",
    relevance.Band.WEAK: "color:#616161;background:#eeeeee",
}
BAND_TEXT = {
    relevance.Band.STRONG: "strong",
    relevance.Band.RELATED: "related",
    relevance.Band.WEAK: "weak: not evidence",
}


def band_html(score: float) -> str:
    """The band of a score as a small coloured label (no article text in it)."""
    band = relevance.band(score)
    return (
        f'<span class="fc-band fc-band-{band.value}" style="{BAND_STYLE[band]};'
        f'padding:0 6px;border-radius:8px;font-size:0.85em">{BAND_TEXT[band]}</span>'
    )


def render_no_evidence(review: Review, row: ReviewRow, *, weak: int) -> None:
    """Nothing above the floor: say so, say what was searched, offer to add a reference."""
    st.info("No relevant evidence in your sources.", icon=":material/search_off:")
    st.caption(escape_markdown(searched_caption(review, row)))
    if weak:
        st.caption(
            f"{weak:d} weaker match{'es' if weak > 1 else ''} below the relevance floor "
            "(not evidence): switch on “Show weaker matches” to see them."
        )
    st.button(
        "Add a reference for this claim",
        key="no-evidence-add-reference",
        icon=":material/add_link:",
        on_click=open_add_reference,
    )


def render_evidence(review: Review, row: ReviewRow) -> None:
    weak = st.toggle(
        "Show weaker matches",
        key=state.SHOW_WEAK,
        help="Passages below the relevance floor share a word or two with the claim: they "
        "are not evidence, are not counted and are never compared for conflicts.",
    )
    render_dismissed(row)
    if not relevance.has_evidence(row.evidence):
        render_no_evidence(review, row, weak=0 if weak else len(row.evidence))
    for evidence in relevance.shown(row.evidence, weak=weak):
        render_passage(review, row, evidence)


def render_passage(review: Review, row: ReviewRow, evidence: Evidence) -> None:
    doc = review.document(evidence.passage.document_key)
    title = text_html(doc.title if doc else evidence.passage.document_key)
    url = safe_url(doc.url) if doc else ""  # http(s) only: never javascript:
    link = (
        f'<a href="{html.escape(url, quote=True)}" target="_blank" '
        f'rel="noopener noreferrer">{title}</a>'
        if url
        else title
    )
    conflicts = evidence.agreement.describe_conflicts()
    flags = "".join(f'<div style="color:#b00020">⚠ {html.escape(text)}</div>' for text in conflicts)
    cited = " · <b>cited</b>" if row.verdict.evidence_rank == evidence.rank else ""
    st.html(
        f"{STYLE}<div><b>{evidence.rank}.</b> {link} · score {evidence.score:.2f} "
        f"{band_html(evidence.score)}{cited}</div>"
        f"{flags}"
        + evidence_html(evidence.passage.text, claim=row.claim.text, agreement=evidence.agreement)
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
        type="tertiary",
        icon=":material/format_quote:",
    )
    render_dismiss_button(review, row, evidence.rank)


def render_dismiss_button(review: Review, row: ReviewRow, rank: int) -> None:
    """ "Not relevant" for one passage (X does it for the first one shown)."""
    st.button(
        "Not relevant",
        key=dismiss_key(rank),
        on_click=dismiss,
        args=(review.article.id, row.claim.id, rank),
        type="tertiary",
        icon=":material/block:",
        help="This passage is not evidence for the claim: it leaves the list (U undoes it).",
    )


def render_dismissed(row: ReviewRow) -> None:
    count = len(row.dismissed)
    if count:
        st.caption(
            f"{count:d} passage{'s' if count > 1 else ''} marked not relevant for this claim "
            "(kept in the history and the JSONL export; U undoes the last mark)."
        )


def render_edit_claims(review: Review, row: ReviewRow) -> None:
    """Fix the text, split, merge with the claim before or after, delete, or add a claim
    from a passage."""
    article_id, claim = review.article.id, row.claim
    ids = [item.claim.id for item in review.rows]
    position = ids.index(claim.id)
    before = review.rows[position - 1].claim if position > 0 else None
    after = review.rows[position + 1].claim if position + 1 < len(ids) else None
    with st.expander("Edit claims: fix the text, split, merge, delete, add from a passage"):
        text_tab, split_tab, merge_tab, add_tab = st.tabs(
            ["Fix the text", "Split in two", "Merge or delete", "Add from a passage"]
        )
        with text_tab:
            st.text_area(
                "Claim text", value=claim.text, key=state.edit_key(article_id, claim.id, "text")
            )
            st.button("Save the text and match it again", key="edit-save",
                      on_click=edit_claim_text, args=(article_id, claim.id))  # fmt: skip
        with split_tab:
            render_split(article_id, claim.id, claim.text)
        with merge_tab:
            render_merge(article_id, claim.id, before, after)
            st.checkbox(f"Yes, delete {md(claim.id)} and its verdict",
                        key=state.edit_key(article_id, claim.id, "confirm"))  # fmt: skip
            st.button(f"Delete {md(claim.id)}", key="edit-delete", on_click=delete_claim,
                      args=(article_id, claim.id, ids))  # fmt: skip
        with add_tab:
            st.text_input(
                "Passage (copy it from the article text)",
                key=state.edit_key(article_id, claim.id, "passage"),
                placeholder="e.g. a clause of a long sentence",
            )
            st.button("Add it as a claim", key="edit-add", on_click=add_claim,
                      args=(article_id, claim.id))  # fmt: skip
        st.caption(
            "An edited claim is matched again against the article's documents. Ids never "
            "change or come back: a new claim gets a new id. Analyse again keeps your edits."
        )


def render_split(article_id: int, claim_id: str, text: str) -> None:
    """One box: the claim with a mark where it splits; the reviewer moves the mark."""
    mark = mark_for(text)
    key = state.edit_key(article_id, claim_id, "split")
    st.text_area(
        f"The claim, with {md(mark)} where it splits (move it, or type it where you want the cut)",
        value=marked(text),
        key=key,
        height=90,
    )
    try:
        first, second = split_at_mark(st.session_state.get(key, marked(text)), mark=mark)
    except InputError as error:
        st.caption(f":material/warning: {escape_markdown(str(error))}")
    else:
        st.caption(
            f"**{md(claim_id)}** (keeps its verdict): {escape_markdown(first)}  \n"
            f"**new claim**: {escape_markdown(second)}"
        )
    st.button("Split in two", key="edit-split", on_click=split_claim,
              args=(article_id, claim_id, mark))  # fmt: skip


def render_merge(article_id: int, claim_id: str, before: Claim | None, after: Claim | None) -> None:
    """Merge with the claim before (it keeps its id and verdict) or after (this one does)."""
    if before is not None:
        st.caption(f"Claim before ({md(before.id)}): {md(before.text[:200])}")
        st.button(
            f"Merge {md(before.id)} + {md(claim_id)} (keeps {md(before.id)} and its verdict)",
            key="edit-merge-previous",
            on_click=merge_claim,
            args=(article_id, before.id),
        )
    if after is not None:
        st.caption(f"Claim after ({md(after.id)}): {md(after.text[:200])}")
        st.button(
            f"Merge {md(claim_id)} + {md(after.id)} (keeps {md(claim_id)} and its verdict)",
            key="edit-merge",
            on_click=merge_claim,
            args=(article_id, claim_id),
        )
    if before is None and after is None:
        st.caption("This is the only claim: there is none to merge with.")


def filtered_rows(
    review: Review,
    show: str,
    *,
    verdicts: list[str] | None = None,
    kinds: list[str] | None = None,
    sort: str = "position",
    checked: Mapping[str, tuple[Match, ...]] | None = None,
) -> tuple[ReviewRow, ...]:
    rows = review.rows
    if show == "unreviewed":
        rows = tuple(r for r in rows if r.verdict.label == config.UNREVIEWED)
    elif show == "has conflict":
        rows = tuple(r for r in rows if has_conflict(r))
    elif show == "no evidence":
        rows = tuple(r for r in rows if not relevance.has_evidence(r.evidence))
    elif show == "checked before":
        rows = tuple(r for r in rows if (checked or {}).get(r.claim.id))
    if verdicts:
        rows = tuple(r for r in rows if r.verdict.label in verdicts)
    if kinds:
        rows = tuple(r for r in rows if r.claim.kind.value in kinds)
    if sort == "check-worthiness":
        rows = tuple(sorted(rows, key=lambda r: -r.claim.checkworthiness))
    return rows


def render_filters() -> tuple[str, list[str], list[str], str]:
    with st.container(horizontal=True, gap="medium", vertical_alignment="bottom"):
        show = st.segmented_control("Show", SHOW_OPTIONS, key=state.SHOW, default="all") or "all"
        verdicts = st.multiselect(
            "Verdict", list(config.verdict_scale()), key=state.VERDICTS, placeholder="any",
            width=210,
        )  # fmt: skip
        kinds = st.multiselect(
            "Kind", [k.value for k in ClaimKind], key=state.KINDS, placeholder="any", width=170
        )
        sort = st.segmented_control("Sort by", SORT_OPTIONS, key=state.SORT, default="position")
    return show, verdicts, kinds, sort or "position"


def render_table(review: Review, focused: str) -> None:
    article_id = review.article.id
    show, verdicts, kinds, sort = render_filters()
    checked = matches_for(review)
    rows = filtered_rows(review, show, verdicts=verdicts, kinds=kinds, sort=sort, checked=checked)
    page = table_page(article_id, rows, focused)
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(f"{len(rows)} of {len(review.rows)} claims shown")
        st.button(
            "Mark headings, questions and opinions not checkable",
            on_click=mark_not_checkable,
            args=(article_id,),
            help="Only claims still unreviewed change; undo reverts them all at once.",
            icon=":material/done_all:",
            type="tertiary",
        )
    rows = rows[page.start : page.end]
    frame = review_frame(review, rows=rows, checked=checked)
    generation = st.session_state.get(state.generation_key(article_id), 0)
    key = state.table_key(article_id, generation, list(frame.index))
    st.session_state[state.table_shown_key(article_id)] = key
    st.data_editor(
        frame,
        key=key,
        hide_index=True,
        width="stretch",
        height=table_height(len(frame)),
        row_height=ROW_HEIGHT,
        disabled=[column for column in frame.columns if column not in EDITABLE],
        on_change=save_table,
        args=(article_id, key, list(frame.index)),
        column_config=table_columns(),
    )


def table_page(article_id: int, rows: tuple[ReviewRow, ...], focused: str) -> paging.Page:
    """The page of the table to draw: one page of ``paging.TABLE_PAGE`` rows of a long
    article (every row of 8,000 cost a third of a second a key). The page follows the focus
    when the reviewer moves to a claim on another page, and stays where the reviewer put it
    otherwise; the page control is drawn only when there is more than one page."""
    key, seen = state.page_key(article_id), state.page_focus_key(article_id)
    count = paging.page_count(len(rows))
    if count == 1:
        st.session_state.pop(key, None)
        return paging.page(len(rows), 1)
    if st.session_state.get(seen) != focused:
        st.session_state[seen] = focused
        ids = [row.claim.id for row in rows]
        if focused in ids:
            st.session_state[key] = paging.page_of(ids.index(focused))
    number = min(max(1, int(st.session_state.get(key) or 1)), count)
    st.session_state[key] = number
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
        st.number_input(
            f"Table page (of {md(count)})", min_value=1, max_value=count, step=1, key=key, width=160
        )
        st.caption(md(paging.page(len(rows), number).label))
    return paging.page(len(rows), number)


def table_height(rows: int) -> int:
    """Room for ``TABLE_ROWS`` rows (fewer when there are fewer), then the table scrolls."""
    return HEADER_HEIGHT + ROW_HEIGHT * max(1, min(rows, TABLE_ROWS)) + 2


def table_columns() -> dict[str, ColumnConfig]:
    """Widths that fit the first seven columns in the main area at 1280 px (about 820 px):
    the claim, the best evidence and the conflicts wrap (rows of ``ROW_HEIGHT``)."""
    return {
        "#": st.column_config.NumberColumn("#", width=36),
        "claim": st.column_config.TextColumn("claim", width=235),
        "verdict": st.column_config.SelectboxColumn(
            "verdict",
            options=verdict_options(config.verdict_scale()),
            required=True,
            width=100,
            help="Double-click or type to choose; keys 1–7 work in the focus panel above.",
        ),
        "note": st.column_config.TextColumn("note", width=110),
        "band": st.column_config.TextColumn(
            "band", width=62, help="How relevant the best passage is: strong, related, weak."
        ),
        "conflicts": st.column_config.TextColumn("conflicts", width=82),
        "evidence": st.column_config.TextColumn("best evidence", width=190),
        "score": st.column_config.ProgressColumn(
            "score", min_value=0.0, max_value=1.0, format="%.2f", width=80
        ),
        "source": st.column_config.TextColumn("source", width=160),
        "link": st.column_config.LinkColumn("link", display_text="open ↗", width=60),
        "kind": st.column_config.TextColumn("kind", width=70),
        "worth": st.column_config.NumberColumn("worth", format="%.2f", width=60),
        "checked before": st.column_config.TextColumn("checked before", width=200),
    }


def main() -> None:
    store = get_store()
    show_not_saved()  # a write of a callback that failed (e.g. the disk is full)
    article_id = resolve_article(store)
    if article_id is None:
        render_message(st.session_state.pop(state.FLASH, None))
        st.info("No article yet.")
        st.page_link(
            "pages/new_article.py",
            label="Open the demo or paste an article",
            icon=":material/note_add:",
        )
        return
    try:
        apply_keys(store, article_id)
    except NotFoundError:
        pass  # the article is gone: said just below
    except ChecksError as error:  # the page sends the keys again a few seconds later
        st.session_state[state.FLASH] = f"Keys not applied yet: {error}"
    try:
        review = store.review(article_id)
    except NotFoundError:
        st.warning("That article was just deleted.")
        return
    render_header(review, st.session_state.pop(state.FLASH, None))
    if not review.rows:
        st.info("This article has no claims yet: analyse it again.")
        return
    render_review_chart(review)  # claims per verdict, one stacked bar
    row = focused_row(review)
    st.query_params[state.QP_CLAIM] = row.claim.id
    mount_keys(review, row.claim.id)
    render_focus(review, row)
    render_checked_before(review, row)
    render_edit_claims(review, row)
    render_add_reference(review, row)
    st.divider()
    render_table(review, row.claim.id)


main()
