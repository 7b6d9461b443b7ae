"""Downloads in every format, and the import of a verdicts CSV, for one article."""

from __future__ import annotations

from functools import partial

import streamlit as st

from checks import config
from checks.claimreview import Publisher
from checks.errors import ChecksError, VerdictImportError
from checks.formats import Format, export
from checks.model import Review
from checks.report import escape_markdown
from checks.store import Store
from checks.verdict_import import import_verdicts
from ui import state
from ui.markdown import md
from ui.resources import get_store
from ui.review_actions import bump_generation

IMPORT_TYPES = ["csv", "tsv", "txt"]


def import_key(article_id: int) -> str:
    return f"import-verdicts-{article_id}"


def export_problem(store: Store, fmt: Format) -> str:
    """Why ``fmt`` cannot be exported now ("" when it can), without building the export."""
    if fmt is not Format.CLAIMREVIEW:
        return ""
    try:
        Publisher.from_settings(store.setting).page()
    except ChecksError as error:
        return str(error)
    return ""


def render_exports(review: Review) -> None:
    """One download button per format. The bytes are built only when a button is pressed
    (a callable ``data``), never on an ordinary rerun. A format that cannot be exported
    says why under its button."""
    store = get_store()
    article_id = review.article.id
    for fmt in Format:
        problem = export_problem(store, fmt)
        st.download_button(
            md(fmt.label),
            data=partial(export, store, article_id, fmt),
            file_name=fmt.file_name(article_id),
            mime=fmt.mime,
            on_click="ignore",
            icon=":material/download:",
            disabled=bool(problem),
            help=escape_markdown(problem) or None,
            key=f"download-{fmt.value}",
            width="stretch",
        )
        if problem:
            st.caption(escape_markdown(problem) + ".")


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
