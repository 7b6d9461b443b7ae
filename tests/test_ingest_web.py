"""checks.ingest.web against loopback servers: one deadline for the whole fetch, no cookies
sent on, and failures in words that say what to do (issues 11 and 12)."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from checks.errors import FetchError
from checks.ingest import fetch_url
from checks.ingest.web import OTHER_WAYS
from tests.samples import ARTICLE_HTML, TITLE

DRIBBLE_BYTES = 40  # one byte every DRIBBLE_PAUSE: 8 s for the whole page, then it ends
DRIBBLE_PAUSE = 0.2
seen_cookies: list[str] = []


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        seen_cookies.append(self.headers.get("Cookie", ""))
        if self.path == "/dribble":
            self._dribble()
        elif self.path == "/login-redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.send_header("Set-Cookie", "tracker=journalist-42; Path=/")
            self.end_headers()
        elif self.path == "/article":
            self._send(200, ARTICLE_HTML)
        elif self.path.startswith("/status/"):
            self._send(int(self.path.rsplit("/", 1)[1]), b"<p>no</p>")
        else:
            self._send(404, b"<p>not here</p>")

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _dribble(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(DRIBBLE_BYTES):  # bounded: the server stops by itself
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(DRIBBLE_PAUSE)
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format: str, *args: object) -> None:
        return


@contextmanager
def serve() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def host() -> Iterator[str]:
    with serve() as address:
        yield address


def test_a_site_that_sends_one_byte_at_a_time_is_cut_off_at_the_whole_fetch_deadline(
    host: str,
) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch_url(f"http://{host}/dribble", timeout=1.0)
    took = time.monotonic() - started
    assert str(caught.value) == (
        f"{host} did not send the page within 1 seconds (a slow or overloaded site, or a weak "
        f"connection): try again, or {OTHER_WAYS}"
    )
    # Each read came within the per-read time, so only a deadline for the whole fetch stops
    # it before the site's 8 s: the deadline is 1 s, far below.
    assert took < DRIBBLE_BYTES * DRIBBLE_PAUSE / 2


def test_a_cookie_set_by_a_redirect_is_not_sent_to_the_page(host: str) -> None:
    seen_cookies.clear()
    found = fetch_url(f"http://{host}/login-redirect")
    assert found.title == TITLE
    assert seen_cookies == ["", ""]  # the redirect, then the page: no Cookie header at all


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, "page not found (HTTP 404); check the address, or "),
        (403, "the site refused access (HTTP 403); it may need a login or block automated "
              "requests: "),
        (429, "the site says too many requests (HTTP 429); try again in a few minutes, or "),
        (503, "the site failed (HTTP 503, a problem on its side); try again later, or "),
        (418, "the site answered HTTP 418 instead of the page; check the address, or "),
    ],
)  # fmt: skip
def test_an_http_error_says_what_happened_and_what_to_do(
    host: str, status: int, message: str
) -> None:
    url = f"http://{host}/status/{status}"
    with pytest.raises(FetchError) as caught:
        fetch_url(url)
    assert str(caught.value) == f"{url}: {message}{OTHER_WAYS}"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again: nobody listens there


def test_a_refused_connection_is_said_in_words() -> None:
    port = _closed_port()
    with pytest.raises(FetchError) as caught:
        fetch_url(f"http://127.0.0.1:{port}/a")
    assert str(caught.value) == (
        f"127.0.0.1:{port} refused the connection: the site is down or the address is wrong. "
        f"Try again later, or {OTHER_WAYS}"
    )


def test_a_name_that_does_not_resolve_is_said_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    # No network here: the resolver answers as it does offline or for a mistyped name.
    def no_such_name(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    with pytest.raises(FetchError) as caught:
        fetch_url("https://news.example.invalid/story")
    message = str(caught.value)
    assert message == (
        "news.example.invalid could not be found: the address may be mistyped, or this "
        f"computer has no connection. Check the address; offline, {OTHER_WAYS}"
    )
    assert "Errno" not in message


def test_https_to_a_site_that_does_not_speak_it_is_said_in_words(host: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_url(f"https://{host}/article")  # a plain-HTTP server: the TLS handshake fails
    assert str(caught.value) == (
        f"the secure (https) connection to {host} failed: the site does not speak https "
        f"properly. Try the address with http://, or {OTHER_WAYS}"
    )


def test_no_fetch_message_carries_a_raw_error(host: str) -> None:
    for url in (f"http://{host}/status/500", f"http://127.0.0.1:{_closed_port()}/"):
        with pytest.raises(FetchError) as caught:
            fetch_url(url)
        assert not re.search(r"Errno|\[SSL|Traceback|httpx|httpcore", str(caught.value))


@pytest.fixture(scope="module")
def tls_host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An https server on loopback with a self-signed certificate (openssl makes it)."""
    import shutil
    import ssl
    import subprocess

    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_a_certificate_that_cannot_be_verified_is_said_in_words(tls_host: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_url(f"https://{tls_host}/article")
    assert str(caught.value) == (
        f"{tls_host}'s secure connection could not be verified (its certificate is not valid "
        f"for it): the page was not fetched. If you trust the site, {OTHER_WAYS}"
    )
