"""The review page's key presses, applied in the order they were pressed and exactly once.

The page (ui/keys.js) gives every verdict, move, undo, not-relevant and adopt press of a
browser tab a number:
``(tab, seq)``, with ``tab`` a fresh random id per page load and ``seq`` 1, 2, 3... It keeps
the presses not yet confirmed (also across a reload, in the tab's ``sessionStorage``) and
sends all of them, in order, whenever the page is idle. The server applies each press it has
not applied before and confirms the highest ``seq`` per tab; the page then forgets those.

A receipt per applied press, saved with the change it made, is what makes a press apply
once: a press sent again (a resend, a reload, a duplicated tab) finds its receipt and is
skipped. The receipt also holds the claim focused after the press, which is where the next
press of the same tab starts.

Which claim a press acts on: a press made on a settled screen (no press waiting) acts on
the claim shown (``anchor``, or ``anchor_position`` when the reviewer picked another claim
that the server has not drawn yet); a press made while others wait acts where the presses
before it lead (the next unreviewed claim after a verdict, one claim on after ``J``...),
exactly as if each had been pressed after the screen caught up. So twenty fast ``1`` presses
mark twenty claims, and a fast sequence ends where the same sequence pressed slowly ends.

Pure Python: the store side is the ``Desk`` protocol (checks/keydesk.py implements it on the
Store).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

TAB = re.compile(r"^[A-Za-z0-9-]{1,64}$")
CLAIM_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
MAX_PRESSES = 1000  # one batch; the page never holds this many


class Op(str, Enum):
    VERDICT = "verdict"  # set ``label`` (the scale's "unreviewed" clears), then on to the next
    MOVE = "move"  # ``step`` claims on (+1) or back (-1), clamped to the ends
    UNDO = "undo"  # the article's latest change not yet undone
    DISMISS = "dismiss"  # passage ``rank`` of the claim is not relevant (0: the first shown)
    ADOPT = "adopt"  # the best checked-before match's verdict and note; the focus stays


@dataclass(frozen=True)
class KeyPress:
    tab: str
    seq: int
    article_id: int
    op: Op
    label: str = ""
    step: int = 0
    rank: int = 0  # DISMISS: the evidence rank, 0 for the first passage shown
    anchor: str | None = None  # the claim shown when pressed (on a settled screen)
    anchor_position: int | None = None  # 1-based place of a claim picked but not yet drawn


@dataclass(frozen=True)
class Batch:
    """What the page sent: its waiting presses in order, and the place of a claim the
    reviewer picked after the last press (``picked``), which is then focused at the end."""

    presses: tuple[KeyPress, ...]
    picked: int | None = None
    rejected: tuple[tuple[str, int], ...] = ()  # (tab, seq) of presses that could not be read


@dataclass(frozen=True)
class Receipt:
    """An applied press: ``focus`` is the claim focused after it."""

    tab: str
    seq: int
    article_id: int
    focus: str


@dataclass(frozen=True)
class Outcome:
    focus: str | None  # the claim to focus now; None: leave the focus alone
    applied: int  # presses applied in this call
    done: Mapping[str, int]  # tab -> highest seq handled (applied now, before, or dropped)
    changed: bool  # a verdict changed (the table must show the store's values)
    messages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Adopted:
    """What an adopt press did: ``label`` is the claim's label now, ``changed`` whether it
    wrote anything (an adoption made before writes nothing), ``message`` says it in words."""

    label: str
    changed: bool
    message: str


class Desk(Protocol):
    """The store side of one article: each write saves its receipt in the same transaction."""

    def receipt(self, tab: str, seq: int) -> Receipt | None: ...

    def set_label(self, claim_id: str, label: str, *, receipt: Receipt) -> None: ...

    def undo_target(self) -> str | None:
        """The claim the next undo changes (None: nothing to undo)."""
        ...

    def undo(self, *, receipt: Receipt) -> str | None:
        """Undo; returns what was undone in words (None: nothing was)."""
        ...

    def claims(self) -> tuple[list[str], dict[str, str], frozenset[str]]:
        """The article's claim ids in order, their labels, and the claims "next unreviewed"
        passes by (``checks.navigation``: not checkable), as they are now."""
        ...

    def record(self, receipt: Receipt) -> None:
        """Save the receipt of a press that changes no verdict (a move, nothing to undo)."""
        ...

    def dismiss(self, claim_id: str, rank: int, *, receipt: Receipt) -> str | None:
        """Mark the claim's passage ``rank`` (0: the first shown) not relevant; returns a
        message saying what was marked, None when there was no such passage."""
        ...

    def adopt(self, claim_id: str, *, receipt: Receipt) -> Adopted | None:
        """Copy the best checked-before match's verdict (mapped onto the scale) and its "as
        checked by" line into the claim's verdict: one history entry; None (nothing
        written) when the claim has no match."""
        ...


def parse_batch(raw: object, *, article_ids: frozenset[int] | None = None) -> Batch:
    """The page's JSON (``{"presses": [...], "picked": n}``) as a Batch; presses that cannot
    be read are listed in ``rejected`` (when their tab and seq can be) and never applied."""
    if not isinstance(raw, Mapping):
        return Batch(())
    items = raw.get("presses")
    presses: list[KeyPress] = []
    rejected: list[tuple[str, int]] = []
    for item in items[:MAX_PRESSES] if isinstance(items, list) else ():
        press = _press(item)
        if press is not None and (article_ids is None or press.article_id in article_ids):
            presses.append(press)
        elif isinstance(item, Mapping) and _is_tab(item.get("tab")) and _is_seq(item.get("seq")):
            rejected.append((str(item["tab"]), int(item["seq"])))
    picked = raw.get("picked")
    return Batch(tuple(presses), _position(picked), tuple(rejected))


def _is_tab(value: object) -> bool:
    return isinstance(value, str) and TAB.match(value) is not None


def _is_seq(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _position(value: object) -> int | None:
    return value if _is_seq(value) else None  # type: ignore[return-value]


def _press(item: object) -> KeyPress | None:
    if not isinstance(item, Mapping):
        return None
    tab, seq, article = item.get("tab"), item.get("seq"), item.get("article")
    if not (_is_tab(tab) and _is_seq(seq) and _is_seq(article)):
        return None
    try:
        op = Op(item.get("op"))
    except ValueError:
        return None
    label, step, anchor = item.get("label", ""), item.get("step", 0), item.get("anchor")
    rank = item.get("rank", 0)
    if op is Op.DISMISS and not (isinstance(rank, int) and not isinstance(rank, bool)
                                 and 0 <= rank <= 1000):  # fmt: skip
        return None
    if op is Op.VERDICT and not (isinstance(label, str) and 0 < len(label) <= 100):
        return None
    if op is Op.MOVE and step not in (-1, 1):
        return None
    if anchor is not None and not (isinstance(anchor, str) and CLAIM_ID.match(anchor)):
        return None
    return KeyPress(
        tab=str(tab),
        seq=int(seq),  # type: ignore[arg-type]
        article_id=int(article),  # type: ignore[arg-type]
        op=op,
        label=label if op is Op.VERDICT else "",
        step=int(step) if op is Op.MOVE else 0,
        rank=int(rank) if op is Op.DISMISS else 0,
        anchor=anchor,
        anchor_position=_position(item.get("anchorPosition")),
    )


def next_unreviewed(
    order: Sequence[str],
    labels: Mapping[str, str],
    after: str,
    *,
    unreviewed: str,
    passed: Collection[str] = frozenset(),
) -> str:
    """The next unreviewed claim after ``after`` that is not in ``passed``, wrapping
    around; ``after`` if none is left (as ``checks.navigation.next_unreviewed``)."""
    start = order.index(after) if after in order else -1
    for claim_id in [*order[start + 1 :], *order[: start + 1]]:
        if labels.get(claim_id) == unreviewed and claim_id != after and claim_id not in passed:
            return claim_id
    return after


def step_from(order: Sequence[str], current: str, step: int) -> str:
    """The claim ``step`` places from ``current`` (clamped to the ends)."""
    position = order.index(current) if current in order else 0
    return order[max(0, min(len(order) - 1, position + step))]


@dataclass
class _Run:
    """The state of one apply call: claim order and labels as the presses change them."""

    order: list[str]
    labels: dict[str, str]
    scale: Sequence[str]
    focus: str
    passed: frozenset[str] = frozenset()
    chain: dict[str, str] = field(default_factory=dict)  # tab -> focus after its last press
    done: dict[str, int] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    applied: int = 0
    changed: bool = False
    moved: bool = False


def apply_presses(
    batch: Batch,
    *,
    desk: Desk,
    article_id: int,
    order: Sequence[str],
    labels: Mapping[str, str],
    scale: Sequence[str],
    focus: str,
    handled: Mapping[str, tuple[int, str]] | None = None,
    passed: Collection[str] = frozenset(),
) -> Outcome:
    """Apply the batch's presses for ``article_id`` that were not applied before, in order.

    ``order`` and ``labels`` are the article's claims and verdict labels now; ``focus`` the
    claim focused now; ``handled`` (tab -> (seq, focus after)) what this session already
    handled, so a batch seen again costs no store look-up; ``passed`` the claims a verdict's
    move to the next unreviewed claim passes by. ``scale[0]`` is "unreviewed".
    """
    if not order:  # no claims (any more): the presses are dropped, and said so
        done: dict[str, int] = {}
        for press in batch.presses:
            if press.article_id == article_id:
                done[press.tab] = max(done.get(press.tab, 0), press.seq)
        said = ("Keys for an article without claims were dropped.",) if done else ()
        return Outcome(None, 0, done, False, said)
    run = _Run(list(order), dict(labels), scale, focus, frozenset(passed))
    seen = dict(handled or {})
    for tab, seq in batch.rejected:
        run.done[tab] = max(run.done.get(tab, 0), seq)
        run.messages.append("A key press could not be read and was skipped.")
    for press in batch.presses:
        if press.article_id != article_id:
            continue
        earlier = seen.get(press.tab)
        if earlier is not None and press.seq <= earlier[0]:
            run.chain[press.tab] = earlier[1]
            run.done[press.tab] = max(run.done.get(press.tab, 0), press.seq)
            continue
        receipt = desk.receipt(press.tab, press.seq)
        if receipt is None:
            receipt = _apply(run, press, desk, start=_start(run, press, desk, seen))
            run.applied += 1
        run.chain[press.tab] = receipt.focus
        run.done[press.tab] = max(run.done.get(press.tab, 0), press.seq)
        run.focus = receipt.focus
        run.moved = True
    if batch.picked is not None and batch.picked <= len(run.order):
        run.focus, run.moved = run.order[batch.picked - 1], True
    return Outcome(
        run.focus if run.moved else None,
        run.applied,
        run.done,
        run.changed,
        tuple(run.messages),
    )


def _start(run: _Run, press: KeyPress, desk: Desk, seen: Mapping[str, tuple[int, str]]) -> str:
    """The claim a press acts on (see the module's docstring)."""
    if press.anchor is not None and press.anchor in run.order:
        return press.anchor
    position = press.anchor_position
    if position is not None and position <= len(run.order):
        return run.order[position - 1]
    if press.tab in run.chain:
        return run.chain[press.tab]
    earlier = seen.get(press.tab)
    if earlier is not None and earlier[0] == press.seq - 1:
        return earlier[1]
    before = desk.receipt(press.tab, press.seq - 1) if press.seq > 1 else None
    if before is not None and before.focus in run.order:
        return before.focus
    return run.focus if run.focus in run.order else run.order[0]


def _apply(run: _Run, press: KeyPress, desk: Desk, *, start: str) -> Receipt:
    def receipt(focus: str) -> Receipt:
        return Receipt(press.tab, press.seq, press.article_id, focus)

    unreviewed = run.scale[0]
    if press.op is Op.MOVE:
        done = receipt(step_from(run.order, start, press.step))
        desk.record(done)
        return done
    if press.op is Op.VERDICT:
        if press.label not in run.scale:
            run.messages.append(f"“{press.label}” is not on the verdict scale; key skipped.")
            done = receipt(start)
            desk.record(done)
            return done
        labels = {**run.labels, start: press.label}
        after = (
            next_unreviewed(run.order, labels, start, unreviewed=unreviewed, passed=run.passed)
            if press.label != unreviewed
            else start
        )
        done = receipt(after)
        desk.set_label(start, press.label, receipt=done)
        run.changed = run.changed or run.labels.get(start) != press.label
        run.labels = labels
        return done
    if press.op is Op.DISMISS:
        done = receipt(start)
        said = desk.dismiss(start, press.rank, receipt=done)
        if said is None:
            desk.record(done)
            run.messages.append(f"{start} has no such passage; key skipped.")
        else:
            run.changed = True
            run.messages.append(said)
        return done
    if press.op is Op.ADOPT:
        done = receipt(start)  # as the adopt button: the focus stays on the claim
        adopted = desk.adopt(start, receipt=done)
        if adopted is None:
            desk.record(done)
            run.messages.append(f"{start} has no checked-before match to adopt.")
        else:
            run.changed = run.changed or adopted.changed
            run.labels = {**run.labels, start: adopted.label}
            run.messages.append(adopted.message)
        return done
    target = desk.undo_target()
    if target is None:
        done = receipt(start)
        desk.record(done)
        run.messages.append("Nothing to undo.")
        return done
    done = receipt(target if target in run.order else start)
    said = desk.undo(receipt=done)
    run.order, run.labels, run.passed = desk.claims()  # an undone claim edit changes them
    if said is not None:
        run.changed = True
        run.messages.append(said)
    if done.focus not in run.order:
        done = receipt(run.order[0] if run.order else start)
    return done
