"""Fetch an article by URL with httpx: one deadline, a size limit, redirects followed, no
cookies; a failure says in words what happened and what to do instead.

An HTML page goes to trafilatura (``extract.py``); a PDF served by URL is read like an
uploaded PDF (press releases often are PDFs); plain text is taken as it is. Anything else
(an image, JSON, a zip) is refused with a message naming what the address serves.

>>> is_url("https://example.org/a"), is_url("example.org/a"), is_url("notes.txt")
(True, False, False)
"""

from __future__ import annotations

import errno
import queue
import socket
import ssl
import threading
import time
from dataclasses import replace
from http.cookiejar import CookieJar, DefaultCookiePolicy
from urllib.parse import urlsplit

import httpx

from checks.errors import ChecksError, FetchError, InputError
from checks.ingest.base import MAX_BYTES, ArticleInput, article
from checks.ingest.extract import article_from_html
from checks.ingest.office import PDF_MAGIC, read_pdf
from checks.sources.library import decode_text

USER_AGENT = "fact-check-workbench/0.1 (local fact-checking tool; fetches one article)"
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.1"
TIMEOUT_SECONDS = 15.0
MAX_REDIRECTS = 5
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_url(text: str) -> bool:
    """An http(s) address with a host."""
    parts = urlsplit(text.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


# What to do when the page cannot be fetched: the same three ways in as the app offers.
OTHER_WAYS = "save the page in your browser and upload the .html file, or paste the text"


def _status_error(url: str, status: int) -> FetchError:
    if status in (404, 410):
        return FetchError(
            f"{url}: page not found (HTTP {status}); check the address, or {OTHER_WAYS}"
        )
    if status in (401, 402, 403):
        return FetchError(
            f"{url}: the site refused access (HTTP {status}); it may need a login or block "
            f"automated requests: {OTHER_WAYS}"
        )
    if status == 429:
        return FetchError(
            f"{url}: the site says too many requests (HTTP 429); try again in a few "
            f"minutes, or {OTHER_WAYS}"
        )
    if status >= 500:
        return FetchError(
            f"{url}: the site failed (HTTP {status}, a problem on its side); try again later, "
            f"or {OTHER_WAYS}"
        )
    return FetchError(
        f"{url}: the site answered HTTP {status} instead of the page; check the address, or "
        f"{OTHER_WAYS}"
    )


def _read_limited(
    response: httpx.Response, url: str, max_bytes: int, *, until: float, stop: threading.Event
) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(
            f"{url} is {int(declared):,} bytes; the limit is {max_bytes:,} bytes: {OTHER_WAYS}"
        )
    body = bytearray()
    for chunk in response.iter_bytes():
        if stop.is_set() or time.monotonic() > until:
            raise httpx.ReadTimeout("the fetch's deadline passed")
        body.extend(chunk)
        if len(body) > max_bytes:
            raise FetchError(
                f"{url} is larger than {max_bytes:,} bytes; the limit is {max_bytes:,} bytes: "
                f"{OTHER_WAYS}"
            )
    return bytes(body)


def _no_cookies() -> CookieJar:
    """A cookie jar that keeps nothing: a cookie set by a redirect is never sent on."""
    return CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))


def _root_cause(error: BaseException) -> BaseException:
    """The innermost exception behind ``error`` (httpx wraps httpcore wraps the OSError)."""
    seen = {id(error)}
    while (inner := error.__cause__ or error.__context__) is not None and id(inner) not in seen:
        seen.add(id(inner))
        error = inner
    return error


def _connect_message(host: str, error: httpx.HTTPError) -> str:
    """A failed connection in words, with what to do; never the raw error text."""
    cause = _root_cause(error)
    if isinstance(cause, socket.gaierror):
        return (
            f"{host} could not be found: the address may be mistyped, or this computer has "
            f"no connection. Check the address; offline, {OTHER_WAYS}"
        )
    if isinstance(cause, ConnectionRefusedError):
        return (
            f"{host} refused the connection: the site is down or the address is wrong. Try "
            f"again later, or {OTHER_WAYS}"
        )
    if isinstance(cause, ssl.SSLCertVerificationError):
        return (
            f"{host}'s secure connection could not be verified (its certificate is not valid "
            f"for it): the page was not fetched. If you trust the site, {OTHER_WAYS}"
        )
    if isinstance(cause, ssl.SSLError):
        return (
            f"the secure (https) connection to {host} failed: the site does not speak https "
            f"properly. Try the address with http://, or {OTHER_WAYS}"
        )
    if isinstance(cause, OSError) and cause.errno in _OFFLINE_ERRNOS:
        return f"no connection to {host} (the network is unreachable): {OTHER_WAYS}"
    return f"the connection to {host} failed: try again later, or {OTHER_WAYS}"


_OFFLINE_ERRNOS = frozenset({errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN})


def _fetch_error(url: str, error: httpx.HTTPError, *, deadline: float) -> FetchError:
    """An httpx failure as a FetchError that says what happened and what to do."""
    host = urlsplit(url).netloc
    if isinstance(error, httpx.TimeoutException):
        return FetchError(
            f"{host} did not send the page within {deadline:g} seconds (a slow or overloaded "
            f"site, or a weak connection): try again, or {OTHER_WAYS}"
        )
    if isinstance(error, httpx.TooManyRedirects):
        return FetchError(
            f"{url} redirects more than {MAX_REDIRECTS} times (a redirect loop, or a page that "
            f"needs a login): open it in your browser, then {OTHER_WAYS}"
        )
    if isinstance(error, httpx.ConnectError | httpx.NetworkError):
        return FetchError(_connect_message(host, error))
    if isinstance(error, httpx.RemoteProtocolError):
        return FetchError(
            f"{host} broke off the answer before the whole page came: try again, or {OTHER_WAYS}"
        )
    return FetchError(f"{url} could not be fetched: try again, or {OTHER_WAYS}")


Downloaded = tuple[bytes, str, str]  # body, content type, final url


def _attempt(url: str, *, deadline: float, max_bytes: int, stop: threading.Event) -> Downloaded:
    """One GET, redirects followed, read in chunks until done, ``stop`` or the deadline."""
    until = time.monotonic() + deadline
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    with (
        httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(deadline),
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            cookies=_no_cookies(),
        ) as client,
        client.stream("GET", url) as response,
    ):
        if response.status_code >= 400:
            raise _status_error(url, response.status_code)
        body = _read_limited(response, url, max_bytes, until=until, stop=stop)
        return body, response.headers.get("content-type", ""), str(response.url)


def _download(url: str, *, deadline: float, max_bytes: int) -> Downloaded:
    """``(body, content type, final url)`` within ``deadline`` seconds for the whole fetch
    (connecting, redirects and every read together); failures as FetchError.

    The request runs in a daemon thread, so a site that sends one byte at a time cannot hold
    the caller past the deadline; the thread stops at its next read after it."""
    outcome: queue.Queue[Downloaded | BaseException] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def run() -> None:
        try:
            outcome.put(_attempt(url, deadline=deadline, max_bytes=max_bytes, stop=stop))
        except (httpx.HTTPError, ChecksError) as error:
            outcome.put(error)

    threading.Thread(target=run, name="fetch-url", daemon=True).start()
    try:
        result = outcome.get(timeout=deadline)
    except queue.Empty:
        stop.set()
        result = httpx.ReadTimeout("the fetch's deadline passed")
    if isinstance(result, httpx.HTTPError):
        raise _fetch_error(url, result, deadline=deadline) from result
    if isinstance(result, BaseException):
        raise result
    return result


def fetch_url(
    url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES
) -> ArticleInput:
    """The article at ``url``: HTML through trafilatura, a PDF as a PDF, plain text as is.

    ``timeout`` is one deadline for the whole fetch (15 s): connecting, redirects and every
    read of the body together. Cookies are never sent, not even those a redirect set."""
    address = url.strip()
    if not is_url(address):
        raise InputError(f"{address!r} is not a web address (http:// or https://)")
    body, content_type, final = _download(address, deadline=timeout, max_bytes=max_bytes)
    mime = content_type.split(";")[0].strip().lower()
    if not body.strip():
        raise FetchError(f"{final} answered with an empty page")
    if mime == "application/pdf" or body.startswith(PDF_MAGIC):
        name = urlsplit(final).path.rsplit("/", 1)[-1] or final
        return replace(read_pdf(body, name), url=final, origin=final)
    if mime in _HTML_TYPES or (not mime and body.lstrip()[:1] == b"<"):
        return article_from_html(body, origin=final, url=final)
    if mime == "text/plain":
        return article(decode_text(body, name=final), origin=final, url=final)
    raise FetchError(
        f"{final} serves {mime or 'an unknown type'}, not a web page or a PDF; "
        "if the article is in that file, download it and upload it"
    )
