"""Import fact-check feeds into the store: read (``parse``), then write in one transaction.

``import_file``/``import_bytes`` return an ``ImportReport``: every item with what was
taken, what was left out and why, and the summary "N new, M already present, K skipped".
Importing the same feed again adds nothing (identity: review url + claim). A feed that
cannot be read at all (too large, broken JSON, nested too deeply) raises ``FeedError`` and
leaves the store as it was.
"""

from __future__ import annotations

from pathlib import Path

from checks.errors import FeedError
from checks.factchecks import db
from checks.factchecks.parse import MAX_BYTES, read_feed
from checks.factchecks.records import ImportReport
from checks.store import Store


def import_bytes(store: Store, data: bytes, *, name: str) -> ImportReport:
    """Import one feed given as bytes (an upload); ``name`` names it in messages."""
    kind, items = read_feed(data, name=name)
    return db.import_parsed(store, items, name=name, kind=kind)


def import_file(store: Store, path: Path) -> ImportReport:
    """Import the feed in the file at ``path``."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise FeedError(
                f"{path.name} is {size / 2**20:.0f} MiB; feeds of up to "
                f"{MAX_BYTES // 2**20} MiB are read: split it"
            )
        data = path.read_bytes()
    except OSError as error:
        raise FeedError(f"cannot read {path}: {error.strerror or error}") from error
    return import_bytes(store, data, name=path.name)
