"""``checks.keyqueue.Desk`` on the Store: each key press writes its change and its receipt in
one transaction (``Store.set_verdict(receipt=...)``, ``undo``, ``dismiss_evidence``), so a
press is applied once even when two sessions get it at the same time."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from checks import navigation, relevance
from checks.keyqueue import Receipt
from checks.store import HistoryEntry, Store
from checks.store.rows import CLAIMS_UNDONE, RELEVANT_AGAIN

EDIT_NAMES = {"split": "split", "merge": "merge", "edit": "text edit", "add": "added claim",
              "delete": "deletion"}  # fmt: skip


@dataclass(frozen=True)
class StoreDesk:
    """The Desk of one article."""

    store: Store
    article_id: int
    scale: Sequence[str]

    def receipt(self, tab: str, seq: int) -> Receipt | None:
        return self.store.key_receipt(tab, seq)

    def set_label(self, claim_id: str, label: str, *, receipt: Receipt) -> None:
        self.store.set_verdict(
            self.article_id, claim_id, label=label, scale=self.scale, receipt=receipt
        )

    def undo_target(self) -> str | None:
        undoable = self.store.undoable(self.article_id)
        return undoable[-1].claim_id if undoable else None

    def undo(self, *, receipt: Receipt) -> str | None:
        written = self.store.undo(self.article_id, receipt=receipt)
        return undo_message(written) if written else None

    def claims(self) -> tuple[list[str], dict[str, str], frozenset[str]]:
        states = self.store.claim_labels(self.article_id)
        skip = navigation.skips_not_checkable(self.store.setting(navigation.SETTING_SKIP, "on"))
        passed = frozenset(
            claim_id for claim_id, _, kind in states
            if skip and kind in navigation.NOT_CHECKABLE_KINDS
        )  # fmt: skip
        return [s[0] for s in states], {s[0]: s[1] for s in states}, passed

    def record(self, receipt: Receipt) -> None:
        self.store.save_key_receipt(receipt)

    def dismiss(self, claim_id: str, rank: int, *, receipt: Receipt) -> str | None:
        rows = self.store.review(self.article_id).rows
        row = next((r for r in rows if r.claim.id == claim_id), None)
        evidence = row.evidence if row else ()
        if rank == 0:  # X: the first passage shown as evidence (weak matches are not)
            shown = list(relevance.shown(evidence))
        else:
            shown = [item for item in evidence if item.rank == rank]
        if not shown:
            return None
        item = shown[0]
        if self.store.dismiss_evidence(self.article_id, claim_id, item.rank, receipt=receipt):
            return f"Passage {item.rank} of {claim_id} marked not relevant (U takes it back)."
        return None


def undo_message(written: Sequence[HistoryEntry]) -> str:
    """What an undo did, in words, from the entries it wrote."""
    if not written:
        return "Nothing to undo."
    entry = written[0]
    if entry.action == CLAIMS_UNDONE:
        detail = json.loads(entry.detail)
        name = EDIT_NAMES.get(str(detail.get("action")), "claim edit")
        if "lapsed" in detail:
            return f"The {name} cannot be undone ({detail['lapsed']}); undo goes on before it."
        return f"Undone: the {name}; the claims are as they were ({entry.claim_id})."
    if entry.action == RELEVANT_AGAIN:
        return f"Undone: the passage is evidence of {entry.claim_id} again."
    if len(written) > 1:
        return f"Undone: {len(written)} verdicts of one bulk change."
    return f"Undone: {entry.claim_id} is {entry.label} again."
