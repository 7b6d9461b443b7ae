"""A reference the reviewer adds by hand (pasted text, a Wikipedia title or link), and the
evidence of claims matched again against it and the documents their article already used
(``checks.workflow.add_reference`` stores both)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from checks import index
from checks.errors import InputError
from checks.ingest import read_file
from checks.model import Claim, Document, Evidence, SourceKind
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


def match_claims(
    store: Store,
    article_id: int,
    claims: Sequence[Claim],
    *,
    added: Document | None = None,
) -> tuple[Evidence, ...]:
    """Evidence for ``claims`` (of the article, stored or about to be) from the article's
    documents (``article_documents``) plus ``added``; no fetching and nothing written."""
    review = store.review(article_id)
    documents = article_documents(store, article_id)
    if added is not None:
        documents[added.uid] = added
    return match_documents(
        claims,
        tuple(documents.values()),
        sentences=review.sentences,  # with the datelines, which the claims are matched with
        index_dir=index.folder_for(store.path),
        semantic=options_from_settings(store.setting, build_budget_s=0.0),
    )
