"""The demo reference library (data/library) and checks.sources.library."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from checks.errors import InputError, SourceError, StoreError
from checks.model import Document, SourceKind
from checks.sources.library import (
    DEMO_FOLDER,
    LibrarySource,
    document_from_text,
    load_demo_library,
    parse_note,
    read_upload,
    seed_demo_library,
)
from checks.store import Store

DEMO_KEYS = (
    "annexation-of-crimea",
    "annexation-of-four-regions",
    "china-russia-relations",
    "jens-stoltenberg",
    "nato",
    "putin-ceasefire-conditions-2024",
    "russian-invasion-of-ukraine",
    "russo-ukrainian-war",
    "summit-on-peace-in-ukraine",
    "ukraine-nato-relations",
    "un-general-assembly-resolutions-on-ukraine",
    "volodymyr-zelenskyy",
)


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+", text) if part.strip()]


def library_sentences() -> list[str]:
    return [s for doc in load_demo_library() for s in sentences(doc.text)]


# ---------------------------------------------------------------- the demo library


def test_demo_library_has_one_document_per_note_sorted_by_file_name() -> None:
    docs = load_demo_library()
    assert tuple(doc.key for doc in docs) == DEMO_KEYS
    assert {doc.source for doc in docs} == {SourceKind.LIBRARY}
    assert next(d for d in docs if d.key == "jens-stoltenberg").title == "Jens Stoltenberg"


@pytest.mark.parametrize("doc", load_demo_library(), ids=lambda doc: doc.key)
def test_every_note_has_a_title_a_wikipedia_url_and_4_to_10_sentences(doc: Document) -> None:
    assert doc.title.strip()
    assert doc.url.startswith("https://en.wikipedia.org/wiki/")
    assert 4 <= len(sentences(doc.text)) <= 10
    assert not any(line.lstrip().startswith(("-", "*", "#")) for line in doc.text.splitlines())
    assert not doc.text.startswith("---")


REQUIRED_FACTS = [
    (
        "putin speech",
        (
            "14 June 2024",
            "Foreign Ministry",
            "Moscow",
            "Putin",
            "Donetsk",
            "Luhansk",
            "Zaporizhzhia",
            "Kherson",
            "withdraw",
            "NATO",
        ),
    ),
    ("putin cease fire once", ("cease fire", "withdrawal", "NATO")),
    ("summit place and dates", ("Bürgenstock", "Switzerland", "15–16 June 2024")),
    ("summit absentees", ("Russia was not invited", "China did not attend")),
    ("speech a day before summit", ("a day before", "Summit on Peace in Ukraine")),
    ("zelenskyy president", ("Zelenskyy", "President of Ukraine", "20 May 2019")),
    ("zelenskyy reaction", ("Zelenskyy", "14 June 2024", "Italy", "G7", "ultimatum", "Hitler")),
    ("stoltenberg term", ("Stoltenberg", "Secretary General", "1 October 2014", "1 October 2024")),
    ("stoltenberg reaction", ("Stoltenberg", "14 June 2024", "not made in good faith")),
    ("nato founded", ("founded", "4 April 1949")),
    ("nato 32 members", ("32 members", "Sweden", "7 March 2024")),
    ("bucharest", ("2008 Bucharest summit", "Ukraine would become a member")),
    ("ukraine applied", ("Ukraine applied", "accelerated membership", "30 September 2022")),
    ("crimea annexed", ("annexed Crimea", "March 2014")),
    ("resolution 68/262", ("68/262", "27 March 2014", "territorial integrity")),
    (
        "four regions",
        (
            "proclaimed the annexation",
            "Donetsk",
            "Luhansk",
            "Zaporizhzhia",
            "Kherson",
            "30 September 2022",
        ),
    ),
    ("resolution ES-11/4", ("ES-11/4", "12 October 2022", "143 votes in favour", "invalid")),
    ("war began", ("Russo-Ukrainian War began", "February 2014")),
    ("full-scale invasion", ("full-scale invasion", "24 February 2022")),
    ("resolution ES-11/1", ("ES-11/1", "2 March 2022", "141 votes in favour", "withdraw")),
    ("no limits", ('"no limits" partnership', "4 February 2022", "China", "Russia")),
    ("position paper", ("China", "12-point position paper", "February 2023")),
    ("no alliance", ("China and Russia", "not bound by a military alliance")),
]


@pytest.mark.parametrize(("fact", "tokens"), REQUIRED_FACTS, ids=[f for f, _ in REQUIRED_FACTS])
def test_required_fact_is_stated_in_one_sentence(fact: str, tokens: tuple[str, ...]) -> None:
    hits = [s for s in library_sentences() if all(token in s for token in tokens)]
    assert hits, f"no library sentence states {fact!r} with {tokens}"


def test_the_speech_date_is_written_14_june_2024_and_never_as_the_article_has_it() -> None:
    text = "\n".join(doc.text for doc in load_demo_library())
    assert "June 15, 2024" not in text
    assert "15 June 2024" not in text
    assert "Zelensky " not in text  # the library spells the name Zelenskyy


def test_readme_is_not_loaded_as_a_note(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# About\n\nThese notes are ours.", encoding="utf-8")
    (tmp_path / "b.md").write_text("Bee sentence one. Bee sentence two.", encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ntitle: A\n---\nAy.", encoding="utf-8")
    (tmp_path / "skip.txt").write_text("Not a note.", encoding="utf-8")
    docs = load_demo_library(tmp_path)
    assert [(d.key, d.title, d.text) for d in docs] == [
        ("a", "A", "Ay."),
        ("b", "b", "Bee sentence one. Bee sentence two."),
    ]


def test_missing_library_folder_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="does not exist"):
        load_demo_library(tmp_path / "nowhere")


def test_default_folder_is_the_repository_data_library() -> None:
    assert Path(__file__).resolve().parents[1] / "data" / "library" == DEMO_FOLDER


# ---------------------------------------------------------------- documents and notes


def test_document_from_text_fills_key_revision_and_time() -> None:
    doc = document_from_text(title="  Jens  Stoltenberg ", text="Stoltenberg led NATO.\r\n")
    assert doc.source is SourceKind.LIBRARY
    assert doc.title == "Jens Stoltenberg"
    assert doc.text == "Stoltenberg led NATO."
    assert doc.revision == "17c466e365f2"
    assert doc.key == "jens-stoltenberg-17c466e3"
    assert doc.uid == "library:jens-stoltenberg-17c466e3"
    assert doc.url == ""
    assert doc.language == "en"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", doc.fetched_at)


def test_document_from_text_keeps_a_given_key_url_and_language() -> None:
    doc = document_from_text(
        title="NATO",
        text="NATO was founded in 1949.",
        url="https://x.test/n",
        key="nato",
        language="de",
    )
    assert (doc.key, doc.url, doc.language) == ("nato", "https://x.test/n", "de")


@pytest.mark.parametrize(
    ("title", "text", "message"),
    [
        ("", "Some text.", "title"),
        ("  \n", "Some text.", "title"),
        ("Notes", "", "has no text"),
        ("Notes", " \r\n\t", "has no text"),
    ],
)
def test_document_from_text_refuses_empty_title_or_text(
    title: str, text: str, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        document_from_text(title=title, text=text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "---\ntitle: NATO\nurl: https://en.wikipedia.org/wiki/NATO\n---\n\nNATO was founded.\n",
            ("NATO", "https://en.wikipedia.org/wiki/NATO", "NATO was founded."),
        ),
        (
            '\ufeff---\r\ntitle: "Quoted: title"\r\nauthor: me\r\n---\r\nBody one.\r\nBody two.',
            ("Quoted: title", "", "Body one.\nBody two."),
        ),
        ("# Heading title\n\nBody text.", ("Heading title", "", "# Heading title\n\nBody text.")),
        ("Plain text only.", ("fallback", "", "Plain text only.")),
        ("---\ntitle: never closed\nBody.", ("fallback", "", "---\ntitle: never closed\nBody.")),
        (
            "---\nurl: https://x.test\n---\n## Sub heading\nBody.",
            ("Sub heading", "https://x.test", "## Sub heading\nBody."),
        ),
        ("Body first.\n\n# Later heading", ("fallback", "", "Body first.\n\n# Later heading")),
    ],
    ids=["front matter", "bom crlf quotes", "heading", "plain", "unclosed", "url only", "late #"],
)
def test_parse_note(raw: str, expected: tuple[str, str, str]) -> None:
    assert parse_note(raw, fallback_title="fallback") == expected


# ---------------------------------------------------------------- uploads


@pytest.mark.parametrize(
    ("name", "data", "title", "text"),
    [
        ("notes.md", "# Notes\n\nThe café.".encode(), "Notes", "# Notes\n\nThe café."),
        ("kyiv.txt", b"\xef\xbb\xbf" + "Kyiv café.".encode(), "kyiv", "Kyiv café."),
        ("utf16.txt", "Zelenskyy café.".encode("utf-16"), "utf16", "Zelenskyy café."),
        ("utf16be.txt", b"\xfe\xff" + "Caf\u00e9 BE.".encode("utf-16-be"), "utf16be", "Café BE."),
        ("old.txt", b"caf\xe9 au lait", "old", "café au lait"),
        (
            "dos.md",
            b"---\r\ntitle: T\r\nurl: https://x.test/t\r\n---\r\nLine one.\r\nLine two.\r\n",
            "T",
            "Line one.\nLine two.",
        ),
        ("dir/UPPER.MD", b"Upper case extension.", "UPPER", "Upper case extension."),
    ],
    ids=["utf-8", "utf-8 bom", "utf-16 le", "utf-16 be", "cp1252", "crlf", "upper ext"],
)
def test_read_upload_decodes_text(name: str, data: bytes, title: str, text: str) -> None:
    doc = read_upload(name, data)
    assert (doc.title, doc.text, doc.source) == (title, text, SourceKind.LIBRARY)


def test_read_upload_keeps_front_matter_url_and_revision() -> None:
    doc = read_upload(
        "dos.md", b"---\r\ntitle: T\r\nurl: https://x.test/t\r\n---\r\nLine one.\r\nLine two.\r\n"
    )
    assert doc.url == "https://x.test/t"
    assert doc.revision == "2f9ce0b72be8"
    assert doc.key == "t-2f9ce0b7"


def test_same_upload_twice_gets_the_same_key() -> None:
    assert read_upload("a.txt", b"Same text.").key == read_upload("a.txt", b"Same text.").key


PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.txt", PNG_HEADER, r"photo\.txt is a PNG image, not text"),
        ("ctl.md", bytes(range(1, 32)) * 4, r"ctl\.md looks like a binary file, not text"),
        ("one_nul.txt", b"Mostly text. " * 100 + b"\x00", r"looks like a binary file"),
        ("empty.txt", b"", r"empty\.txt is empty"),
        ("blank.txt", b"  \r\n\t\n", r"blank\.txt contains no text"),
        ("only.md", b"---\ntitle: x\n---\n\n", r"only\.md has a front matter block but no text"),
        ("tool.exe", b"MZ\x90\x00", r"tool\.exe: only \.txt, \.md files can be added"),
        ("noext", b"Some text.", r"only \.txt, \.md files .*\(no extension\)"),
        ("bad.txt", b"caf\x81", r"bad\.txt could not be read as UTF-8, UTF-16 or Windows-1252"),
    ],
    ids=[
        "png",
        "controls",
        "one nul",
        "empty",
        "blank",
        "front matter only",
        "exe",
        "no ext",
        "undecodable",
    ],
)
def test_read_upload_refuses(name: str, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_upload(name, data)


def test_read_upload_refuses_a_file_over_the_limit() -> None:
    assert read_upload("ok.txt", b"0123456789", max_bytes=10).text == "0123456789"
    with pytest.raises(InputError, match=r"big\.txt is 11 bytes; the largest file accepted is 10"):
        read_upload("big.txt", b"0123456789A", max_bytes=10)


# ---------------------------------------------------------------- store and source


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "workbench.sqlite3") as opened:
        yield opened


def test_seeding_twice_writes_nothing_the_second_time(store: Store) -> None:
    assert seed_demo_library(store) == 12
    assert seed_demo_library(store) == 0
    assert sorted(d.key for d in store.documents(source=SourceKind.LIBRARY)) == list(DEMO_KEYS)
    stored = store.document("library:jens-stoltenberg")
    assert stored.title == "Jens Stoltenberg"
    assert stored.url == "https://en.wikipedia.org/wiki/Jens_Stoltenberg"


def test_reseeding_writes_only_the_changed_note(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "library"
    shutil.copytree(DEMO_FOLDER, folder)
    assert seed_demo_library(store, folder=folder) == 12
    nato = folder / "nato.md"
    nato.write_text(nato.read_text(encoding="utf-8") + "One more sentence.\n", encoding="utf-8")
    assert seed_demo_library(store, folder=folder) == 1
    assert store.document("library:nato").text.endswith("One more sentence.")
    assert len(store.documents(source=SourceKind.LIBRARY)) == 12


def test_reseeding_writes_a_note_whose_title_changed(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    note = folder / "nato.md"
    note.write_text("---\ntitle: NATO\n---\nNATO was founded on 4 April 1949.", encoding="utf-8")
    assert seed_demo_library(store, folder=folder) == 1
    note.write_text("---\ntitle: The alliance\n---\nNATO was founded on 4 April 1949.", "utf-8")
    assert seed_demo_library(store, folder=folder) == 1
    assert store.document("library:nato").title == "The alliance"


def test_library_source_returns_every_library_document(store: Store) -> None:
    other = Document(SourceKind.WIKIPEDIA, "NATO", "NATO", "", "1", "en", "Text.", "")
    store.upsert_document(other)
    seed_demo_library(store)
    source = LibrarySource(store)
    assert source.kind is SourceKind.LIBRARY
    docs = source.documents((), text="Any article.")
    assert sorted(d.key for d in docs) == list(DEMO_KEYS)


class BrokenStore:
    """Fails the way a locked or damaged database does."""

    def upsert_document(self, doc: Document) -> None:
        raise StoreError("database is locked")

    def documents(self, *, source: SourceKind | None = None) -> Sequence[Document]:
        raise StoreError("database is locked")


def test_library_source_turns_a_store_failure_into_a_source_error() -> None:
    with pytest.raises(SourceError, match="library could not be read: database is locked"):
        LibrarySource(BrokenStore()).documents((), text="")
