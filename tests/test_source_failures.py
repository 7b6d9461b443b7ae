"""A failing source is a notice and the others go on; a failing stage is a named error; the
Wikipedia workers end inside the deadline and write nothing after ``documents`` returns
(issue 11). The real wikipedia-api client with a MockTransport serving MediaWiki's JSON."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.fake_mediawiki import answer, demo_wiki
from checks import pipeline
from checks.errors import AnalysisError, DegradedSourceError
from checks.model import Claim, Document, SourceKind
from checks.pipeline import analyze
from checks.queries import claims_of
from checks.sources.library import LibrarySource, seed_demo_library
from checks.sources.wikiclient import ClientOptions
from checks.sources.wikipedia import WikipediaOptions, WikipediaSource
from checks.store import Store
from tests.conftest import DEMO_ARTICLE, ROOT

DEMO_TEXT = DEMO_ARTICLE.read_text(encoding="utf-8")
DEMO_CLAIMS = claims_of(DEMO_TEXT)


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as opened:
        yield opened


class WriteLog:
    """The real store, with the time of every write the Wikipedia source makes."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.writes: list[float] = []

    def cached_document(self, uid: str) -> Document | None:
        return self.store.cached_document(uid)

    def cache_get(self, source: SourceKind, key: str) -> tuple[dict[str, Any], str] | None:
        return self.store.cache_get(source, key)

    def upsert_document(self, doc: Document) -> object:
        self.writes.append(time.monotonic())
        return self.store.upsert_document(doc)

    def cache_put(
        self, source: SourceKind, key: str, value: dict[str, Any], *, fetched_at: str
    ) -> None:
        self.writes.append(time.monotonic())
        self.store.cache_put(source, key, value, fetched_at=fetched_at)


def wikipedia(cache: Any, handler: Any, **options: Any) -> WikipediaSource:
    return WikipediaSource(
        cache,
        options=WikipediaOptions(contact="desk@example.org", **options),
        transport=httpx.MockTransport(handler),
        sleep=lambda seconds: None,
    )


def served(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=answer(demo_wiki(), dict(request.url.params)))


# --- the Wikipedia workers end with the call -------------------------------------------------


def test_no_worker_writes_to_the_store_after_documents_returns(store: Store) -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        time.sleep(0.4)  # longer than the deadline leaves to the last round of requests
        return served(request)

    log = WriteLog(store)
    with pytest.raises(DegradedSourceError, match="unreachable"):
        wikipedia(log, slow, total_timeout=1.0).documents(DEMO_CLAIMS, text=DEMO_TEXT)
    returned, written = time.monotonic(), len(log.writes)
    time.sleep(1.0)  # what a worker left running would write now
    assert len(log.writes) == written
    assert all(when <= returned for when in log.writes)
    assert [t.name for t in threading.enumerate() if t.name.startswith("ThreadPool")] == []


def test_a_request_still_in_flight_at_the_deadline_ends_with_it(store: Store) -> None:
    """Over a real socket the request's own timeout is cut to the time left."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # accepts connections and never answers
    api = f"http://127.0.0.1:{listener.getsockname()[1]}/w/api.php"
    client = ClientOptions(contact="desk@example.org", api_url=api, timeout=10.0)
    options = WikipediaOptions(contact="desk@example.org", total_timeout=0.8, client=client)
    try:
        started = time.monotonic()
        with pytest.raises(DegradedSourceError):
            WikipediaSource(WriteLog(store), options=options).documents(DEMO_CLAIMS, text=DEMO_TEXT)
        took = time.monotonic() - started
    finally:
        listener.close()
    assert took < 5.0  # the 10 s request timeout did not apply: the 0.8 s deadline did


# --- a failed source or request is a notice --------------------------------------------------


def test_an_answer_without_lastrevid_fails_that_page_only(store: Store) -> None:
    def no_revision(request: httpx.Request) -> httpx.Response:
        body = answer(demo_wiki(), dict(request.url.params))
        if request.url.params.get("titles") == "NATO":
            for entry in body["query"]["pages"].values():
                entry.pop("lastrevid", None)
        return httpx.Response(200, json=body)

    with pytest.raises(DegradedSourceError) as caught:
        wikipedia(store, no_revision).documents(DEMO_CLAIMS, text=DEMO_TEXT)
    assert str(caught.value) == (
        "Wikipedia: 1 request failed (Wikipedia's answer for the page 'NATO' lacked its "
        "'lastrevid' field: the page was not used); used what was fetched and the cache"
    )
    titles = {doc.title for doc in caught.value.documents}
    assert "NATO" not in titles
    assert {"Vladimir Putin", "Volodymyr Zelenskyy"} <= titles


def test_a_library_raising_inside_a_request_fails_that_request_only(store: Store) -> None:
    def broken(request: httpx.Request) -> httpx.Response:
        if request.url.params.get("titles") == "NATO":
            raise RuntimeError("transport exploded")
        return served(request)

    with pytest.raises(DegradedSourceError) as caught:
        wikipedia(store, broken).documents(DEMO_CLAIMS, text=DEMO_TEXT)
    assert "Wikipedia request failed (RuntimeError: transport exploded)" in str(caught.value)
    assert "Vladimir Putin" in {doc.title for doc in caught.value.documents}


class _RaisingSource:
    """A source whose library fails inside ``documents`` (libzim, a parser...)."""

    kind = SourceKind.ZIM

    def __init__(self, error: Exception) -> None:
        self.error = error

    def documents(self, claims: Sequence[Claim], *, text: str) -> tuple[Document, ...]:
        raise self.error


@pytest.mark.parametrize(
    ("error", "notice"),
    [
        (RuntimeError("cluster 7 is damaged"), "zim failed (RuntimeError: cluster 7 is damaged)"),
        (KeyError("lastrevid"), "zim failed (KeyError: 'lastrevid')"),
    ],
)
def test_analysis_goes_on_with_the_other_sources_when_one_raises(
    store: Store, error: Exception, notice: str
) -> None:
    seed_demo_library(store)
    text = "Jens Stoltenberg was Secretary General of NATO from 2014 to 2024."
    analysis = analyze(text, sources=[_RaisingSource(error), LibrarySource(store)])
    assert analysis.notices == (f"{notice}; its documents were not used, the other sources were",)
    assert analysis.evidence  # the library still gave evidence
    assert {doc.source for doc in analysis.documents} == {SourceKind.LIBRARY}


def test_wikipedia_without_lastrevid_through_analyze_is_a_notice(store: Store) -> None:
    def no_revision(request: httpx.Request) -> httpx.Response:
        body = answer(demo_wiki(), dict(request.url.params))
        for entry in body.get("query", {}).get("pages", {}).values():
            entry.pop("lastrevid", None)
        return httpx.Response(200, json=body)

    seed_demo_library(store)
    analysis = analyze(DEMO_TEXT, sources=[wikipedia(store, no_revision), LibrarySource(store)])
    assert len(analysis.notices) == 1
    assert analysis.notices[0].startswith("Wikipedia: ")
    assert "lacked its 'lastrevid' field" in analysis.notices[0]
    assert analysis.evidence
    assert {doc.source for doc in analysis.documents} == {SourceKind.LIBRARY}


# --- a failed stage is a named error, never a traceback ---------------------------------------


def test_a_stage_failing_inside_a_library_is_a_named_error(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_segmenter(text: str) -> object:
        raise IndexError("list index out of range")  # what pysbd raises on some input

    monkeypatch.setattr(pipeline, "segment", broken_segmenter)
    with pytest.raises(AnalysisError) as caught:
        analyze("The council met on 3 May 2024.", sources=[LibrarySource(store)])
    assert str(caught.value) == (
        "Splitting the text into sentences failed (IndexError: list index out of range); "
        "nothing of the analysis was kept."
    )


def test_the_app_shows_a_failed_stage_as_a_message(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_matching(*args: object, **kwargs: object) -> object:
        raise ValueError("bm25s: vocabulary is empty")

    monkeypatch.setattr(pipeline, "match_documents_noted", broken_matching)  # what analyze calls
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    next(b for b in at.button if b.label == "Open the demo article").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Matching claims with evidence failed (ValueError: bm25s: vocabulary is empty); "
        "nothing of the analysis was kept. The article text is saved; fix the problem and "
        "analyse again."
    ]
