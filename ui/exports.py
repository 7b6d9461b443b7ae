"""Downloads in every format, and the import of a verdicts CSV, for one article."""

from __future__ import annotations

from functools import partial

import streamlit as st

from checks import config
from checks.claimreview import Publisher
from checks.errors import ChecksError, ExportError, VerdictImportError
from checks.formats import Format, export
from checks.model import Review
from checks.report import escape_markdown
from checks.store import Store
from checks.verdict_import import import_verdicts
from ui import state
from ui.resources import get_store
from ui.review_actions import bump_generation

IMPORT_TYPES = ["csv", "tsv", "txt"]


def import_key(article_id: int) -> str:
    return f"import-verdicts-{article_id}"


def _problem(store: Store, fmt: Format) -> str:
    """Why ``fmt`` cannot be exported now ("" when it can): ClaimReview needs a publisher."""
    if fmt is not Format.CLAIMREVIEW:
        return ""
    try:
        Publisher.from_settings(store.setting).page()
    except ExportError as error:
        return str(error)
    return ""


def render_exports(review: Review) -> None:
    """One download button per format, then the verdicts CSV uploader."""
    store = get_store()
    article_id = review.article.id
    columns = st.columns(len(Format))
    for column, fmt in zip(columns, Format, strict=True):
        problem = _problem(store, fmt)
        column.download_button(
            fmt.label,
            # Made when clicked, not on every rerun: a 5 MB article's exports take seconds.
            data=partial(export, store, article_id, fmt) if not problem else b"",
            file_name=fmt.file_name(article_id),
            mime=fmt.mime,
            on_click="ignore",
            icon=":material/download:",
            disabled=bool(problem),
            help=escape_markdown(problem) or None,
            key=f"download-{fmt.value}",
        )
    with st.popover("Import verdicts CSV", icon=":material/upload:"):
        render_import(review)


def render_import(review: Review) -> None:
    article_id = review.article.id
    st.caption(
        "A CSV as exported (edited in a spreadsheet is fine): changed verdicts and notes are "
        "applied by claim id, each change goes into the history. If any row is wrong, nothing "
        "is applied."
    )
    uploaded = st.file_uploader("Verdicts CSV", type=IMPORT_TYPES, key=import_key(article_id))
    if uploaded is None or not st.button("Import verdicts", key=f"do-{import_key(article_id)}"):
        return
    try:
        result = import_verdicts(
            get_store(),
            uploaded.getvalue(),
            article_id=article_id,
            scale=config.verdict_scale(),
            name=uploaded.name,
        )
    except VerdictImportError as error:
        st.error(f"Nothing imported: {len(error.problems)} rows need fixing.")
        st.text("\n".join(error.problems))
        return
    except ChecksError as error:
        st.error(escape_markdown(str(error)))
        return
    st.session_state[state.FLASH] = (
        f"Imported {uploaded.name}: {result.changed} verdicts changed ({result.rows} rows read)."
    )
    bump_generation(article_id)
    st.rerun()
