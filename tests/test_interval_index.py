"""The interval index behind events_between: every overlapping item, in the items' order, never a sort."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from syria_russia_corpus._interval_index import IntervalIndex

FIRST_DAY = datetime.date(1990, 1, 1).toordinal()
Span = tuple[datetime.date, datetime.date]

# Lengths in days from one day to open-ended, across every class of ages the index keeps.
lengths = st.one_of(
    st.integers(0, 10),
    st.integers(0, 600),
    st.integers(0, 20_000),
    st.just(datetime.date.max.toordinal() - FIRST_DAY - 40_000),
)
spans = st.lists(st.tuples(st.integers(0, 40_000), lengths), max_size=60)
windows = st.tuples(st.integers(-1_000, 45_000), st.integers(0, 5_000))


def day(offset: int) -> datetime.date:
    return datetime.date.fromordinal(FIRST_DAY + offset)


def indexed(raw: list[tuple[int, int]]) -> tuple[list[Span], IntervalIndex[Span]]:
    """The spans in the order a corpus gives its events (first day, last day), and their index."""
    items = sorted((day(begin), day(begin + length)) for begin, length in raw)
    return items, IntervalIndex.of(items, lambda span: span)


@given(spans, windows)
def test_overlapping_finds_what_a_scan_finds_in_order(raw: list[tuple[int, int]], window: tuple[int, int]):
    """Every item whose range meets the window is found, in the items' order, and no other."""
    items, index = indexed(raw)
    start, end = day(window[0]), day(window[0] + window[1])
    assert index.overlapping(start, end) == tuple(
        item for item in items if item[0] <= end and item[1] >= start
    )


@pytest.mark.parametrize("length", [1, 7, 8, 63, 64, 511, 512, 4095, 4096, 10_000])
def test_an_item_ending_on_the_first_day_is_found(length: int):
    """A range that ends on the window's first day overlaps it, whatever its length."""
    items, index = indexed([(0, length), (length, 0)])
    assert index.overlapping(day(length), day(length + 3)) == tuple(items)


def test_items_out_of_order_are_refused():
    """Items not in order of their first day are refused: the index could not keep their order."""
    later, earlier = (day(5), day(6)), (day(1), day(9))
    with pytest.raises(ValueError, match="in order of the first day"):
        IntervalIndex.of([later, earlier], lambda span: span)
