"""The focus panel's "checked before" box: up to three published fact-checks or earlier
verdicts of the desk that match the focused claim, and the ``A`` key that adopts the best
one's verdict (undoable like any verdict: one history entry).

``A`` and the adopt button are presses of the key queue (ui/keys.py, ``Op.ADOPT``, applied by
``checks.keydesk.StoreDesk.adopt``): in order with the other keys, once, on the claim the
presses before lead to. Like the verdict buttons, the button keeps a Streamlit shortcut for
the moment before the key handler is on the page (a freshly opened page): once it is, the
handler takes the key first and Streamlit's shortcut never sees it. Its ``on_click``, the
same adoption without a receipt, is that fallback's (and AppTest's).

Text from feeds is untrusted: every piece goes through ``text_html`` (escaped, direction
controls shown), links only to http(s) addresses (``link_url``).
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from checks import config
from checks.errors import ChecksError
from checks.factchecks.adopt import adoption
from checks.factchecks.bands import shown
from checks.factchecks.search import FACTCHECK, Match
from checks.factchecks.service import checked_before
from checks.keydesk import StoreDesk
from checks.model import Review, ReviewRow
from ui import state
from ui.html import STYLE, link_url, text_html
from ui.markdown import md
from ui.resources import get_store
from ui.review_actions import bump_generation

ADOPT_KEY = "A"  # taken by the key queue (ui/keys.py ADOPT_KEYS); the shortcut is its fallback
ADOPT_BUTTON = "adopt-checked-before"  # the button's key
BAND_COLOURS = {"strong": "#1b6e2a", "related": "#8a6100", "weak": "#6b6b6b"}


def matches_for(review: Review, *, weak: bool = False) -> Mapping[str, tuple[Match, ...]]:
    """Claim id -> its checked-before matches that are shown (strong and related; weak ones
    too with ``weak``), cached by the engine while nothing changed; an unreadable
    fact-check table shows as no matches, with a notice. Asked three times a run (the
    panel, its weaker count, the table): the engine's answer for this very ``review`` is
    kept, so the engine is asked once."""
    last = _LAST.get("found")
    if last is not None and last[0] is review:
        found = last[1]
    else:
        try:
            with st.spinner("Matching the claims with the fact-checks and earlier verdicts…"):
                found = checked_before(get_store(), review)
        except ChecksError as error:
            st.warning(f"Checked before is unavailable: {md(error)}")
            return {row.claim.id: () for row in review.rows}
        _LAST["found"] = (review, found)
    return {
        claim_id: tuple(m for m in matches if shown(m.score, weak=weak))
        for claim_id, matches in found.items()
    }


# The review last asked about and the engine's matches for it: one slot, replaced whole (a
# second tab's review only misses it; ``is`` never takes one review for another).
_LAST: dict[str, tuple[Review, Mapping[str, tuple[Match, ...]]]] = {}


def weak_switch() -> bool:
    """The focus panel's "Show weaker matches" switch (drawn with the evidence)."""
    return bool(st.session_state.get(state.SHOW_WEAK, False))


def match_html(match: Match, number: int) -> str:
    """One match as escaped HTML: claim, rating, publisher, date, link, score and band."""
    colour = BAND_COLOURS.get(match.band, "#6b6b6b")
    url = link_url(match.url) if match.url else None
    if match.kind == FACTCHECK:
        source = text_html(match.publisher or "unknown fact-checker")
        link = (
            f' · <a href="{text_html(url)}" target="_blank" rel="noopener noreferrer">'
            "open the fact-check ↗</a>"
            if url
            else " · no link"
        )
    else:
        source = f"this desk, article “{text_html(match.article_title)}” ({match.claim_id})"
        link = (
            f' · <a href="?article={match.article_id}&amp;claim={text_html(match.claim_id)}"'
            ' target="_self">open it</a>'
        )
    flags = "".join(
        f'<div style="color:#b00020">⚠ differs: {text_html(text)}</div>' for text in match.conflicts
    )
    note = f"<div><i>{text_html(match.note[:300])}</i></div>" if match.note else ""
    if match.evidence:
        cited = link_url(match.evidence_url)
        source = (
            f' (<a href="{text_html(cited)}" target="_blank" rel="noopener noreferrer">'
            "source ↗</a>)"
            if cited
            else ""
        )
        note += f"<div>cited: “{text_html(match.evidence[:300])}”{source}</div>"
    return (
        f"{STYLE}<div style='margin:0 0 .4rem 0'><b>{number}.</b> "
        f"<b>{text_html(match.rating or 'no rating')}</b> · {source} · "
        f"{text_html(match.date or 'undated')}{link} · score {match.score:.2f} "
        f"<span style='color:{colour}'>({text_html(match.band)})</span>"
        f"<p class='fc-ev'>{text_html(match.claim)}</p>{note}{flags}</div>"
    )


def render_checked_before(review: Review, row: ReviewRow) -> None:
    """The box under the focus panel; ``A`` adopts the best match."""
    matches = matches_for(review, weak=weak_switch()).get(row.claim.id, ())
    hidden = len(matches_for(review, weak=True).get(row.claim.id, ())) - len(matches)
    with st.expander(
        f"Checked before: {len(matches)} match{'es' if len(matches) != 1 else ''}"
        if matches
        else "Checked before: nothing found",
        expanded=bool(matches),
    ):
        if hidden:
            st.caption(
                f"{hidden:d} weaker match{'es' if hidden > 1 else ''} below the relevance floor: "
                "switch on “Show weaker matches” to see them."
            )
        if not matches:
            st.caption(
                "No published fact-check and no earlier verdict of this desk matches this "
                "claim. Import fact-check feeds on the Search page."
            )
            return
        for number, match in enumerate(matches, start=1):
            st.html(match_html(match, number))
        best = adoption(matches[0], note="", scale=config.verdict_scale())
        st.button(
            f"Adopt the best match's verdict ({md(best.label or 'note only')})",
            key=ADOPT_BUTTON,
            shortcut=ADOPT_KEY,
            icon=":material/content_copy:",
            on_click=adopt,
            args=(review.article.id, row.claim.id),
            help=f"{md(best.how)}. Adds “{md(best.line)}” to the note. U undoes it.",
        )


def adopt(article_id: int, claim_id: str) -> None:
    """The button's ``on_click`` (AppTest; in the browser the key queue takes the click):
    the adoption of ``StoreDesk.adopt`` on the focused claim, one change undone by U."""
    claim_id = st.session_state.get(state.focus_key(article_id), claim_id)
    desk = StoreDesk(get_store(), article_id, config.verdict_scale(), weak_matches=weak_switch())
    try:
        adopted = desk.adopt(claim_id)
    except ChecksError as error:
        st.session_state[state.FLASH] = f"Not adopted: {error}"
        return
    if adopted is None:
        st.session_state[state.FLASH] = f"{claim_id} has no checked-before match to adopt."
        return
    if adopted.changed:
        bump_generation(article_id)
    st.session_state[state.FLASH] = adopted.message
