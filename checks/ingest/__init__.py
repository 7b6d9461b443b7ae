"""Articles in: a URL, a file (.txt .md .html .docx .pdf) or standard input -> ``ArticleInput``.

``read_file`` and ``read_path`` read uploads and files, ``fetch_url`` fetches a web page (or a
PDF served by URL) and extracts the article with trafilatura, ``is_url`` tells them apart.
Every failure is an ``InputError`` (``FetchError`` for the network) with a message a journalist
can act on.
"""

from __future__ import annotations

from checks.ingest.base import MAX_BYTES, ArticleInput, first_line_title, iso_date
from checks.ingest.files import ACCEPTED_EXTENSIONS, read_file, read_path, sniff_extension
from checks.ingest.web import USER_AGENT, fetch_url, is_url

__all__ = [
    "ACCEPTED_EXTENSIONS",
    "MAX_BYTES",
    "USER_AGENT",
    "ArticleInput",
    "fetch_url",
    "first_line_title",
    "is_url",
    "iso_date",
    "read_file",
    "read_path",
    "sniff_extension",
]
