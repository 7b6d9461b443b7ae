"""A child process for the crash-safety test: writes verdicts through ``Store`` and prints
one line per write the store acknowledged (``set_verdict`` returned), flushed at once.

    python -m tests.crash_writer DB ARTICLE_ID CLAIMS

Claim ``c<i>`` gets the label ``true`` or ``false`` and the note ``note <i>/<round>``; the
loop goes round the claims until the process is killed. A line ``ready`` comes first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from checks.store import Store

LABELS = ("true", "false", "mostly true", "unproven")


def main(argv: list[str]) -> int:
    path, article_id, claims = Path(argv[0]), int(argv[1]), int(argv[2])
    with Store.open(path) as store:
        print("ready", flush=True)
        round_ = 0
        while True:
            round_ += 1
            for number in range(1, claims + 1):
                claim_id = f"c{number}"
                label = LABELS[(number + round_) % len(LABELS)]
                note = f"note {number}/{round_}"
                saved = store.set_verdict(article_id, claim_id, label=label, note=note)
                print(f"ack\t{claim_id}\t{saved.label}\t{saved.note}", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
