"""The app (AppTest) on a full disk: every write says "Not saved: the disk is full …",
what the reviewer typed stays in its box, and what was saved before stays saved."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from checks.report import escape_markdown
from checks.store import Store
from tests.full_disk import LONG_NOTE, WAYS, FullDisk, disk_for
from tests.test_app import button, open_demo
from ui.resources import get_store


@pytest.fixture(autouse=True)
def fresh_resources() -> None:
    st.cache_resource.clear()


@pytest.fixture(params=WAYS)
def full_disk(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FullDisk]:
    with disk_for(request.param, tmp_path, monkeypatch) as disk:
        yield disk


NOTE_LABEL = "Note (saved when you leave the box or press Ctrl+Enter)"


def errors(at: AppTest) -> list[str]:
    return [str(e.value) for e in at.error]


def note_box(at: AppTest) -> object:
    return next(t for t in at.text_area if t.label == NOTE_LABEL)


def test_a_full_disk_keeps_what_was_typed_and_what_was_saved(full_disk: FullDisk) -> None:
    path = full_disk.folder / "workbench.sqlite3"
    at = open_demo()
    at.selectbox(key="focus-1").select("c3").run()
    button(at, "false").click().run()  # type: ignore[attr-defined]
    at.selectbox(key="focus-1").select("c5").run()
    full_disk.fill(get_store())  # the app's own store (one per process)

    note_box(at).input(LONG_NOTE).run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    full = escape_markdown(
        f"Not saved: the disk is full ({path}: database or disk is full); free some space and"
        " try again."
    )  # escaped: a path is text from outside
    assert errors(at) == [full]
    assert note_box(at).value == LONG_NOTE  # type: ignore[attr-defined]

    edited = "Putin said Russia would halt its military operations at once. " * 70
    at.text_area(key="edit-1-c5-text").input(edited)
    button(at, "Save the text and match it again").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    assert errors(at) == [full]
    assert at.text_area(key="edit-1-c5-text").value == edited

    at.switch_page("pages/new_article.py").run()
    pasted = "Ministers met in Cairo on 3 May 2024. They agreed on a budget. " * 80
    at.text_area(key="new-text").input(pasted)
    button(at, "Analyze").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    assert errors(at) == [full]
    assert at.text_area(key="new-text").value == pasted

    full_disk.free(get_store())
    with Store.open(path) as store:
        rows = {row.claim.id: row for row in store.review(1).rows}
        assert [a.title for a in store.articles()] == ["Putin Proposes Ceasefire (demo)"]
        assert [(h.claim_id, h.label, h.note) for h in store.history(1)] == [("c3", "false", "")]
        assert store.claim_edits(1) == ()
    assert rows["c5"].claim.text.startswith("In a televised address, Putin stated")
    assert (rows["c5"].verdict.label, rows["c5"].verdict.note) == ("unreviewed", "")


@pytest.fixture(params=WAYS[1:])
def disk_full_everywhere(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FullDisk]:
    """A really full disk, where even a write of a few bytes fails (the size limit lets a
    write into room an existing page still has succeed)."""
    with disk_for(request.param, tmp_path, monkeypatch) as disk:
        yield disk


def test_a_verdict_key_or_undo_on_a_full_disk_says_so_and_changes_nothing(
    disk_full_everywhere: FullDisk,
) -> None:
    path = disk_full_everywhere.folder / "workbench.sqlite3"
    full = escape_markdown(
        f"Not saved: the disk is full ({path}: database or disk is full); free some space and"
        " try again."
    )
    at = open_demo()
    at.selectbox(key="focus-1").select("c3").run()
    button(at, "false").click().run()  # type: ignore[attr-defined]
    assert at.selectbox(key="focus-1").value == "c5"
    disk_full_everywhere.fill(get_store())
    button(at, "true").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    assert errors(at) == [full]
    assert at.selectbox(key="focus-1").value == "c5"  # not moved on: nothing was saved
    button(at, "Undo").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    assert errors(at) == [full]
    disk_full_everywhere.free(get_store())
    with Store.open(path) as store:
        assert [(h.claim_id, h.label) for h in store.history(1)] == [("c3", "false")]
