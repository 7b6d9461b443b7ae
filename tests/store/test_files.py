"""The database file: WAL and full sync, a damaged or foreign file refused naming it and
never overwritten, moved aside on request. Every test works on a real SQLite file."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from checks.errors import DamagedDatabaseError, StoreError
from checks.store import Store, damaged_name, move_aside
from tests.store.samples import raw, seeded

ROOT = Path(__file__).resolve().parents[2]


def test_wal_journal_full_sync_and_foreign_keys(store: Store, db_path: Path) -> None:
    assert store.pragmas() == {"journal_mode": "wal", "synchronous": "full", "foreign_keys": "on"}
    assert raw(db_path, "PRAGMA journal_mode") == [("wal",)]


@pytest.mark.parametrize(
    "content", [b"not a database", b"not a database\n" * 512], ids=["short", "page-sized"]
)
def test_file_that_is_not_a_database_raises_naming_it(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=re.escape(f"cannot open {path}: file is not a database")):
        Store.open(path)
    assert path.read_bytes() == content


def test_directory_in_place_of_the_file_raises(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=re.escape(f"cannot open {tmp_path}")):
        Store.open(tmp_path)


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
