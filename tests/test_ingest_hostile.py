"""Hostile uploads: zip bombs dressed as Word files, broken PDFs, path-like file names.

Each is refused with an InputError naming the file (or read), quickly, without inflating.
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from checks.errors import InputError
from checks.ingest import read_file
from checks.ingest.office import MAX_UNZIPPED_BYTES
from checks.sources.library import read_upload
from tests.hostile import MIB, docx_bomb, docx_with, write_zip
from tests.samples import make_docx, make_pdf

QUICK = 2.0  # seconds: refusing must not mean inflating


@pytest.fixture(scope="module")
def real_docx() -> bytes:
    return make_docx()


def refused(name: str, data: bytes, message: str) -> float:
    started = time.perf_counter()
    with pytest.raises(InputError, match=message):
        read_file(name, data)
    return time.perf_counter() - started


def test_a_2_gib_zip_bomb_dressed_as_docx_is_refused_before_inflating(real_docx: bytes) -> None:
    bomb = docx_bomb(real_docx, mib=2048)
    assert len(bomb) < 3 * MIB  # tiny on the wire, under the 10 MB upload limit
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:  # really a bomb: it declares 2 GiB ...
        part = archive.getinfo("word/document.xml")
        assert part.file_size == 2048 * MIB
        with archive.open(part) as stream:  # ... and really inflates to zeros
            assert stream.read(MIB) == b"\0" * MIB
    took = refused("report.docx", bomb, r"report\.docx would unpack to 2,148,\d{3},\d{3} bytes")
    assert took < QUICK


def test_a_bomb_that_lies_about_its_size_stops_at_the_declared_size(real_docx: bytes) -> None:
    """Declared 1,000 bytes, inflates to 1 GiB: read in 1 MiB steps, stopped at 1,000 bytes,
    the CRC fails (python-docx alone would inflate the whole GiB in one call)."""
    took = refused(
        "liar.docx", docx_bomb(real_docx, mib=1024, declared=1000), "not a readable Word"
    )
    assert took < QUICK


def test_a_zip_of_too_many_parts_is_refused() -> None:
    parts = [(f"word/media/{n}.bin", b"\x03\x00", 0, 0) for n in range(6000)]
    refused("many.docx", write_zip(parts), r"in 6,000 parts")


def test_an_ordinary_docx_passes_the_checks(real_docx: bytes) -> None:
    assert MAX_UNZIPPED_BYTES >= 95 * MIB
    assert read_file("fine.docx", real_docx).text  # an ordinary document passes the check


@pytest.mark.parametrize(
    "parts",
    [
        {"word/document.xml": b"<w:document><unclosed"},
        {"word/document.xml": b"<?xml version='1.0'?><other/>"},
        {"[Content_Types].xml": b"not xml"},
        {
            "word/document.xml": b"<?xml version='1.0'?><!DOCTYPE d [<!ENTITY a 'aaaaaaaaaa'>"
            b"<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;'>"
            b"]><d>&c;&c;&c;&c;&c;&c;&c;&c;</d>"
        },
    ],
    ids=["broken-xml", "wrong-root", "broken-content-types", "entity-expansion"],
)
def test_a_docx_with_broken_parts_is_an_input_error(
    real_docx: bytes, parts: dict[str, bytes]
) -> None:
    refused("broken.docx", docx_with(real_docx, parts), r"broken\.docx is not a readable Word")


def _pdf_variants() -> dict[str, bytes]:
    pdf = make_pdf()
    return {
        "header-only": b"%PDF-1.7\n",
        "garbage-after-header": b"%PDF-1.4\n" + bytes(range(256)) * 40,
        "truncated-half": pdf[: len(pdf) // 2],
        "no-xref": pdf.replace(b"xref", b"xxxx").replace(b"startxref", b"startxxxx"),
        "broken-stream": pdf.replace(b"stream", b"strxam", 1),
        "loop-of-pages": b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[2 0 R]/Count 1>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF",
    }


def outcome(name: str, data: bytes) -> str:
    """``text: ...`` when the file was read, ``refused: <message>`` when it was not."""
    try:
        return f"text: {read_file(name, data).text}"
    except InputError as error:
        return f"refused: {error}"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("header-only", "refused: header-only.pdf is damaged or not a PDF that can be read"),
        ("garbage-after-header", "refused: garbage-after-header.pdf is damaged"),
        ("truncated-half", "refused: truncated-half.pdf "),
        ("no-xref", "refused: no-xref.pdf is damaged or not a PDF that can be read"),
        ("broken-stream", "refused: broken-stream.pdf has no text layer"),
        ("loop-of-pages", "refused: loop-of-pages.pdf is damaged"),
    ],
)
def test_a_malformed_pdf_is_refused_naming_it_or_read(kind: str, expected: str) -> None:
    started = time.perf_counter()
    assert outcome(f"{kind}.pdf", _pdf_variants()[kind]).startswith(expected)
    assert time.perf_counter() - started < 5.0


@pytest.mark.parametrize(
    "name", ["../../x.txt", "/etc/passwd.txt", "..\\..\\x.txt", "a/../../../../tmp/x.txt"]
)
def test_a_file_name_is_never_used_as_a_path(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    found = read_file(name, b"The council met on 3 May 2024.")
    assert found.origin == Path(name).name  # the last part only, for messages
    assert "/" not in found.origin
    doc = read_upload(name, b"The council met on 3 May 2024.")
    assert doc.text == "The council met on 3 May 2024."
    assert "/" not in doc.key
    assert ".." not in doc.key
    assert list(tmp_path.iterdir()) == []  # nothing written anywhere near


def test_an_empty_name_and_a_bad_extension_are_named() -> None:
    with pytest.raises(InputError, match=r"x\.exe: only"):
        read_file("../x.exe", b"MZ")
    assert read_file("", b"Plain text here.").text == "Plain text here."
