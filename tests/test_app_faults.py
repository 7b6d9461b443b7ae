"""The app (AppTest) facing a damaged database file: the message names the file, nothing is
touched until the user presses the button, then the file is kept aside and a new one starts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from checks.store import Store
from tests.conftest import ROOT
from ui.recovery import MOVE_ASIDE

APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def fresh_resources() -> None:
    st.cache_resource.clear()


def _texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in [*at.error, *at.markdown, *at.success, *at.title])


@pytest.mark.parametrize("foreign", [False, True], ids=["garbage", "another-program"])
def test_a_damaged_database_is_kept_until_the_user_agrees(db_path: Path, foreign: bool) -> None:
    if foreign:
        connection = sqlite3.connect(db_path)
        connection.execute("CREATE TABLE contacts (name TEXT)")
        connection.commit()
        connection.close()
    else:
        db_path.write_bytes(b"this is not a database\n" * 300)
    before = db_path.read_bytes()

    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    shown = _texts(at)
    assert str(db_path).replace("_", "\\_") in shown or str(db_path) in shown
    assert "Nothing has been changed" in shown
    assert [b.label for b in at.button] == [MOVE_ASIDE]
    at.run()  # a rerun without the button changes nothing
    assert db_path.read_bytes() == before
    assert list(db_path.parent.glob("*.damaged-*")) == []

    at.button[0].click().run()
    assert not at.exception, at.exception
    (kept,) = db_path.parent.glob("workbench.sqlite3.damaged-*")
    assert kept.read_bytes() == before
    assert "was kept as" in _texts(at)
    assert [t.value for t in at.title] == ["New article"]  # a fresh database, the demo offered
    with Store.open(db_path) as store:
        assert store.articles() == ()
