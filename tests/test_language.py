"""checks.language and language-aware splitting: German and French articles are split with
their own rules, so a date like "31. Januar" or an abbreviation like "Mrd." ends no sentence."""

from __future__ import annotations

import pytest

from checks.language import guess_language, splitter_language
from checks.model import Document, SourceKind
from checks.passages import split_passages
from checks.segment import segment

GERMAN = (
    "Bundestag beschließt Haushalt\n\n"
    "Berlin, 31. Januar 2025 – Der Deutsche Bundestag hat am Freitag den Haushalt mit 380 "
    "Stimmen beschlossen. Die Ausgaben steigen um 3,5 Prozent auf 488 Mrd. Euro. "
    "Das ist z.B. mehr als im Jahr davor.\n"
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The mayor said that the council was wrong and it is on the agenda.", "en"),
        ("Der Bundestag hat die Ausgaben für das Jahr mit den Stimmen der Koalition erhöht.", "de"),
        ("Le gouvernement a annoncé que la hausse des impôts est pour les entreprises.", "fr"),
        ("El gobierno anunció que la subida de los impuestos es para las empresas.", "es"),
        ("Президент заявил, что это не так и что он не подпишет закон.", "ru"),
        ("Zelensky", "en"),  # too little to tell: English rules
        ("", "en"),
    ],
)
def test_guess_language(text: str, language: str) -> None:
    assert guess_language(text) == language


def test_a_german_article_is_split_with_german_rules() -> None:
    sentences = [(s.role.value, s.text) for s in segment(GERMAN)]
    assert sentences == [
        ("headline", "Bundestag beschließt Haushalt"),
        ("dateline", "Berlin, 31. Januar 2025"),
        ("body", "Der Deutsche Bundestag hat am Freitag den Haushalt mit 380 Stimmen beschlossen."),
        ("body", "Die Ausgaben steigen um 3,5 Prozent auf 488 Mrd. Euro."),
        ("body", "Das ist z.B. mehr als im Jahr davor."),
    ]
    # with English rules "31." and "Mrd." end sentences
    english = [s.text for s in segment(GERMAN, language="en")]
    assert "Berlin, 31." in english


def test_a_french_dateline_is_split() -> None:
    text = "PARIS, 1er mars 2024 — Le gouvernement a annoncé une hausse de 3 % des impôts."
    assert [(s.role.value, s.text) for s in segment(text)] == [
        ("dateline", "PARIS, 1er mars 2024"),
        ("body", "Le gouvernement a annoncé une hausse de 3 % des impôts."),
    ]


def test_reference_documents_are_split_in_their_own_language() -> None:
    text = "Die Ausgaben steigen um 3,5 Prozent auf 488 Mrd. Euro. Das ist viel."
    doc = Document(SourceKind.LIBRARY, "haushalt", "Haushalt", "", "r1", "de", text, "")
    assert [p.text for p in split_passages(doc)] == [
        "Die Ausgaben steigen um 3,5 Prozent auf 488 Mrd. Euro.",
        "Das ist viel.",
    ]
    assert splitter_language("de-AT") == "de"
    assert splitter_language("uk") == "en"  # no Ukrainian rules in pysbd: English ones
