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
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00", r"photo\.txt is a PNG image, not text"),
    ],
)
def test_a_bad_upload_says_what_is_wrong(name: str, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        upload_document(name, data)


# --- a size cap per reference document (issue 11) -------------------------------------------


def test_a_word_file_with_more_text_than_a_document_may_hold_is_refused_by_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import docx.text.paragraph

    from checks.sources.base import MAX_DOCUMENT_CHARS
    from tests.samples import make_docx

    paragraph = "The harbour board met on 3 May 2024 and voted to close the old pier. " * 20
    data = make_docx(tuple([paragraph] * 3_000), title="Minutes")  # 4.1 M characters of text
    assert len(data) < 200_000  # a small file: the text compresses well
    read = {"paragraphs": 0}
    text_of = docx.text.paragraph.Paragraph.text

    def counted(self: docx.text.paragraph.Paragraph) -> str:
        read["paragraphs"] += 1
        return str(text_of.fget(self))

    monkeypatch.setattr(docx.text.paragraph.Paragraph, "text", property(counted))
    with pytest.raises(InputError) as caught:
        upload_document("minutes.docx", data)
    assert MAX_DOCUMENT_CHARS == 1_000_000
    assert str(caught.value) == (
        "minutes.docx has more than 1,000,000 characters of text, the limit: split it into "
        "parts, or keep only the part you need"
    )
    # The heading, then paragraphs of 1,380 characters: the 725th passes 1,000,000; no more
    # of the 3,000 is read.
    assert (len(paragraph), read["paragraphs"]) == (1_380, 1 + 725)


def test_a_pasted_or_uploaded_note_over_the_cap_is_refused_and_one_at_the_cap_is_kept() -> None:
    from checks.sources.library import document_from_text

    at_cap = "a" * 999_999 + "."
    assert len(document_from_text(title="Long", text=at_cap).text) == 1_000_000
    with pytest.raises(InputError, match="“Long” has 1,000,001 characters of text"):
        document_from_text(title="Long", text=at_cap + "b")
    with pytest.raises(InputError, match="“big” has 1,199,999 characters of text"):
        upload_document("big.txt", b"word " * 240_000)
