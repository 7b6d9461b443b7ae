"""ui/html.py and ui/frames.py: highlights leave out function words; the table's band."""

from __future__ import annotations

from checks.model import Agreement, Evidence, Passage, Review, ReviewRow, Sentence, SentenceRole
from tests.test_export import CHECKED, REVIEW
from ui.frames import review_frame
from ui.html import CONTEXT, evidence_html, paragraph_html, stems


def test_highlights_leave_out_function_words() -> None:
    claim = "Russia has withdrawn its troops from Kherson."
    passage = "Its troops left Kherson, and Russia has said it is done from now on."
    html = evidence_html(passage, claim=claim, agreement=Agreement())
    assert "<mark>Russia</mark>" in html
    assert "<mark>Kherson</mark>" in html
    assert "<mark>troops</mark>" in html
    for word in ("Its", "has", "from", "it"):
        assert f"<mark>{word}</mark>" not in html
    assert stems(claim) == {"rusia", "withdrawn", "trop", "kherson"}


def test_the_table_shows_the_band_of_the_best_passage_above_the_floor() -> None:
    frame = review_frame(REVIEW)
    assert list(frame.loc["c2", ["score", "band"]]) == [0.813, "strong"]
    assert frame.loc["c1", "band"] == ""
    assert frame.loc["c1", "evidence"].startswith("— no")
    weak = Evidence("c2", 1, Passage("library:wire.txt", 0, 4, "Wire"), 0.1)
    only_weak = ReviewRow(CHECKED.sentence, CHECKED.claim, (weak,), CHECKED.verdict)
    frame = review_frame(Review(REVIEW.article, (only_weak,), REVIEW.documents))
    assert frame.loc["c2", "evidence"] == "— no relevant evidence"
    assert frame.loc["c2", "band"] == ""
    assert frame["score"].isna().all()


def one_paragraph(count: int) -> tuple[str, list[Sentence]]:
    text, sentences = "", []
    for n in range(count):
        sentence = f"Sentence {n} <b>here</b>."
        start = len(text)
        text += sentence + " "
        sentences.append(Sentence(n, start, start + len(sentence), sentence, 0, SentenceRole.BODY))
    return text, sentences


def test_a_long_paragraph_shows_the_sentences_around_the_focus_only() -> None:
    text, sentences = one_paragraph(1000)
    html = paragraph_html(text, sentences, sentences[500], claim=sentences[500].text)
    assert "<mark>Sentence 500 &lt;b&gt;here&lt;/b&gt;.</mark>" in html
    shown = [n for n in range(1000) if f"Sentence {n} " in html]
    assert shown == list(range(500 - CONTEXT, 500 + CONTEXT + 1))
    assert "… Sentence 496" in html
    assert html.rstrip("</div>").endswith("…")


def test_a_short_paragraph_is_shown_whole_without_ellipses() -> None:
    text, sentences = one_paragraph(5)
    html = paragraph_html(text, sentences, sentences[0])
    assert [n for n in range(5) if f"Sentence {n} " in html] == [0, 1, 2, 3, 4]
    assert "…" not in html
    assert "<mark>Sentence 0" in html
