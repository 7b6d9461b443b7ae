"""User settings saved in the database (``settings``: key, value, when)."""

from __future__ import annotations

import sqlite3


def get(connection: sqlite3.Connection, key: str, default: str) -> str:
    """The saved value of ``key``, ``default`` when it was never set."""
    row = connection.execute('SELECT value FROM settings WHERE "key" = ?', (key,)).fetchone()
    return str(row[0]) if row else default


def put(connection: sqlite3.Connection, key: str, value: str, now: str) -> None:
    """Save ``value`` under ``key`` (replacing an earlier one)."""
    connection.execute(
        'INSERT INTO settings ("key", value, updated_at) VALUES (?, ?, ?) '
        'ON CONFLICT("key") DO UPDATE SET value = excluded.value, '
        "updated_at = excluded.updated_at",
        (key, value, now),
    )
