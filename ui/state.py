"""Every st.session_state key and query parameter the app uses, in one place.

SQLite is the truth; session state holds only UI state (which claim is focused, the
editor generation, the table's filters), and the query string holds what must survive a
page refresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

QP_ARTICLE = "article"  # query parameter: the open article's id
QP_CLAIM = "claim"  # query parameter: the focused claim's id

FLASH = "flash"  # a one-shot message shown on the next run (e.g. after an analysis)
NOTICES = "notices"  # source notices of the last analysis, shown once (e.g. Wikipedia offline)
NOT_SAVED = "not-saved"  # a write that failed (e.g. the disk is full), shown once as an error
SHOW = "show"  # table filter: all, unreviewed, has conflict, no evidence
VERDICTS = "filter-verdicts"  # table filter: only these verdict labels (empty: all)
KINDS = "filter-kinds"  # table filter: only these claim kinds (empty: all)
SORT = "sort"  # table order: by position in the article or by check-worthiness
NOTE_BOX = "note-box"  # the container of the focus panel's note (the "n" key focuses it)
KEYS = "keys"  # the key queue component (ui/keys.py): its state holds the presses sent
KEYS_HOST = "keys-host"  # the hidden container of that component
KEYS_HANDLED = "keys-handled"  # article id -> tab -> (highest seq handled, focus after it)
RECOVERED = "recovered"  # where a damaged database file was moved, shown once
SHOW_WEAK = "show-weak"  # focus panel switch: also show weak matches (below the floor)
ADD_REFERENCE = "add-reference"  # the "add a reference for this claim" expander: open or not
LONG_ARTICLE = "long-article"  # a very long new article waiting for "Analyse all" (New article)
CONTACT_SHOWN = "contact-shown"  # the Wikipedia-contact warning was shown in this session


def focus_key(article_id: int) -> str:
    """The focused-claim selectbox of one article."""
    return f"focus-{article_id}"


def page_key(article_id: int) -> str:
    """The table's page of one article (an article of more than ``checks.paging.TABLE_PAGE``
    claims)."""
    return f"table-page-{article_id}"


def page_focus_key(article_id: int) -> str:
    """The focused claim the table's page last followed: the page moves to a claim the
    reviewer moves to, and stays where the reviewer put it otherwise."""
    return f"table-page-focus-{article_id}"


def goto_key(article_id: int) -> str:
    """The "Go to claim #" box of a long article."""
    return f"goto-{article_id}"


def generation_key(article_id: int) -> str:
    """Bumped when data changes outside the table so the editor remounts with fresh data."""
    return f"generation-{article_id}"


def table_key(article_id: int, generation: int, ids: Sequence[str] = ()) -> str:
    """The table editor of one article, one generation and one list of rows: a filter or
    an order that shows other rows is another editor, so its edited rows (kept by position)
    never land on the rows of another view."""
    digest = hashlib.blake2s("\n".join(ids).encode("utf-8"), digest_size=6).hexdigest()
    return f"table-{article_id}-{generation}-{digest}"


def table_shown_key(article_id: int) -> str:
    """Holds the key of the table editor drawn last for the article (``bump_generation``
    remounts it only when it holds edits)."""
    return f"table-shown-{article_id}"


def note_key(article_id: int, claim_id: str, generation: int) -> str:
    return f"note-{article_id}-{claim_id}-{generation}"


def reference_key(article_id: int, claim_id: str) -> str:
    """The "add a reference for this claim" form of one claim."""
    return f"reference-{article_id}-{claim_id}"


def edit_key(article_id: int, claim_id: str, field: str) -> str:
    """A field of the "edit this claim" forms (text, split parts, passage, confirmation)."""
    return f"edit-{article_id}-{claim_id}-{field}"


def rename_key(article_id: int) -> str:
    """The new-title box of one article on the Articles page."""
    return f"rename-{article_id}"


def delete_key(article_id: int) -> str:
    """The "yes, delete it" confirmation of one article on the Articles page."""
    return f"delete-{article_id}"
