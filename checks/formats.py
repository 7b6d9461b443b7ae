"""The export formats by name, for the app's download buttons and the CLI's ``--format``.

>>> [f.value for f in Format]
['csv', 'jsonl', 'claimreview', 'markdown']
>>> Format.CLAIMREVIEW.file_name(3)
'article-3-claimreview.jsonld'
"""

from __future__ import annotations

from enum import Enum

from checks.claimreview import Publisher, to_claimreview
from checks.export import to_csv
from checks.factchecks.service import checked_before
from checks.jsonl import to_jsonl
from checks.report import to_markdown
from checks.store import Store


class Format(str, Enum):
    CSV = "csv"
    JSONL = "jsonl"
    CLAIMREVIEW = "claimreview"
    MARKDOWN = "markdown"

    @property
    def extension(self) -> str:
        return _EXTENSIONS[self]

    @property
    def mime(self) -> str:
        return _MIMES[self]

    @property
    def label(self) -> str:
        return _LABELS[self]

    def file_name(self, article_id: int) -> str:
        return f"article-{article_id}-{_STEMS[self]}{self.extension}"


_EXTENSIONS = {
    Format.CSV: ".csv",
    Format.JSONL: ".jsonl",
    Format.CLAIMREVIEW: ".jsonld",
    Format.MARKDOWN: ".md",
}
_MIMES = {
    Format.CSV: "text/csv",
    Format.JSONL: "application/jsonl",
    Format.CLAIMREVIEW: "application/ld+json",
    Format.MARKDOWN: "text/markdown",
}
_LABELS = {
    Format.CSV: "CSV (spreadsheet)",
    Format.JSONL: "JSONL (everything)",
    Format.CLAIMREVIEW: "ClaimReview (schema.org)",
    Format.MARKDOWN: "Markdown report",
}
_STEMS = {
    Format.CSV: "verdicts",
    Format.JSONL: "claims",
    Format.CLAIMREVIEW: "claimreview",
    Format.MARKDOWN: "report",
}


def export(
    store: Store, article_id: int, fmt: Format, *, publisher: Publisher | None = None
) -> bytes:
    """The article in ``fmt`` as bytes. ClaimReview uses ``publisher``, else the one saved
    in settings (ExportError when none is set)."""
    review = store.review(article_id)
    checked = checked_before(store, review) if fmt is not Format.CLAIMREVIEW else None
    if fmt is Format.JSONL:
        return to_jsonl(review, store.history(article_id), checked=checked)
    if fmt is Format.CLAIMREVIEW:
        who = publisher if publisher is not None else Publisher.from_settings(store.setting)
        return to_claimreview(review, publisher=who)
    if fmt is Format.MARKDOWN:
        return to_markdown(review, checked=checked)
    return to_csv(review, checked=checked)
