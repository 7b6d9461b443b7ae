"""Named exceptions of the engine. Callers catch these, never a bare ``Exception``."""

from __future__ import annotations


class ChecksError(Exception):
    """Base class: every error the engine raises on purpose."""


class InputError(ChecksError):
    """The article or upload cannot be used (empty, binary, too large, undecodable)."""


class SourceError(ChecksError):
    """A reference source failed (unreachable, unreadable, malformed)."""


class StoreError(ChecksError):
    """The database cannot be opened, migrated or written."""


class NotFoundError(StoreError):
    """An article, claim or document id that the store does not hold."""


class VerdictError(ChecksError):
    """A verdict label that is not on the configured scale."""


class ExportError(ChecksError):
    """An export or import that cannot be carried out."""
