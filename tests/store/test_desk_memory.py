"""The desk's memory without one article (``Store.desk_verdicts(exclude_article=...)``,
migration 0016): kept while the other articles are unchanged, read again after any write
to their verdicts, titles, claims, evidence or cited documents, whoever wrote it."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from checks.store import Store
from tests.store.samples import ANALYSIS, C3, TEXT, WIKI, Clock


def two_articles(store: Store) -> tuple[int, int]:
    ids = []
    for title in ("Reviewed", "Other"):
        article = store.add_article(title=title, text=TEXT)
        store.save_analysis(article.id, ANALYSIS)
        ids.append(article.id)
    return ids[0], ids[1]


def seen(store: Store, article_id: int) -> list[tuple[int, str, str, str, str, str]]:
    return [
        (r.article_id, r.article_title, r.claim_id, r.claim, r.label, r.evidence_url)
        for r in store.desk_verdicts(exclude_article=article_id)
    ]


def test_verdicts_on_the_article_itself_keep_the_memory_of_the_others(
    store: Store, clock: Clock
) -> None:
    mine, other = two_articles(store)
    store.set_verdict(other, "c3", label="true")
    first = store.desk_verdicts(exclude_article=mine)
    assert [(r.article_id, r.claim_id, r.label) for r in first] == [(other, "c3", "true")]
    store.set_verdict(mine, "c2", label="false")
    store.set_verdict(mine, "c3", label="true", note="two sources")
    assert store.desk_verdicts(exclude_article=mine) is first  # not read again
    assert [r.article_id for r in store.desk_verdicts()] == [mine, mine, other]


def test_every_change_to_another_article_is_read_again(store: Store) -> None:
    mine, other = two_articles(store)
    store.set_verdict(other, "c2", label="false", evidence_rank=1)
    assert seen(store, mine) == [
        (other, "Other", "c2", "The talks began on 3 May 2024.", "false", WIKI.url)
    ]
    store.set_verdict(other, "c3", label="true")
    assert [row[2] for row in seen(store, mine)] == ["c2", "c3"]
    store.rename_article(other, "Other, renamed")
    assert {row[1] for row in seen(store, mine)} == {"Other, renamed"}
    store.replace_claims(other, "edit", write=[replace(C3, text="Officials said 33 came.")])
    assert seen(store, mine)[1][3] == "Officials said 33 came."
    store.upsert_document(replace(WIKI, url="https://en.wikipedia.org/wiki/Cairo_talks_2"))
    assert seen(store, mine)[0][5] == "https://en.wikipedia.org/wiki/Cairo_talks_2"
    store.undo(other)  # the claim edit
    store.undo(other)  # the verdict on c3
    assert [row[2] for row in seen(store, mine)] == ["c2"]
    store.delete_article(other)
    assert seen(store, mine) == []


def test_a_verdict_written_by_another_connection_is_seen(store: Store, db_path: Path) -> None:
    mine, other = two_articles(store)
    assert seen(store, mine) == []
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute(
            "INSERT INTO verdicts (article_id, claim_id, label, note, updated_at)"
            " VALUES (?, 'c3', 'mostly true', '', '2026-12-01T10:00:00Z')",
            (other,),
        )
    connection.close()
    assert [row[4] for row in seen(store, mine)] == ["mostly true"]


def test_a_new_article_with_a_reused_id_is_never_an_old_one(store: Store) -> None:
    mine, other = two_articles(store)
    store.set_verdict(other, "c3", label="true")
    assert len(seen(store, mine)) == 1
    store.delete_article(other)
    again = store.add_article(title="New", text=TEXT)
    store.save_analysis(again.id, ANALYSIS)
    assert again.id == other
    assert seen(store, mine) == []
