"""Test material built in the test: a loopback web site, a real PDF and a real .docx file."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import docx
from pypdf import PdfReader, PdfWriter

PARAGRAPHS = (
    "Russian President Vladimir Putin said on Friday that Russia would end the war in Ukraine "
    "if Kyiv dropped its plans to join NATO and handed over four provinces.",
    "Ukraine applied to join NATO on 30 September 2022, days after Russia claimed to annex "
    "four regions of the country.",
    "The peace summit in Bürgenstock, Switzerland, was attended by delegations from more than "
    "90 countries, officials said on Sunday.",
)
TITLE = "Putin proposes ceasefire terms"
NAV_WORDS = ("Sign in to subscribe", "Cookie settings")
COMMENT_WORDS = ("Totally agree", "fake news")

ARTICLE_HTML = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{TITLE} | Example News</title>
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-06-15T10:30:00Z">
<meta property="og:title" content="{TITLE}">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/login">Sign in to subscribe</a></li></ul></nav></header>
<main><article><h1>{TITLE}</h1>
<p class="byline">By Jane Reporter</p>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>Great article!!! Totally agree with everything said here, thanks.</p></div>
<div class="comment"><p>This is fake news, the summit was a failure and nobody cares.</p></div>
</section></main>
<footer><p>© 2024 Example News. Privacy policy. Cookie settings.</p></footer>
</body></html>""".encode()

HOME_HTML = b"""<!DOCTYPE html><html><head><title>Example News</title></head><body>
<nav><a href="/world">World</a> <a href="/sport">Sport</a></nav>
<ul><li><a href="/a1">Putin proposes ceasefire</a></li><li><a href="/a2">Markets</a></li></ul>
<footer>2024</footer></body></html>"""


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252") + b")"


def make_pdf(lines: tuple[str, ...] = PARAGRAPHS, *, title: str = "Press release") -> bytes:
    """A real one-page PDF with a Helvetica text layer, written by hand (no PDF library)."""
    ops = [b"BT /F1 11 Tf 14 TL 72 720 Td"]
    for line in lines:
        ops.append(_pdf_string(line) + b" Tj T* T*")
    ops.append(b"ET")
    content = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Title " + _pdf_string(title) + b" /Author (Press Office) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def encrypt_pdf(data: bytes, password: str = "secret") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def blank_pdf() -> bytes:
    """A PDF with a page but no text layer, like a scan."""
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_docx(paragraphs: tuple[str, ...] = PARAGRAPHS, *, title: str = TITLE) -> bytes:
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = "Jane Reporter"
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/news/article.html": (200, "text/html; charset=utf-8", ARTICLE_HTML),
    "/": (200, "text/html; charset=utf-8", HOME_HTML),
    "/release.pdf": (200, "application/pdf", make_pdf()),
    "/logo.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
    "/forbidden": (403, "text/html", b"<p>no</p>"),
}
REDIRECTS = {"/old-address": "/news/article.html", "/loop": "/loop"}
SLOW = "/slow"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path in REDIRECTS:
            self.send_response(301)
            self.send_header("Location", REDIRECTS[self.path])
            self.end_headers()
            return
        if self.path == SLOW:
            time.sleep(1.5)
        status, content_type, body = ROUTES.get(
            self.path, (404, "text/html", b"<h1>Not found</h1>")
        )
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            return  # the client gave up on purpose (timeout and size-limit tests)

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        return


@contextmanager
def serve() -> Iterator[str]:
    """A web site on 127.0.0.1 (a free port) for the duration; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
