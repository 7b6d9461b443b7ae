"""The ``wikipedia-api`` client, set up for the workbench: one request per page, bounded retries.

``WikiClient.page(title)`` asks the MediaWiki API once for the page's extract (lead section
or full text), its info (``lastrevid``) and its page props (``disambiguation``), following
redirects. ``WikiClient.search(query)`` runs ``list=search``. Both go through the real
``wikipediaapi.Wikipedia`` client; only its ``_get`` is replaced so that the library's own
retry rules (``_is_retryable``, ``Retry-After`` via ``_RetryAfterWait``) run with an
injectable sleep, a cap on any single wait, a deadline, and no retry when the network is
down (offline must fail in milliseconds, not after a minute of back-off).

>>> permanent_url("en", "Vladimir Putin", 1234)
'https://en.wikipedia.org/w/index.php?title=Vladimir_Putin&oldid=1234'
>>> parse_wikipedia_url("https://de.m.wikipedia.org/wiki/Wladimir_Putin#Leben")
('de', 'Wladimir Putin')
>>> parse_wikipedia_url("https://en.wikipedia.org/w/index.php?title=NATO&oldid=5")
('en', 'NATO')
>>> user_agent("")
'FactCheckWorkbench/0.1 (local demo; no contact set)'
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

import httpx
import wikipediaapi
from tenacity import RetryCallState, Retrying, retry_if_exception
from wikipediaapi._http_client.retry_after_wait import _RetryAfterWait

from checks.errors import InputError, SourceError, SourceUnreachableError

TOOL = "FactCheckWorkbench/0.1"
DEMO_CONTACT = "local demo; no contact set"
DEFAULT_API_URL = "https://{lang}.wikipedia.org/w/api.php"
DEFAULT_TIMEOUT = 10.0
DEFAULT_RETRIES = 2
MAX_RETRY_WAIT = 10.0  # a Retry-After longer than this gives up instead of waiting
_LANGUAGE = re.compile(r"^[a-z][a-z0-9-]{1,15}$")
_HOST = re.compile(r"^(?P<lang>[a-z][a-z0-9-]*)\.(?:m\.)?wikipedia\.org$")
_HEADING = re.compile(r"^=+\s*(.*?)\s*=+\s*$", re.MULTILINE)


class PageStatus(str, Enum):
    """What a title turned out to be."""

    PAGE = "page"
    MISSING = "missing"
    DISAMBIGUATION = "disambiguation"


@dataclass(frozen=True)
class WikiPage:
    """A page as fetched: its resolved ``title``, latest ``revision`` and text."""

    requested: str
    title: str
    status: PageStatus
    revision: int
    text: str

    @property
    def redirected(self) -> bool:
        return normalise_title(self.requested) != self.title


@dataclass(frozen=True)
class ClientOptions:
    """How to reach Wikipedia. ``contact`` goes into the User-Agent (Wikimedia's policy)."""

    language: str = "en"
    contact: str = ""
    timeout: float = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_RETRIES
    retry_wait: float = 1.0
    max_retry_wait: float = MAX_RETRY_WAIT
    api_url: str = DEFAULT_API_URL


def check_language(code: str) -> str:
    """A Wikipedia language code, lower-cased ("en", "de", "zh-yue", "simple")."""
    clean = code.strip().lower()
    if not _LANGUAGE.match(clean):
        raise InputError(f"{code!r} is not a Wikipedia language code (e.g. en, de, fr, uk)")
    return clean


def user_agent(contact: str) -> str:
    """The tool's name and the user's contact, as Wikimedia's User-Agent policy asks."""
    return f"{TOOL} ({contact.strip() or DEMO_CONTACT})"


def normalise_title(title: str) -> str:
    """Underscores as spaces, single spaces, first letter upper-case (MediaWiki's rule).

    >>> normalise_title("  jens_stoltenberg ")
    'Jens stoltenberg'
    """
    clean = " ".join(title.replace("_", " ").split())
    return clean[:1].upper() + clean[1:]


def permanent_url(language: str, title: str, revision: int) -> str:
    """The link to exactly the revision that was matched (``oldid``)."""
    return (
        f"https://{language}.wikipedia.org/w/index.php?"
        f"title={quote(title.replace(' ', '_'), safe='')}&oldid={revision}"
    )


def parse_wikipedia_url(url: str) -> tuple[str, str]:
    """``(language, title)`` of a Wikipedia article URL; InputError for anything else."""
    parts = urlsplit(url.strip())
    host = _HOST.match(parts.hostname or "")
    if parts.scheme not in ("http", "https") or host is None:
        raise InputError(f"{url!r} is not a Wikipedia article link")
    title = ""
    if parts.path.startswith("/wiki/"):
        title = unquote(parts.path[len("/wiki/") :])
    elif parts.path == "/w/index.php":
        title = parse_qs(parts.query).get("title", [""])[0]
    if not title:
        raise InputError(f"{url!r} does not name a Wikipedia article")
    return host.group("lang"), normalise_title(title)


def full_text(extract: str) -> str:
    """A plain-text extract with ``== Heading ==`` lines turned into plain heading lines."""
    return _HEADING.sub(lambda m: m.group(1), extract).strip()


def _retryable(error: BaseException) -> bool:
    """429 and 5xx are retried; a connection error or timeout means offline: no retry."""
    if isinstance(error, wikipediaapi.WikiRateLimitError):
        return True
    return isinstance(error, wikipediaapi.WikiHttpError) and error.status_code >= 500


class _Wikipedia(wikipediaapi.Wikipedia):  # type: ignore[misc]
    """The library's client with a bounded, injectable retry and a configurable endpoint."""

    def __init__(
        self,
        options: ClientOptions,
        *,
        sleep: Callable[[float], None],
        transport: httpx.BaseTransport | None,
    ) -> None:
        extra: dict[str, Any] = {"transport": transport} if transport is not None else {}
        super().__init__(
            user_agent=user_agent(options.contact),
            language=options.language,
            max_retries=options.max_retries,
            retry_wait=options.retry_wait,
            timeout=options.timeout,
            **extra,
        )
        self._options = options
        self._sleep = sleep
        self._lock = threading.Lock()
        self.requests = 0
        self.deadline: float | None = None
        self.answer = threading.local()  # the raw page entry of this thread's last extracts

    def _build_url(self, language: str) -> str:
        return self._options.api_url.format(lang=language)

    def _count(self, url: str, params: dict[str, Any]) -> dict[str, Any]:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise SourceUnreachableError("Wikipedia took too long to answer")
        with self._lock:
            self.requests += 1
        answer: dict[str, Any] = self._do_get(url, params)
        return answer

    def _do_get(self, url: str, params: dict[str, Any]) -> dict[str, Any]:
        """The library's single GET, with a timeout no longer than the time left before the
        deadline: a request in flight at the deadline ends with it."""
        timeout = self._options.timeout
        if self.deadline is not None:
            timeout = max(0.001, min(timeout, self.deadline - time.monotonic()))
        try:
            response = self._client.get(url, params=params, timeout=timeout)
        except httpx.TimeoutException as error:
            raise wikipediaapi.WikiHttpTimeoutError(url) from error
        except httpx.ConnectError as error:
            raise wikipediaapi.WikiConnectionError(url) from error
        answer: dict[str, Any] = self._process_response(response, url)
        return answer

    def _stop(self, state: RetryCallState) -> bool:
        wait = state.upcoming_sleep
        late = self.deadline is not None and time.monotonic() + wait > self.deadline
        tried = state.attempt_number > self._max_retries
        return tried or wait > self._options.max_retry_wait or late

    def _get(self, language: str, params: dict[str, Any]) -> dict[str, Any]:
        retrying = Retrying(
            stop=self._stop,
            wait=_RetryAfterWait(self._retry_wait),
            retry=retry_if_exception(_retryable),
            sleep=self._sleep,
            reraise=True,
        )
        answer: dict[str, Any] = retrying(self._count, self._build_url(language), params)
        return answer

    def _build_extracts(self, extract: Any, page: Any) -> str:
        self.answer.entry = dict(extract)  # keeps lastrevid and pageprops of this answer
        summary: str = super()._build_extracts(extract, page)
        return summary


def _translate(error: Exception, what: str) -> SourceError:
    offline = (wikipediaapi.WikiConnectionError, wikipediaapi.WikiHttpTimeoutError, httpx.HTTPError)
    if isinstance(error, offline):
        return SourceUnreachableError(f"Wikipedia unreachable ({what})")
    if isinstance(error, wikipediaapi.WikiRateLimitError):
        return SourceError(f"Wikipedia asked us to slow down (HTTP 429) for {what}")
    if isinstance(error, wikipediaapi.WikiHttpError):
        return SourceError(f"Wikipedia answered HTTP {error.status_code} for {what}")
    if isinstance(error, wikipediaapi.WikiInvalidJsonError):
        return SourceError(f"Wikipedia's answer for {what} was not JSON")
    return SourceError(f"Wikipedia's answer for {what} was not understood: {error!r}")


_ERRORS = (
    wikipediaapi.WikipediaException,
    httpx.HTTPError,
    KeyError,
    TypeError,
    ValueError,
    AttributeError,
)


def _page_of(title: str, entry: dict[str, Any], *, summary: str, full: bool) -> WikiPage:
    """The page in one answer's entry; KeyError, TypeError or ValueError when the entry
    lacks its title or revision id (``lastrevid``) or holds them in another shape."""
    status = (
        PageStatus.DISAMBIGUATION
        if "disambiguation" in (entry.get("pageprops") or {})
        else PageStatus.PAGE
    )
    text = full_text(str(entry.get("extract", ""))) if full else summary
    revision = entry["lastrevid"]
    if isinstance(revision, bool) or not isinstance(revision, int | str):
        raise TypeError("lastrevid")
    return WikiPage(title, str(entry["title"]), status, int(revision), text)


def _missing(error: BaseException) -> str:
    """What part of an answer was missing or malformed, for a message."""
    if isinstance(error, KeyError) and error.args:
        return f"its {error.args[0]!r} field"
    return "a field in the expected shape (title, revision id)"


class WikiClient:
    """Pages and searches of one Wikipedia language; safe to share between threads."""

    def __init__(
        self,
        options: ClientOptions,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.options = options
        self.language = check_language(options.language)
        self._wiki = _Wikipedia(options, sleep=sleep, transport=transport)

    @property
    def requests(self) -> int:
        """HTTP requests sent so far (every attempt counts)."""
        return self._wiki.requests

    def set_deadline(self, deadline: float | None) -> None:
        """No request starts after ``deadline`` (a ``time.monotonic()`` value)."""
        self._wiki.deadline = deadline

    def page(self, title: str, *, full: bool = False) -> WikiPage:
        """The page (redirects followed). Raises SourceError (SourceUnreachableError offline)."""
        page = self._wiki.page(normalise_title(title))
        params: dict[str, Any] = {"prop": "extracts|info|pageprops", "ppprop": "disambiguation"}
        if not full:
            params["exintro"] = 1
        self._wiki.answer.entry = {}
        try:
            summary = self._wiki.extracts(page, **params)
            exists = page.exists()
        except SourceError:
            raise
        except _ERRORS as error:
            raise _translate(error, f"the page {title!r}") from error
        entry: dict[str, Any] = self._wiki.answer.entry
        if not exists or not entry:
            return WikiPage(title, normalise_title(title), PageStatus.MISSING, 0, "")
        try:
            return _page_of(title, entry, summary=summary, full=full)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise SourceError(
                f"Wikipedia's answer for the page {title!r} lacked {_missing(error)}: "
                "the page was not used"
            ) from error

    def search(self, query: str, *, limit: int = 2) -> tuple[str, ...]:
        """Titles of the best full-text hits (main namespace)."""
        try:
            results = self._wiki.search(query, limit=limit)
        except SourceError:
            raise
        except _ERRORS as error:
            raise _translate(error, f"the search {query!r}") from error
        return tuple(results.pages.keys())[:limit]

    def close(self) -> None:
        self._wiki._client.close()
