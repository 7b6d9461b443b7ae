"""Pages of the review table and the window of the Claim box (checks.paging)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from checks import paging


def test_pages_cover_every_row_once_and_say_which_rows_they_hold() -> None:
    pages = [paging.page(450, n, size=200) for n in (1, 2, 3)]
    assert [(p.start, p.end) for p in pages] == [(0, 200), (200, 400), (400, 450)]
    assert [p.label for p in pages] == [
        "rows 1–200 of 450",
        "rows 201–400 of 450",
        "rows 401–450 of 450",
    ]
    assert paging.page_count(8_092) == 41
    assert paging.page(8_092, 41).label == "rows 8,001–8,092 of 8,092"


def test_a_page_past_the_end_is_the_last_page_and_an_empty_list_has_one_page() -> None:
    assert paging.page(250, 9, size=200).number == 2  # a filter shrank the list
    assert paging.page(250, 0, size=200).number == 1
    empty = paging.page(0, 1)
    assert (empty.count, empty.start, empty.end, empty.label) == (1, 0, 0, "no rows")


@given(st.integers(1, 5_000), st.integers(1, 300))
def test_the_page_of_a_row_holds_it(total: int, size: int) -> None:
    for index in {0, total // 2, total - 1}:
        found = paging.page(total, paging.page_of(index, size=size), size=size)
        assert found.start <= index < found.end


@given(st.integers(1, 3_000), st.integers(1, 400), st.data())
def test_the_window_holds_the_item_and_no_more_than_its_size(
    total: int, size: int, data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, total - 1))
    items = range(total)
    shown = paging.window(items, index, size=size)
    assert index in shown
    assert len(shown) == min(total, size)
    assert list(shown) == list(range(shown[0], shown[0] + len(shown)))  # one run, in order


def test_the_window_is_centred_where_the_list_allows() -> None:
    assert list(paging.window(range(1000), 500, size=10)) == list(range(495, 505))
    assert list(paging.window(range(1000), 2, size=10)) == list(range(10))
    assert list(paging.window(range(1000), 998, size=10)) == list(range(990, 1000))
