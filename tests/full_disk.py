"""A database whose disk fills up, for the full-disk tests: real SQLite files that fail
writes with SQLITE_FULL, as a full disk makes them.

Two ways, both real: ``size limit`` sets ``PRAGMA max_page_count`` on the store's own
connection to the pages the file has, after filling every free page (a write that needs a
new page then fails, as on a full disk); ``tmpfs`` puts the database on a small tmpfs and
fills it with a file until the disk is full (needs root to mount; skipped otherwise).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from checks.store import Store

WAYS = ["size limit", "tmpfs"]
# A reviewer's long note (text written for the tests): more than a page of SQLite, so that
# saving it needs new pages whichever way the disk is full.
LONG_NOTE = "The ministry's figure of 32 members does not match the register. " * 90


@dataclass
class FullDisk:
    way: str
    folder: Path

    def fill(self, store: Store) -> None:
        if self.way == "tmpfs":
            with (self.folder / "filler").open("wb", buffering=0) as handle:
                try:
                    while True:
                        handle.write(b"\0" * 65536)
                except OSError:
                    pass  # ENOSPC: the disk is full now
            return
        connection = store._connection  # the limit is per connection: the store's own
        assert connection is not None
        connection.execute("CREATE TABLE IF NOT EXISTS test_filler (x BLOB)")
        pages = int(connection.execute("PRAGMA page_count").fetchone()[0])
        connection.execute(f"PRAGMA max_page_count = {pages}")
        while True:  # every free page and the free room of the last ones
            try:
                connection.execute("INSERT INTO test_filler VALUES (zeroblob(512))")
            except sqlite3.OperationalError as error:
                if "database or disk is full" not in str(error):
                    raise
                return

    def free(self, store: Store) -> None:
        if self.way == "tmpfs":
            (self.folder / "filler").unlink()
            return
        connection = store._connection
        assert connection is not None
        connection.execute("PRAGMA max_page_count = 1073741823")


@contextmanager
def disk_for(way: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FullDisk]:
    """A folder for the database ($CHECKS_DB points into it) and how to fill its disk; the
    test modules make it a fixture parametrized over ``WAYS``."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if way == "tmpfs":
        if os.geteuid() != 0:
            pytest.skip("mounting a tmpfs needs root")
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(folder)],
            capture_output=True,
            check=False,
        )
        if mounted.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.decode().strip()}")
    monkeypatch.setenv("CHECKS_DB", str(folder / "workbench.sqlite3"))
    monkeypatch.delenv("CHECKS_VERDICT_SCALE", raising=False)
    try:
        yield FullDisk(way, folder)
    finally:
        if way == "tmpfs":
            subprocess.run(["umount", "-l", str(folder)], check=False)
