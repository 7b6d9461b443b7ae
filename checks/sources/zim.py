"""Offline Wikipedia: a Kiwix ZIM file read with libzim, no network at all.

Which pages: the plan of ``checks.queries`` (the same as for Wikipedia). Its titles are looked
up as entries (by path, then by title), redirects followed; its searches go through the ZIM's
full-text index, or its title index when the file has none (or the full-text index finds
nothing). The budget is the plan's: at most ``budget`` pages per article, a share kept for
search hits (``with_search_hits``), each page read once however many lookups lead to it.
Disambiguation pages are never evidence. ``last_lookups`` records every title and search of
the last call, which claims and phrases asked for it and what came of it, as for Wikipedia.

A page's text is its lead section (``full_text=True``: the whole article) as clean text
(``checks.html_text``). Its URL is the matching online page when the ZIM's metadata says which
Wikipedia it is (``Source``, ``Name`` or ``Creator`` + ``Language``), else ``""``; its
revision is the ZIM's ``Date`` and a hash of the text: a ZIM holds no revision ids, so the
link is to the current online page, and the revision names the snapshot that was matched.

>>> wiki_base_url({"Name": "wikipedia_de_all", "Language": "deu"})
'https://de.wikipedia.org/wiki/'
>>> page_url("https://en.wikipedia.org/wiki/", "A/Ukraine–NATO_relations", new_scheme=False)
'https://en.wikipedia.org/wiki/Ukraine%E2%80%93NATO_relations'
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from libzim.reader import Archive, Entry
from libzim.search import Query, Searcher
from libzim.suggestion import SuggestionSearcher

from checks.errors import DegradedSourceError, SourceError
from checks.html_text import page_text, parse_html
from checks.model import Claim, Document, Lookup, SourceKind
from checks.queries import (
    DEFAULT_BUDGET,
    HITS_PER_SEARCH,
    PageRequest,
    QueryPlan,
    plan_queries,
    with_search_hits,
)
from checks.sources.base import cut_to_limit
from checks.timestamps import utc_now

MAX_PAGE_BYTES = 10_000_000  # as for fetched pages and uploads (checks.ingest.base.MAX_BYTES)
MAX_REDIRECTS = 8
ZIM_MAGIC = b"ZIM\x04"  # 72173914, little-endian: the first four bytes of every ZIM file
METADATA_KEYS = ("Title", "Name", "Language", "Source", "Creator", "Publisher", "Date")
WIKIMEDIA_PROJECTS = (
    "wikipedia wiktionary wikiquote wikibooks wikisource wikinews wikiversity wikivoyage"
)


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


# ISO 639-3 (ZIM metadata) -> the ISO 639-1 code a Wikipedia's address uses. Codes not here
# are kept as they are: Wikipedias without a two-letter code use the three-letter one (ceb).
ISO_639_1 = dict(
    pair.split(":")
    for pair in _words(
        "eng:en deu:de ger:de fra:fr fre:fr spa:es ukr:uk rus:ru ita:it por:pt pol:pl nld:nl "
        "dut:nl swe:sv nor:no nob:nb nno:nn dan:da fin:fi ces:cs cze:cs slk:sk slo:sk hun:hu "
        "ron:ro rum:ro bul:bg ell:el gre:el tur:tr ara:ar heb:he fas:fa per:fa hin:hi ben:bn "
        "urd:ur zho:zh chi:zh jpn:ja kor:ko vie:vi ind:id msa:ms may:ms tha:th cat:ca eus:eu "
        "baq:eu glg:gl hrv:hr srp:sr slv:sl est:et lav:lv lit:lt bel:be kat:ka geo:ka hye:hy "
        "arm:hy aze:az kaz:kk uzb:uz swa:sw afr:af epo:eo lat:la isl:is ice:is gle:ga cym:cy "
        "wel:cy mkd:mk mac:mk sqi:sq alb:sq bos:bs tgl:tl tam:ta tel:te mar:mr"
    )
)
_WIKIMEDIA_HOST = re.compile(
    rf"^(?:[a-z][a-z0-9\-]*)\.(?:m\.)?(?:{'|'.join(WIKIMEDIA_PROJECTS.split())})\.org$"
)
_WIKIMEDIA_NAME = re.compile(
    rf"^({'|'.join(WIKIMEDIA_PROJECTS.split())})_([a-z]{{2,3}}(?:-[a-z]+)*)_"
)


@dataclass(frozen=True)
class ZimInfo:
    """What the settings page shows about a ZIM file."""

    path: Path
    title: str
    name: str
    language: str
    date: str
    article_count: int
    has_fulltext_index: bool
    has_title_index: bool
    new_namespace_scheme: bool
    base_url: str  # "https://en.wikipedia.org/wiki/" or "" when the ZIM is no known wiki


# --- the file -------------------------------------------------------------------------------


def iso639_1(code: str) -> str:
    """``"eng"`` -> ``"en"``; the first of a list (``"eng,fra"``); two-letter codes as given.

    >>> iso639_1("eng,fra"), iso639_1("ceb"), iso639_1("uk")
    ('en', 'ceb', 'uk')
    """
    first = code.split(",")[0].strip().lower()
    return ISO_639_1.get(first, first)


def wiki_base_url(metadata: Mapping[str, str]) -> str:
    """``https://<lang>.<project>.org/wiki/`` when the metadata names a Wikimedia wiki, else
    ``""``: from ``Source`` (``en.wikipedia.org``), else ``Name`` (``wikipedia_en_all``),
    else ``Creator`` ``Wikipedia`` with ``Language``."""
    source = re.sub(r"^[a-z]+://", "", metadata.get("Source", "").strip().lower())
    host = source.split("/")[0].removeprefix("www.")
    if _WIKIMEDIA_HOST.match(host):
        return f"https://{host.replace('.m.', '.')}/wiki/"
    named = _WIKIMEDIA_NAME.match(metadata.get("Name", "").strip().lower())
    if named:
        return f"https://{named.group(2)}.{named.group(1)}.org/wiki/"
    language = iso639_1(metadata.get("Language", ""))
    if metadata.get("Creator", "").strip().lower() == "wikipedia" and language:
        return f"https://{language}.wikipedia.org/wiki/"
    return ""


def page_name(path: str, *, new_scheme: bool) -> str:
    """An entry's path without its namespace (``A/NATO`` -> ``NATO`` in old-scheme files)."""
    if not new_scheme and len(path) > 2 and path[1] == "/":
        return path[2:]
    return path


def page_url(base_url: str, path: str, *, new_scheme: bool) -> str:
    """The online page of an entry, or ``""`` without a base URL."""
    if not base_url:
        return ""
    return base_url + quote(page_name(path, new_scheme=new_scheme), safe="/:()_,'!-.~*@$;")


def entry_paths(title: str, *, new_scheme: bool) -> tuple[str, ...]:
    """The paths a title's page has: ``Vladimir_Putin``, and ``A/Vladimir_Putin`` in files
    with the old namespace scheme (Kiwix files made before 2021)."""
    name = title.strip().replace(" ", "_")
    name = name[:1].upper() + name[1:]
    return (name,) if new_scheme else (f"A/{name}", name)


def _check_file(path: Path) -> None:
    """SourceError naming ``path`` unless it is a readable file that starts like a ZIM."""
    if path.is_dir():
        raise SourceError(f"the ZIM file {path} is a folder, not a file")
    if not path.exists():
        if Path(f"{path}aa").exists():  # a split ZIM (file.zimaa, file.zimab ...)
            return
        raise SourceError(f"the ZIM file {path} does not exist")
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(ZIM_MAGIC))
    except OSError as exc:
        raise SourceError(f"the ZIM file {path} cannot be read: {exc.strerror or exc}") from exc
    if magic != ZIM_MAGIC:
        raise SourceError(f"{path} is not a ZIM file (it does not start like one)")


def open_archive(path: Path) -> Archive:
    """The libzim archive at ``path``; SourceError naming the file when it cannot be used."""
    _check_file(path)
    try:
        return Archive(path)
    except RuntimeError as exc:
        raise SourceError(f"the ZIM file {path} cannot be opened: {exc}") from exc


def read_metadata(archive: Archive) -> dict[str, str]:
    """The metadata of ``METADATA_KEYS`` the file has, as text."""
    present = set(archive.metadata_keys)
    return {
        key: archive.get_metadata(key).decode("utf-8", errors="replace").strip()
        for key in METADATA_KEYS
        if key in present
    }


def zim_info(path: Path, archive: Archive) -> ZimInfo:
    metadata = read_metadata(archive)
    return ZimInfo(
        path=path,
        title=metadata.get("Title", "") or path.stem,
        name=metadata.get("Name", ""),
        language=iso639_1(metadata.get("Language", "")),
        date=metadata.get("Date", ""),
        article_count=archive.article_count,
        has_fulltext_index=archive.has_fulltext_index,
        has_title_index=archive.has_title_index,
        new_namespace_scheme=archive.has_new_namespace_scheme,
        base_url=wiki_base_url(metadata),
    )


def open_zim(path: Path | str) -> ZimInfo:
    """What the settings page shows about the ZIM file at ``path``; SourceError naming the
    file when it is missing, unreadable or no ZIM file."""
    where = Path(path).expanduser()
    return zim_info(where, open_archive(where))


# --- choosing pages ------------------------------------------------------------------------


def _resolve(entry: Entry) -> Entry | None:
    """The entry a redirect chain ends on, or None for a chain longer than MAX_REDIRECTS."""
    for _ in range(MAX_REDIRECTS):
        if not entry.is_redirect:
            return entry
        entry = entry.get_redirect_entry()
    return None


def _lookup(archive: Archive, title: str) -> Entry | None:
    """The entry with this title (by path, then by title), redirects not yet followed."""
    for path in entry_paths(title, new_scheme=archive.has_new_namespace_scheme):
        if archive.has_entry_by_path(path):
            return archive.get_entry_by_path(path)
    if archive.has_entry_by_title(title):
        return archive.get_entry_by_title(title)
    return None


@dataclass(frozen=True)
class Pick:
    """What one page request found: the entry (``path``, ``title``; ``""`` when none) and
    how (``outcome``, e.g. ``"redirect Putin → Vladimir Putin"``)."""

    request: PageRequest
    outcome: str
    path: str = ""
    title: str = ""


@dataclass(frozen=True)
class Choices:
    """The pages chosen for an article and why: the plan, what each of its titles found and
    then the search hits added within the budget (``picks``), and what each search found
    (``hits``: query -> titles; ``index``: query -> ``"full text"`` or ``"title index"``)."""

    plan: QueryPlan
    picks: tuple[Pick, ...]
    hits: Mapping[str, tuple[str, ...]]
    index: Mapping[str, str]

    @property
    def paths(self) -> tuple[str, ...]:
        """The entries to read, each once, in the order they were chosen."""
        return tuple(dict.fromkeys(pick.path for pick in self.picks if pick.path))

    def title_of(self, path: str) -> str:
        return next((pick.title for pick in self.picks if pick.path == path), "")


class _Finder:
    """Title lookups and searches in one archive for one article."""

    def __init__(self, archive: Archive) -> None:
        self._archive = archive
        self._fulltext = Searcher(archive) if archive.has_fulltext_index else None
        self._titles = SuggestionSearcher(archive)

    def by_title(self, request: PageRequest) -> Pick:
        """The entry titled ``request.title`` (exact path or title, then its redirect); when
        there is none, the best title-index match (a ZIM file, unlike the live site, may hold
        "Russian annexation of Donetsk …" but no "Donetsk Oblast")."""
        entry = _lookup(self._archive, request.title)
        if entry is None:
            return self._closest_title(request)
        target = _resolve(entry)
        if target is None:
            return Pick(request, f"missing: more than {MAX_REDIRECTS} redirects")
        outcome = f"redirect {request.title} → {target.title}" if entry.is_redirect else ""
        return Pick(request, outcome, target.path, target.title)

    def _closest_title(self, request: PageRequest) -> Pick:
        found = self._entries(self._titles.suggest(request.title).getResults(0, 1))
        if not found:
            return Pick(request, "missing: no such page in the ZIM file")
        path, title = found[0]
        return Pick(request, f"title index: {request.title} → {title}", path, title)

    def search(
        self, query: str, *, count: int = HITS_PER_SEARCH
    ) -> tuple[list[tuple[str, str]], str]:
        """``(path, title)`` of the best hits and the index that found them: the full-text
        index, else the title index (no full-text index, or it finds nothing: a name spelt
        differently, "Zelensky" for "Zelenskyy")."""
        found: list[tuple[str, str]] = []
        if self._fulltext is not None:
            try:
                results = self._fulltext.search(Query().set_query(query)).getResults(0, count)
            except RuntimeError:  # a query Xapian cannot parse: the title index still may
                results = iter(())
            found = self._entries(results)
            if found:
                return found, "full text"
        return self._entries(self._titles.suggest(query).getResults(0, count)), "title index"

    def _entries(self, paths: Iterable[str]) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for path in paths:
            if not self._archive.has_entry_by_path(path):
                continue
            target = _resolve(self._archive.get_entry_by_path(path))
            if target is not None and target.path not in {p for p, _ in out}:
                out.append((target.path, target.title))
        return out


def choose(archive: Archive, plan: QueryPlan) -> Choices:
    """The entries the plan's titles and searches find, search hits within the budget."""
    finder = _Finder(archive)
    picks = [finder.by_title(request) for request in plan.pages]
    hits: dict[str, tuple[str, ...]] = {}
    index: dict[str, str] = {}
    paths: dict[str, tuple[str, str]] = {}  # casefolded title -> (path, title)
    for search in plan.searches:
        found, index[search.query] = finder.search(search.query)
        hits[search.query] = tuple(title for _, title in found)
        paths.update({title.casefold(): (path, title) for path, title in found})
    taken = [pick.title or pick.request.title for pick in picks]
    extra = with_search_hits(plan, hits, taken=[*taken, *(r.title for r in plan.pages)])
    for request in extra:
        path, title = paths[request.title.casefold()]
        picks.append(Pick(request, "", path, title))
    return Choices(plan, tuple(picks), hits, index)


# --- documents ------------------------------------------------------------------------------


def missing_notice(path: Path, missing: Sequence[str], *, read: int) -> str:
    """The notice for pages that could not be read, naming up to five of them.

    >>> missing_notice(Path("/z/wiki.zim"), ["NATO"], read=4)
    'ZIM file wiki.zim: 1 page could not be read (NATO); matched with the 4 pages read'
    """
    names = ", ".join(missing[:5])
    more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
    count = f"{len(missing)} page{'s' * (len(missing) != 1)}"
    return (
        f"ZIM file {path.name}: {count} could not be read ({names}{more}); "
        f"matched with the {read} page{'s' * (read != 1)} read"
    )


def _outcome(pick: Pick, read: Document | str | None) -> str:
    """What the lookup of ``pick`` records, once its page was read (``read``: the document,
    or why there is none; ``None``: not read)."""
    if not pick.path:
        return pick.outcome
    how = "read" if isinstance(read, Document) else str(read)
    return f"{how}: {pick.outcome}" if pick.outcome else how


class ZimSource:
    """Pages of an offline Wikipedia (a Kiwix ZIM file) as reference documents.

    The file is opened on first use, so a missing or broken file becomes the pipeline's
    notice ("zim unavailable: the ZIM file ... does not exist") instead of a crash; call
    ``info()`` to check a file at once. ``language`` is used when the file's metadata has
    none. ``last_lookups``: every title and search of the last ``documents`` call, and why.
    """

    kind: SourceKind = SourceKind.ZIM

    def __init__(
        self,
        path: Path | str,
        *,
        language: str | None = None,
        full_text: bool = False,
        budget: int = DEFAULT_BUDGET,
    ) -> None:
        if budget < 1:
            raise ValueError(f"budget must be at least 1, got {budget}")
        self.path = Path(path).expanduser()
        self.language = language
        self.full_text = full_text
        self.budget = budget
        self._opened: tuple[Archive, ZimInfo] | None = None
        self.last_lookups: tuple[Lookup, ...] = ()

    def _open(self) -> tuple[Archive, ZimInfo]:
        if self._opened is None:
            archive = open_archive(self.path)
            self._opened = (archive, zim_info(self.path, archive))
        return self._opened

    def info(self) -> ZimInfo:
        """The file's ZimInfo; SourceError naming the file when it cannot be used."""
        return self._open()[1]

    def choose(self, claims: Sequence[Claim]) -> Choices:
        """The pages to read for an article (``checks.queries`` plan), within the budget."""
        archive, _ = self._open()
        return choose(archive, plan_queries(claims, budget=self.budget))

    def documents(self, claims: Sequence[Claim], *, text: str) -> tuple[Document, ...]:
        """Documents of the chosen pages that are articles with text (no disambiguation).

        A page that cannot be read (a damaged file, a disk that goes away half-way) is
        skipped: ``DegradedSourceError`` names the pages missing and carries the documents
        read, so the analysis goes on with them; SourceError naming the file when no chosen
        page could be read, or when its indexes fail while pages are chosen.
        """
        self.last_lookups = ()
        archive, info = self._open()
        try:
            chosen = self.choose(claims)
        except RuntimeError as exc:
            raise SourceError(f"the ZIM file {self.path} is damaged: {exc}") from exc
        read: dict[str, Document | str] = {}
        failures: list[tuple[str, str]] = []
        for path in chosen.paths:
            try:
                read[path] = self._read(archive, info, path, chosen.title_of(path))
            except RuntimeError as exc:
                read[path] = f"failed: {exc}"
                failures.append((path, str(exc)))
        self.last_lookups = self._lookups(chosen, read)
        documents = [doc for doc in read.values() if isinstance(doc, Document)]
        if failures and len(failures) == len(chosen.paths):
            path, reason = failures[0]
            raise SourceError(
                f"the ZIM file {self.path} is damaged: {path} ({reason}) cannot be read"
            )
        if failures:
            raise DegradedSourceError(
                missing_notice(
                    self.path,
                    [chosen.title_of(path) or path for path, _ in failures],
                    read=len(documents),
                ),
                documents=tuple(documents),
            )
        return tuple(documents)

    def _lookups(self, chosen: Choices, read: Mapping[str, Document | str]) -> tuple[Lookup, ...]:
        """One Lookup per title and search, as ``WikipediaSource.last_lookups``: the plan's
        titles, its searches, the search hits read, then the titles over the budget."""
        titles = len(chosen.plan.pages)

        def lookup(pick: Pick) -> Lookup:
            page = read.get(pick.path)
            uid = page.uid if isinstance(page, Document) else ""
            request = pick.request
            return Lookup(SourceKind.ZIM, "title", request.title, request.claim_ids,
                          request.phrases, _outcome(pick, page), uid)  # fmt: skip

        out = [lookup(pick) for pick in chosen.picks[:titles]]
        for search in chosen.plan.searches:
            found = chosen.hits.get(search.query)
            where = chosen.index.get(search.query, "")
            outcome = f"hits ({where}): {'; '.join(found)}" if found else f"no hits ({where})"
            out.append(Lookup(SourceKind.ZIM, "search", search.query, search.claim_ids,
                              search.phrases, outcome))  # fmt: skip
        out += [lookup(pick) for pick in chosen.picks[titles:]]
        out += [
            Lookup(SourceKind.ZIM, "title", r.title, r.claim_ids, r.phrases,
                   "not read: over the page budget")
            for r in chosen.plan.over_budget
        ]  # fmt: skip
        return tuple(out)

    def _read(self, archive: Archive, info: ZimInfo, path: str, title: str) -> Document | str:
        """The document of the entry at ``path``, or why it is none (not evidence)."""
        item = archive.get_entry_by_path(path).get_item()
        if not item.mimetype.startswith("text/html"):
            return f"not an article ({item.mimetype}): not used as evidence"
        if item.size > MAX_PAGE_BYTES:
            return (
                f"a page of {item.size:,} bytes, over the {MAX_PAGE_BYTES:,}-byte limit: not read"
            )
        page = parse_html(bytes(item.content).decode("utf-8", errors="replace"))
        text = cut_to_limit(page_text(page, full_text=self.full_text))
        if page.disambiguation or "(disambiguation)" in title:
            return "disambiguation page: not used as evidence"
        if not text:
            return "no text: not used as evidence"
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        name = page_name(path, new_scheme=info.new_namespace_scheme)
        return Document(
            source=SourceKind.ZIM,
            key=f"{self.path.name}:{path}",
            title=title or page.title or name.replace("_", " "),
            url=page_url(info.base_url, path, new_scheme=info.new_namespace_scheme),
            revision=f"{info.date}:{digest}" if info.date else digest,
            language=info.language or (self.language or ""),
            text=text,
            fetched_at=utc_now(),
        )
