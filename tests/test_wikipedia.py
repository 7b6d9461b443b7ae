"""The real wikipedia-api client and WikipediaSource, with only the HTTP transport replaced by
``httpx.MockTransport`` answering in the MediaWiki API's JSON (bench/fake_mediawiki.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench.fake_mediawiki import Wiki, answer, demo_wiki
from checks.errors import DegradedSourceError, InputError, SourceError, SourceUnreachableError
from checks.model import Document, SourceKind
from checks.pipeline import analyze
from checks.queries import claims_of
from checks.sources.library import LibrarySource, seed_demo_library
from checks.sources.wikiclient import ClientOptions, PageStatus, WikiClient
from checks.sources.wikipedia import WikipediaOptions, WikipediaSource
from checks.store import Store
from tests.conftest import DEMO_ARTICLE

DEMO_TEXT = DEMO_ARTICLE.read_text(encoding="utf-8")
DEMO_CLAIMS = claims_of(DEMO_TEXT)
PERMANENT = re.compile(r"^https://en\.wikipedia\.org/w/index\.php\?title=[^&]+&oldid=\d+$")
Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """A MockTransport handler that records requests and answers from a fake wiki."""

    def __init__(self, wiki: Wiki | None = None, *, before: Handler | None = None) -> None:
        self.wiki = wiki or demo_wiki()
        self.before = before
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.before is not None:
            return self.before(request)
        return httpx.Response(200, json=answer(self.wiki, dict(request.url.params)))

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


def client(recorder: Recorder, *, sleeps: list[float] | None = None, **options: Any) -> WikiClient:
    waits = sleeps if sleeps is not None else []
    return WikiClient(
        ClientOptions(contact="desk@example.org", **options),
        transport=recorder.transport(),
        sleep=waits.append,
    )


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as opened:
        yield opened


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def source(
    store: Store, recorder: Recorder, *, clock: Clock | None = None, **options: Any
) -> WikipediaSource:
    return WikipediaSource(
        store,
        options=WikipediaOptions(contact="desk@example.org", **options),
        transport=recorder.transport(),
        sleep=lambda seconds: None,
        now=clock or Clock(),
    )


# --- the client ---------------------------------------------------------------------------


def test_a_page_is_one_request_for_lead_revision_and_disambiguation_flag() -> None:
    recorder = Recorder()
    page = client(recorder).page("Jens Stoltenberg")
    assert (page.title, page.status, page.revision) == (
        "Jens Stoltenberg",
        PageStatus.PAGE,
        demo_wiki().revision("Jens Stoltenberg"),
    )
    assert page.text.startswith("Jens Stoltenberg is a Norwegian Labour Party politician")
    [request] = recorder.requests
    assert request.url.host == "en.wikipedia.org"
    assert dict(request.url.params) == {
        "format": "json",
        "redirects": "1",
        "action": "query",
        "prop": "extracts|info|pageprops",
        "titles": "Jens Stoltenberg",
        "explaintext": "1",
        "exsectionformat": "wiki",
        "exintro": "1",
        "ppprop": "disambiguation",
    }
    agent = request.headers["user-agent"]
    assert agent.startswith("FactCheckWorkbench/0.1 (desk@example.org)")
    assert "Wikipedia-API/0.16.0" in agent


def test_redirect_is_followed() -> None:
    page = client(Recorder()).page("Volodymyr Zelensky")
    assert (page.title, page.status, page.redirected) == (
        "Volodymyr Zelenskyy",
        PageStatus.PAGE,
        True,
    )
    assert "President of Ukraine" in page.text


def test_missing_and_disambiguation_pages_are_recognised() -> None:
    wiki = client(Recorder())
    assert wiki.page("Eastern Ukraine").status is PageStatus.MISSING
    assert wiki.page("Georgia").status is PageStatus.DISAMBIGUATION


def test_full_text_keeps_sections_as_plain_lines() -> None:
    wiki = Wiki({"Kyiv": "Kyiv is the capital.\n\n== History ==\nFounded long ago."}, {})
    recorder = Recorder(wiki)
    assert client(recorder).page("Kyiv").text == "Kyiv is the capital."
    full = client(recorder).page("Kyiv", full=True)
    assert full.text == "Kyiv is the capital.\n\nHistory\nFounded long ago."
    assert "exintro" not in recorder.requests[-1].url.params


def test_other_languages_use_their_own_wikipedia() -> None:
    recorder = Recorder()
    client(recorder, language="de").page("NATO")
    assert recorder.requests[0].url.host == "de.wikipedia.org"
    with pytest.raises(InputError, match="language code"):
        client(recorder, language="en/../x")


def test_search_uses_list_search() -> None:
    recorder = Recorder()
    assert client(recorder).search("Ukraine Russia conflict", limit=2) == (
        "Russo-Ukrainian War",
        "China–Russia relations",
    )
    params = recorder.requests[0].url.params
    assert (params["list"], params["srsearch"], params["srlimit"]) == (
        "search",
        "Ukraine Russia conflict",
        "2",
    )


def test_429_waits_for_retry_after_then_succeeds() -> None:
    calls = []

    def limited(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) == 1:
            return httpx.Response(429, headers={"Retry-After": "3"})
        return httpx.Response(200, json=answer(demo_wiki(), dict(request.url.params)))

    sleeps: list[float] = []
    page = client(Recorder(before=limited), sleeps=sleeps).page("NATO")
    assert page.status is PageStatus.PAGE
    assert sleeps == [3.0]
    assert len(calls) == 2


def test_a_long_retry_after_gives_up_instead_of_waiting() -> None:
    sleeps: list[float] = []
    recorder = Recorder(before=lambda r: httpx.Response(429, headers={"Retry-After": "3600"}))
    with pytest.raises(SourceError, match="429"):
        client(recorder, sleeps=sleeps).page("NATO")
    assert sleeps == []
    assert len(recorder.requests) == 1


def test_5xx_is_retried_with_bounded_backoff() -> None:
    sleeps: list[float] = []
    recorder = Recorder(before=lambda r: httpx.Response(503))
    with pytest.raises(SourceError, match="HTTP 503"):
        client(recorder, sleeps=sleeps, max_retries=2).page("NATO")
    assert sleeps == [1.0, 2.0]
    assert len(recorder.requests) == 3


def test_a_timeout_means_unreachable_and_is_not_retried() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    recorder = Recorder(before=slow)
    with pytest.raises(SourceUnreachableError):
        client(recorder).page("NATO")
    assert len(recorder.requests) == 1


def test_broken_json_is_a_source_error() -> None:
    recorder = Recorder(before=lambda r: httpx.Response(200, text='{"query": {"pages": '))
    with pytest.raises(SourceError, match="not JSON"):
        client(recorder).page("NATO")


def test_json_of_another_shape_is_a_source_error() -> None:
    recorder = Recorder(before=lambda r: httpx.Response(200, json={"error": {"code": "x"}}))
    with pytest.raises(SourceError, match="not understood"):
        client(recorder).page("NATO")


# --- the source ---------------------------------------------------------------------------

PAGES_THE_DEMO_NEEDS = (
    "Vladimir Putin",
    "Volodymyr Zelenskyy",
    "NATO",
    "Jens Stoltenberg",
    "Crimea",
    "Donetsk Oblast",
    "Luhansk Oblast",
    "Kherson Oblast",
    "Zaporizhzhia Oblast",
    "Russo-Ukrainian War",
    "China",
)


def test_demo_article_gets_its_pages_with_permanent_links(store: Store) -> None:
    recorder = Recorder()
    wikipedia = source(store, recorder)
    docs = wikipedia.documents(DEMO_CLAIMS, text=DEMO_TEXT)
    titles = {doc.title for doc in docs}
    assert set(PAGES_THE_DEMO_NEEDS) <= titles
    assert all(PERMANENT.match(doc.url) for doc in docs)
    assert all(doc.source is SourceKind.WIKIPEDIA and doc.key == f"en:{doc.title}" for doc in docs)
    assert len(docs) <= 30
    assert len(recorder.requests) == wikipedia.requests <= 30 + 5
    zelenskyy = next(x for x in wikipedia.last_lookups if x.query == "Volodymyr Zelensky")
    assert zelenskyy.outcome == "fetched: redirect Volodymyr Zelensky → Volodymyr Zelenskyy"
    assert zelenskyy.claim_ids == ("c8", "c9")
    missing = next(x for x in wikipedia.last_lookups if x.query == "Eastern Ukraine")
    assert (missing.outcome, missing.document_uid) == ("missing (fetched): no such page", "")
    war = next(x for x in wikipedia.last_lookups if x.query == "Russo-Ukrainian War")
    assert war.phrases[0].startswith("search: Ukraine Russia")


def test_the_page_budget_caps_what_is_fetched(store: Store) -> None:
    recorder = Recorder()
    wikipedia = source(store, recorder, budget=6)
    docs = wikipedia.documents(DEMO_CLAIMS, text=DEMO_TEXT)
    assert len(docs) <= 6
    page_requests = [r for r in recorder.requests if "titles" in r.url.params]
    assert len(page_requests) <= 6
    over = [x for x in wikipedia.last_lookups if x.outcome == "not fetched: over the page budget"]
    assert over
    assert over[-1].query == "Kyiv"  # the last title of the plan (tests/test_queries.py)


def test_cache_serves_within_ttl_and_refetches_after_it(store: Store) -> None:
    clock = Clock()
    first = Recorder()
    docs = source(store, first, clock=clock).documents(DEMO_CLAIMS, text=DEMO_TEXT)
    again = Recorder()
    clock.now += timedelta(days=6)
    cached = source(store, again, clock=clock)
    assert cached.documents(DEMO_CLAIMS, text=DEMO_TEXT) == docs
    assert again.requests == []
    assert {x.outcome for x in cached.last_lookups if x.kind == "title"} >= {"cached"}
    clock.now += timedelta(days=2)
    later = Recorder()
    refreshed = source(store, later, clock=clock).documents(DEMO_CLAIMS, text=DEMO_TEXT)
    assert len(later.requests) == len(first.requests)
    assert {d.uid for d in refreshed} == {d.uid for d in docs}
    assert {d.fetched_at for d in refreshed} == {"2026-12-05T12:00:00Z"}


def test_refresh_sources_makes_older_pages_stale(store: Store) -> None:
    clock = Clock()
    source(store, Recorder(), clock=clock).documents(DEMO_CLAIMS, text=DEMO_TEXT)
    clock.now += timedelta(hours=1)
    recorder = Recorder()
    source(store, recorder, clock=clock, refreshed_at="2026-11-27T12:30:00Z").documents(
        DEMO_CLAIMS, text=DEMO_TEXT
    )
    assert len(recorder.requests) > 20


def refuse(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("no route to host", request=request)


def test_offline_the_cache_serves_whatever_its_age(store: Store) -> None:
    clock = Clock()
    docs = source(store, Recorder(), clock=clock).documents(DEMO_CLAIMS, text=DEMO_TEXT)
    clock.now += timedelta(days=400)
    offline = Recorder(before=refuse)
    wikipedia = source(store, offline, clock=clock)
    with pytest.raises(SourceUnreachableError, match=r"^Wikipedia unreachable$") as caught:
        wikipedia.documents(DEMO_CLAIMS, text=DEMO_TEXT)
    assert {d.uid for d in caught.value.documents} == {d.uid for d in docs}
    assert len(offline.requests) <= 4  # the ones already in flight; then no more
    assert any(x.outcome.startswith("cached (offline)") for x in wikipedia.last_lookups)


def test_offline_with_an_empty_cache_gives_nothing_but_the_notice(store: Store) -> None:
    with pytest.raises(SourceUnreachableError) as caught:
        source(store, Recorder(before=refuse)).documents(DEMO_CLAIMS, text=DEMO_TEXT)
    assert caught.value.documents == ()


def test_some_failed_requests_degrade_with_what_was_fetched(store: Store) -> None:
    def flaky(request: httpx.Request) -> httpx.Response:
        if request.url.params.get("titles") == "NATO":
            return httpx.Response(500)
        return httpx.Response(200, json=answer(demo_wiki(), dict(request.url.params)))

    with pytest.raises(DegradedSourceError, match="1 request failed") as caught:
        source(store, Recorder(before=flaky)).documents(DEMO_CLAIMS, text=DEMO_TEXT)
    assert not isinstance(caught.value, SourceUnreachableError)
    assert "Vladimir Putin" in {d.title for d in caught.value.documents}


def test_a_slow_wikipedia_never_hangs_the_analysis(store: Store) -> None:
    import time

    def slow(request: httpx.Request) -> httpx.Response:
        time.sleep(0.05)
        return httpx.Response(200, json=answer(demo_wiki(), dict(request.url.params)))

    started = time.monotonic()
    with pytest.raises(SourceUnreachableError, match="unreachable"):
        source(store, Recorder(before=slow), total_timeout=0.12).documents(
            DEMO_CLAIMS, text=DEMO_TEXT
        )
    assert time.monotonic() - started < 1.0


def test_fetch_title_refuses_missing_and_disambiguation_pages(store: Store) -> None:
    wikipedia = source(store, Recorder())
    assert wikipedia.fetch_title("Putin").title == "Vladimir Putin"
    with pytest.raises(InputError, match="disambiguation"):
        wikipedia.fetch_title("Georgia")
    with pytest.raises(InputError, match="missing"):
        wikipedia.fetch_title("Eastern Ukraine")


# --- the pipeline -------------------------------------------------------------------------


def test_analysis_offline_gives_one_notice_and_goes_on_with_the_library(store: Store) -> None:
    seed_demo_library(store)
    sources = [LibrarySource(store), source(store, Recorder(before=refuse))]
    analysis = analyze(DEMO_TEXT, sources=sources)
    assert analysis.notices == ("Wikipedia unreachable: used the cache and your library",)
    assert len({e.claim_id for e in analysis.evidence}) >= len(analysis.claims) // 2


def test_demo_matched_against_wikipedia_alone_cites_only_permanent_links(store: Store) -> None:
    wikipedia = source(store, Recorder())
    analysis = analyze(DEMO_TEXT, sources=[wikipedia])
    assert analysis.notices == ()
    cited = {e.passage.document_key for e in analysis.evidence}
    by_uid: dict[str, Document] = {d.uid: d for d in analysis.documents}
    assert {by_uid[uid].title for uid in cited} >= {
        "Vladimir Putin",
        "Volodymyr Zelenskyy",
        "Jens Stoltenberg",
        "Russo-Ukrainian War",
    }
    assert all(PERMANENT.match(by_uid[uid].url) for uid in cited)
    article = store.add_article(title="demo", text=DEMO_TEXT)
    store.save_analysis(article.id, analysis)
    assert store.lookups(article.id) == analysis.lookups
    assert len(analysis.lookups) >= 25
