"""Articles in: web pages from a loopback server, and every upload type built in the test."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from checks.errors import FetchError, InputError
from checks.ingest import fetch_url, is_url, iso_date, read_file, read_path, sniff_extension
from checks.ingest import web as web_module
from tests.samples import (
    ARTICLE_HTML,
    COMMENT_WORDS,
    HOME_HTML,
    NAV_WORDS,
    PARAGRAPHS,
    TITLE,
    blank_pdf,
    encrypt_pdf,
    make_docx,
    make_pdf,
    serve,
)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve() as base:
        yield base


# --- web pages ----------------------------------------------------------------------------


def test_article_page_keeps_the_article_and_drops_menus_and_comments(site: str) -> None:
    found = fetch_url(f"{site}/news/article.html")
    assert found.title == TITLE
    assert found.author == "Jane Reporter"
    assert found.published == "2024-06-15"
    assert found.url == f"{site}/news/article.html"
    assert found.text.split("\n\n") == [TITLE, *PARAGRAPHS]
    for word in (*NAV_WORDS, *COMMENT_WORDS):
        assert word not in found.text


def test_a_redirect_is_followed_and_the_final_address_kept(site: str) -> None:
    found = fetch_url(f"{site}/old-address")
    assert found.url == f"{site}/news/article.html"
    assert found.title == TITLE


def test_a_pdf_served_by_url_is_read_like_an_uploaded_pdf(site: str) -> None:
    found = fetch_url(f"{site}/release.pdf")
    assert found.url == f"{site}/release.pdf"
    assert found.title == "Press release"
    assert "30 September 2022" in found.text


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "page not found (HTTP 404)"),
        ("/forbidden", "refused access (HTTP 403)"),
        ("/", "does not look like an article"),
        ("/logo.png", "serves image/png, not a web page or a PDF"),
        ("/loop", "redirects more than 5 times"),
    ],
)
def test_bad_addresses_give_clear_messages(site: str, path: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        fetch_url(f"{site}{path}")


def test_a_slow_site_times_out_with_a_message(site: str) -> None:
    with pytest.raises(FetchError, match=r"did not send the page within 0.3 seconds"):
        fetch_url(f"{site}/slow", timeout=0.3)


def test_a_page_over_the_size_limit_is_refused(site: str) -> None:
    with pytest.raises(FetchError, match="the limit is 100 bytes"):
        fetch_url(f"{site}/news/article.html", max_bytes=100)


def test_nobody_listening_is_a_fetch_error() -> None:
    with pytest.raises(FetchError, match=re.escape("127.0.0.1:9 refused the connection")):
        fetch_url("http://127.0.0.1:9/")


def test_the_user_agent_names_the_tool() -> None:
    assert web_module.USER_AGENT.startswith("fact-check-workbench/")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("https://a.org/x", True), ("http://a.org", True), ("ftp://a.org", False), ("a.txt", False)],
)
def test_is_url(text: str, expected: bool) -> None:
    assert is_url(text) is expected


def test_not_a_web_address() -> None:
    with pytest.raises(InputError, match="not a web address"):
        fetch_url("file:///etc/passwd")


# --- uploads ------------------------------------------------------------------------------


def test_txt_in_windows_1252_and_utf16() -> None:
    text = "Café talks resume\n\nThe talks began on 3 May 2024 – officials said."
    assert read_file("a.txt", text.encode("cp1252")).text == text
    found = read_file("a.txt", text.encode("utf-16"))
    assert (found.title, found.text) == ("Café talks resume", text)


def test_markdown_with_front_matter_gives_title_and_url() -> None:
    data = b"---\ntitle: Talks\nurl: https://example.org/t\n---\n# Talks resume\n\nBody text.\n"
    found = read_file("note.md", data)
    assert (found.title, found.url, found.text) == (
        "Talks",
        "https://example.org/t",
        "# Talks resume\n\nBody text.",
    )


def test_html_upload_is_extracted_like_a_page() -> None:
    found = read_file("saved page.html", ARTICLE_HTML)
    assert found.title == TITLE
    assert found.text.split("\n\n")[1:] == list(PARAGRAPHS)
    assert found.url == ""


def test_docx_paragraphs_title_and_author() -> None:
    found = read_file("story.docx", make_docx())
    assert found.text.split("\n\n") == [TITLE, *PARAGRAPHS]
    assert (found.title, found.author) == (TITLE, "Jane Reporter")


def test_pdf_text_layer_and_document_information() -> None:
    found = read_file("release.pdf", make_pdf())
    assert found.text.splitlines() == list(PARAGRAPHS)
    assert (found.title, found.author) == ("Press release", "Press Office")


def test_read_path_and_sniffing_without_an_extension(tmp_path: Path) -> None:
    path = tmp_path / "story.docx"
    path.write_bytes(make_docx())
    assert read_path(path).title == TITLE
    assert read_file("standard input", make_pdf()).title == "Press release"
    assert sniff_extension(make_docx()) == ".docx"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt is empty"),
        ("blank.md", b"  \n\n ", "blank.md is empty: it holds no text"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.txt is a PNG image, not text"),
        ("secret.pdf", encrypt_pdf(make_pdf()), "secret.pdf is password-protected"),
        ("scan.pdf", blank_pdf(), "no text layer"),
        ("fake.pdf", b"just text, not a pdf", "fake.pdf is not a PDF file"),
        ("broken.pdf", b"%PDF-1.4\nnothing else", "broken.pdf is damaged"),
        ("fake.docx", b"PK\x03\x04 not really a zip", "not a readable Word"),
        ("secret.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "password-protected"),
        ("sheet.xlsx", b"data", "only .txt, .md, .html, .docx, .pdf files can be analysed"),
        ("menu.html", HOME_HTML, "does not look like an article"),
    ],
)
def test_bad_files_give_their_message(name: str, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        read_file(name, data)


def test_an_oversized_file_is_refused_before_it_is_read() -> None:
    with pytest.raises(InputError, match=r"big\.txt is 2,000 bytes; the largest .* 1,000 bytes"):
        read_file("big.txt", b"a" * 2000, max_bytes=1000)


def test_a_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_path(tmp_path / "nope.pdf")


def test_iso_date_refuses_what_is_not_a_date() -> None:
    assert iso_date("2024-06-15T10:30:00+02:00") == "2024-06-15"
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        iso_date("June 15")
