"""The database file: open it (refusing a damaged file or another program's database before
anything is written), configure the connection, move a damaged file aside.

One connection per file in autocommit mode (``isolation_level=None``: the store runs its own
``BEGIN IMMEDIATE`` ... ``COMMIT``), WAL journal, ``synchronous=FULL``, foreign keys on.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Final

from checks import config
from checks.errors import DamagedDatabaseError, StoreError
from checks.store.schema import Clock, apply_migrations
from checks.timestamps import utc_now

# Low byte of ``sqlite3.Error.sqlite_errorcode``: SQLITE_CORRUPT and SQLITE_NOTADB.
_DAMAGE_CODES: Final = frozenset({11, 26})
DAMAGED_HINT: Final = (
    "Nothing was changed. Keep the file (it may be repairable); to go on, move it aside or "
    f"point --db / ${config.DB_ENV} at another file, and a new database starts there."
)


def is_damage(exc: sqlite3.Error) -> bool:
    """Does this error say the file is not a (healthy) SQLite database?"""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _DAMAGE_CODES
    return "not a database" in str(exc) or "malformed" in str(exc)


_FULL: Final = 13  # SQLITE_FULL: the disk (or ``max_page_count``) is full


def is_full(exc: sqlite3.Error) -> bool:
    """Does this error say the disk is full? (SQLite reports ENOSPC as SQLITE_FULL.)"""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF == _FULL
    return "database or disk is full" in str(exc)


def check_file(connection: sqlite3.Connection, path: Path) -> None:
    """Before anything is written: the file is SQLite, intact, and empty or a workbench
    database. Another program's database is refused, never migrated into."""
    tables = sorted(
        str(row[0])
        for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    )
    if tables and "migrations" not in tables:
        raise DamagedDatabaseError(
            f"{path} is not a workbench database: it is another program's SQLite file "
            f"(tables: {', '.join(tables[:5])}{', ...' if len(tables) > 5 else ''}). "
            + DAMAGED_HINT,
            path=path,
        )
    result = str(connection.execute("PRAGMA quick_check(1)").fetchone()[0])
    if result != "ok":
        raise DamagedDatabaseError(f"{path} is damaged ({result}). {DAMAGED_HINT}", path=path)


def damaged_name(path: Path, *, clock: Clock = utc_now) -> Path:
    """Where ``move_aside`` puts a damaged file: ``<name>.damaged-<timestamp>``.

    >>> damaged_name(Path("/d/workbench.sqlite3"), clock=lambda: "2026-11-27T14:03:05Z")
    PosixPath('/d/workbench.sqlite3.damaged-20261127T140305Z')
    """
    stamp = clock().replace("-", "").replace(":", "")
    return path.with_name(f"{path.name}.damaged-{stamp}")


def move_aside(path: Path, *, clock: Clock = utc_now) -> Path:
    """Rename a damaged database (and its ``-wal``/``-shm`` files, which belong to it) to
    ``<name>.damaged-<timestamp>``, never over an existing file; returns the new path.
    The next ``Store.open(path)`` starts a new, empty database."""
    base = damaged_name(path, clock=clock)
    target, number = base, 1
    while any(Path(f"{target}{end}").exists() for end in ("", "-wal", "-shm")):
        number += 1
        target = base.with_name(f"{base.name}-{number}")
    try:
        path.rename(target)
        for end in ("-wal", "-shm"):
            side = Path(f"{path}{end}")
            if side.exists():
                side.rename(Path(f"{target}{end}"))
    except OSError as exc:
        raise StoreError(f"cannot move {path} aside: {exc.strerror or exc}") from exc
    return target


def configure(connection: sqlite3.Connection) -> None:
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA busy_timeout = 5000")
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreError(f"SQLite refused WAL journal mode (got {mode!r})")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    if connection.execute("PRAGMA foreign_keys").fetchone()[0] != 1:
        raise StoreError("this SQLite build does not enforce foreign keys")


def connect(path: Path, *, clock: Clock = utc_now) -> sqlite3.Connection:
    """Open (creating folders and file if needed), check, configure and migrate the database
    at ``path``. DamagedDatabaseError for a damaged or foreign file, StoreError otherwise."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot open {path}: {exc}") from exc
    try:
        check_file(connection, path)
        configure(connection)
        apply_migrations(connection, clock=clock)
    except DamagedDatabaseError:
        connection.close()
        raise
    except (sqlite3.Error, StoreError) as exc:
        connection.close()
        cause = exc.__cause__ if isinstance(exc, StoreError) else exc
        if isinstance(cause, sqlite3.Error) and is_damage(cause):
            message = f"cannot open {path}: {exc}. {DAMAGED_HINT}"
            raise DamagedDatabaseError(message, path=path) from exc
        raise StoreError(f"cannot open {path}: {exc}") from exc
    return connection
