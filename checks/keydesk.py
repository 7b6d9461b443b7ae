"""``checks.keyqueue.Desk`` on the Store: each key press writes its change and its receipt in
one transaction (``Store.set_verdict(receipt=...)``, ``undo``, ``dismiss_evidence``), so a
press is applied once even when two sessions get it at the same time.

Adopt (``A``) matches the claim with the checked-before engine
(``checks.factchecks.service.checked_before``, the matches the focus panel shows: strong and
related, weak ones too with ``weak_matches``) and writes the best one's label and "as
checked by" line in one ``set_verdict``: one history entry, which undo takes back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from checks import navigation, relevance
from checks.errors import ChecksError
from checks.factchecks.adopt import Adoption, adoption
from checks.factchecks.bands import shown as shown_match
from checks.factchecks.service import checked_before
from checks.keyqueue import Adopted, Receipt
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
    weak_matches: bool = False  # "Show weaker matches" is on: weak matches count for adopt

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

    def adopt(self, claim_id: str, *, receipt: Receipt | None = None) -> Adopted | None:
        """Adopt the best match's verdict for the claim (``checks.keyqueue.Desk.adopt``);
        without ``receipt`` (the button pressed in AppTest) the same, with no receipt.

        A fact-check table that cannot be read is said in the message, and the press is
        handled all the same (with its receipt): sent again, it would fail again, and
        every key pressed after it would wait behind it."""
        review = self.store.review(self.article_id)
        row = next((r for r in review.rows if r.claim.id == claim_id), None)
        if row is None:
            return None
        try:
            found = checked_before(self.store, review).get(claim_id, ())
        except ChecksError as error:
            if receipt is not None:
                self.store.save_key_receipt(receipt)
            said = f"Not adopted: checked before is unavailable ({error})."
            return Adopted(row.verdict.label, False, said)
        matches = [m for m in found if shown_match(m.score, weak=self.weak_matches)]
        if not matches:
            return None
        taken = adoption(matches[0], note=row.verdict.note, scale=self.scale)
        saved = self.store.set_verdict(
            self.article_id, claim_id, label=taken.label or None, note=taken.note,
            scale=self.scale, receipt=receipt,
        )  # fmt: skip
        changed = (saved.label, saved.note) != (row.verdict.label, row.verdict.note)
        return Adopted(saved.label, changed, adopt_message(claim_id, taken, changed=changed))


def adopt_message(claim_id: str, taken: Adoption, *, changed: bool) -> str:
    """What adopting did, in words."""
    if not changed:
        return f"{claim_id} has the best match's verdict and note already; nothing changed."
    if not taken.label:
        return f"Adopted the note for {claim_id}; {taken.how}. U undoes it."
    return f"Adopted for {claim_id}: verdict {taken.label}; {taken.how}. U undoes it."


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
