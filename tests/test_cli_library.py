"""``python -m checks library add|list|remove``: the Sources page's ingest and limits, in a
batch (issue 10)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from checks.cli import main
from checks.errors import InputError
from checks.references import upload_document
from checks.store import Store
from tests.samples import make_pdf
from tests.test_cli import run

NOTE = b"---\ntitle: Harbour minutes\nurl: https://council.example/minutes\n---\n" + (
    b"The harbour council voted 7 to 2 on 3 May 2025 to close the Kestrel Bridge for repairs.\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
DEMO_NOTES = 12  # data/library, added when the database is first opened (as by the app)


def library(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["library", *args, "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys: pytest.CaptureFixture[str], db: Path) -> list[list[str]]:
    code, out, _ = library(capsys, db, "list")
    assert code == 0
    return [line.split("\t") for line in out.splitlines()]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "note": tmp_path / "minutes.md",
        "pdf": tmp_path / "release.pdf",
        "fake": tmp_path / "fake.pdf",
        "long": tmp_path / "book.txt",
    }
    paths["note"].write_bytes(NOTE)
    paths["pdf"].write_bytes(make_pdf())
    paths["fake"].write_bytes(PNG)
    paths["long"].write_bytes(b"word " * 240_000)
    return paths


def test_add_reads_files_as_the_sources_page_does_and_list_shows_them(
    tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "desk.sqlite3"
    code, out, err = library(capsys, db, "add", str(files["note"]), str(files["pdf"]))
    assert (code, err) == (0, "")
    note, pdf = upload_document("minutes.md", NOTE), upload_document("release.pdf", make_pdf())
    assert out.splitlines() == [
        f"added {note.uid}\tHarbour minutes\t{len(note.text):,} characters",
        f"added {pdf.uid}\tPress release\t{len(pdf.text):,} characters",
    ]
    rows = listed(capsys, db)
    assert len(rows) == DEMO_NOTES + 2
    assert len(note.text) == 87
    assert [note.uid, "Harbour minutes", "87 characters", "https://council.example/minutes"] in rows
    with Store.open(db) as store:
        stored = store.cached_document(note.uid)
    assert stored is not None
    assert stored.text == note.text


def test_title_and_url_given_on_the_command_line(
    tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "desk.sqlite3"
    code, out, _ = library(
        capsys, db, "add", str(files["pdf"]), "--title", "Ministry release", "--url",
        "https://ministry.example/r",
    )  # fmt: skip
    assert code == 0
    uid = out.split("\t")[0].removeprefix("added ")
    assert uid.startswith("library:ministry-release-")
    assert [uid, "Ministry release", "403 characters", "https://ministry.example/r"] in listed(
        capsys, db
    )


def test_a_title_for_several_files_is_refused(
    tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "desk.sqlite3"
    code, out, err = library(
        capsys, db, "add", str(files["note"]), str(files["pdf"]), "--title", "One title"
    )
    assert (code, out) == (1, "")
    assert err == ("error: --title and --url describe one document: give one FILE with them\n")


def test_each_bad_file_is_refused_with_the_apps_message_and_the_others_are_added(
    tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "desk.sqlite3"
    code, out, err = library(
        capsys, db, "add", str(files["fake"]), str(files["long"]), str(files["note"]),
        str(tmp_path / "missing.md"),
    )  # fmt: skip
    assert code == 1
    assert out.startswith("added library:harbour-minutes-")
    messages = []
    for name, data in (("fake.pdf", PNG), ("book.txt", files["long"].read_bytes())):
        with pytest.raises(InputError) as caught:
            upload_document(name, data)  # what the Sources page shows for the same file
        messages.append(f"error: {caught.value}")
    assert err.splitlines() == [
        *messages,
        f"error: cannot read {tmp_path / 'missing.md'}: No such file or directory",
        "3 of 4 files not added",
    ]
    assert messages[0].startswith("error: fake.pdf is a PNG image, not a PDF")
    assert "1,000,000" in messages[1]
    assert len(listed(capsys, db)) == DEMO_NOTES + 1


def test_remove_by_the_id_list_shows(
    tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "desk.sqlite3"
    _, out, _ = library(capsys, db, "add", str(files["note"]))
    uid = out.split("\t")[0].removeprefix("added ")
    code, out, _ = library(capsys, db, "remove", uid)
    assert (code, out) == (0, f"removed {uid}\tHarbour minutes\n")
    assert uid not in [row[0] for row in listed(capsys, db)]
    code, out, err = library(capsys, db, "remove", "library:nothing-here")
    assert (code, out) == (1, "")
    assert err == (
        "error: the library has no document 'library:nothing-here': 'python -m checks library "
        "list' shows the ids\n"
    )


def test_an_added_document_is_used_by_the_next_analysis(
    tmp_path: Path, files: dict[str, Path]
) -> None:
    db = tmp_path / "desk.sqlite3"
    assert run("library", "add", str(files["note"]), "--db", str(db)).returncode == 0
    article = tmp_path / "story.txt"
    article.write_text(
        "Bridge to close\n\nThe harbour council voted 7 to 2 on 3 May 2025 to close the "
        "Kestrel Bridge for repairs.\n",
        encoding="utf-8",
    )
    out = tmp_path / "verdicts.csv"
    result = run("analyze", str(article), "--source", "library", "--out", str(out),
                 "--db", str(db))  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert any(row["source_title"] == "Harbour minutes" for row in rows)


# --- hostile files: each one a clear message and exit code 1, never a traceback, and the
# good files of the same call still added --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("noise.txt", bytes(range(256)) * 16, "noise.txt looks like a binary file, not text"),
        ("empty.txt", b"", "empty.txt is empty"),
        ("blank.md", b"  \n\n\t \n", "blank.md contains no text"),
        ("photo.png", PNG, "photo.png: only .txt, .md, .html, .docx, .pdf files can be "
         "analysed (not .png)"),
        ("letter.docx", b"PK\x03\x04 not a zip", "letter.docx is not a readable Word (.docx) "
         "document"),
        ("notes.pdf", b"plain text, no PDF", "notes.pdf is not a PDF file"),
    ],
)  # fmt: skip
def test_a_hostile_file_is_refused_with_a_clear_message(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    message: str,
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "harbour minutes ✓ é.md"
    good.write_bytes(NOTE)
    code, out, err = library(capsys, tmp_path / "desk.sqlite3", "add", str(bad), str(good))
    assert code == 1
    assert err.splitlines() == [f"error: {message}", "1 of 2 files not added"]
    assert out.startswith("added library:harbour-minutes-")
    assert "Traceback" not in out + err


def test_a_folder_a_missing_file_and_a_huge_file_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("checks.cli_library.MAX_BYTES", 100)
    folder = tmp_path / "minutes.txt"  # a folder, whatever its name says
    folder.mkdir()
    huge = tmp_path / "big.txt"
    huge.write_bytes(b"word " * 21)
    code, out, err = library(
        capsys, tmp_path / "desk.sqlite3", "add", str(folder), str(tmp_path / "gone.md"),
        str(huge),
    )  # fmt: skip
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"error: {folder} is a folder, not a file: give the files in it",
        f"error: cannot read {tmp_path / 'gone.md'}: No such file or directory",
        "error: big.txt is 105 bytes; the largest file accepted is 100 bytes",
        "3 of 3 files not added",
    ]


def test_a_file_name_with_spaces_and_unicode_keeps_its_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "Protokoll März 2025 ✓.txt"
    note.write_text("Der Hafenrat stimmte am 3. Mai 2025 mit 7 zu 2 ab.\n", encoding="utf-8")
    db = tmp_path / "desk.sqlite3"
    code, out, _ = library(capsys, db, "add", str(note))
    assert code == 0
    uid = out.split("\t")[0].removeprefix("added ")
    assert [row[1] for row in listed(capsys, db) if row[0] == uid] == ["Protokoll März 2025 ✓"]
    code, out, _ = library(capsys, db, "remove", uid)
    assert (code, out) == (0, f"removed {uid}\tProtokoll März 2025 ✓\n")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "not a link", "file:///etc/passwd",
                                 "https://"])  # fmt: skip
def test_a_link_that_is_no_web_address_is_refused(
    tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str], url: str
) -> None:
    db = tmp_path / "desk.sqlite3"
    code, out, err = library(capsys, db, "add", str(files["note"]), "--url", url)
    assert (code, out) == (1, "")
    assert err.startswith("error: --url must be a web address starting with http:// or https://")
    assert len(listed(capsys, db)) == DEMO_NOTES
