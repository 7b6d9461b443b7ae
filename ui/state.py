"""Every st.session_state key and query parameter the app uses, in one place.

SQLite is the truth; session state holds only UI state (which claim is focused, the
editor generation), and the query string holds what must survive a page refresh.
"""

from __future__ import annotations

QP_ARTICLE = "article"  # query parameter: the open article's id
QP_CLAIM = "claim"  # query parameter: the focused claim's id

FLASH = "flash"  # a one-shot message shown on the next run (e.g. after an analysis)
NOTICES = "notices"  # source notices of the last analysis, shown once (e.g. Wikipedia offline)
RECOVERED = "recovered"  # where a damaged database file was moved, shown once
SHOW = "show"  # table filter: which claims the table lists


def focus_key(article_id: int) -> str:
    """The focused-claim selectbox of one article."""
    return f"focus-{article_id}"


def generation_key(article_id: int) -> str:
    """Bumped when data changes outside the table so the editor remounts with fresh data."""
    return f"generation-{article_id}"


def table_key(article_id: int, generation: int) -> str:
    return f"table-{article_id}-{generation}"


def note_key(article_id: int, claim_id: str, generation: int) -> str:
    return f"note-{article_id}-{claim_id}-{generation}"


def reference_key(article_id: int, claim_id: str) -> str:
    """The "add a reference for this claim" form of one claim."""
    return f"reference-{article_id}-{claim_id}"
