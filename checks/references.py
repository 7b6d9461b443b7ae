"""A reference the reviewer adds by hand (pasted text, a Wikipedia title or link), and one
claim matched again at once against it and the documents its article already used."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from checks import index, relevance
from checks.errors import InputError
from checks.ingest import read_file
from checks.model import Document, SourceKind
from checks.pipeline import match_documents
from checks.semantic import options_from_settings
from checks.sources.base import MAX_DOCUMENT_CHARS
from checks.sources.library import document_from_text, read_upload
from checks.sources.wikiclient import parse_wikipedia_url
from checks.sources.wikipedia import SETTING_PINNED, WikipediaSource, pin, pinned_uids
from checks.store import Store

WikipediaFactory = Callable[[str], WikipediaSource]  # language -> source


def upload_document(name: str, data: bytes) -> Document:
    """A library document from an uploaded file: ``.txt``/``.md`` as library notes (front
    matter, first heading or file name as the title), ``.html``/``.docx``/``.pdf`` read as
    articles are (clean text, the file's own title). InputError says what is wrong.
    """
    if name.lower().endswith((".txt", ".md")):
        return read_upload(name, data)
    found = read_file(name, data, max_chars=MAX_DOCUMENT_CHARS)
    return document_from_text(
        title=found.title or found.origin.rsplit(".", 1)[0] or "Uploaded document",
        text=found.text,
        url=found.url,
    )


def is_wikipedia_link(url: str) -> bool:
    try:
        parse_wikipedia_url(url)
    except InputError:
        return False
    return True


def add_reference(
    store: Store,
    *,
    title: str = "",
    url: str = "",
    text: str = "",
    wikipedia: WikipediaFactory,
    language: str = "en",
) -> Document:
    """Store a reference and return it.

    Text (with a title) becomes a library document, ``url`` kept as where to verify it. A
    Wikipedia link, or a title alone, is fetched from Wikipedia (or its cache) and pinned,
    so every later analysis uses it too. Raises InputError or SourceError.
    """
    title, url, text = title.strip(), url.strip(), text.strip()
    if text:
        doc = document_from_text(title=title, text=text, url=url)
        store.upsert_document(doc)
        return doc
    if url and is_wikipedia_link(url):
        language, title = parse_wikipedia_url(url)
    elif url:
        raise InputError(
            "Only Wikipedia links are fetched; for another page, paste its text with the link."
        )
    if not title:
        raise InputError("Give a Wikipedia title or link, or paste the text of the reference.")
    doc = wikipedia(language).fetch_title(title)
    store.set_setting(SETTING_PINNED, pin(pinned_uids(store.setting), doc.uid))
    return doc


def rematch_claim(store: Store, article_id: int, claim_id: str, *, added: Document) -> int:
    """Match one claim again against its article's documents plus ``added``; returns how
    many evidence passages (above the relevance floor) it has now. Its verdict and note
    stay."""
    return rematch_claims(store, article_id, (claim_id,), added=added)[claim_id]


def article_documents(store: Store, article_id: int) -> dict[str, Document]:
    """The documents an article's claims are matched against without a new analysis: those
    its evidence cites, the library, and the pages its last analysis looked up."""
    documents: dict[str, Document] = {doc.uid: doc for doc in store.review(article_id).documents}
    for doc in store.documents(source=SourceKind.LIBRARY):
        documents.setdefault(doc.uid, doc)
    for lookup in store.lookups(article_id):
        used = store.cached_document(lookup.document_uid) if lookup.document_uid else None
        if used is not None:
            documents.setdefault(used.uid, used)
    return documents


def rematch_claims(
    store: Store, article_id: int, claim_ids: Sequence[str], *, added: Document | None = None
) -> dict[str, int]:
    """Match some claims again (after a reference was added, or the claims were edited)
    against the article's documents (``article_documents``) plus ``added``; no fetching.
    Semantic matching, when it is on, uses the library's vectors only if they are all built
    (it never builds them here: this runs on a reviewer's click). Returns the number of
    evidence passages (above the relevance floor) per claim. Verdicts and notes stay."""
    review = store.review(article_id)
    rows = {r.claim.id: r for r in review.rows}
    missing = [claim_id for claim_id in claim_ids if claim_id not in rows]
    if missing:
        raise InputError(f"article {article_id} has no claim {missing[0]!r}")
    documents = article_documents(store, article_id)
    if added is not None:
        documents[added.uid] = added
    sentences = tuple(r.sentence for r in review.rows)
    claims = [rows[claim_id].claim for claim_id in dict.fromkeys(claim_ids)]
    evidence = match_documents(
        claims,
        tuple(documents.values()),
        sentences=sentences,
        index_dir=index.folder_for(store.path),
        semantic=options_from_settings(store.setting, build_budget_s=0.0),
    )
    extra = (added,) if added is not None else ()
    counts: dict[str, int] = {}
    for claim in claims:
        mine = tuple(e for e in evidence if e.claim_id == claim.id)
        store.replace_claim_evidence(article_id, claim.id, mine, documents=extra)
        counts[claim.id] = len(relevance.shown(mine))
    return counts
