"""Named exceptions of the engine. Callers catch these, never a bare ``Exception``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checks.model import Document


class ChecksError(Exception):
    """Base class: every error the engine raises on purpose."""


class InputError(ChecksError):
    """The article or upload cannot be used (empty, binary, too large, undecodable)."""


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


class SourceUnreachableError(DegradedSourceError):
    """A network source could not be reached (offline, DNS, refused, timed out)."""


class StoreError(ChecksError):
    """The database cannot be opened, migrated or written."""


class NotFoundError(StoreError):
    """An article, claim or document id that the store does not hold."""


class VerdictError(ChecksError):
    """A verdict label that is not on the configured scale."""


class ExportError(ChecksError):
    """An export or import that cannot be carried out."""
