"""Wikipedia as a reference source: the pages ``checks.queries`` picks, fetched at most 4 at a
time, cached in the store with their revision and fetch time.

- Each page is one request (``WikiClient.page``): lead section by default, full text as an
  option; redirects followed; missing and disambiguation pages are recorded, never evidence.
- Every ``Document.url`` is a permanent link (``index.php?title=...&oldid=<revision>``).
- Cache: a page fetched less than ``ttl`` ago (and after the last "refresh sources") is not
  asked for again; offline, every cached page serves, however old.
- Offline or failing: ``documents`` raises ``SourceUnreachableError`` (or, when only some
  requests failed, ``DegradedSourceError``) carrying what it could still offer, so the
  pipeline shows one notice and goes on. A total time bound keeps it from ever hanging.
- ``last_lookups`` records every title and search of the last call and why it was made.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from functools import partial
from typing import Any, Protocol

import httpx

from checks.errors import (
    ChecksError,
    DegradedSourceError,
    InputError,
    SourceError,
    SourceUnreachableError,
)
from checks.model import Claim, Document, Lookup, SourceKind
from checks.queries import DEFAULT_BUDGET, PageRequest, QueryPlan, plan_queries, with_search_hits
from checks.sources.wikiclient import (
    ClientOptions,
    PageStatus,
    WikiClient,
    WikiPage,
    check_language,
    normalise_title,
    permanent_url,
)

ENV = "CHECKS_WIKIPEDIA"  # "off" never contacts Wikipedia (tests, air-gapped machines)
MAX_IN_FLIGHT = 4
DEFAULT_TTL_DAYS = 7.0
TOTAL_TIMEOUT = 60.0
UNREACHABLE = "Wikipedia unreachable"
FULL_SUFFIX = "#full"
_ISO = "%Y-%m-%dT%H:%M:%SZ"

# Settings (``Store.setting``) and their defaults.
SETTING_ENABLED = "wikipedia.enabled"
SETTING_LANGUAGE = "wikipedia.language"
SETTING_CONTACT = "wikipedia.contact"
SETTING_FULL_TEXT = "wikipedia.full_text"
SETTING_TTL_DAYS = "wikipedia.ttl_days"
SETTING_BUDGET = "wikipedia.budget"
SETTING_REFRESHED_AT = "wikipedia.refreshed_at"
SETTING_PINNED = "wikipedia.pinned"  # JSON list of document uids the user added by hand


class PageCache(Protocol):
    """The part of ``checks.store.Store`` the Wikipedia source uses."""

    def cached_document(self, uid: str) -> Document | None: ...

    def upsert_document(self, doc: Document) -> object: ...

    def cache_get(self, source: SourceKind, key: str) -> tuple[dict[str, Any], str] | None: ...

    def cache_put(
        self, source: SourceKind, key: str, value: dict[str, Any], *, fetched_at: str
    ) -> None: ...


@dataclass(frozen=True)
class WikipediaOptions:
    """What to fetch and how long it stays fresh. ``refreshed_at`` (ISO time): pages fetched
    before it count as stale ("refresh sources")."""

    language: str = "en"
    contact: str = ""
    full_text: bool = False
    ttl: timedelta = timedelta(days=DEFAULT_TTL_DAYS)
    budget: int = DEFAULT_BUDGET
    max_in_flight: int = MAX_IN_FLIGHT
    total_timeout: float = TOTAL_TIMEOUT
    refreshed_at: str = ""
    pinned: tuple[str, ...] = ()
    client: ClientOptions = field(default_factory=ClientOptions)


def enabled(setting: Callable[[str, str], str]) -> bool:
    """Whether to use Wikipedia: ``$CHECKS_WIKIPEDIA`` (on/off) wins over the setting."""
    forced = os.environ.get(ENV, "").strip().lower()
    if forced in ("on", "off"):
        return forced == "on"
    return setting(SETTING_ENABLED, "on") != "off"


def options_from_settings(
    setting: Callable[[str, str], str],
    *,
    language: str | None = None,
    full_text: bool | None = None,
) -> WikipediaOptions:
    """Options from saved settings (``Store.setting``); ``language``/``full_text`` override."""
    lang = check_language(language or setting(SETTING_LANGUAGE, "en"))
    contact = setting(SETTING_CONTACT, "")
    return WikipediaOptions(
        language=lang,
        contact=contact,
        full_text=(setting(SETTING_FULL_TEXT, "off") == "on") if full_text is None else full_text,
        ttl=timedelta(days=_number(setting(SETTING_TTL_DAYS, ""), DEFAULT_TTL_DAYS)),
        budget=int(_number(setting(SETTING_BUDGET, ""), DEFAULT_BUDGET)),
        refreshed_at=setting(SETTING_REFRESHED_AT, ""),
        pinned=pinned_uids(setting),
        client=ClientOptions(language=lang, contact=contact),
    )


def pinned_uids(setting: Callable[[str, str], str]) -> tuple[str, ...]:
    """Uids of Wikipedia pages the user added by hand: used in every analysis."""
    try:
        value = json.loads(setting(SETTING_PINNED, "[]"))
    except ValueError:
        return ()
    return tuple(str(uid) for uid in value) if isinstance(value, list) else ()


def pin(uids: Sequence[str], uid: str) -> str:
    """The pinned list with ``uid`` added, as the setting's JSON value."""
    return json.dumps(list(dict.fromkeys([*uids, uid])), ensure_ascii=False)


# A setting above this is a typo or hostile ("1e400" and "7" * 5000 read as inf, which no int
# or timedelta can hold): the default is used instead.
MAX_SETTING_NUMBER = 1_000_000


def _number(text: str, default: float) -> float:
    try:
        value = float(text)
    except ValueError:
        return default
    return value if 0 <= value <= MAX_SETTING_NUMBER else default


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class _Outcome:
    """What became of one page request."""

    request: PageRequest
    outcome: str
    document: Document | None = None
    title: str = ""


class WikipediaSource:
    """Wikipedia pages for an article's claims; see the module docstring."""

    kind: SourceKind = SourceKind.WIKIPEDIA

    def __init__(
        self,
        cache: PageCache,
        *,
        options: WikipediaOptions | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = utc_now,
        client: WikiClient | None = None,
    ) -> None:
        self.options = options or WikipediaOptions()
        client_options = replace(
            self.options.client, language=self.options.language, contact=self.options.contact
        )
        self.client = client or WikiClient(client_options, transport=transport, sleep=sleep)
        self.language = self.client.language
        self._cache = cache
        self._now = now
        self._offline = threading.Event()
        self._failures: list[str] = []
        self._lock = threading.Lock()
        self._deadline: float | None = None  # time.monotonic() bound of the current call
        self.last_lookups: tuple[Lookup, ...] = ()

    # --- the Source protocol ----------------------------------------------------------------

    def documents(self, claims: Sequence[Claim], *, text: str) -> tuple[Document, ...]:
        plan = plan_queries(claims, budget=self.options.budget)
        self._offline.clear()
        self._failures = []
        self._deadline = time.monotonic() + self.options.total_timeout
        self.client.set_deadline(self._deadline)
        try:
            outcomes, hits = self._first_round(plan)
            taken = [o.title or o.request.title for o in outcomes]
            extra = with_search_hits(plan, hits, taken=[*taken, *(p.title for p in plan.pages)])
            outcomes += self._fetch_all(extra)
        finally:
            # Every request of this call has ended (``_run`` joins its workers), so clearing
            # the deadline cannot let one of them go on retrying or writing.
            self.client.set_deadline(None)
            self._deadline = None
        self.last_lookups = self._lookups(plan, outcomes, hits) + self._pinned_lookups()
        found = tuple({o.document.uid: o.document for o in outcomes if o.document}.values())
        found += tuple(doc for doc in self._pinned() if doc.uid not in {d.uid for d in found})
        self._raise_if_degraded(found)
        return found

    # --- single pages (Sources page, focus panel) -------------------------------------------

    def fetch_title(self, title: str) -> Document:
        """One page by title, from the cache when fresh. InputError for a missing or
        disambiguation page; SourceError when Wikipedia cannot be reached."""
        self._offline.clear()
        self._failures = []
        result = self._page(PageRequest(normalise_title(title), (), (title,)))
        if result.document is None:
            if self._failures:
                raise SourceError(self._failures[0])
            raise InputError(
                f"Wikipedia ({self.language}) has no article {title!r}: {result.outcome}"
            )
        return result.document

    # --- rounds -----------------------------------------------------------------------------

    def _first_round(
        self, plan: QueryPlan
    ) -> tuple[tuple[_Outcome, ...], dict[str, tuple[str, ...]]]:
        hits: dict[str, tuple[str, ...]] = {}

        def search(query: str) -> None:
            hits[query] = self._search(query)

        tasks: list[Callable[[], object]] = [partial(self._page, r) for r in plan.pages]
        tasks += [partial(search, s.query) for s in plan.searches]
        results = self._run(tasks)
        outcomes = tuple(
            result if isinstance(result, _Outcome) else _Outcome(request, f"failed: {result}")
            for request, result in zip(plan.pages, results, strict=False)
        )
        return outcomes, hits

    def _fetch_all(self, requests: Sequence[PageRequest]) -> tuple[_Outcome, ...]:
        results = self._run([partial(self._page, r) for r in requests])
        return tuple(
            result if isinstance(result, _Outcome) else _Outcome(request, f"failed: {result}")
            for request, result in zip(requests, results, strict=True)
        )

    def _run(self, tasks: Sequence[Callable[[], object]]) -> list[object]:
        """Run ``tasks`` with at most ``max_in_flight`` at once, within the call's deadline.

        A task still running at the deadline yields the string "took too long"; it is then
        joined, not left behind: its request was sent with at most the time left (the
        client), it starts no retry and no new request after the deadline, and it writes
        nothing to the store after it (``_late``). So when ``documents`` returns, no worker
        of it runs any more. A task that fails with any exception (a library's own error
        included) is one failed request, never the end of the analysis."""
        results: list[object] = ["took too long"] * len(tasks)
        if not tasks:
            return results
        deadline = self._deadline or time.monotonic() + self.options.total_timeout
        pool = ThreadPoolExecutor(max_workers=max(1, self.options.max_in_flight))
        futures: dict[Future[object], int] = {pool.submit(t): i for i, t in enumerate(tasks)}
        pending = set(futures)
        try:
            while pending and time.monotonic() < deadline:
                done, pending = wait(
                    pending, timeout=deadline - time.monotonic(), return_when=FIRST_COMPLETED
                )
                for future in done:
                    results[futures[future]] = self._result(future)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        if pending:
            self._fail("Wikipedia took too long to answer", offline=True)
        return results

    def _result(self, future: Future[object]) -> object:
        try:
            return future.result()
        except ChecksError as error:  # e.g. the store failed in a worker
            self._fail(str(error), offline=False)
            return str(error)
        except Exception as error:  # noqa: BLE001 - a library's own failure: one failed request
            message = f"Wikipedia request failed ({type(error).__name__}: {error})"
            self._fail(message, offline=False)
            return message

    def _late(self) -> bool:
        """Past the deadline of the current call: a worker still running writes nothing."""
        return self._deadline is not None and time.monotonic() > self._deadline

    # --- one request ------------------------------------------------------------------------

    def _fail(self, message: str, *, offline: bool) -> None:
        with self._lock:
            self._failures.append(message)
        if offline:
            self._offline.set()

    def _search(self, query: str) -> tuple[str, ...]:
        key = f"search:{self.language}:{query}"
        cached = self._cache.cache_get(SourceKind.WIKIPEDIA, key)
        if cached and (self._fresh(cached[1]) or self._offline.is_set()):
            return tuple(cached[0].get("titles", ()))
        try:
            titles = self.client.search(query)
        except SourceError as error:
            self._fail(str(error), offline=isinstance(error, SourceUnreachableError))
            return tuple(cached[0].get("titles", ())) if cached else ()
        if self._late():
            return ()
        self._cache.cache_put(
            SourceKind.WIKIPEDIA, key, {"titles": list(titles)}, fetched_at=self._stamp()
        )
        return titles

    def _page(self, request: PageRequest) -> _Outcome:
        key = self._title_key(request.title)
        cached = self._cache.cache_get(SourceKind.WIKIPEDIA, key)
        if cached and (self._fresh(cached[1]) or self._offline.is_set()):
            hit = self._from_cache(request, cached[0], offline=self._offline.is_set())
            if hit is not None:
                return hit
        if self._offline.is_set():
            return _Outcome(request, "not fetched: Wikipedia unreachable, not in the cache")
        try:
            page = self.client.page(request.title, full=self.options.full_text)
        except SourceError as error:
            self._fail(str(error), offline=isinstance(error, SourceUnreachableError))
            stale = self._from_cache(request, cached[0], offline=True) if cached else None
            return stale or _Outcome(request, f"failed: {error}")
        return self._store(request, page)

    def _store(self, request: PageRequest, page: WikiPage) -> _Outcome:
        if self._late():
            return _Outcome(request, "took too long: answered after the deadline, not kept")
        stamp = self._stamp()
        uid = ""
        document = None
        if page.status is PageStatus.PAGE:
            document = self._document(page, stamp)
            self._cache.upsert_document(document)
            uid = document.uid
        value = {"status": page.status.value, "title": page.title, "uid": uid}
        for title in {request.title, page.title}:
            self._cache.cache_put(
                SourceKind.WIKIPEDIA, self._title_key(title), value, fetched_at=stamp
            )
        return _Outcome(
            request,
            self._describe(request, page.status, page.title, "fetched"),
            document,
            page.title,
        )

    def _from_cache(
        self, request: PageRequest, value: dict[str, Any], *, offline: bool
    ) -> _Outcome | None:
        status = PageStatus(value.get("status", PageStatus.MISSING.value))
        title = str(value.get("title", request.title))
        how = "cached (offline)" if offline else "cached"
        if status is not PageStatus.PAGE:
            return _Outcome(request, self._describe(request, status, title, how), None, title)
        document = self._cache.cached_document(str(value.get("uid", "")))
        if document is None:
            return None
        return _Outcome(request, self._describe(request, status, title, how), document, title)

    # --- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _describe(request: PageRequest, status: PageStatus, title: str, how: str) -> str:
        if status is PageStatus.MISSING:
            return f"missing ({how}): no such page"
        if status is PageStatus.DISAMBIGUATION:
            return f"disambiguation page ({how}): not used as evidence"
        if normalise_title(request.title) != title:
            return f"{how}: redirect {request.title} → {title}"
        return how

    def _document(self, page: WikiPage, stamp: str) -> Document:
        suffix = FULL_SUFFIX if self.options.full_text else ""
        return Document(
            source=SourceKind.WIKIPEDIA,
            key=f"{self.language}:{page.title}{suffix}",
            title=page.title,
            url=permanent_url(self.language, page.title, page.revision),
            revision=str(page.revision),
            language=self.language,
            text=page.text,
            fetched_at=stamp,
        )

    def _title_key(self, title: str) -> str:
        extent = "full" if self.options.full_text else "summary"
        return f"title:{self.language}:{extent}:{normalise_title(title)}"

    def _stamp(self) -> str:
        return self._now().astimezone(timezone.utc).strftime(_ISO)

    def _fresh(self, fetched_at: str) -> bool:
        if self.options.refreshed_at and fetched_at < self.options.refreshed_at:
            return False
        try:
            when = datetime.strptime(fetched_at, _ISO).replace(tzinfo=timezone.utc)
        except ValueError:
            return False
        return self._now() - when < self.options.ttl

    def _lookups(
        self,
        plan: QueryPlan,
        outcomes: Iterable[_Outcome],
        hits: dict[str, tuple[str, ...]],
    ) -> tuple[Lookup, ...]:
        out = [
            Lookup(SourceKind.WIKIPEDIA, "title", o.request.title, o.request.claim_ids,
                   o.request.phrases, o.outcome, o.document.uid if o.document else "")
            for o in outcomes
        ]  # fmt: skip
        for search in plan.searches:
            found = hits.get(search.query)
            outcome = f"hits: {'; '.join(found)}" if found else "no hits (or not reachable)"
            out.append(Lookup(SourceKind.WIKIPEDIA, "search", search.query, search.claim_ids,
                              search.phrases, outcome))  # fmt: skip
        out += [
            Lookup(SourceKind.WIKIPEDIA, "title", r.title, r.claim_ids, r.phrases,
                   "not fetched: over the page budget")
            for r in plan.over_budget
        ]  # fmt: skip
        return tuple(out)

    def _pinned(self) -> tuple[Document, ...]:
        docs = (self._cache.cached_document(uid) for uid in self.options.pinned)
        return tuple(doc for doc in docs if doc is not None)

    def _pinned_lookups(self) -> tuple[Lookup, ...]:
        return tuple(
            Lookup(SourceKind.WIKIPEDIA, "title", doc.title, (), ("added by hand",),
                   "cached: added by hand", doc.uid)
            for doc in self._pinned()
        )  # fmt: skip

    def _raise_if_degraded(self, found: tuple[Document, ...]) -> None:
        if self._offline.is_set():
            raise SourceUnreachableError(UNREACHABLE, documents=found)
        if self._failures:
            count = len(self._failures)
            raise DegradedSourceError(
                f"Wikipedia: {count} request{'s' * (count != 1)} failed "
                f"({'; '.join(self._failures[:3])}{' ...' if count > 3 else ''}); "
                "used what was fetched and the cache",
                documents=found,
            )

    @property
    def requests(self) -> int:
        return self.client.requests

    def close(self) -> None:
        self.client.close()
