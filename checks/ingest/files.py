"""Uploads and files: pick the reader by extension (or by content for standard input).

>>> [sniff_extension(data) for data in (b"%PDF-1.7 ...", b"<!DOCTYPE html><p>x", b"Hi")]
['.pdf', '.html', '.txt']
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from checks.errors import InputError
from checks.filetypes import HTML, PDF, WORD, check_type, what_it_is
from checks.ingest.base import MAX_BYTES, MAX_TEXT_CHARS, ArticleInput, article
from checks.ingest.extract import article_from_html
from checks.ingest.office import read_docx, read_pdf
from checks.sources.library import decode_text, parse_note


class Reader(Protocol):
    def __call__(self, data: bytes, name: str, *, max_chars: int) -> ArticleInput: ...


_HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<article")


def _read_text(data: bytes, name: str, *, max_chars: int) -> ArticleInput:
    """Plain text or Markdown; a front matter block may give the title and url."""
    text = decode_text(data, name=name)
    title, url, body = parse_note(text, fallback_title="")
    return article(body, origin=name, title=title, url=url)


def _read_html(data: bytes, name: str, *, max_chars: int) -> ArticleInput:
    return article_from_html(data, origin=name)


READERS: dict[str, Reader] = {
    ".txt": _read_text,
    ".md": _read_text,
    ".markdown": _read_text,
    ".html": _read_html,
    ".htm": _read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}
ACCEPTED_EXTENSIONS: tuple[str, ...] = (".txt", ".md", ".html", ".docx", ".pdf")


def sniff_extension(data: bytes) -> str:
    """The reader a file without a name needs: PDF, Word (a zip), HTML, else text."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if data[:1024].find(b"%PDF-") != -1:
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        return ".docx"
    if head.startswith(_HTML_STARTS):
        return ".html"
    return ".txt"


def read_file(
    name: str, data: bytes, *, max_bytes: int = MAX_BYTES, max_chars: int = MAX_TEXT_CHARS
) -> ArticleInput:
    """An uploaded file as an article, by its extension (by content when it has none).

    Raises ``InputError`` for another extension and for an empty, oversized, binary,
    damaged or password-protected file; a Word or PDF file stops being read once its text
    passes ``max_chars`` characters (an ``InputError`` too).
    """
    base = Path(name).name or "the file"
    suffix = Path(base).suffix.lower()
    if suffix and suffix not in READERS:
        accepted = ", ".join(ACCEPTED_EXTENSIONS)
        raise InputError(f"{base}: only {accepted} files can be analysed (not {suffix})")
    if not data:
        raise InputError(f"{base} is empty")
    if len(data) > max_bytes:
        raise InputError(
            f"{base} is {len(data):,} bytes; the largest file accepted is {max_bytes:,} bytes"
        )
    if not suffix:
        _refuse_unreadable_kind(base, data)
    check_type(base, data)
    return READERS[suffix or sniff_extension(data)](data, base, max_chars=max_chars)


def _refuse_unreadable_kind(name: str, data: bytes) -> None:
    """A file without an extension (standard input) that is an image, a program, ..."""
    kind = what_it_is(data)
    if kind is not None and kind not in (PDF, WORD, HTML):
        raise InputError(
            f"{name} is {kind}, not an article: give a .txt, .md, .html, .docx or .pdf file"
        )


def read_path(path: Path, *, max_bytes: int = MAX_BYTES) -> ArticleInput:
    """A file on disk as an article (see ``read_file``); unreadable paths are InputErrors."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{path.name} is {size:,} bytes; the largest file accepted is {max_bytes:,} bytes"
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from error
    return read_file(path.name, data, max_bytes=max_bytes)
