"""Word (.docx, python-docx) and PDF (pypdf) files: their text and document properties."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator

import docx
import pypdf
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree
from pypdf.errors import DependencyError, PdfReadError, PyPdfError

from checks.errors import InputError
from checks.ingest.base import MAX_TEXT_CHARS, ArticleInput, article, paragraphs, text_too_long

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .docx and old .doc files
PDF_MAGIC = b"%PDF-"
# A Word file is a zip, and a zip can lie. Before python-docx sees it, every part is inflated
# here in steps of STEP bytes (zipfile stops a part at its declared size and checks its CRC)
# into a new, uncompressed zip, so nothing can inflate beyond what was declared and counted.
# Refused: more than MAX_UNZIPPED_BYTES declared in total (a zip bomb), more than MAX_PARTS
# parts, and compression methods Word never writes (bzip2 and lzma inflate without a bound).
MAX_UNZIPPED_BYTES = 100_000_000
MAX_PARTS = 5_000
STEP = 1 << 20
_WORD_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def read_docx(data: bytes, name: str, *, max_chars: int = MAX_TEXT_CHARS) -> ArticleInput:
    """Every paragraph of the body in order; title and author from the file's properties.
    Reading stops, with an InputError, once the text passes ``max_chars`` characters."""
    if data.startswith(OLE_MAGIC):
        raise InputError(
            f"{name} is password-protected or an old .doc file: open it in Word, save it as "
            ".docx without a password, and upload that"
        )
    clean = unpacked_docx(data, name)
    try:
        document = docx.Document(io.BytesIO(clean))
        text = paragraphs(_bounded((p.text for p in document.paragraphs), name, max_chars))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        zlib.error,
        etree.XMLSyntaxError,
        KeyError,
        ValueError,
        AttributeError,  # python-docx on a part that is XML but not the expected element
        EOFError,
    ) as error:
        raise InputError(f"{name} is not a readable Word (.docx) document") from error
    if not text:
        raise InputError(f"{name} contains no text (only tables or images are not read)")
    props = document.core_properties
    return article(text, origin=name, title=props.title or "", author=props.author or "")


def _bounded(texts: Iterable[str], name: str, max_chars: int) -> Iterator[str]:
    """``texts`` one by one until their characters pass ``max_chars``: then InputError."""
    total = 0
    for text in texts:
        total += len(text)
        if total > max_chars:
            raise text_too_long(name, max_chars)
        yield text


def _declared_parts(archive: zipfile.ZipFile, name: str) -> list[zipfile.ZipInfo]:
    """The parts, once their declared sizes, count and methods are known to be sane."""
    parts = archive.infolist()
    declared = sum(part.file_size for part in parts)
    if declared > MAX_UNZIPPED_BYTES or len(parts) > MAX_PARTS:
        raise InputError(
            f"{name} would unpack to {declared:,} bytes in {len(parts):,} parts (the limit is "
            f"{MAX_UNZIPPED_BYTES:,} bytes): refused, it may be a zip bomb. Open it in Word "
            "and save it again, or paste its text"
        )
    if any(part.compress_type not in _WORD_METHODS for part in parts):
        raise InputError(f"{name} uses a compression Word does not write: not a .docx file")
    return parts


def _inflate(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bytes:
    chunks = []
    with archive.open(part) as stream:
        while chunk := stream.read(STEP):
            chunks.append(chunk)
    return b"".join(chunks)


def unpacked_docx(data: bytes, name: str) -> bytes:
    """The Word file as a zip of its parts stored uncompressed, each inflated in bounded
    steps and no further than its declared size; InputError for a bomb or a broken zip."""
    out = io.BytesIO()
    try:
        with (
            zipfile.ZipFile(io.BytesIO(data)) as archive,
            zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as clean,
        ):
            for part in _declared_parts(archive, name):
                clean.writestr(part.filename, _inflate(archive, part))
    except (zipfile.BadZipFile, zlib.error, ValueError, EOFError, NotImplementedError) as error:
        raise InputError(f"{name} is not a readable Word (.docx) document") from error
    return out.getvalue()


def _pdf_reader(data: bytes, name: str) -> pypdf.PdfReader:
    if PDF_MAGIC not in data[:1024]:
        raise InputError(f"{name} is not a PDF file")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(
                f"{name} is password-protected: open it, save a copy without a password, "
                "and upload that (or paste its text)"
            )
    except DependencyError as error:
        raise InputError(f"{name} is encrypted and cannot be read here: {error}") from error
    except (PdfReadError, PyPdfError, ValueError, KeyError) as error:
        raise InputError(f"{name} is damaged or not a PDF that can be read ({error})") from error
    return reader


def read_pdf(data: bytes, name: str, *, max_chars: int = MAX_TEXT_CHARS) -> ArticleInput:
    """The text layer of every page, pages as paragraphs; title and author from the PDF's
    document information. A scanned PDF (no text layer) is refused with advice; reading
    stops, with an InputError, once the text passes ``max_chars`` characters."""
    reader = _pdf_reader(data, name)
    try:
        pages = list(_bounded((p.extract_text() or "" for p in reader.pages), name, max_chars))
        info = reader.metadata
    except (PdfReadError, PyPdfError, ValueError, KeyError) as error:
        raise InputError(f"{name} is damaged: its text cannot be read ({error})") from error
    text = paragraphs(pages)
    if not text:
        raise InputError(
            f"{name} has no text layer (a scanned image?): run it through OCR or paste the text"
        )
    title = str(info.title or "") if info else ""
    author = str(info.author or "") if info else ""
    return article(text, origin=name, title=title, author=author)
