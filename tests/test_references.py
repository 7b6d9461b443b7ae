"""checks.references.upload_document: one way from an uploaded file to a library document."""

from __future__ import annotations

import pytest

from checks.errors import InputError
from checks.model import SourceKind
from checks.references import upload_document

PAGE = (
    "<html><head><title>Ministry release</title></head><body><nav>Home | About</nav>"
    "<article><h1>Ministry release</h1>"
    + "".join(
        f"<p>The ministry said on 3 May 2024 that it had opened {n} new schools in the "
        "northern districts, more than in any earlier year of the programme.</p>"
        for n in (12, 14, 16)
    )
    + "</article><footer>Contact us</footer></body></html>"
)


def test_a_markdown_note_keeps_its_front_matter_title_and_url() -> None:
    doc = upload_document(
        "note.md", b"---\ntitle: Budget note\nurl: https://x.test/b\n---\nSpending rose 3%.\n"
    )
    assert (doc.source, doc.title, doc.url, doc.text) == (
        SourceKind.LIBRARY,
        "Budget note",
        "https://x.test/b",
        "Spending rose 3%.",
    )


def test_a_web_page_becomes_clean_text_with_its_title() -> None:
    doc = upload_document("release.html", PAGE.encode("utf-8"))
    assert doc.title == "Ministry release"
    assert "opened 14 new schools" in doc.text
    assert "Home | About" not in doc.text
    assert "<p>" not in doc.text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tool.exe", b"MZ", r"tool\.exe: only"),
        ("empty.pdf", b"", r"empty\.pdf is empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00", r"binary file"),
    ],
)
def test_a_bad_upload_says_what_is_wrong(name: str, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        upload_document(name, data)
