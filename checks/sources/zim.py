"""Offline Wikipedia: a Kiwix ZIM file read with libzim, no network at all.

Which pages: the names in the claims (``candidate_titles``) looked up as titles, redirects
followed; then search queries (names that are no title, and a name plus a topic word per
check-worthy claim) through the ZIM's full-text index, or its title index when the file has
no full-text index. At most ``budget`` pages are read per article, each once; a third of the
budget is kept for search results when there are any. Disambiguation pages are never evidence.

A page's text is its lead section (``full_text=True``: the whole article) as clean text
(``checks.html_text``). Its URL is the matching online page when the ZIM's metadata says which
Wikipedia it is (``Source``, ``Name`` or ``Creator`` + ``Language``), else ``""``; its
revision is the ZIM's ``Date`` and a hash of the text: a ZIM holds no revision ids, so the
link is to the current online page, and the revision names the snapshot that was matched.

>>> from checks.model import Claim, ClaimKind
>>> claim = Claim("c1", 1, "NATO Secretary-General Jens Stoltenberg dismissed Putin’s "
...               "conditions and Russia’s claim to Crimea.", ClaimKind.FACTUAL, 0.6)
>>> candidate_titles([claim], "")
('NATO', 'Jens Stoltenberg', 'Putin', 'Russia', 'Crimea')
>>> wiki_base_url({"Name": "wikipedia_de_all", "Language": "deu"})
'https://de.wikipedia.org/wiki/'
>>> page_url("https://en.wikipedia.org/wiki/", "A/Ukraine–NATO_relations", new_scheme=False)
'https://en.wikipedia.org/wiki/Ukraine%E2%80%93NATO_relations'
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from libzim.reader import Archive, Entry
from libzim.search import Query, Searcher
from libzim.suggestion import SuggestionSearcher

from checks.errors import DegradedSourceError, SourceError
from checks.html_text import page_text, parse_html
from checks.model import Claim, ClaimKind, Document, SourceKind

DEFAULT_BUDGET = 30
SEARCH_SHARE = 3  # up to budget // SEARCH_SHARE pages come from search results
MAX_CANDIDATES = 60  # names looked up per article
TOPIC_CLAIMS = 10  # the most check-worthy claims that get a topic search
RESULTS_PER_QUERY = 2
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
_CAPITALISED = r"[A-ZÀ-ÞА-ЯЁЄІЇҐ][\w\-]*"
_NAME = re.compile(
    rf"{_CAPITALISED}(?:[ \t]+(?:(?:of|of the|de|la|van|von|der|bin|al)[ \t]+)?{_CAPITALISED})*"
)
_ROLE_WORDS = _words(
    "President Vice Prime Minister Secretary Secretary-General General Chancellor King Queen "
    "Prince Mr Mrs Ms Dr Senator Governor Mayor Judge Pope Ambassador Spokesman Spokeswoman "
    "Chairman Commander Colonel"
)
_STOPWORDS = _words(
    "The A An This That These Those In On At As For But And Or However While When If Within "
    "After Before Since During Under With Without From By To Of Additionally Meanwhile "
    "Although Despite It He She They We I Its Their His Her Our Yet So Still Then Also Many "
    "Some Most All Both Each Every No Not There Here What Why How Who Where Last Next Earlier "
    "Later Today Yesterday Tomorrow Such Several Other Another Over Amid Among Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December"
)
_TOPIC_WORD = re.compile(r"\b[a-z][a-z\-]{4,}\b")
_TOPIC_STOPWORDS = _words(
    "about after again against along among another because been before being between both "
    "could during every first from further have having into itself later least other "
    "their there these those through under until which while would should still since "
    "where whether without within currently particularly officially immediately recent "
    "said says stated declared added noted according never always often"
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


@dataclass(frozen=True)
class Choice:
    """A page picked for an article, and why: ``phrase`` is the name or search query that
    found it; ``via`` is ``title``, ``redirect``, ``search`` (full text) or ``titles``
    (the title index)."""

    path: str
    title: str
    phrase: str
    via: str


# --- which names -------------------------------------------------------------------------


def _split_name(match: str) -> list[str]:
    """``"Russian President Vladimir Putin"`` -> ``["Russian", "Vladimir Putin"]``; leading
    stop words dropped, hyphenated names (``NATO-Russia``) split into their parts."""
    parts: list[list[str]] = [[]]
    for word in match.split():
        if word in _ROLE_WORDS or (not parts[-1] and word in _STOPWORDS):
            parts.append([])
        elif "-" in word and all(piece[:1].isupper() for piece in word.split("-")):
            parts.extend([[piece] for piece in word.split("-") if piece] + [[]])
        else:
            parts[-1].append(word)
    names = (" ".join(part) for part in parts if part)
    return [name for name in names if len(name) > 1 and name not in _STOPWORDS]


def names_in(text: str) -> list[str]:
    """Capitalised names and phrases of ``text`` in order, repeats kept.

    >>> names_in("In Kyiv, Ukrainian President Volodymyr Zelensky rejected Ukraine’s offer.")
    ['Kyiv', 'Ukrainian', 'Volodymyr Zelensky', 'Ukraine']
    """
    return [name for match in _NAME.finditer(text) for name in _split_name(match.group(0))]


def _claim_texts(claims: Sequence[Claim], text: str) -> list[str]:
    """The texts names are taken from: the claims but headings, else the article text."""
    texts = [claim.text for claim in claims if claim.kind is not ClaimKind.HEADING]
    return texts or [text]


def candidate_titles(claims: Sequence[Claim], text: str) -> tuple[str, ...]:
    """Page titles worth looking up, the names in most claims first (then first seen).

    Possessives are normalised ("Ukraine’s" -> "Ukraine"), role words split a name
    ("NATO Secretary-General Jens Stoltenberg" -> "NATO", "Jens Stoltenberg"), headings are
    left out (their Title Case words are not names). At most ``MAX_CANDIDATES``.
    """
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for item in _claim_texts(claims, text):
        found = names_in(item)
        counts.update(set(found))
        for name in found:
            first_seen.setdefault(name, len(first_seen))
    ranked = sorted(first_seen, key=lambda name: (-counts[name], first_seen[name]))
    return tuple(ranked[:MAX_CANDIDATES])


def _is_topic(word: str) -> bool:
    return word not in _TOPIC_STOPWORDS and not word.endswith(("ly", "ed"))


def search_queries(claims: Sequence[Claim], titles: Sequence[str]) -> tuple[str, ...]:
    """A topic query per check-worthy claim: its most specific name (the one in fewest
    claims) and its topic word most frequent in the article ("Crimea annexation"). Every
    word must match (libzim's full-text search joins words with AND), so queries stay short.
    Topic words are lower-case words of five letters or more, adverbs and past forms
    (-ly, -ed) left out."""
    rank = {title: index for index, title in enumerate(titles)}
    texts = [c for c in claims if c.kind in (ClaimKind.FACTUAL, ClaimKind.QUOTE)]
    words = Counter(w for c in texts for w in _TOPIC_WORD.findall(c.text))
    queries: list[str] = []
    for claim in sorted(texts, key=lambda c: -c.checkworthiness)[:TOPIC_CLAIMS]:
        names = sorted((n for n in names_in(claim.text) if n in rank), key=rank.__getitem__)
        topics = [w for w in _TOPIC_WORD.findall(claim.text) if _is_topic(w)]
        if names and topics:
            topic = max(topics, key=lambda w: (words[w], -topics.index(w)))
            queries.append(f"{names[-1]} {topic}")
    return tuple(dict.fromkeys(queries))


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


# --- lookups --------------------------------------------------------------------------------


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


class _Finder:
    """Title lookups and searches in one archive for one article."""

    def __init__(self, archive: Archive) -> None:
        self._archive = archive
        self._fulltext = Searcher(archive) if archive.has_fulltext_index else None
        self._titles = SuggestionSearcher(archive)

    def by_title(self, title: str) -> Choice | None:
        entry = _lookup(self._archive, title)
        target = _resolve(entry) if entry is not None else None
        if entry is None or target is None:
            return None
        via = "redirect" if entry.is_redirect else "title"
        return Choice(target.path, target.title, title, via)

    def search(self, query: str, *, count: int = RESULTS_PER_QUERY) -> list[Choice]:
        """Full-text results, or title-index results when there is no full-text index or
        it finds nothing (a name spelt differently: "Zelensky" finds "Zelenskyy")."""
        found: list[Choice] = []
        if self._fulltext is not None:
            try:
                results = self._fulltext.search(Query().set_query(query)).getResults(0, count)
            except RuntimeError:  # a query Xapian cannot parse: the title index still may
                results = iter(())
            found = self._choices(results, query, "search")
        if not found:
            results = self._titles.suggest(query).getResults(0, count)
            found = self._choices(results, query, "titles")
        return found

    def _choices(self, paths: Iterable[str], query: str, via: str) -> list[Choice]:
        choices = []
        for path in paths:
            if not self._archive.has_entry_by_path(path):
                continue
            target = _resolve(self._archive.get_entry_by_path(path))
            if target is not None:
                choices.append(Choice(target.path, target.title, query, via))
        return choices


def _unique(choices: Sequence[Choice], taken: set[str]) -> list[Choice]:
    """Choices whose page is not in ``taken`` (which they are added to)."""
    out = []
    for choice in choices:
        if choice.path not in taken:
            taken.add(choice.path)
            out.append(choice)
    return out


def _within_budget(titled: list[Choice], searched: list[Choice], budget: int) -> list[Choice]:
    """Title hits first, but a third of the budget is kept for search hits when there are
    any; whatever one kind leaves unused goes to the other."""
    for_titles = budget - min(len(searched), budget // SEARCH_SHARE)
    chosen = titled[:for_titles]
    return chosen + searched[: budget - len(chosen)]


# --- documents ------------------------------------------------------------------------------


def _now_utc() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def missing_notice(path: Path, missing: Sequence[Choice], *, read: int) -> str:
    """The notice for pages that could not be read, naming up to five of them.

    >>> missing_notice(Path("/z/wiki.zim"), [Choice("A/NATO", "NATO", "NATO", "title")], read=4)
    'ZIM file wiki.zim: 1 page could not be read (NATO); matched with the 4 pages read'
    """
    names = ", ".join(choice.title or choice.path for choice in missing[:5])
    more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
    count = f"{len(missing)} page{'s' * (len(missing) != 1)}"
    return (
        f"ZIM file {path.name}: {count} could not be read ({names}{more}); "
        f"matched with the {read} page{'s' * (read != 1)} read"
    )


class ZimSource:
    """Pages of an offline Wikipedia (a Kiwix ZIM file) as reference documents.

    The file is opened on first use, so a missing or broken file becomes the pipeline's
    notice ("zim unavailable: the ZIM file ... does not exist") instead of a crash; call
    ``info()`` to check a file at once. ``language`` is used when the file's metadata has
    none.
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

    def _open(self) -> tuple[Archive, ZimInfo]:
        if self._opened is None:
            archive = open_archive(self.path)
            self._opened = (archive, zim_info(self.path, archive))
        return self._opened

    def info(self) -> ZimInfo:
        """The file's ZimInfo; SourceError naming the file when it cannot be used."""
        return self._open()[1]

    def choose(self, claims: Sequence[Claim], *, text: str) -> tuple[Choice, ...]:
        """The pages to read for an article, in order, at most ``budget``, each once."""
        archive, _ = self._open()
        finder = _Finder(archive)
        names = candidate_titles(claims, text)
        taken: set[str] = set()
        titled, missing = [], []
        for name in names:
            choice = finder.by_title(name)
            if choice is None:
                missing.append(name)
            else:
                titled.extend(_unique([choice], taken))
        queries = [*missing, *search_queries(claims, names)]
        searched = [c for q in queries for c in _unique(finder.search(q), taken)]
        return tuple(_within_budget(titled, searched, self.budget))

    def documents(self, claims: Sequence[Claim], *, text: str) -> tuple[Document, ...]:
        """Documents of the chosen pages that are articles with text (no disambiguation).

        A page that cannot be read (a damaged file, a disk that goes away half-way) is
        skipped: ``DegradedSourceError`` names the pages missing and carries the documents
        read, so the analysis goes on with them; SourceError naming the file when no chosen
        page could be read, or when its indexes fail while pages are chosen.
        """
        archive, info = self._open()
        try:
            chosen = self.choose(claims, text=text)
        except RuntimeError as exc:
            raise SourceError(f"the ZIM file {self.path} is damaged: {exc}") from exc
        documents, failures = [], []
        for choice in chosen:
            try:
                doc = self._document(archive, info, choice)
            except RuntimeError as exc:
                failures.append((choice, str(exc)))
                continue
            if doc is not None:
                documents.append(doc)
        if failures and len(failures) == len(chosen):
            path, reason = failures[0][0].path, failures[0][1]
            raise SourceError(
                f"the ZIM file {self.path} is damaged: {path} ({reason}) cannot be read"
            )
        if failures:
            raise DegradedSourceError(
                missing_notice(self.path, [c for c, _ in failures], read=len(documents)),
                documents=tuple(documents),
            )
        return tuple(documents)

    def _document(self, archive: Archive, info: ZimInfo, choice: Choice) -> Document | None:
        item = archive.get_entry_by_path(choice.path).get_item()
        if not item.mimetype.startswith("text/html"):
            return None
        page = parse_html(bytes(item.content).decode("utf-8", errors="replace"))
        text = page_text(page, full_text=self.full_text)
        if page.disambiguation or "(disambiguation)" in choice.title or not text:
            return None
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        name = page_name(choice.path, new_scheme=info.new_namespace_scheme)
        return Document(
            source=SourceKind.ZIM,
            key=f"{self.path.name}:{choice.path}",
            title=choice.title or page.title or name.replace("_", " "),
            url=page_url(info.base_url, choice.path, new_scheme=info.new_namespace_scheme),
            revision=f"{info.date}:{digest}" if info.date else digest,
            language=info.language or (self.language or ""),
            text=text,
            fetched_at=_now_utc(),
        )
