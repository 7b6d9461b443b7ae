"""Search: one box over every claim, note and verdict of every article and the imported
fact-checks, with filters; each hit opens its article at the claim. Also: import a
fact-check feed. Renders only; the engine is ``checks.factchecks``."""

from __future__ import annotations

import streamlit as st

from checks import config
from checks.errors import ChecksError
from checks.factchecks import db
from checks.factchecks.browse import Filters, find, recent
from checks.factchecks.importer import import_bytes
from checks.factchecks.search import DESK, FACTCHECK, Match, Searcher
from checks.factchecks.service import searcher
from checks.report import escape_markdown
from ui import state
from ui.checked_before import match_html
from ui.resources import get_store

REVIEW_PAGE = "pages/review.py"
FEED_TYPES = ["json", "jsonld", "jsonl", "html", "htm", "csv", "tsv", "txt"]
QUERY = "search-query"


def render_import() -> None:
    with st.expander("Import published fact-checks (ClaimReview JSON-LD, DataFeed, CSV)"):
        st.caption(
            "A ClaimReview feed (the Fact Check Markup Tool / Data Commons DataFeed, a list, "
            "a page's @graph, this tool's own ClaimReview export), a fact-checker's saved web "
            "page, or a CSV with claim, rating, publisher, url, date columns. Importing a feed "
            "again adds nothing. Larger files: `python -m checks factchecks import FILE`."
        )
        uploaded = st.file_uploader("Feed", type=FEED_TYPES, key="factcheck-feed")
        if uploaded is None or not st.button("Import the feed", key="do-import-feed"):
            return
        try:
            report = import_bytes(get_store(), uploaded.getvalue(), name=uploaded.name)
        except ChecksError as error:
            st.error(escape_markdown(str(error)))
            return
        st.success(escape_markdown(f"{uploaded.name}: {report.summary()}"))
        st.dataframe(
            [{"item": i.number, "where": i.where, "outcome": i.outcome, "claim": i.claim[:160],
              "notes": "; ".join(i.notes)} for i in report.items[:500]],
            hide_index=True,
        )  # fmt: skip


def render_filters() -> Filters:
    store = get_store()
    with st.container(horizontal=True, gap="medium", vertical_alignment="bottom"):
        verdicts = st.multiselect("Verdict", list(config.verdict_scale()), key="search-verdicts",
                                  placeholder="any", width=220)  # fmt: skip
        names = [DESK] + [name for name, _ in db.publishers(store) if name]
        publishers = st.multiselect("Publisher", names, key="search-publishers",
                                    placeholder="any", width=240)  # fmt: skip
        dates = st.date_input("Date range", value=[], key="search-dates", width=220)
        articles = {item.id: item.title for item in store.articles()}
        article = st.selectbox(
            "Article", [None, *articles], key="search-article",
            format_func=lambda a: "any" if a is None else articles[a],
        )  # fmt: skip
    chosen = list(dates) if isinstance(dates, (list, tuple)) else [dates]
    return Filters(
        verdicts=tuple(verdicts),
        publishers=tuple(publishers),
        start=chosen[0].isoformat() if chosen else "",
        end=chosen[-1].isoformat() if len(chosen) > 1 else "",
        article_id=article,
    )


def render_hit(match: Match, number: int) -> None:
    with st.container(border=True):
        st.html(match_html(match, number))
        if match.kind != FACTCHECK and match.article_id is not None:
            label = f"Open “{match.article_title}” at {match.claim_id}"
            if st.button(escape_markdown(label), key=f"open-{match.ref}-{number}",
                         icon=":material/fact_check:", type="tertiary"):  # fmt: skip
                open_claim(match.article_id, match.claim_id)


def open_claim(article_id: int, claim_id: str) -> None:
    """The review page at the claim (its focus set too: a focus chosen earlier in this
    session would otherwise win over the address)."""
    st.session_state[state.focus_key(article_id)] = claim_id
    st.switch_page(REVIEW_PAGE, query_params={state.QP_ARTICLE: str(article_id),
                                              state.QP_CLAIM: claim_id})  # fmt: skip


def main() -> None:
    st.title("Search")
    render_import()
    text = st.text_input(
        "Search claims, notes, verdicts and fact-checks", key=QUERY,
        placeholder="e.g. Sweden joined NATO",
    )  # fmt: skip
    store = get_store()
    scale = config.verdict_scale()
    try:
        filters = render_filters()
        if text.strip():
            base = searcher(store, desk=())
            engine = Searcher.over(base.factchecks, base.fetch, db.every_claim(store))
            hits = find(engine, text, filters, scale=scale)
        else:
            hits = recent(db.listed(store, limit=200), db.every_claim(store), filters,
                          scale=scale)  # fmt: skip
    except ChecksError as error:
        st.error(escape_markdown(str(error)))
        return
    st.caption(
        f"{len(hits)} results" + (" (the newest; type to search)" if not text.strip() else "")
    )
    if not hits:
        st.info("Nothing found. Try other words, fewer filters, or import a fact-check feed.")
    for number, match in enumerate(hits, start=1):
        render_hit(match, number)


main()
