"""segment.py from several threads at once (Streamlit runs each session in its own thread)."""

from __future__ import annotations

import threading

from checks.segment import sentence_spans

# Two texts of different lengths and sentence counts: pysbd kept the text being split on the
# Segmenter instance, so a thread could locate its sentences in the other thread's text.
FIRST = " ".join(f"Sentence number {n} of the first text ends here." for n in range(40))
SECOND = " ".join(f"The second text, part {n}, is shorter. It has two." for n in range(25))
ROUNDS = 30
CALLS_PER_ROUND = 5


def test_two_threads_segmenting_at_once_lose_no_sentence() -> None:
    expected = {FIRST: sentence_spans(FIRST), SECOND: sentence_spans(SECOND)}
    assert (len(expected[FIRST]), len(expected[SECOND])) == (40, 50)
    wrong: list[tuple[int, str, int]] = []
    for round_number in range(ROUNDS):
        barrier = threading.Barrier(2)

        def work(text: str, number: int = round_number, gate: threading.Barrier = barrier) -> None:
            gate.wait()
            for _ in range(CALLS_PER_ROUND):
                got = sentence_spans(text)
                if got != expected[text]:
                    wrong.append((number, text[:10], len(got)))

        threads = [threading.Thread(target=work, args=(text,)) for text in (FIRST, SECOND)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert wrong == []
