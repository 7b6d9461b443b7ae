"""STUB: being written (facts helper). Signatures are the contract."""

from __future__ import annotations

from checks.model import Agreement, Fact


def extract_facts(text: str) -> tuple[Fact, ...]:
    return ()


def agreement(claim: str, evidence: str) -> Agreement:
    return Agreement()
