"""A number of more than 4,300 digits (Python's int conversion limit) anywhere a number is read:
in a claim, in evidence, in a query string, in a CSV cell, in a setting. Nothing raises."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from checks.digits import parse_id
from checks.errors import ExportError
from checks.facts import MAX_FACT_DIGITS, agreement, extract_facts
from checks.formats import Format, export
from checks.model import FactKind
from checks.pipeline import analyze
from checks.segment import segment
from checks.sources.library import LibrarySource, document_from_text
from checks.sources.wikipedia import DEFAULT_BUDGET, DEFAULT_TTL_DAYS, options_from_settings
from checks.store import Store
from checks.verdict_import import article_of
from tests.conftest import ROOT

HUGE = "7" * 5000
CLAIM = f"The harbour authority counted {HUGE} containers in 2024, and 300 ships docked."
ARTICLE = (
    f"Harbour figures\n\n{CLAIM} The harbour authority said the count of containers was a record.\n"
)
EVIDENCE = f"In 2024 the harbour authority counted {HUGE} containers and 310 ships docked."


def test_no_fact_is_made_of_a_run_of_thousands_of_digits() -> None:
    facts = extract_facts(CLAIM)
    assert [(f.kind, f.value, f.text) for f in facts] == [
        (FactKind.YEAR, "2024", "2024"),
        (FactKind.NUMBER, "300", "300 ships"),
    ]
    longest = "9" * MAX_FACT_DIGITS
    assert [f.value for f in extract_facts(f"{longest} ships")] == [longest]
    assert extract_facts(f"{longest}9 ships") == ()
    assert agreement(CLAIM, EVIDENCE).describe_conflicts() == ("number: 300 ships ≠ 310 ships",)


@pytest.mark.parametrize("digits", [4400, 5000])
def test_the_whole_pipeline_stores_and_exports_it(tmp_path: Path, digits: int) -> None:
    """4,400 digits fit in one sentence; 5,000 make the sentence longer than segment.py's
    chunk limit, so the digits become a claim of their own (as any 5,000-character run)."""
    number = "7" * digits
    article_text, evidence = ARTICLE.replace(HUGE, number), EVIDENCE.replace(HUGE, number)
    with Store.open(tmp_path / "huge.sqlite3") as store:
        store.upsert_document(document_from_text(title="Harbour report", text=evidence))
        analysis = analyze(article_text, sources=[LibrarySource(store)])
        article = store.add_article(title="Harbour", text=article_text)
        store.save_analysis(article.id, analysis)
        review = store.review(article.id)
        exported = [
            export(store, article.id, fmt) for fmt in Format if fmt is not Format.CLAIMREVIEW
        ]
    texts = [row.claim.text for row in review.rows]
    assert texts == [sentence.text for sentence in segment(article_text)]
    assert any(number in text for text in texts)
    ships = next(row for row in review.rows if "300 ships" in row.claim.text)
    flags = {flag for ev in ships.evidence for flag in ev.agreement.describe_conflicts()}
    assert flags == {"number: 300 ships ≠ 310 ships"}
    assert all(number in data.decode("utf-8") for data in exported)


@pytest.mark.parametrize("text", ["7" * 5000, "²", "١٢", " 3", "-1", ""])
def test_parse_id_refuses_what_int_would_choke_on(text: str) -> None:
    assert parse_id(text) is None


def test_a_csv_naming_a_huge_article_is_a_clear_error() -> None:
    with pytest.raises(ExportError, match="is not an article number"):
        article_of([{"article_id": HUGE}], wanted=None)
    with pytest.raises(ExportError, match="is not an article number"):
        article_of([{"article_id": "²"}], wanted=1)
    assert article_of([{"article_id": "12"}], wanted=None) == 12


def test_a_huge_setting_falls_back_to_the_default() -> None:
    settings = {"wikipedia.budget": HUGE, "wikipedia.ttl_days": "1e400"}
    options = options_from_settings(lambda key, default: settings.get(key, default))
    assert options.budget == DEFAULT_BUDGET
    assert options.ttl.days == DEFAULT_TTL_DAYS


def test_the_app_analyses_it_and_keeps_every_claim(db_path: Path) -> None:
    """4,400 digits: the sentence stays whole, so its figures meet the evidence's."""
    number = "7" * 4400
    article_text, evidence = ARTICLE.replace(HUGE, number), EVIDENCE.replace(HUGE, number)
    with Store.open(db_path) as store:
        store.upsert_document(document_from_text(title="Harbour report", text=evidence))
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.text_area(key="new-text").input(article_text).run()
    next(b for b in at.button if b.label == "Analyze").click().run()
    assert not at.exception, at.exception
    with Store.open(db_path) as store:
        (summary,) = store.articles()
        rows = store.review(summary.id).rows
    assert [row.claim.text for row in rows] == [s.text for s in segment(article_text)]
    assert rows[1].claim.text == CLAIM.replace(HUGE, number)
    assert rows[1].evidence[0].agreement.describe_conflicts() == ("number: 300 ships ≠ 310 ships",)


@pytest.mark.parametrize("wanted", [HUGE, "²"])
def test_a_query_string_with_a_huge_or_odd_number_opens_the_newest(
    db_path: Path, wanted: str
) -> None:
    with Store.open(db_path) as store:
        article = store.add_article(title="Harbour", text=ARTICLE)
        store.save_analysis(article.id, analyze(ARTICLE, sources=[]))
    st.cache_resource.clear()
    for page in ("pages/review.py", "pages/sources.py"):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params["article"] = wanted
        at.run()
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
