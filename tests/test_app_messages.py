"""Messages that say what to do, in the real app driven by AppTest: a very long article asks
before its analysis (paste, upload, web address), the sidebar tells same titles apart, the
Settings page shows whole days, the Wikipedia-contact reminder shows once per session."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from checks import estimate
from checks.store import Store
from tests import samples
from tests.conftest import DEMO_ARTICLE
from tests.samples import serve
from tests.store.samples import Clock
from tests.test_app import button, start

DEMO = DEMO_ARTICLE.read_text(encoding="utf-8")
COPIES = 64  # the demo article 64 times: 2,048 claims guessed, 2,049 once analysed
LONG = "\n\n".join([DEMO] * COPIES)
GUESS = estimate.rough_claims(LONG)
QUESTION = "is very long: about **2,048 claims** to review"


@pytest.fixture(autouse=True)
def fresh_resources() -> None:
    st.cache_resource.clear()


def question(at: AppTest) -> str:
    found = [w.value for w in at.warning if "is very long" in w.value]
    assert len(found) <= 1
    return found[0] if found else ""


def articles(db_path: Path) -> int:
    with Store.open(db_path) as store:
        return len(store.articles())


def paste_long(at: AppTest, *, title: str = "Council minutes") -> AppTest:
    at.text_input(key="new-title").input(title)
    at.text_area(key="new-text").input(LONG)
    return button(at, "Analyze").click().run()  # type: ignore[attr-defined, no-any-return]


def test_a_very_long_paste_asks_first_and_keeps_the_text(db_path: Path) -> None:
    assert GUESS == 2048
    at = paste_long(start())
    assert not at.exception
    said = question(at)
    assert said.startswith("“Council minutes” " + QUESTION)
    assert "Analysing it takes **about 5 seconds** on this computer (about 1 ms a claim)" in said
    assert [t.value for t in at.title] == ["New article"]  # still here, nothing analysed
    assert articles(db_path) == 0
    button(at, "Keep editing").click().run()  # type: ignore[attr-defined]
    assert question(at) == ""
    assert at.text_area(key="new-text").value == LONG  # the paste is kept
    assert articles(db_path) == 0


def test_analyse_all_analyses_the_long_paste_and_opens_its_review(db_path: Path) -> None:
    at = paste_long(start())
    button(at, "Analyse all 2,048 claims").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Council minutes"]
    with Store.open(db_path) as store:
        review = store.review(1)
    assert len(review.rows) == 2048


def test_editing_the_text_drops_the_question(db_path: Path) -> None:
    at = paste_long(start())
    assert question(at)
    at.text_area(key="new-text").input(LONG + "\n\nOne more sentence.").run()
    assert question(at) == ""


def test_a_short_paste_does_not_ask(db_path: Path) -> None:
    at = start()
    at.text_area(key="new-text").input(DEMO)
    button(at, "Analyze").click().run()  # type: ignore[attr-defined]
    assert question(at) == ""
    assert articles(db_path) == 1


def test_a_very_long_upload_asks_first_and_names_the_file(db_path: Path) -> None:
    at = start()
    at.file_uploader(key="new-upload").set_value(("minutes.txt", LONG.encode(), "text/plain"))
    at.run()
    button(at, "Analyze the file").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    assert question(at).startswith(
        "minutes.txt: “Putin Proposes Ceasefire: Ukraine Must Abandon NATO Aspirations and "
        "Russian-Claimed Territories” " + QUESTION
    )
    assert articles(db_path) == 0
    button(at, "Analyse all 2,048 claims").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    assert articles(db_path) == 1


LONG_HTML = (
    "<html><head><title>Council minutes, all of them</title></head><body><article>"
    "<h1>Council minutes, all of them</h1>"
    + "".join(f"<p>{html.escape(part)}</p>" for part in LONG.split("\n\n"))
    + "</article></body></html>"
).encode()


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setitem(samples.ROUTES, "/minutes.html", (200, "text/html", LONG_HTML))
    with serve() as base:
        yield base


def test_a_very_long_page_asks_first_without_fetching_it_again(db_path: Path, site: str) -> None:
    at = start()
    at.text_input(key="new-url").input(f"{site}/minutes.html").run()
    button(at, "Fetch and analyze").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    said = question(at)
    assert said.startswith("“Council minutes, all of them” is very long: about ")
    assert articles(db_path) == 0
    samples.ROUTES["/minutes.html"] = (404, "text/html", b"gone")  # a second fetch would fail
    guess = said.split("about **")[1].split(" claims")[0]
    button(at, f"Analyse all {guess} claims").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    with Store.open(db_path) as store:
        assert store.article(1).url == f"{site}/minutes.html"
        assert len(store.review(1).rows) > 2000


def test_the_sidebar_tells_articles_with_the_same_title_apart(db_path: Path) -> None:
    clock = Clock("2026-11-27T09:00:00Z")
    with Store.open(db_path, clock=clock) as store:
        store.add_article(title="Ceasefire", text=DEMO)
        clock.now = "2026-11-28T09:00:00Z"
        store.add_article(title="Ceasefire", text=DEMO)
        clock.now = "2026-11-28T10:00:00Z"
        store.add_article(title="Budget", text="Budget vote\n\nIt passed.")
    at = start()
    links = [link.proto.label for link in at.sidebar.get("page_link")]
    assert links == [
        "Budget",
        "Ceasefire (added 2026-11-28, 0 claims)",
        "Ceasefire (added 2026-11-27, 0 claims)",
    ]


def test_settings_show_whole_days(db_path: Path) -> None:
    at = start()
    at.switch_page("pages/settings.py").run()
    days = next(n for n in at.number_input if n.label.startswith("Keep fetched pages for"))
    assert days.value == 7.0
    assert days.proto.format == "%g"  # shown as "7", not "7.00" (the browser test sees it)


def reminders(at: AppTest) -> int:
    return sum("Set a contact" in w.value for w in at.warning)


def test_the_contact_reminder_shows_once_per_session(db_path: Path) -> None:
    at = start()
    at.switch_page("pages/settings.py").run()
    assert reminders(at) == 1
    assert "below, under Wikipedia" in next(w.value for w in at.warning if "contact" in w.value)
    at.switch_page("pages/sources.py").run()
    assert reminders(at) == 0
    at.switch_page("pages/settings.py").run()
    assert reminders(at) == 0
    again = start()  # a new session
    again.switch_page("pages/sources.py").run()
    assert reminders(again) == 1
    assert "on the Settings page" in next(w.value for w in again.warning if "contact" in w.value)
