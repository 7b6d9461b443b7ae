"""Import into a real SQLite store, idempotence, the desk's memory, search and adoption."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.errors import FeedError
from checks.factchecks import db, index, parse
from checks.factchecks.adopt import adoption
from checks.factchecks.importer import import_bytes, import_file
from checks.factchecks.ratings import verdict_for
from checks.factchecks.search import Searcher
from checks.factchecks.service import checked_before, searcher
from checks.model import Analysis, Claim, ClaimKind, Sentence
from checks.store import Store
from tests.factcheck_samples import CSV_FEED, DATAFEED, dumps, review

SCALE = ("unreviewed", "true", "mostly true", "half true", "mostly false", "false", "unproven",
         "not checkable")  # fmt: skip


def add_article(store: Store, texts: list[str], title: str = "Article") -> int:
    article = store.add_article(title=title, text=" ".join(texts), url="")
    sentences, claims, start = [], [], 0
    for number, text in enumerate(texts):
        sentences.append(Sentence(number, start, start + len(text), text, 0))
        claims.append(Claim(f"c{number + 1}", number, text, ClaimKind.FACTUAL, 0.8))
        start += len(text) + 1
    store.save_analysis(article.id, Analysis(tuple(sentences), tuple(claims), (), ()))
    return article.id


def test_import_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.sqlite3") as store:
        first = import_bytes(store, dumps(DATAFEED), name="feed.json")
        again = import_bytes(store, dumps(DATAFEED), name="feed.json")
        csv = import_bytes(store, CSV_FEED.encode(), name="checks.csv")
        assert first.summary() == "3 new, 1 already present, 3 skipped"
        assert again.summary() == "0 new, 4 already present, 3 skipped"
        assert csv.summary() == "2 new, 0 already present, 1 skipped"
        assert first.items[6].line() == (
            "item 7 (dataFeedElement[5].item[0]): already present “Putin offered a ceasefire "
            "if Ukraine withdrew from four regions.”: same review url and claim as item 1 of "
            "this file"
        )
        assert db.revision(store) == "5-5"
        assert [row[0] for row in db.imports(store)] == ["checks.csv", "feed.json", "feed.json"]
        assert db.publishers(store)[0] == ("Checks Desk", 2)


def test_a_feed_broken_half_way_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse, "WHOLE_BYTES", 10)  # streamed: the error comes mid-way
    data = dumps([review(f"Claim number {n}.", f"https://c.example/{n}") for n in range(50)])
    with Store.open(tmp_path / "w.sqlite3") as store:
        with pytest.raises(FeedError, match="not valid JSON"):
            import_bytes(store, data[:-30], name="broken.json")
        assert db.revision(store) == "0-0"
        assert db.imports(store) == ()
        with pytest.raises(FeedError, match="cannot read"):
            import_file(store, tmp_path / "missing.json")


def test_checked_before_finds_factchecks_and_the_desks_own_verdicts(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.sqlite3") as store:
        import_bytes(store, dumps(DATAFEED), name="feed.json")
        old = add_article(store, ["The moon landing in 1969 was staged in a studio."], "Old")
        store.set_verdict(old, "c1", label="false", note="NASA archives.", scale=SCALE)
        texts = [
            "Sweden joined NATO in 2024, its 32nd member state.",
            "The moon landing in 1969 was staged.",
            "Cats purr.",
        ]
        new = add_article(store, texts)
        found = checked_before(store, store.review(new))
        assert [(m.kind, m.publisher, m.rating, m.band) for m in found["c1"]] == [
            ("factcheck", "Verificado Ejemplo", "Verdadero", "strong")
        ]
        (desk,) = found["c2"]
        assert (desk.kind, desk.rating, desk.article_id, desk.claim_id, desk.note) == (
            "verdict", "false", old, "c1", "NASA archives."
        )  # fmt: skip
        assert found["c3"] == ()
        # the desk's verdicts on the same article are not "checked before"
        assert checked_before(store, store.review(old))["c1"] == ()


def test_a_verdict_on_the_article_matches_nothing_again_one_elsewhere_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The article's own verdicts are never its matches, so marking its claims (every key
    of a review) reuses the matches; a verdict on another article is new memory."""
    searches: list[int] = []
    search_many = Searcher.search_many

    def counted(self: Searcher, texts: list[str], **options: object) -> object:
        searches.append(len(texts))
        return search_many(self, texts, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(Searcher, "search_many", counted)
    with Store.open(tmp_path / "w.sqlite3") as store:
        import_bytes(store, dumps(DATAFEED), name="feed.json")
        old = add_article(store, ["The moon landing in 1969 was staged in a studio."], "Old")
        new = add_article(store, ["The moon landing in 1969 was staged.", "Cats purr."])
        first = checked_before(store, store.review(new))
        assert searches == [2]
        store.set_verdict(new, "c2", label="true", scale=SCALE)
        store.set_verdict(new, "c1", label="false", note="see the archive", scale=SCALE)
        assert checked_before(store, store.review(new)) == first
        assert searches == [2]  # the same matches, not matched again
        store.set_verdict(old, "c1", label="false", note="NASA archives.", scale=SCALE)
        found = checked_before(store, store.review(new))
        assert searches == [2, 2]
        assert [(m.kind, m.rating, m.article_id) for m in found["c1"]][-1:] == [
            ("verdict", "false", old)
        ]


def test_the_index_is_saved_and_read_back_not_rebuilt(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.sqlite3") as store:
        import_bytes(store, dumps(DATAFEED), name="feed.json")
        index.forget()
        built = dict(index.stats)
        searcher(store)
        index.forget()
        searcher(store)
        searcher(store)
        assert index.stats["built"] - built["built"] == 1
        assert index.stats["loaded"] - built["loaded"] == 1
        assert index.stats["memory"] - built["memory"] == 1
        assert len(list((tmp_path / "w.sqlite3.factchecks").iterdir())) == 1


@pytest.mark.parametrize(
    ("rating", "value", "label", "how"),
    [
        ("Pants on Fire!", None, "false", "“Pants on Fire!” is a known name for false"),
        ("Half-True", None, "half true", "“Half-True” is on your scale"),
        ("Falso", None, "false", "“Falso” is a known name for false"),
        ("Mixture", None, "half true", "“Mixture” is a known name for half true"),
        ("2 of 1–5", 2.0, "mostly false", "rated 2 of 1–5, read on the five steps as mostly false"),
        ("Misleading", None, "", "“Misleading” names no verdict on your scale: choose one"),
        (
            "Missing context",
            4.0,
            "mostly true",
            "“Missing context” rated 4 of 1–5, read on the five steps as mostly true",
        ),
    ],
)
def test_ratings_onto_the_scale(rating: str, value: float | None, label: str, how: str) -> None:
    reading = verdict_for(
        rating, value, 5.0 if value else None, 1.0 if value else None, scale=SCALE
    )
    assert (reading.label, reading.how) == (label, how)


def test_adopting_keeps_the_note_and_names_the_source(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.sqlite3") as store:
        import_bytes(store, dumps(DATAFEED), name="feed.json")
        (match,) = searcher(store).search(
            "Putin offered a ceasefire if Ukraine withdrew from four regions"
        )[:1]
    taken = adoption(match, note="Checked the transcript.", scale=SCALE)
    assert taken.label == "half true"
    assert taken.note == (
        "Checked the transcript.\nAs checked by Checks Desk on 2024-06-18, "
        "https://checks.example/fact-check/ceasefire-offer (rated “Half True”)"
    )
    assert adoption(match, note=taken.note, scale=SCALE).note == taken.note  # not twice


def test_exports_name_the_best_match(tmp_path: Path) -> None:
    import csv
    import io
    import json

    from checks.formats import Format, export

    with Store.open(tmp_path / "w.sqlite3") as store:
        import_bytes(store, dumps(DATAFEED), name="feed.json")
        article = add_article(store, ["Sweden joined NATO in 2024, its 32nd member state."])
        rows = list(
            csv.DictReader(io.StringIO(export(store, article, Format.CSV).decode("utf-8-sig")))
        )
        lines = export(store, article, Format.JSONL).decode().splitlines()
        report = export(store, article, Format.MARKDOWN).decode()
    assert (rows[0]["checked_before_url"], rows[0]["checked_before_rating"]) == (
        "https://verificado.example/nato-32",
        "Verificado Ejemplo: Verdadero",
    )
    assert float(rows[0]["checked_before_score"]) > 0.6
    (listed,) = json.loads(lines[0])["checked_before"]
    assert (listed["publisher"], listed["band"]) == ("Verificado Ejemplo", "strong")
    assert "## Checked before" in report
    assert "[Verificado Ejemplo](<https://verificado.example/nato-32>)" in report


def test_a_small_import_adds_a_delta_instead_of_rebuilding(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.sqlite3") as store:
        import_bytes(store, dumps(DATAFEED), name="feed.json")
        searcher(store)  # builds and saves the index of the first feed
        built = index.stats["built"]
        index.forget()
        later = [review("Wind turbines cause cancer in cows.", "https://later.example/1")]
        assert import_bytes(store, dumps(later), name="later.json").new == 1
        engine = searcher(store)
        assert index.stats["built"] == built  # the saved index was read, not rebuilt
        assert [len(m.passages) for m in engine.factchecks] == [3, 1]
        (match,) = engine.search("Wind turbines cause cancer in cows!")
        assert (match.url, match.band) == ("https://later.example/1", "strong")
        nato = engine.search("Sweden joined NATO in 2024, its 32nd member state")
        assert nato[0].publisher == "Verificado Ejemplo"
