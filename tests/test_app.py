"""The real app driven by AppTest: demo, analyse, focus panel verdict and note, export, restart."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from checks.export import to_csv
from checks.report import escape_markdown
from checks.store import Store
from tests.conftest import ROOT
from tests.samples import TITLE, encrypt_pdf, make_docx, make_pdf, serve

APP = str(ROOT / "app.py")
TIMEOUT = 120


@pytest.fixture(autouse=True)
def fresh_resources() -> None:
    """Each test starts like a new server process: no cached Store from another test."""
    st.cache_resource.clear()


def start() -> AppTest:
    return AppTest.from_file(APP, default_timeout=TIMEOUT).run()


def button(at: AppTest, label: str) -> object:
    return next(b for b in at.button if b.label == label)


def open_demo() -> AppTest:
    at = start()
    assert not at.exception
    assert [t.value for t in at.title] == ["New article"]
    button(at, "Open the demo article").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    return at


def test_first_visit_offers_the_demo_with_its_text_prefilled(db_path: Path) -> None:
    at = start()
    assert [t.value for t in at.title] == ["New article"]
    text = at.text_area(key="new-text").value
    assert text.startswith("Putin Proposes Ceasefire")
    assert "Open the demo article" in [b.label for b in at.button]


def test_demo_to_verdict_note_and_csv_survives_restart(db_path: Path) -> None:
    at = open_demo()
    assert at.title[0].value == "Putin Proposes Ceasefire (demo)"
    assert any("reviewed" in (p.proto.text or "") for p in at.get("progress"))
    focus = at.selectbox(key="focus-1")
    claims = list(focus.options)
    assert len(claims) > 20
    assert not any("Moscow, June 15, 2024" in label for label in claims)  # no claim: metadata
    opened = next(label for label in claims if "Putin has offered a ceasefire" in label)
    focus.select(opened).run()
    claim_id = at.selectbox(key="focus-1").value
    assert claim_id == "c2"
    evidence_text = " ".join(h.proto.body for h in at.get("html"))
    assert "Dateline <b>Moscow, June 15, 2024</b> (place Moscow · date June 15, 2024)" in (
        evidence_text
    )
    assert "⚠ dateline, evidence 1: date: June 15, 2024 ≠ 14 June 2024" in evidence_text
    assert "14 June 2024" in evidence_text
    assert "⚠ date" in evidence_text
    note = next(t for t in at.text_area if t.label.startswith("Note"))
    note.input("Speech was on 14 June, not 15 June.").run()
    button(at, "mostly true").click().run()  # type: ignore[attr-defined]
    assert not at.exception
    assert at.selectbox(key="focus-1").value != claim_id  # moved on to the next unreviewed

    store = Store.open(db_path)
    review = store.review(1)
    saved = next(row for row in review.rows if row.claim.id == claim_id)
    assert (saved.verdict.label, saved.verdict.note) == (
        "mostly true",
        "Speech was on 14 June, not 15 June.",
    )
    rows = list(csv.DictReader(io.StringIO(to_csv(review).decode("utf-8-sig"))))
    exported = next(row for row in rows if row["claim_id"] == claim_id)
    assert exported["verdict"] == "mostly true"
    assert exported["note"] == "Speech was on 14 June, not 15 June."
    store.close()

    st.cache_resource.clear()  # a restart: new process, same database
    again = AppTest.from_file(APP, default_timeout=TIMEOUT)
    again.query_params["article"] = "1"
    again.query_params["claim"] = claim_id
    again.run()
    assert not again.exception
    assert again.selectbox(key="focus-1").value == claim_id
    assert any("Verdict: **mostly true**" in m.value for m in again.markdown)
    note_again = next(t for t in again.text_area if t.label.startswith("Note"))
    assert note_again.value == "Speech was on 14 June, not 15 June."


def test_download_buttons_one_per_format(db_path: Path) -> None:
    at = open_demo()
    downloads = at.get("download_button")
    assert [d.proto.label for d in downloads] == [
        "CSV (spreadsheet)",
        "JSONL (everything)",
        "ClaimReview (schema.org)",
        "Markdown report",
    ]
    claimreview = downloads[2].proto
    assert claimreview.disabled  # no publisher set yet
    assert "Settings" in claimreview.help


def test_empty_paste_gives_a_clear_message_and_stores_nothing(db_path: Path) -> None:
    at = start()
    at.text_area(key="new-text").input("   ").run()
    button(at, "Analyze").click().run()  # type: ignore[attr-defined]
    assert any("empty" in e.value for e in at.error)
    with Store.open(db_path) as store:
        assert store.articles() == ()


def test_headings_bulk_action_marks_only_unreviewed_headings_and_opinions(db_path: Path) -> None:
    at = open_demo()
    button(at, "Mark headings, questions and opinions not checkable").click().run()  # type: ignore[attr-defined]
    with Store.open(db_path) as store:
        review = store.review(1)
    marked = {row.claim.kind.value for row in review.rows if row.verdict.label == "not checkable"}
    assert "heading" in marked
    assert "factual" not in marked
    assert any(row.verdict.label == "unreviewed" for row in review.rows)


def test_sources_page_adds_a_pasted_document_to_the_library(db_path: Path) -> None:
    at = start()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    assert at.title[0].value == "Sources"
    at.text_input[0].input("Press release: ministry figures")
    at.text_input[1].input("https://example.org/release")
    at.text_area[0].input("The ministry counted 1,204 new schools in 2023.")
    button(at, "Add to the library").click().run()  # type: ignore[attr-defined]
    assert any("Added" in s.value for s in at.success)
    with Store.open(db_path) as store:
        added = [d for d in store.documents() if d.title == "Press release: ministry figures"]
    assert [(d.url, d.text) for d in added] == [
        ("https://example.org/release", "The ministry counted 1,204 new schools in 2023.")
    ]


def test_settings_page_names_the_database_file(db_path: Path) -> None:
    at = start()
    at.switch_page("pages/settings.py").run()
    assert not at.exception
    assert str(db_path) in " ".join(m.value for m in at.markdown)


def test_settings_page_refuses_a_zim_path_that_is_not_a_zim_file(
    db_path: Path, tmp_path: Path
) -> None:
    fake = tmp_path / "wikipedia_en_all.zim"
    fake.write_text("not a zim file", encoding="utf-8")
    at = start()
    at.switch_page("pages/settings.py").run()
    field = next(t for t in at.text_input if t.label.startswith("Path of the .zim file"))
    field.input(str(fake))
    button(at, "Save ZIM file").click().run()  # type: ignore[attr-defined]
    assert any(escape_markdown(str(fake)) in e.value for e in at.error)
    with Store.open(db_path) as store:
        assert store.setting("zim.path") == ""


# --- issue 6: URL, uploads, metadata, exports, verdict import --------------------------------

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve() as base:
        yield base


def test_fetch_and_analyze_a_url(db_path: Path, site: str) -> None:
    at = start()
    at.text_input(key="new-url").input(f"{site}/old-address").run()
    button(at, "Fetch and analyze").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    assert at.title[0].value == TITLE
    with Store.open(db_path) as store:
        article = store.article(1)
    assert (article.url, article.author, article.published) == (
        f"{site}/news/article.html",
        "Jane Reporter",
        "2024-06-15",
    )


def test_a_bad_url_shows_its_message_and_stores_nothing(db_path: Path, site: str) -> None:
    at = start()
    at.text_input(key="new-url").input(f"{site}/missing").run()
    button(at, "Fetch and analyze").click().run()  # type: ignore[attr-defined]
    assert any("page not found (HTTP 404)" in e.value for e in at.error)
    with Store.open(db_path) as store:
        assert store.articles() == ()


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [("story.docx", make_docx(), DOCX_MIME), ("release.pdf", make_pdf(), "application/pdf")],
)
def test_upload_a_word_or_pdf_file(db_path: Path, name: str, data: bytes, mime: str) -> None:
    at = start()
    at.file_uploader(key="new-upload").set_value((name, data, mime)).run()
    button(at, "Analyze the file").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    with Store.open(db_path) as store:
        review = store.review(1)
    assert any("30 September 2022" in row.claim.text for row in review.rows)


def test_a_password_protected_upload_shows_its_message(db_path: Path) -> None:
    at = start()
    secret = encrypt_pdf(make_pdf())
    at.file_uploader(key="new-upload").set_value(("secret.pdf", secret, "application/pdf")).run()
    button(at, "Analyze the file").click().run()  # type: ignore[attr-defined]
    assert any("password-protected" in e.value for e in at.error)


def test_metadata_is_editable_on_the_review_page(db_path: Path) -> None:
    at = open_demo()
    fields = {t.label: t for t in at.text_input}
    fields["Author"].input("Jane Reporter")
    fields["Published (YYYY-MM-DD)"].input("2024-06-15")
    fields["Address (URL)"].input("https://news.example.com/a")
    button(at, "Save details").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    with Store.open(db_path) as store:
        article = store.article(1)
    assert (article.author, article.published, article.url) == (
        "Jane Reporter",
        "2024-06-15",
        "https://news.example.com/a",
    )


def test_import_verdicts_csv_from_the_review_page(db_path: Path) -> None:
    at = open_demo()
    with Store.open(db_path) as store:
        data = to_csv(store.review(1)).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    rows[1]["verdict"], rows[1]["note"] = "FALSE", "Wrong day, see the transcript."
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    at.file_uploader(key="import-verdicts-1").set_value(
        ("verdicts.csv", out.getvalue().encode("utf-8"), "text/csv")
    ).run()
    button(at, "Import verdicts").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    assert any("1 verdicts changed" in t.value for t in at.caption)
    with Store.open(db_path) as store:
        verdict = store.review(1).rows[1].verdict
        assert (verdict.label, verdict.note) == ("false", "Wrong day, see the transcript.")
        assert len(store.history(1, rows[1]["claim_id"])) == 1


def test_settings_page_saves_the_publisher(db_path: Path) -> None:
    at = start()
    at.switch_page("pages/settings.py").run()
    fields = {t.label: t for t in at.text_input}
    fields["Organisation name"].input("Example Fact Desk")
    fields["Organisation web site"].input("https://factdesk.example.org")
    button(at, "Save publisher").click().run()  # type: ignore[attr-defined]
    assert any("ClaimReview exports are ready" in s.value for s in at.success)
    with Store.open(db_path) as store:
        assert store.setting("publisher.name") == "Example Fact Desk"


def test_sources_page_adds_an_uploaded_html_page_as_clean_text(db_path: Path) -> None:
    page = (
        "<html><head><title>Ministry release</title></head><body><nav>Home | About</nav>"
        "<article><h1>Ministry release</h1>"
        + "".join(
            f"<p>The ministry said on 3 May 2024 that it had opened {n} new schools in the "
            f"northern districts, more than in any earlier year of the programme.</p>"
            for n in (12, 14, 16)
        )
        + "</article><footer>Contact us</footer></body></html>"
    )
    at = start()
    at.switch_page("pages/sources.py").run()
    at.file_uploader(key="source-upload").set_value(
        ("release.html", page.encode("utf-8"), "text/html")
    ).run()
    button(at, "Add the file").click().run()  # type: ignore[attr-defined]
    assert not at.exception
    with Store.open(db_path) as store:
        added = [d for d in store.documents() if "schools" in d.text]
    assert len(added) == 1
    assert "opened 14 new schools" in added[0].text
    assert "Home | About" not in added[0].text
    assert "<p>" not in added[0].text


def test_a_verdict_key_pressed_before_the_redraw_goes_to_the_focused_claim(db_path: Path) -> None:
    at = open_demo()
    at.selectbox(key="focus-1").select("c2").run()
    # the focus moves on (as after a first key) but the buttons on screen were drawn for c2
    at.session_state["focus-1"] = "c3"
    button(at, "false").click().run()  # type: ignore[attr-defined]
    with Store.open(db_path) as store:
        labels = {row.claim.id: row.verdict.label for row in store.review(1).rows}
    assert labels["c3"] == "false"
    assert labels["c2"] == "unreviewed"
