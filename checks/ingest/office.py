"""Word (.docx, python-docx) and PDF (pypdf) files: their text and document properties."""

from __future__ import annotations

import io
import zipfile

import docx
import pypdf
from docx.opc.exceptions import PackageNotFoundError
from pypdf.errors import DependencyError, PdfReadError, PyPdfError

from checks.errors import InputError
from checks.ingest.base import ArticleInput, article, paragraphs

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .docx and old .doc files
PDF_MAGIC = b"%PDF-"


def read_docx(data: bytes, name: str) -> ArticleInput:
    """Every paragraph of the body in order; title and author from the file's properties."""
    if data.startswith(OLE_MAGIC):
        raise InputError(
            f"{name} is password-protected or an old .doc file: open it in Word, save it as "
            ".docx without a password, and upload that"
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(f"{name} is not a readable Word (.docx) document") from error
    text = paragraphs(paragraph.text for paragraph in document.paragraphs)
    if not text:
        raise InputError(f"{name} contains no text (only tables or images are not read)")
    props = document.core_properties
    return article(text, origin=name, title=props.title or "", author=props.author or "")


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


def read_pdf(data: bytes, name: str) -> ArticleInput:
    """The text layer of every page, pages as paragraphs; title and author from the PDF's
    document information. A scanned PDF (no text layer) is refused with advice."""
    reader = _pdf_reader(data, name)
    try:
        pages = [page.extract_text() or "" for page in reader.pages]
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
