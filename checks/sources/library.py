"""The journalist's own reference documents: uploaded notes and the demo library.

A note is plain text or Markdown, optionally opened by a small front matter block::

    ---
    title: Jens Stoltenberg
    url: https://en.wikipedia.org/wiki/Jens_Stoltenberg
    ---
    Jens Stoltenberg was Secretary General of NATO from 1 October 2014 to 1 October 2024.

>>> note = "---\\ntitle: NATO\\nurl: https://example.org/nato\\n---\\nNATO was founded in 1949."
>>> parse_note(note, fallback_title="nato")
('NATO', 'https://example.org/nato', 'NATO was founded in 1949.')
>>> slugify("Ukraine–NATO relations (2024)")
'ukraine-nato-relations-2024'
>>> slugify("Bürgenstock café")
'burgenstock-cafe'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from checks.errors import InputError, SourceError, StoreError
from checks.filetypes import check_type
from checks.model import Claim, Document, SourceKind
from checks.sources.base import MAX_DOCUMENT_CHARS, too_long_message
from checks.timestamps import utc_now

ACCEPTED_EXTENSIONS: tuple[str, ...] = (".txt", ".md")
DEFAULT_MAX_BYTES = 5_000_000
DEMO_FOLDER = Path(__file__).resolve().parents[2] / "data" / "library"
SKIPPED_NOTES = frozenset({"readme.md"})
MAX_CONTROL_SHARE = 0.05
_FENCE = "---"
_HEADING = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0/C1 controls but tab and newlines
_BOMS_UTF16 = (b"\xff\xfe", b"\xfe\xff")


class DocumentStore(Protocol):
    """The part of ``checks.store.Store`` the library needs."""

    def upsert_document(self, doc: Document) -> object: ...

    def documents(self, *, source: SourceKind | None = None) -> Sequence[Document]: ...


def slugify(text: str, *, max_length: int = 60) -> str:
    """Lower-case ASCII words joined by hyphens; ``"document"`` when nothing is left."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    slug = re.sub(r"[^a-z0-9]+", "-", bare).strip("-")
    return slug[:max_length].rstrip("-") or "document"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_from_text(
    *, title: str, text: str, url: str = "", key: str | None = None, language: str = "en"
) -> Document:
    """A library document. Line endings become ``\\n``; title and text are stripped.

    ``key`` defaults to a slug of the title plus a short hash of the text, so the same note
    uploaded twice gets the same key; ``revision`` is the first 12 hex digits of the
    text's SHA-256. A text over ``MAX_DOCUMENT_CHARS`` characters is an ``InputError``.
    """
    clean_title = " ".join(title.split())
    clean_text = normalise_newlines(text).strip()
    if not clean_title:
        raise InputError("a library document needs a title; the title given is empty")
    if not clean_text:
        raise InputError(f"the document {clean_title!r} has no text")
    if len(clean_text) > MAX_DOCUMENT_CHARS:
        raise InputError(too_long_message(clean_title, len(clean_text)))
    digest = _sha256(clean_text)
    return Document(
        source=SourceKind.LIBRARY,
        key=key if key is not None else f"{slugify(clean_title)}-{digest[:8]}",
        title=clean_title,
        url=url.strip(),
        revision=digest[:12],
        language=language,
        text=clean_text,
        fetched_at=utc_now(),
    )


def normalise_newlines(text: str) -> str:
    r"""``\r\n`` and lone ``\r`` become ``\n``.

    >>> normalise_newlines("a\r\nb\rc")
    'a\nb\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """The ``key: value`` pairs of a front matter block and the index of the first body line."""
    if not lines or lines[0].strip() != _FENCE:
        return None
    for end in range(1, len(lines)):
        if lines[end].strip() == _FENCE:
            fields: dict[str, str] = {}
            for line in lines[1:end]:
                name, sep, value = line.partition(":")
                if sep:
                    fields[name.strip().lower()] = value.strip().strip("\"'")
            return fields, end + 1
    return None


def _first_heading(body: str) -> str:
    """The text of a Markdown heading on the first non-blank line, else ``""``."""
    for line in body.splitlines():
        if line.strip():
            match = _HEADING.match(line.strip())
            return match.group("title") if match else ""
    return ""


def parse_note(raw: str, *, fallback_title: str) -> tuple[str, str, str]:
    """``(title, url, body)`` of a note.

    The title comes from the front matter, else a Markdown heading on the first line, else
    ``fallback_title``; the url from the front matter, else ``""``. A block that opens with
    ``---`` but never closes is not front matter: the whole note is body.
    """
    text = normalise_newlines(raw.removeprefix("\ufeff"))
    lines = text.split("\n")
    parsed = _front_matter(lines)
    fields, body = ({}, text) if parsed is None else (parsed[0], "\n".join(lines[parsed[1] :]))
    body = body.strip()
    title = fields.get("title", "") or _first_heading(body) or fallback_title
    return title, fields.get("url", ""), body


def _looks_binary(text: str) -> bool:
    """NUL characters, or more than 5 % control characters other than tabs and line breaks."""
    controls = len(_CONTROL.findall(text))
    return "\x00" in text or controls > MAX_CONTROL_SHARE * len(text)


def decode_text(data: bytes, *, name: str) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252; binary data is refused.

    A byte-order mark is removed.
    """
    binary = InputError(f"{name} looks like a binary file, not text")
    if data.startswith(_BOMS_UTF16):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise binary from exc
    elif b"\x00" in data:
        raise binary
    else:
        text = _decode_8bit(data, name=name)
    if _looks_binary(text):
        raise binary
    return text


def _decode_8bit(data: bytes, *, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name} could not be read as UTF-8, UTF-16 or Windows-1252 text") from exc


def _check_upload(name: str, data: bytes, *, max_bytes: int) -> None:
    suffix = Path(name).suffix.lower()
    if suffix not in ACCEPTED_EXTENSIONS:
        accepted = ", ".join(ACCEPTED_EXTENSIONS)
        shown = suffix or "no extension"
        raise InputError(f"{name}: only {accepted} files can be added to the library ({shown})")
    if not data:
        raise InputError(f"{name} is empty")
    if len(data) > max_bytes:
        raise InputError(
            f"{name} is {len(data):,} bytes; the largest file accepted is {max_bytes:,} bytes"
        )


def read_upload(name: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """A library document from an uploaded ``.txt`` or ``.md`` file.

    Raises ``InputError`` for another extension, an empty, oversized or binary file, and a
    file with no text besides its front matter.
    """
    base = Path(name).name
    _check_upload(base, data, max_bytes=max_bytes)
    check_type(base, data)
    text = normalise_newlines(decode_text(data, name=base))
    if not text.strip():
        raise InputError(f"{base} contains no text")
    title, url, body = parse_note(text, fallback_title=Path(base).stem)
    if not body:
        raise InputError(f"{base} has a front matter block but no text after it")
    return document_from_text(title=title, text=body, url=url)


def _note_paths(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("*.md") if path.name.lower() not in SKIPPED_NOTES)


def load_demo_library(folder: Path | None = None) -> tuple[Document, ...]:
    """The notes in ``folder`` (default ``data/library``), sorted by file name.

    Each document's key is its file stem, so loading again gives the same keys.
    """
    where = DEMO_FOLDER if folder is None else folder
    if not where.is_dir():
        raise SourceError(f"the demo library folder {where} does not exist")
    documents = []
    for path in _note_paths(where):
        try:
            raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(f"the library note {path.name} could not be read: {exc}") from exc
        title, url, body = parse_note(raw, fallback_title=path.stem)
        documents.append(document_from_text(title=title, text=body, url=url, key=path.stem))
    return tuple(documents)


def _unchanged(old: Document | None, new: Document) -> bool:
    return old is not None and (old.revision, old.title, old.url) == (
        new.revision,
        new.title,
        new.url,
    )


def seed_demo_library(store: DocumentStore, *, folder: Path | None = None) -> int:
    """Write the demo notes missing from ``store`` or changed since; return how many.

    A note counts as changed when its text (revision), title or url differs from the stored one.
    """
    stored = {doc.uid: doc for doc in store.documents(source=SourceKind.LIBRARY)}
    written = 0
    for doc in load_demo_library(folder):
        if not _unchanged(stored.get(doc.uid), doc):
            store.upsert_document(doc)
            written += 1
    return written


class LibrarySource:
    """Every library document in the store; the library is small and the user chose it."""

    kind: SourceKind = SourceKind.LIBRARY

    def __init__(self, store: DocumentStore) -> None:
        self._store = store

    def documents(self, claims: Sequence[Claim], *, text: str) -> tuple[Document, ...]:
        try:
            return tuple(self._store.documents(source=SourceKind.LIBRARY))
        except StoreError as exc:
            raise SourceError(f"the reference library could not be read: {exc}") from exc
