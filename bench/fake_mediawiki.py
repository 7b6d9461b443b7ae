"""A small stand-in for the MediaWiki API (``/w/api.php``) with the demo article's pages.

It answers the two kinds of request the workbench sends, in the API's real JSON format
(``formatversion=1``, as ``wikipedia-api`` asks):

- ``action=query&prop=extracts|info|pageprops&titles=T&redirects=1[&exintro=1]``: the page
  with ``extract``, ``lastrevid`` and ``pageprops`` (``disambiguation`` for those pages),
  ``query.redirects`` for a redirect, a ``"-1"`` entry with ``missing`` for no such page;
- ``action=query&list=search&srsearch=Q&srlimit=N``: pages ranked by how many query words
  they contain (title words count double).

Used by ``bench/wikipedia_fetch.py`` (behind a loopback HTTP server with added latency) and
by the tests (behind ``httpx.MockTransport``). The page texts are the demo library's notes
(text the team wrote) plus short leads written for this file; nothing comes from Wikipedia.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from checks.sources.library import parse_note

LIBRARY = Path(__file__).resolve().parent.parent / "data" / "library"
_WORD = re.compile(r"\w+")

LEADS: dict[str, str] = {
    "Vladimir Putin": (
        "Vladimir Putin is a Russian politician who has been President of Russia since 2012, "
        "and before that from 2000 to 2008.\n"
        "He was Prime Minister of Russia from 1999 to 2000 and again from 2008 to 2012.\n"
        "On 14 June 2024 Putin offered a ceasefire if Ukraine withdrew its troops from the "
        "Donetsk, Luhansk, Zaporizhzhia and Kherson regions and gave up its bid to join NATO."
    ),
    "Ukraine": (
        "Ukraine is a country in Eastern Europe; its capital is Kyiv.\n"
        "Ukraine declared independence from the Soviet Union on 24 August 1991.\n"
        "Russia annexed Crimea in 2014 and launched a full-scale invasion of Ukraine in 2022."
    ),
    "Russia": (
        "Russia is a country spanning Eastern Europe and North Asia; its capital is Moscow.\n"
        "Russia annexed Crimea in 2014 and claimed four more Ukrainian regions in 2022."
    ),
    "Crimea": (
        "Crimea is a peninsula in Ukraine on the northern coast of the Black Sea.\n"
        "Russia annexed Crimea in March 2014; most countries regard it as Ukrainian territory "
        "under Russian occupation."
    ),
    "Donetsk Oblast": (
        "Donetsk Oblast is an oblast in eastern Ukraine, part of the Donbas region.\n"
        "Russia proclaimed its annexation on 30 September 2022 while holding only part of it."
    ),
    "Luhansk Oblast": (
        "Luhansk Oblast is the easternmost oblast of Ukraine, part of the Donbas region.\n"
        "Russia proclaimed its annexation on 30 September 2022."
    ),
    "Kherson Oblast": (
        "Kherson Oblast is an oblast in southern Ukraine on the Dnieper.\n"
        "Russia proclaimed its annexation on 30 September 2022; Ukraine retook the city of "
        "Kherson in November 2022."
    ),
    "Zaporizhzhia Oblast": (
        "Zaporizhzhia Oblast is an oblast in southeastern Ukraine.\n"
        "Russia proclaimed its annexation on 30 September 2022 while holding only part of it."
    ),
    "China": (
        "China is a country in East Asia; its capital is Beijing.\n"
        "China has urged peace talks on Ukraine and has not condemned Russia's invasion."
    ),
    "United States": "The United States is a country in North America, a founder of NATO.",
    "European Union": "The European Union is a political and economic union of 27 member states.",
    "United Nations": "The United Nations is an intergovernmental organisation founded in 1945.",
    "Kyiv": "Kyiv is the capital and most populous city of Ukraine.",
    "Moscow": "Moscow is the capital and largest city of Russia.",
    "Beijing": "Beijing is the capital of China.",
    "Georgia": "Georgia may refer to:\nGeorgia (country)\nGeorgia (U.S. state)",
}
DISAMBIGUATION = frozenset({"Georgia"})
REDIRECTS: dict[str, str] = {
    "Volodymyr Zelensky": "Volodymyr Zelenskyy",
    "Zelensky": "Volodymyr Zelenskyy",
    "Putin": "Vladimir Putin",
    "North Atlantic Treaty Organization": "NATO",
    "Russia–Ukraine conflict": "Russo-Ukrainian War",
    "Russia–Ukraine war": "Russo-Ukrainian War",
}


def library_leads(folder: Path = LIBRARY) -> dict[str, str]:
    """The demo library's notes as pages: the title of each note's Wikipedia link."""
    pages: dict[str, str] = {}
    for path in sorted(folder.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        title, url, body = parse_note(path.read_text(encoding="utf-8"), fallback_title=path.stem)
        name = url.rsplit("/wiki/", 1)[-1].replace("_", " ") if "/wiki/" in url else title
        pages.setdefault(name, body)
    return pages


@dataclass(frozen=True)
class Wiki:
    """The pages a fake MediaWiki serves: title -> lead text (``== Heading ==`` allowed)."""

    pages: Mapping[str, str]
    redirects: Mapping[str, str]
    disambiguation: frozenset[str] = frozenset()

    def revision(self, title: str) -> int:
        return 1_000_000 + sorted(self.pages).index(title)

    def page_id(self, title: str) -> int:
        return 1000 + sorted(self.pages).index(title)


def demo_wiki() -> Wiki:
    """The pages the demo article needs (its library notes plus the leads above)."""
    return Wiki({**library_leads(), **LEADS}, REDIRECTS, DISAMBIGUATION)


def _normal(title: str) -> str:
    clean = " ".join(title.replace("_", " ").split())
    return clean[:1].upper() + clean[1:]


def answer(wiki: Wiki, params: Mapping[str, str]) -> dict[str, Any]:
    """The API's JSON answer to one request's query parameters."""
    if params.get("list") == "search":
        return _search(wiki, params.get("srsearch", ""), int(params.get("srlimit", "10")))
    return _query(wiki, params)


def _query(wiki: Wiki, params: Mapping[str, str]) -> dict[str, Any]:
    asked = params.get("titles", "")
    title = _normal(asked)
    query: dict[str, Any] = {}
    if title != asked:
        query["normalized"] = [{"from": asked, "to": title}]
    if title in wiki.redirects:
        query["redirects"] = [{"from": title, "to": wiki.redirects[title]}]
        title = wiki.redirects[title]
    if title not in wiki.pages:
        query["pages"] = {"-1": {"ns": 0, "title": title, "missing": ""}}
        return {"batchcomplete": "", "query": query}
    text = wiki.pages[title]
    if params.get("exintro"):
        text = text.split("\n==", 1)[0]
    entry: dict[str, Any] = {
        "pageid": wiki.page_id(title),
        "ns": 0,
        "title": title,
        "contentmodel": "wikitext",
        "pagelanguage": "en",
        "touched": "2024-06-20T10:00:00Z",
        "lastrevid": wiki.revision(title),
        "length": len(text) * 3,
        "extract": text,
    }
    if title in wiki.disambiguation:
        entry["pageprops"] = {"disambiguation": ""}
    query["pages"] = {str(entry["pageid"]): entry}
    return {"batchcomplete": "", "query": query}


def _words(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(text)}


def _search(wiki: Wiki, query: str, limit: int) -> dict[str, Any]:
    """Like CirrusSearch, a page's redirects count as its titles."""
    terms = _words(query)
    scored = []
    for title, text in wiki.pages.items():
        if title in wiki.disambiguation:
            continue
        names = [title, *(old for old, new in wiki.redirects.items() if new == title)]
        found = terms & _words(text)
        in_title = max((terms & _words(name) for name in names), key=len)
        if terms and len(found | in_title) * 2 >= len(terms):
            scored.append((-(len(found) + 2 * len(in_title)), title))
    hits = [title for _, title in sorted(scored)[:limit]]
    return {
        "batchcomplete": "",
        "continue": {"sroffset": limit, "continue": "-||"},
        "query": {
            "searchinfo": {"totalhits": len(scored)},
            "search": [
                {
                    "ns": 0,
                    "title": title,
                    "pageid": wiki.page_id(title),
                    "size": len(wiki.pages[title]),
                    "wordcount": len(wiki.pages[title].split()),
                    "snippet": wiki.pages[title][:80],
                    "timestamp": "2024-06-20T10:00:00Z",
                }
                for title in hits
            ],
        },
    }


def handler(wiki: Wiki) -> Any:
    """An ``httpx.MockTransport`` handler answering like ``/w/api.php``."""

    def respond(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=answer(wiki, dict(request.url.params)))

    return respond


class LoopbackServer:
    """The fake API on 127.0.0.1 (a thread per request), each answer ``latency`` s late."""

    def __init__(self, wiki: Wiki, *, latency: float = 0.1) -> None:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                time.sleep(outer.latency)
                params = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
                body = json.dumps(answer(outer.wiki, params)).encode("utf-8")
                with outer.lock:
                    outer.requests += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.wiki = wiki
        self.latency = latency
        self.lock = threading.Lock()
        self.requests = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def api_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/w/api.php"

    def __enter__(self) -> LoopbackServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
