"""Fixtures of the store tests: a real SQLite file in tmp_path, a clock the test sets, and an
article with the small analysis of ``samples``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from checks.store import Store
from tests.store.samples import ANALYSIS, TEXT, Clock


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_path(db_path: Path) -> Path:
    """conftest's path (with $CHECKS_VERDICT_SCALE unset), in folders that do not exist yet."""
    return db_path.parent / "nested" / "folder" / db_path.name


@pytest.fixture
def store(db_path: Path, clock: Clock) -> Iterator[Store]:
    with Store.open(db_path, clock=clock) as opened:
        yield opened


@pytest.fixture
def article_id(store: Store) -> int:
    article = store.add_article(title="Ceasefire", text=TEXT, url="https://example.org/a")
    store.save_analysis(article.id, ANALYSIS)
    return article.id
