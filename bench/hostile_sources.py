"""Hostile sources and sites: what they cost now (issue 11), against a normal one in the same run.

    python -m bench.hostile_sources [--repeat 3]

- The demo article analysed against the demo library plus a ZIM file (built here with
  libzim.writer) whose "Vladimir Putin" page is normal, then the same page carrying 280 KB of
  end tags that match nothing inside 5,000 open tags, 240 KB of ``<a x='`` never closed and a
  280 KB run of white space (each quadratic before: the first took 51 s alone). Target: the
  hostile page costs at most 5x the normal analysis.
- ``html_text`` on that page alone.
- A Word file of about 300 KB whose text is 60 million characters, added to the library
  (``references.upload_document``, the Sources page and ``library add``): refused by the
  document cap, and how long that takes (before: 63.7 million characters stored).
- A loopback site that sends one byte every 0.5 s, fetched with a 3 s deadline (the app uses
  15 s): the fetch ends at the deadline (before: the 15 s timeout was per read, so such a
  site held the CLI for as long as it kept sending).

Prints one table row per case, the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from libzim.writer import Creator, Hint, Item, StringProvider

from checks.errors import ChecksError
from checks.html_text import html_to_text
from checks.ingest import fetch_url
from checks.pipeline import analyze
from checks.references import upload_document
from checks.sources.library import LibrarySource, seed_demo_library
from checks.sources.zim import ZimSource
from checks.store import Store
from tests.samples import make_docx

DEMO = Path(__file__).resolve().parent.parent / "data" / "ceasefire-proposal-2024.txt"
HOSTILE_TAIL = (
    "<span>" * 5_000 + "</b>" * 70_000 + "<p>a" + " " * 280_000 + "b</p>" + "<a x='" * 40_000
)


LEAD = (
    "<p><b>Vladimir Putin</b> (born 7 October 1952) is a Russian politician who has been "
    "President of Russia since 2012.</p><p>On 14 June 2024 Putin offered a ceasefire if Ukraine "
    "withdrew from four regions and gave up its bid to join NATO.</p>"
)
PAGES = {
    "Vladimir_Putin": ("Vladimir Putin", LEAD),
    "NATO": ("NATO", "<p>NATO is a military alliance of 32 member states, founded in 1949.</p>"),
    "Ukraine": ("Ukraine", "<p>Ukraine is a country in Eastern Europe; its capital is Kyiv.</p>"),
}


class _Page(Item):  # type: ignore[misc]
    def __init__(self, path: str, title: str, html: str) -> None:
        super().__init__()
        self.path, self.title, self.html = path, title, html

    def get_path(self) -> str:
        return self.path

    def get_title(self) -> str:
        return self.title

    def get_mimetype(self) -> str:
        return "text/html"

    def get_contentprovider(self) -> StringProvider:
        return StringProvider(self.html)

    def get_hints(self) -> dict[Hint, int]:
        return {Hint.FRONT_ARTICLE: True}


def page_html(title: str, lead: str, *, hostile: bool) -> str:
    tail = HOSTILE_TAIL if hostile else ""
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}</h1>"
        f"<section>{lead}</section>{tail}</body></html>"
    )


def _median(step: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _zim(folder: Path, name: str, *, hostile: bool) -> Path:
    """A small Wikipedia ZIM; with ``hostile`` its "Vladimir Putin" page carries the tail."""
    path = folder / name
    with Creator(path).config_indexing(True, "eng") as creator:
        for key, value in (("Title", "Wikipedia (bench)"), ("Language", "eng"),
                           ("Name", "wikipedia_en_bench"), ("Date", "2024-06-01")):  # fmt: skip
            creator.add_metadata(key, value)
        for entry, (title, lead) in PAGES.items():
            bad = hostile and entry == "Vladimir_Putin"
            creator.add_item(_Page(entry, title, page_html(title, lead, hostile=bad)))
        creator.set_mainpath("Vladimir_Putin")
    return path


def _analysis(store: Store, zim: Path) -> Callable[[], object]:
    text = DEMO.read_text(encoding="utf-8")
    return lambda: analyze(text, sources=[LibrarySource(store), ZimSource(zim)])


def _big_docx() -> bytes:
    """A real .docx of 300,000 paragraphs of 200 characters: 60 million characters of text
    in about 300 KB (what python-docx made of the file in the issue)."""
    template = zipfile.ZipFile(io.BytesIO(make_docx(("PLACEHOLDER",))))
    paragraph = b"<w:p><w:r><w:t>" + b"The harbour closed. " * 10 + b"</w:t></w:r></w:p>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as docx:
        for item in template.infolist():
            data = template.read(item.filename)
            if item.filename == "word/document.xml":
                start = data.index(b"<w:p>")
                data = data[:start] + paragraph * 300_000 + data[start:]
            docx.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


class _Dribble(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(40):  # 20 s at most: the server stops by itself
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.5)
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format: str, *args: object) -> None:
        return


@contextmanager
def _dribbling_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Dribble)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/story"
    finally:
        server.shutdown()
        server.server_close()


def _outcome(step: Callable[[], object]) -> Callable[[], str]:
    def run() -> str:
        try:
            result = step()
        except ChecksError as error:
            return f"refused: {str(error)[:90]}"
        return f"{len(getattr(result, 'evidence', ())):,} evidence"

    return run


def rows(folder: Path, *, repeat: int) -> list[tuple[str, str, float]]:
    store = Store.open(folder / "bench.sqlite3")
    seed_demo_library(store)
    normal = _zim(folder, "normal.zim", hostile=False)
    hostile = _zim(folder, "hostile.zim", hostile=True)
    hostile_html = page_html("Vladimir Putin", LEAD, hostile=True)
    out: list[tuple[str, str, float]] = []
    baseline, result = _median(_outcome(_analysis(store, normal)), repeat)
    out.append(("demo article, library + normal ZIM (baseline)", str(result), baseline))
    took, result = _median(_outcome(_analysis(store, hostile)), repeat)
    out.append((f"same, hostile ZIM page ({len(hostile_html):,} bytes)", str(result), took))
    out.append(("ratio hostile / baseline (target at most 5)", "", took / baseline))
    took, text = _median(lambda: html_to_text(hostile_html), repeat)
    out.append(("html_text of the hostile page alone", f"{len(str(text)):,} chars", took))
    docx = _big_docx()
    took, result = _median(_outcome(lambda: upload_document("big.docx", docx)), repeat)
    out.append((f".docx of {len(docx):,} bytes, 60 M chars of text", str(result), took))
    with _dribbling_site() as url:
        took, result = _median(_outcome(lambda: fetch_url(url, timeout=3.0)), 1)
    out.append(("site sending 1 byte / 0.5 s, deadline 3 s", str(result), took))
    store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (median)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        table = rows(Path(folder), repeat=args.repeat)
    print("| case | outcome | seconds (median) |")
    print("|---|---|---:|")
    for name, outcome, seconds in table:
        print(f"| {name} | {outcome} | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
