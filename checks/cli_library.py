"""``python -m checks library add|list|remove``: build the reference library without the app.

``add`` reads each FILE exactly as the Sources page reads an upload
(``checks.references.upload_document``: .txt and .md as notes, .html .docx .pdf as articles;
the same size limits, the same type check, the same cap on a document's text), so a batch
user and the app build the same library. Each file is added or refused on its own; the exit
code is 1 when any was refused. ``list`` prints one document a line (id, title, characters,
link); ``remove ID`` takes an id as ``list`` prints it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from checks import config
from checks.errors import InputError, NotFoundError
from checks.ingest import MAX_BYTES
from checks.model import Document, SourceKind
from checks.references import upload_document
from checks.sources.library import document_from_text, seed_demo_library
from checks.store import Store

AddDb = Callable[[argparse.ArgumentParser], None]
_WEB = re.compile(r"(?i)https?://[^\s/?#]+\S*$")


def add_library_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], *, add_db: AddDb
) -> None:
    library = commands.add_parser(
        "library",
        help="add, list or remove reference documents (as the app's Sources page does)",
        description="The reference library every analysis matches claims against.",
    )
    actions = library.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser(
        "add",
        help="add .txt, .md, .html, .docx or .pdf files as library documents",
        description="Add each FILE to the library, read as the Sources page reads an upload: "
        f"at most {MAX_BYTES:,} bytes a file and 1,000,000 characters of text a document.",
    )
    add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add.add_argument("--title", help="the document's title (one FILE only; default: its own)")
    add.add_argument("--url", help="where a reader can verify it (one FILE only)")
    add_db(add)
    listing = actions.add_parser("list", help="list the library's documents")
    add_db(listing)
    remove = actions.add_parser("remove", help="remove a document by its id (as 'list' shows)")
    remove.add_argument("id", metavar="ID", help="e.g. library:council-minutes-1a2b3c4d")
    add_db(remove)


def cmd_library(args: argparse.Namespace, *, stdout: TextIO) -> int:
    with Store.open(args.db or config.default_db_path()) as store:
        seed_demo_library(store)  # as the app does when it opens the database
        if args.action == "add":
            return _add(store, args, stdout=stdout)
        if args.action == "list":
            for doc in store.documents(source=SourceKind.LIBRARY):
                print(f"{doc.uid}\t{_one_line(doc.title)}\t{len(doc.text):,} characters\t"
                      f"{doc.url}", file=stdout)  # fmt: skip
            return 0
        _remove(store, args.id, stdout=stdout)
        return 0


def _add(store: Store, args: argparse.Namespace, *, stdout: TextIO) -> int:
    files: list[Path] = args.files
    if (args.title or args.url) and len(files) > 1:
        raise InputError("--title and --url describe one document: give one FILE with them")
    if args.url is not None and args.url.strip() and not _WEB.match(args.url.strip()):
        raise InputError(
            f"--url must be a web address starting with http:// or https:// (given: "
            f"{_one_line(args.url)[:80]!r}): the review links a document to it"
        )
    refused = 0
    for path in files:
        try:
            doc = _read(path, title=args.title, url=args.url)
            store.upsert_document(doc)
        except InputError as error:
            refused += 1
            print(f"error: {' '.join(str(error).split())}", file=sys.stderr)
            continue
        print(f"added {doc.uid}\t{_one_line(doc.title)}\t{len(doc.text):,} characters",
              file=stdout)  # fmt: skip
    if refused:
        print(f"{refused} of {len(files)} files not added", file=sys.stderr)
    return 1 if refused else 0


def _read(path: Path, *, title: str | None, url: str | None) -> Document:
    """The library document of one file, with the title and link given on the command line."""
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a file: give the files in it")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{path.name} is {size:,} bytes; the largest file accepted is {MAX_BYTES:,} bytes"
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from error
    doc = upload_document(path.name, data)
    if title is None and url is None:
        return doc
    return document_from_text(
        title=doc.title if title is None else title,
        text=doc.text,
        url=doc.url if url is None else url,
    )


def _remove(store: Store, wanted: str, *, stdout: TextIO) -> None:
    uid = wanted if ":" in wanted else f"{SourceKind.LIBRARY.value}:{wanted}"
    found = {doc.uid: doc for doc in store.documents(source=SourceKind.LIBRARY)}
    if uid not in found:
        raise NotFoundError(
            f"the library has no document {wanted!r}: 'python -m checks library list' shows the ids"
        )
    store.delete_document(uid)
    print(f"removed {uid}\t{_one_line(found[uid].title)}", file=stdout)


def _one_line(text: str) -> str:
    return " ".join(text.split())
