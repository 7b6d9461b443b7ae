"""Row <-> model: agreements survive their JSON column exactly."""

from __future__ import annotations

import json

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
             "end": 29, "unit": ""},
            {"kind": "date", "value": "2024-05-02", "text": "2 May 2024", "start": 20,
             "end": 30, "unit": ""},
        ]
    ]  # fmt: skip
    assert agreement_from_json(text) == agreement
    assert agreement_from_json(agreement_to_json(Agreement())) == Agreement()
