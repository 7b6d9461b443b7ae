"""Shared fixtures: a temporary database for every test that touches the store or the app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO_ARTICLE = ROOT / "data" / "ceasefire-proposal-2024.txt"


@pytest.fixture(autouse=True)
def wikipedia_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches the real Wikipedia: tests that want it simulate it with a transport."""
    monkeypatch.setenv("CHECKS_WIKIPEDIA", "off")


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh database path, also set as $CHECKS_DB for code that reads the default."""
    path = tmp_path / "workbench.sqlite3"
    monkeypatch.setenv("CHECKS_DB", str(path))
    monkeypatch.delenv("CHECKS_VERDICT_SCALE", raising=False)
    return path
