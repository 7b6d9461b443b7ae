"""checks.counted: the counted thing of a figure, in the forms the news writes it."""

from __future__ import annotations

import pytest

from checks.counted import counted, singular, unit_after
from checks.facts import extract_facts

KILLED, INJURED = "person (killed)", "person (injured)"


@pytest.mark.parametrize(
    ("text", "unit", "fact_text"),
    [
        ("17 people were killed", KILLED, "17 people were killed"),
        ("17 people have been killed", KILLED, "17 people have been killed"),
        ("17 dead", KILLED, "17 dead"),
        ("17 deaths", KILLED, "17 deaths"),
        ("Seventeen fatalities were reported", KILLED, "Seventeen fatalities"),
        ("the quake killed 17 people", KILLED, "killed 17 people"),
        ("killing at least two people", KILLED, "killing at least two people"),
        ("the death toll rose to 17", KILLED, "death toll rose to 17"),
        ("the death toll from the floods in the north has risen to 17", KILLED, "17"),
        ("it claimed 17 lives", KILLED, "17 lives"),
        ("Two people were unfortunately killed", KILLED, "Two people were unfortunately killed"),
        ("114 have suffered light or severe injuries", INJURED,
         "114 have suffered light or severe injuries"),
        ("285 people were injured", INJURED, "285 people were injured"),
        ("injuring as many as 600", INJURED, "injuring as many as 600"),
        ("50 others injured", INJURED, "50 others injured"),
        ("dozens others injured", INJURED, "dozens others injured"),
        ("6 missing", "person (missing)", "6 missing"),
        ("442 others declared stranded", "person (stranded)", "442 others declared stranded"),
        ("20 soldiers were killed", "soldier (killed)", "20 soldiers were killed"),
        ("a magnitude 6.8 quake", "magnitude", "magnitude 6.8 quake"),
        ("a Mw 7.4 earthquake", "magnitude", "Mw 7.4 earthquake"),
        ("a 7.2-magnitude temblor", "magnitude", "7.2-magnitude"),
        ("measuring 7.4 on the Richter scale", "magnitude", "7.4 on the Richter scale"),
        ("32 members", "member", "32 members"),
        ("30 health centres", "center", "30 health centres"),
        ("3 million people fled", "person", "3 million people"),
        ("141 in favour", "", "141"),
    ],
)  # fmt: skip
def test_the_counted_thing(text: str, unit: str, fact_text: str) -> None:
    (fact,) = [f for f in extract_facts(text) if f.kind.value == "number"]
    assert (fact.unit, fact.text) == (unit, fact_text)


def test_counted_spans_index_the_text() -> None:
    text = "The quake killed at least 2 people on Friday."
    found = counted(text, 26, 27, anchor=17)
    assert text[found.start : found.end] == "killed at least 2 people"


def test_words() -> None:
    assert [singular(w) for w in ("countries", "votes", "people", "lives", "centres")] == [
        "country", "vote", "person", "life", "center",
    ]  # fmt: skip
    assert unit_after("180 partially destroyed", 3) == ("", 3)  # an adverb is no noun
