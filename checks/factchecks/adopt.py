"""Adopting an earlier verdict: the label it stands for on the desk's scale and the line
the note gets ("As checked by X on DATE, URL").

The note keeps what the reviewer wrote: the line is added on a new line after it (and not
again if it is there already).

>>> from checks.factchecks.search import Match
>>> m = Match("factcheck", "factcheck:1", "Claim.", "Pants on Fire!", "Checks Desk",
...           "2024-06-18", "https://checks.example/1", 0.9, "strong")
>>> taken = adoption(m, note="Called the ministry.", scale=("unreviewed", "true", "false"))
>>> taken.label
'false'
>>> print(taken.note)
Called the ministry.
As checked by Checks Desk on 2024-06-18, https://checks.example/1 (rated “Pants on Fire!”)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checks.factchecks.ratings import normal_label, verdict_for
from checks.factchecks.search import FACTCHECK, Match


@dataclass(frozen=True)
class Adoption:
    """What adopting ``Match`` writes: ``label`` (``""``: the label stays as it is),
    the whole new ``note``, the ``line`` added to it, and ``how`` the label was found."""

    label: str
    note: str
    line: str
    how: str


def checked_line(match: Match) -> str:
    """The note's line naming who checked it, when, and where."""
    when = match.date or "an unknown date"
    if match.kind == FACTCHECK:
        who = match.publisher or "an unnamed fact-checker"
        where = f", {match.url}" if match.url else ""
        rated = f" (rated “{match.rating}”)" if match.rating else ""
        return f"As checked by {who} on {when}{where}{rated}"
    return (
        f"As checked by this desk on {when}, article {match.article_id} "
        f"“{match.article_title}” claim {match.claim_id} ({match.rating})"
    )


def adoption(match: Match, *, note: str, scale: Sequence[str]) -> Adoption:
    """The label and note that adopting ``match`` gives a claim whose note is ``note``."""
    line = checked_line(match)
    if match.kind == FACTCHECK:
        reading = verdict_for(
            match.rating, match.rating_value, match.best_rating, match.worst_rating, scale=scale
        )
        label, how = reading.label, reading.how
    else:
        on_scale = {normal_label(label): label for label in scale}
        label = on_scale.get(normal_label(match.rating), "")
        how = "the desk's own verdict" if label else f"“{match.rating}” is not on your scale"
    kept = note.rstrip()
    new_note = note if line in note else (f"{kept}\n{line}" if kept else line)
    return Adoption(label, new_note, line, how)
