"""checks.filetypes: a file of the wrong type says what it is (issue 12)."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest

from checks.errors import InputError
from checks.filetypes import what_it_is
from checks.ingest import read_file
from checks.references import upload_document
from tests.samples import make_docx, make_pdf

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"
GIF = b"GIF89a\x10\x00\x10\x00"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"
ELF = b"\x7fELF\x02\x01\x01\x00"
HTML_PAGE = b"<!DOCTYPE html><html><body><p>A page.</p></body></html>"


def _zip(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


KINDS = [
    (PNG, "a PNG image"),
    (JPEG, "a JPEG image"),
    (GIF, "a GIF image"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "a WebP image"),
    (gzip.compress(b"text"), "a gzip archive"),
    (EXE, "a Windows program (.exe)"),
    (ELF, "a Linux program"),
    (b"SQLite format 3\x00\x10\x00", "an SQLite database"),
    (_zip("a.txt"), "a ZIP archive"),
    (_zip("[Content_Types].xml", "xl/workbook.xml"), "an Excel (.xlsx) workbook"),
    (make_docx(), "a Word (.docx) document"),
    (make_pdf(), "a PDF document"),
    (HTML_PAGE, "an HTML page"),
    (b"The council met on 3 May 2024.", None),
]


@pytest.mark.parametrize(("data", "kind"), KINDS)
def test_what_a_file_is_comes_from_its_first_bytes(data: bytes, kind: str | None) -> None:
    assert what_it_is(data) == kind


ADVICE = ": choose the right file, or paste its text"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("fake.pdf", PNG, "fake.pdf is a PNG image, not a PDF"),
        ("scan.pdf", JPEG, "scan.pdf is a JPEG image, not a PDF"),
        ("report.pdf", make_docx(), "report.pdf is a Word (.docx) document, not a PDF"),
        ("saved.pdf", HTML_PAGE, "saved.pdf is an HTML page, not a PDF"),
        ("story.docx", make_pdf(), "story.docx is a PDF document, not a Word (.docx) document"),
        ("story.docx", EXE, "story.docx is a Windows program (.exe), not a Word (.docx) document"),
        ("sheet.docx", _zip("xl/workbook.xml"),
         "sheet.docx is an Excel (.xlsx) workbook, not a Word (.docx) document"),
        ("page.html", GIF, "page.html is a GIF image, not a web page"),
        ("page.html", make_pdf(), "page.html is a PDF document, not a web page"),
        ("notes.txt", gzip.compress(b"x"), "notes.txt is a gzip archive, not text"),
        ("notes.md", ELF, "notes.md is a Linux program, not text"),
    ],
)  # fmt: skip
def test_a_file_of_another_type_than_its_name_says_is_refused_naming_both(
    name: str, data: bytes, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        read_file(name, data)
    assert str(caught.value) == message + ADVICE


def test_a_library_upload_of_the_wrong_type_says_what_it_is() -> None:
    for name in ("photo.md", "photo.pdf"):
        with pytest.raises(InputError) as caught:
            upload_document(name, PNG)
        assert str(caught.value).startswith(f"{name} is a PNG image, not ")


def test_standard_input_that_is_an_image_is_refused_by_what_it_is() -> None:
    with pytest.raises(InputError) as caught:
        read_file("", PNG)
    assert str(caught.value) == (
        "the file is a PNG image, not an article: give a .txt, .md, .html, .docx or .pdf file"
    )


def test_files_of_the_right_type_are_read() -> None:
    assert read_file("a.pdf", make_pdf()).title == "Press release"
    assert read_file("a.docx", make_docx()).text
    assert read_file("saved.txt", HTML_PAGE).text == HTML_PAGE.decode()  # HTML is text too
