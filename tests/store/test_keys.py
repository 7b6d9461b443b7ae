"""Key press receipts: a press writes its change once, with its receipt, in one transaction."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.errors import VerdictError
from checks.keyqueue import Receipt
from checks.store import Store
from tests.store.samples import raw


def test_a_press_with_a_receipt_changes_nothing_again(
    store: Store, article_id: int, db_path: Path
) -> None:
    first = Receipt("tab-1", 1, article_id, "c3")
    store.set_verdict(article_id, "c2", label="true", receipt=first)
    store.set_verdict(article_id, "c2", label="false", receipt=first)  # the same press again
    assert [h.label for h in store.history(article_id)] == ["true"]
    assert store.key_receipt("tab-1", 1) == first
    assert store.key_receipt("tab-1", 2) is None
    undo = Receipt("tab-1", 2, article_id, "c2")
    assert len(store.undo(article_id, receipt=undo)) == 1
    assert store.undo(article_id, receipt=undo) == ()
    assert store.dismiss_evidence(article_id, "c2", 1, receipt=undo) is None
    move = Receipt("tab-1", 3, article_id, "c3")
    assert (store.save_key_receipt(move), store.save_key_receipt(move)) == (True, False)
    assert raw(db_path, "SELECT tab, seq, focus FROM key_receipts ORDER BY seq") == [
        ("tab-1", 1, "c3"), ("tab-1", 2, "c2"), ("tab-1", 3, "c3"),
    ]  # fmt: skip


def test_a_failed_change_saves_no_receipt(store: Store, article_id: int) -> None:
    press = Receipt("tab-1", 1, article_id, "c3")
    with pytest.raises(VerdictError, match="not on the verdict scale"):
        store.set_verdict(article_id, "c2", label="pants on fire", receipt=press)
    assert store.key_receipt("tab-1", 1) is None


def test_deleting_the_article_deletes_its_receipts(store: Store, article_id: int) -> None:
    store.save_key_receipt(Receipt("tab-1", 1, article_id, "c2"))
    store.delete_article(article_id)
    assert store.key_receipt("tab-1", 1) is None
