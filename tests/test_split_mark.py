"""checks.split_mark: one text box, one mark where the claim splits."""

from __future__ import annotations

import pytest

from checks.errors import InputError
from checks.split_mark import mark_for, marked, split_at_mark


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia offered talks; Ukraine said no.", "Russia offered talks | Ukraine said no."),
        ("Prices rose, and wages fell.", "Prices rose | and wages fell."),
        ("One two three four", "One two | three four"),
        ("Votes: 31 | 9 against, the council said.", "Votes: 31 | 9 against ¦ the council said."),
    ],
)
def test_marked_puts_the_mark_at_the_likeliest_split(text: str, expected: str) -> None:
    assert marked(text) == expected


@pytest.mark.parametrize(
    ("text", "mark", "expected"),
    [
        ("Talks were offered |Kyiv said no.", "|", ("Talks were offered", "Kyiv said no.")),
        ("  a\n b  |  c  ", "|", ("a b", "c")),
        ("31 | 9 against ¦ the council said.", "¦", ("31 | 9 against", "the council said.")),
    ],
)  # fmt: skip
def test_split_at_mark_gives_the_two_claims(
    text: str, mark: str, expected: tuple[str, str]
) -> None:
    assert split_at_mark(text, mark=mark) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no mark at all", "Put one | where the claim splits (none found)."),
        ("a | b | c", "Put one | where the claim splits (2 found)."),
        ("| all after", "Both sides of the | need words: move it inside the claim."),
        ("all before |  ", "Both sides of the | need words: move it inside the claim."),
    ],
)
def test_split_at_mark_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        split_at_mark(text)
    assert str(caught.value) == message


def test_the_spare_mark_is_used_only_when_the_text_has_a_bar() -> None:
    assert (mark_for("a plain claim"), mark_for("a | b")) == ("|", "¦")
