"""The one Protocol every reference source implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Protocol

from checks.model import Claim, Document, SourceKind

# The most text one reference document may hold (about 500 pages of a book). A library
# document over it is refused with a message; a ZIM page is cut at a paragraph before it.
# Far beyond any Wikipedia article (the longest are a few hundred thousand characters), it
# bounds the passages and the index a single hostile document can make.
MAX_DOCUMENT_CHARS: Final = 1_000_000


def too_long_message(title: str, chars: int) -> str:
    """Why a document of ``chars`` characters is not added, and what to do instead."""
    return (
        f"“{title}” has {chars:,} characters of text; a reference document may hold at most "
        f"{MAX_DOCUMENT_CHARS:,} (about 500 pages): split it and add the parts, or add only "
        "the part you need"
    )


def cut_to_limit(text: str) -> str:
    """``text`` within ``MAX_DOCUMENT_CHARS``, cut at the last paragraph break before it
    (at the limit itself when there is none)."""
    if len(text) <= MAX_DOCUMENT_CHARS:
        return text
    head = text[:MAX_DOCUMENT_CHARS]
    cut = head.rfind("\n\n")
    return head[:cut].rstrip() if cut > 0 else head


class Source(Protocol):
    """A place reference documents come from (the library, Wikipedia, a ZIM file).

    ``documents`` returns the documents worth matching the claims of one article
    against. A source that fails raises ``checks.errors.SourceError`` with a message
    a journalist can read; the pipeline reports it and goes on with the other sources.
    """

    kind: SourceKind

    def documents(self, claims: Sequence[Claim], *, text: str) -> tuple[Document, ...]: ...
