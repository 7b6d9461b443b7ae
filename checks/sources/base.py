"""The one Protocol every reference source implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from checks.model import Claim, Document, SourceKind


class Source(Protocol):
    """A place reference documents come from (the library, Wikipedia, a ZIM file).

    ``documents`` returns the documents worth matching the claims of one article
    against. A source that fails raises ``checks.errors.SourceError`` with a message
    a journalist can read; the pipeline reports it and goes on with the other sources.
    """

    kind: SourceKind

    def documents(self, claims: Sequence[Claim], *, text: str) -> tuple[Document, ...]: ...
