"""The fact-check tables of a ``Store``: import, read, search index revision, desk memory.

Each function is one transaction of the store (``checks.factchecks.storage`` runs inside it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import ClassVar

from checks.factchecks import storage
from checks.factchecks.records import FactCheck, ImportReport, Parsed
from checks.factchecks.search import DeskVerdict
from checks.store import Store


def _session(store: Store, begin: str) -> AbstractContextManager[sqlite3.Connection]:
    transaction: AbstractContextManager[sqlite3.Connection] = store._transaction(begin)
    return transaction


class _Schema:
    done: ClassVar[set[int]] = set()


def _ready(store: Store) -> None:
    if id(store) in _Schema.done:
        return
    with _session(store, "BEGIN IMMEDIATE") as connection:
        for statement in storage.MIGRATION[1].split(";"):
            sql = statement.strip().replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ")
            sql = sql.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ")
            if sql:
                connection.execute(sql)
    _Schema.done.add(id(store))


def import_parsed(store: Store, parsed: Iterable[Parsed], *, name: str, kind: str) -> ImportReport:
    """Import the items of one feed in one transaction (all or nothing)."""
    _ready(store)
    with _session(store, "BEGIN IMMEDIATE") as connection:
        return storage.add(connection, parsed, name=name, kind=kind, now=store._clock())


def by_id(store: Store, ids: Sequence[int]) -> dict[int, FactCheck]:
    _ready(store)
    with _session(store, "BEGIN") as connection:
        return storage.by_id(connection, ids)


def listed(
    store: Store, *, limit: int = 100, offset: int = 0, publisher: str = ""
) -> tuple[tuple[int, FactCheck], ...]:
    _ready(store)
    with _session(store, "BEGIN") as connection:
        return storage.listed(connection, limit=limit, offset=offset, publisher=publisher)


def texts(store: Store) -> Iterator[tuple[int, str, str]]:
    _ready(store)
    with _session(store, "BEGIN") as connection:
        rows = list(storage.texts(connection))
    return iter(rows)


def revision(store: Store) -> str:
    _ready(store)
    with _session(store, "BEGIN") as connection:
        return storage.revision(connection)


def publishers(store: Store) -> tuple[tuple[str, int], ...]:
    _ready(store)
    with _session(store, "BEGIN") as connection:
        return storage.publishers(connection)


def imports(store: Store) -> tuple[tuple[str, str, str, int, int, int], ...]:
    _ready(store)
    with _session(store, "BEGIN") as connection:
        return storage.imports(connection)


def desk(store: Store) -> tuple[DeskVerdict, ...]:
    _ready(store)
    with _session(store, "BEGIN") as connection:
        return storage.desk(connection)


def every_claim(store: Store) -> tuple[DeskVerdict, ...]:
    _ready(store)
    with _session(store, "BEGIN") as connection:
        return storage.every_claim(connection)
