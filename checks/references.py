"""A reference the reviewer adds by hand (pasted text, a Wikipedia title or link), and one
claim matched again at once against it and the documents its article already used."""

from __future__ import annotations

from collections.abc import Callable

from checks.errors import InputError
from checks.model import Document, SourceKind
from checks.pipeline import match_documents
from checks.sources.library import document_from_text
from checks.sources.wikiclient import parse_wikipedia_url
from checks.sources.wikipedia import SETTING_PINNED, WikipediaSource, pin, pinned_uids
from checks.store import Store

WikipediaFactory = Callable[[str], WikipediaSource]  # language -> source


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
    many evidence passages it has now. Its verdict and note stay."""
    review = store.review(article_id)
    row = next((r for r in review.rows if r.claim.id == claim_id), None)
    if row is None:
        raise InputError(f"article {article_id} has no claim {claim_id!r}")
    documents: dict[str, Document] = {doc.uid: doc for doc in review.documents}
    for doc in store.documents(source=SourceKind.LIBRARY):
        documents.setdefault(doc.uid, doc)
    for lookup in store.lookups(article_id):
        used = store.cached_document(lookup.document_uid) if lookup.document_uid else None
        if used is not None:
            documents.setdefault(used.uid, used)
    documents[added.uid] = added
    sentences = tuple(r.sentence for r in review.rows)
    evidence = match_documents([row.claim], tuple(documents.values()), sentences=sentences)
    store.replace_claim_evidence(article_id, claim_id, evidence, documents=(added,))
    return len(evidence)
