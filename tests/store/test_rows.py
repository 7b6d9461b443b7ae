"""Row <-> model: agreements survive their JSON column exactly."""

from __future__ import annotations

import json

from checks.facts import agreement
from checks.model import Agreement
from checks.store import agreement_from_json, agreement_to_json
from tests.store.samples import CLAIM_COUNT, CLAIM_DATE, NOTES_COUNT, WIKI_DATE


def test_an_agreement_round_trips_through_its_json_column() -> None:
    agreement = Agreement(
        matches=((CLAIM_COUNT, NOTES_COUNT),), conflicts=((CLAIM_DATE, WIKI_DATE),)
    )
    text = agreement_to_json(agreement)
    assert json.loads(text)["conflicts"] == [
        [
            {"kind": "date", "value": "2024-05-03", "text": "3 May 2024", "start": 19,
             "end": 29, "unit": "", "qualifier": ""},
            {"kind": "date", "value": "2024-05-02", "text": "2 May 2024", "start": 20,
             "end": 30, "unit": "", "qualifier": ""},
        ]
    ]  # fmt: skip
    assert agreement_from_json(text) == agreement
    assert agreement_from_json(agreement_to_json(Agreement())) == Agreement()


def test_a_qualified_figure_keeps_its_flag_through_the_store() -> None:
    found = agreement("The blast killed at least two people", "17 people were killed")
    assert agreement_from_json(agreement_to_json(found)) == found
    assert agreement_from_json(agreement_to_json(found)).describe_conflicts() == (
        "number: killed at least two people (lower bound, holds) ≠ 17 people were killed",
    )


def test_a_row_written_before_qualifiers_reads_as_exact() -> None:
    old = {"kind": "number", "value": "30", "text": "30 members", "start": 9, "end": 19,
           "unit": "member"}  # fmt: skip
    new = dict(old, value="32", text="32 members")
    read = agreement_from_json(json.dumps({"matches": [], "conflicts": [[old, new]]}))
    assert read.describe_conflicts() == ("number: 30 members ≠ 32 members",)
