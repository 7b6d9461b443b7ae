"""``Store`` itself: one transaction per call, under one lock, on disk when it returns; a
process killed mid-write loses nothing acknowledged and never half a transaction."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from checks.errors import DiskFullError, StoreError
from checks.store import Store
from tests.full_disk import LONG_NOTE, WAYS, FullDisk, disk_for
from tests.store.samples import CLAIMS, seeded

ROOT = Path(__file__).resolve().parents[2]


def test_closed_store_raises(db_path: Path) -> None:
    with Store.open(db_path) as store:
        pass
    store.close()
    with pytest.raises(StoreError, match="is closed"):
        store.articles()


def test_verdicts_from_many_threads_are_all_saved(store: Store, article_id: int) -> None:
    def write(worker: int) -> None:
        for n in range(10):
            store.set_verdict(article_id, "c2", note=f"worker {worker} edit {n}")

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, range(8)))
    notes = sorted(entry.note for entry in store.history(article_id))
    assert notes == sorted(f"worker {w} edit {n}" for w in range(8) for n in range(10))


@pytest.mark.parametrize("acks_before_kill", [1, 37, 150])
def test_every_acknowledged_verdict_survives_sigkill(tmp_path: Path, acks_before_kill: int) -> None:
    path = tmp_path / "crash.sqlite3"
    article_id = seeded(path)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.crash_writer", str(path), str(article_id), str(CLAIMS)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    acknowledged: dict[str, tuple[str, str]] = {}
    try:
        assert child.stdout.readline().strip() == "ready"
        for _ in range(acks_before_kill):  # 150: more than one round over the claims
            _, claim_id, label, note = child.stdout.readline().rstrip("\n").split("\t")
            acknowledged[claim_id] = (label, note)
    finally:
        child.send_signal(signal.SIGKILL)  # mid-way: the child is writing as fast as it can
        rest, _ = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    for line in rest.splitlines():  # acknowledged after our last read, before the kill
        if line.startswith("ack\t"):
            _, claim_id, label, note = line.split("\t")
            acknowledged[claim_id] = (label, note)
    assert acknowledged

    with Store.open(path) as store:  # reopens cleanly: WAL recovery, no damage
        saved = {
            row.claim.id: (row.verdict.label, row.verdict.note)
            for row in store.review(article_id).rows
        }
        history = store.history(article_id)
    for claim_id, (label, note) in acknowledged.items():
        # The last acknowledged write, or one later that was on disk before the kill.
        got_label, got_note = saved[claim_id]
        ours, theirs = int(note.split("/")[1]), int(got_note.split("/")[1])
        assert (got_label, got_note) == (label, note) or theirs == ours + 1, claim_id
    notes = {entry.note for entry in history}
    assert {note for _, note in acknowledged.values()} <= notes


def test_a_transaction_cut_by_sigkill_is_all_or_nothing(tmp_path: Path) -> None:
    """A child saving the same 2,000 verdicts in one transaction, killed while it works."""
    path = tmp_path / "bulk.sqlite3"
    article_id = seeded(path, claims=2000)
    script = (
        "import sys\nfrom pathlib import Path\nfrom checks.store import Store\n"
        "store = Store.open(Path(sys.argv[1]))\nprint('ready', flush=True)\n"
        "for r in range(1, 10**6):\n"
        "    store.set_verdicts(int(sys.argv[2]),"
        " [(f'c{n}', 'true', f'bulk {r}') for n in range(1, 2001)])\n"
        "    print(f'ack {r}', flush=True)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(path), str(article_id)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    assert child.stdout.readline().strip() == "ack 1"
    time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    rest, _ = child.communicate(timeout=30)
    last = max([1, *(int(line.split()[1]) for line in rest.splitlines() if line.startswith("ack"))])
    with Store.open(path) as store:
        notes = {row.verdict.note for row in store.review(article_id).rows}
    assert len(notes) == 1  # never half a transaction
    assert int(notes.pop().split()[1]) in (last, last + 1)


@pytest.fixture(params=WAYS)
def full_disk(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FullDisk]:
    with disk_for(request.param, tmp_path, monkeypatch) as disk:
        yield disk


def test_a_full_disk_is_a_clear_error_and_what_was_saved_stays(full_disk: FullDisk) -> None:
    path = full_disk.folder / "workbench.sqlite3"
    article_id = seeded(path, claims=3)
    with Store.open(path) as store:
        store.set_verdict(article_id, "c1", label="false", note="saved before")
        full_disk.fill(store)
        message = (
            rf"^Not saved: the disk is full \({re.escape(str(path))}: database or disk is"
            r" full\); free some space and try again\.$"
        )
        with pytest.raises(DiskFullError, match=message):
            store.set_verdict(article_id, "c2", label="true", note=LONG_NOTE)
        with pytest.raises(DiskFullError):
            store.set_verdicts(article_id, [("c2", "true", LONG_NOTE), ("c3", "true", None)])
        assert [(r.verdict.label, r.verdict.note) for r in store.review(article_id).rows] == [
            ("false", "saved before"), ("unreviewed", ""), ("unreviewed", ""),
        ]  # fmt: skip
        full_disk.free(store)
        store.set_verdict(article_id, "c2", label="true", note=LONG_NOTE)  # works again
    with Store.open(path) as store:
        assert [(h.claim_id, h.note) for h in store.history(article_id)] == [
            ("c1", "saved before"), ("c2", LONG_NOTE),
        ]  # fmt: skip
