"""ui/html.py and ui/frames.py: highlights leave out function words; the table's band."""

from __future__ import annotations

from checks.model import Agreement, Evidence, Passage, Review, ReviewRow
from tests.test_export import CHECKED, REVIEW
from ui.frames import review_frame
from ui.html import evidence_html, stems


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
