"""User settings: saved at once, read back after reopening."""

from __future__ import annotations

from pathlib import Path

from checks.store import Store
from tests.store.samples import Clock


def test_settings_are_saved_at_once_and_survive_reopening(db_path: Path, clock: Clock) -> None:
    with Store.open(db_path, clock=clock) as store:
        assert store.setting("wikipedia.contact", "nobody") == "nobody"
        store.set_setting("wikipedia.contact", "desk@example.org")
        store.set_setting("wikipedia.contact", "factcheck@example.org")
    with Store.open(db_path, clock=clock) as store:
        assert store.setting("wikipedia.contact") == "factcheck@example.org"
        assert store.setting("other") == ""
