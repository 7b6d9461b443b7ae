"""The fact-check calls of a ``Store`` under short names (``db.revision(store)`` ...), for
the engine, the CLI and the pages; the SQL is ``checks.store.factchecks``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from checks.factchecks.records import FactCheck, ImportReport, Parsed
from checks.factchecks.search import DeskVerdict
from checks.store import Store


def import_parsed(store: Store, parsed: Iterable[Parsed], *, name: str, kind: str) -> ImportReport:
    return store.import_factchecks(parsed, name=name, kind=kind)


def by_id(store: Store, ids: Sequence[int]) -> dict[int, FactCheck]:
    return store.factchecks_by_id(ids)


def listed(
    store: Store, *, limit: int = 100, offset: int = 0, publisher: str = ""
) -> tuple[tuple[int, FactCheck], ...]:
    return store.factchecks(limit=limit, offset=offset, publisher=publisher)


def texts(store: Store, after: int = 0) -> Iterator[tuple[int, str, str]]:
    return iter(store.factcheck_texts(after=after))


def revision(store: Store) -> str:
    return store.factcheck_revision()


def publishers(store: Store) -> tuple[tuple[str, int], ...]:
    return store.factcheck_publishers()


def imports(store: Store) -> tuple[tuple[str, str, str, int, int, int], ...]:
    return store.factcheck_imports()


def desk(store: Store, *, exclude_article: int = 0) -> tuple[DeskVerdict, ...]:
    return store.desk_verdicts(exclude_article=exclude_article)


def every_claim(store: Store) -> tuple[DeskVerdict, ...]:
    return store.every_claim()
