"""Faults around the database file: a process killed mid-write, a damaged or foreign file.

Every test works on a real SQLite file in tmp_path; the crash test kills a real process.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checks.errors import DamagedDatabaseError, StoreError
from checks.model import Analysis, Claim, ClaimKind, Sentence, SentenceRole
from checks.store import Store, damaged_name, move_aside

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = 60


def seeded(path: Path, claims: int = CLAIMS) -> int:
    """A database with one article of ``claims`` one-sentence claims; returns its id."""
    sentences, made, text = [], [], ""
    for n in range(claims):
        sentence = f"Claim number {n + 1} was made in 2024."
        start = len(text)
        text += sentence + " "
        sentences.append(Sentence(n, start, start + len(sentence), sentence, 0, SentenceRole.BODY))
        made.append(Claim(f"c{n + 1}", n, sentence, ClaimKind.FACTUAL, 0.5, ()))
    with Store.open(path) as store:
        article = store.add_article(title="Crash test", text=text)
        store.save_analysis(article.id, Analysis(tuple(sentences), tuple(made), (), ()))
        return article.id


# --- crash safety ---------------------------------------------------------------------------


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


# --- damaged and foreign files --------------------------------------------------------------


def _damage_a_page(path: Path) -> None:
    """Overwrite the middle of the file (not the header) with garbage."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\xde\xad\xbe\xef" * 1024)


def _fill(path: Path) -> None:
    seeded(path, claims=400)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"hello, not a database\n" * 400), "file is not a database"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84), "not a database"),
        (lambda p: (_fill(p), _damage_a_page(p)), "is damaged|malformed"),
        (
            lambda p: (_fill(p), p.write_bytes(p.read_bytes()[: p.stat().st_size // 3])),
            "is damaged|malformed",
        ),
    ],
    ids=["text-file", "bad-header", "damaged-page", "truncated"],
)
def test_a_damaged_file_is_named_left_as_it_is_and_never_overwritten(
    tmp_path: Path, make: object, message: str
) -> None:
    path = tmp_path / "workbench.sqlite3"
    make(path)  # type: ignore[operator]
    before = path.read_bytes()
    with pytest.raises(DamagedDatabaseError, match=message) as caught:
        Store.open(path)
    assert caught.value.path == path
    assert str(path) in str(caught.value)
    assert "Nothing was changed" in str(caught.value)
    assert path.read_bytes() == before  # not repaired, not truncated, not migrated into


def test_another_programs_database_is_refused_not_migrated_into(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO photos (name) VALUES ('cat.jpg')")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(
        DamagedDatabaseError, match=r"another program's SQLite file \(tables: photos\)"
    ):
        Store.open(path)
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


def test_move_aside_keeps_the_file_and_its_wal_and_a_new_database_starts(tmp_path: Path) -> None:
    path = tmp_path / "workbench.sqlite3"
    path.write_bytes(b"garbage" * 100)
    Path(f"{path}-wal").write_bytes(b"wal bytes")
    clock = lambda: "2026-11-27T14:03:05Z"  # noqa: E731
    moved = move_aside(path, clock=clock)
    assert moved == tmp_path / "workbench.sqlite3.damaged-20261127T140305Z"
    assert moved.read_bytes() == b"garbage" * 100
    assert Path(f"{moved}-wal").read_bytes() == b"wal bytes"
    assert not path.exists()
    path.write_bytes(b"more garbage")  # damaged again within the same second
    again = move_aside(path, clock=clock)
    assert again.name == "workbench.sqlite3.damaged-20261127T140305Z-2"
    assert moved.read_bytes() == b"garbage" * 100  # the first copy was not overwritten
    with Store.open(path) as store:
        assert store.articles() == ()


def test_move_aside_of_a_missing_file_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot move"):
        move_aside(tmp_path / "gone.sqlite3")
    assert damaged_name(tmp_path / "x", clock=lambda: "2026-01-02T03:04:05Z").name == (
        "x.damaged-20260102T030405Z"
    )


def test_the_cli_exits_1_naming_the_file_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "workbench.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    result = subprocess.run(
        [sys.executable, "-m", "checks", "list", "--db", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "CHECKS_WIKIPEDIA": "off"},
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert re.match(
        rf"error: cannot open {re.escape(str(path))}: file is not a database", result.stderr
    )
    assert "move it aside" in result.stderr
    assert path.read_bytes() == b"not a database at all" * 100
