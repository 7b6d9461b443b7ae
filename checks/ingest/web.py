"""Fetch an article by URL with httpx: timeouts, a size limit, redirects followed.

An HTML page goes to trafilatura (``extract.py``); a PDF served by URL is read like an
uploaded PDF (press releases often are PDFs); plain text is taken as it is. Anything else
(an image, JSON, a zip) is refused with a message naming what the address serves.

>>> is_url("https://example.org/a"), is_url("example.org/a"), is_url("notes.txt")
(True, False, False)
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

import httpx

from checks.errors import FetchError, InputError
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


def _status_error(url: str, status: int) -> FetchError:
    if status in (404, 410):
        return FetchError(f"{url}: page not found (HTTP {status}); check the address")
    if status in (401, 402, 403):
        return FetchError(
            f"{url}: the site refused access (HTTP {status}); it may need a login or block "
            "automated requests. Save the page and upload the .html file, or paste the text"
        )
    if status == 429:
        return FetchError(f"{url}: the site says too many requests (HTTP 429); try again later")
    if status >= 500:
        return FetchError(f"{url}: the site failed (HTTP {status}); try again later")
    return FetchError(f"{url}: the site answered HTTP {status}, not the page")


def _read_limited(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url} is {int(declared):,} bytes; the limit is {max_bytes:,} bytes")
    body = bytearray()
    for chunk in response.iter_bytes():
        body.extend(chunk)
        if len(body) > max_bytes:
            raise FetchError(f"{url} is larger than {max_bytes:,} bytes; the limit")
    return bytes(body)


def _download(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str, str]:
    """``(body, content type, final url)``; network and HTTP failures as FetchError."""
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    host = urlsplit(url).netloc
    try:
        with (
            httpx.Client(
                headers=headers,
                timeout=httpx.Timeout(timeout),
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise _status_error(url, response.status_code)
            body = _read_limited(response, url, max_bytes)
            return body, response.headers.get("content-type", ""), str(response.url)
    except httpx.TimeoutException as error:
        raise FetchError(f"{host} did not answer within {timeout:g} seconds") from error
    except httpx.TooManyRedirects as error:
        raise FetchError(f"{url} redirects more than {MAX_REDIRECTS} times") from error
    except httpx.ConnectError as error:
        raise FetchError(f"cannot connect to {host}: {error}") from error
    except httpx.HTTPError as error:
        raise FetchError(f"fetching {url} failed: {error}") from error


def fetch_url(
    url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES
) -> ArticleInput:
    """The article at ``url``: HTML through trafilatura, a PDF as a PDF, plain text as is."""
    address = url.strip()
    if not is_url(address):
        raise InputError(f"{address!r} is not a web address (http:// or https://)")
    body, content_type, final = _download(address, timeout=timeout, max_bytes=max_bytes)
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
