"""What a file really is, from its first bytes: "fake.pdf is a PNG image, not a PDF".

Uploads are named by their senders; the name's extension picks the reader, and a file whose
content is another type is refused with a message naming both (``check_type``), before any
reader sees it. Only common types are recognised (images, archives, Office files, programs,
media, databases); anything else goes to the reader, which has its own messages.

>>> what_it_is(b"\\x89PNG\\r\\n\\x1a\\n...."), what_it_is(b"MZ\\x90\\x00"), what_it_is(b"Hello")
('a PNG image', 'a Windows program (.exe)', None)
>>> check_type("fake.pdf", b"GIF89a......")
Traceback (most recent call last):
...
checks.errors.InputError: fake.pdf is a GIF image, not a PDF: choose the right file, or ...
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Final

from checks.errors import InputError

PDF: Final = "a PDF document"
WORD: Final = "a Word (.docx) document"
HTML: Final = "an HTML page"
ZIP: Final = "a ZIP archive"
OLD_OFFICE: Final = "an old Office file (.doc, .xls) or a password-protected one"
_MAGIC: Final[tuple[tuple[bytes, str], ...]] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"MZ", "a Windows program (.exe)"),
    (b"\x7fELF", "a Linux program"),
    (b"\xcf\xfa\xed\xfe", "a macOS program"),
    (b"\xca\xfe\xba\xbe", "a macOS program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLD_OFFICE),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"{\\rtf", "a Rich Text (.rtf) document"),
    (b"ZIM\x04", "a Kiwix ZIM file"),
)
_ZIP_KINDS: Final = (
    ("word/document.xml", WORD),
    ("xl/workbook.xml", "an Excel (.xlsx) workbook"),
    ("ppt/presentation.xml", "a PowerPoint (.pptx) presentation"),
)
_HTML_STARTS: Final = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article")
# What each extension must be; None: text (any type above but HTML is wrong for it).
EXPECTED: Final[dict[str, tuple[str, str] | None]] = {
    ".pdf": (PDF, "a PDF"),
    ".docx": (WORD, "a Word (.docx) document"),
    ".html": (HTML, "a web page"),
    ".htm": (HTML, "a web page"),
    ".txt": None,
    ".md": None,
    ".markdown": None,
}


def what_it_is(data: bytes) -> str | None:
    """The type ``data`` is, in words (``"a PNG image"``), or None when it is none of the
    recognised ones (text, most likely)."""
    head = data[:64]
    if data[:1024].find(b"%PDF-") != -1:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}[
            head[8:12]
        ]
    if head[4:8] == b"ftyp":
        return "an MP4 video or audio file"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(_HTML_STARTS):
        return HTML
    return None


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError):
        return None  # a damaged zip: the reader says so
    for marker, kind in _ZIP_KINDS:
        if marker in names:
            return kind
    if "mimetype" in names and "META-INF/container.xml" in names:
        return "an EPUB e-book"
    if any(name.startswith("content.xml") for name in names):
        return "an OpenDocument file (.odt, .ods)"
    return ZIP


def check_type(name: str, data: bytes) -> None:
    """``InputError`` when the content of the file ``name`` is another type than its
    extension says ("fake.pdf is a PNG image, not a PDF"); nothing when it fits, when the
    type is not recognised, or for an extension not in ``EXPECTED``."""
    base = Path(name).name or "the file"
    suffix = Path(base).suffix.lower()
    if suffix not in EXPECTED:
        return
    kind = what_it_is(data)
    expected = EXPECTED[suffix]
    if kind is None or (expected is None and kind == HTML):
        return
    if expected is None:
        wanted = "text"
    elif kind == expected[0] or (expected[0] == WORD and kind in (OLD_OFFICE, ZIP)):
        return  # the Word reader has the right message for these (protected, old, damaged)
    else:
        wanted = expected[1]
    raise InputError(f"{base} is {kind}, not {wanted}: choose the right file, or paste its text")
