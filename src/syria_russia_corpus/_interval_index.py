"""Finding the records whose date ranges overlap a query range, in their order, without a scan or a sort."""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Callable, Sequence
from typing import Final, Generic, TypeVar

import attrs

T = TypeVar("T")

Span = tuple[datetime.date, datetime.date]

# An item overlaps [start, end] if it begins within it, or began before start
# and is still going on at start. Items are kept in their order, which is by
# first day, so those that begin within [start, end] are one slice. Those still
# going on are found by their age at start: an item at least a days old there is
# at least a days long, so the ages from one limit to the next are read from the
# items that long only, those that began that many days before start. Each class
# of ages is one slice of its items, the classes follow one another back in
# time, so their finds, oldest first, then the slice, come out in the items'
# order. The limits grow eightfold: few classes to read, and within each few
# items read that have ended. The last class is every item older than its limit.
_AGE_LIMITS: Final = (1, 8, 64, 512, 4096)
_OLDEST: Final = datetime.date.max.toordinal()


@attrs.frozen
class _AgeClass(Generic[T]):
    """The items at least *youngest* days long, in order, for the ages *youngest* to *oldest* days."""

    youngest: int
    oldest: int
    begins: tuple[int, ...]
    items: tuple[T, ...]
    finishes: tuple[int, ...]


@attrs.frozen
class IntervalIndex(Generic[T]):
    """Items keyed by an inclusive date range, queried by overlap; results keep the items' order.

    Everything it holds is a tuple, so no caller can change what a shared
    corpus's queries find.

    Example:
        >>> day = datetime.date
        >>> spans = {"war": (day(2011, 3, 15), day(2015, 12, 31)), "talk": (day(2012, 6, 9), day(2012, 6, 9))}
        >>> index = IntervalIndex.of(["war", "talk"], spans.__getitem__)
        >>> index.overlapping(day(2012, 6, 1), day(2012, 6, 30))
        ('war', 'talk')
    """

    _items: tuple[T, ...]
    _begins: tuple[int, ...]
    _classes: tuple[_AgeClass[T], ...]  # the oldest ages first

    @classmethod
    def of(cls, items: Sequence[T], span: Callable[[T], Span]) -> IntervalIndex[T]:
        """Index *items*, given in the order every result lists them, which must be by first day."""
        spans = [(first.toordinal(), last.toordinal()) for first, last in map(span, items)]
        begins = tuple(first for first, _ in spans)
        if list(begins) != sorted(begins):
            raise ValueError("items must be given in order of the first day of their ranges")
        finishes = tuple(last for _, last in spans)
        oldest = [*(limit - 1 for limit in _AGE_LIMITS[1:]), _OLDEST]
        classes = []
        for youngest, most in reversed(list(zip(_AGE_LIMITS, oldest, strict=True))):
            long_enough = [rank for rank, (first, last) in enumerate(spans) if last - first >= youngest]
            if long_enough:
                classes.append(
                    _AgeClass(
                        youngest,
                        most,
                        tuple(begins[rank] for rank in long_enough),
                        tuple(items[rank] for rank in long_enough),
                        tuple(finishes[rank] for rank in long_enough),
                    )
                )
        return cls(tuple(items), begins, tuple(classes))

    def overlapping(self, start: datetime.date, end: datetime.date) -> tuple[T, ...]:
        """The items whose range shares at least a day with ``[start, end]``, in the items' order."""
        first, last = start.toordinal(), end.toordinal()
        found: list[T] = []
        for ages in self._classes:
            if ages.begins[0] > first - ages.youngest:
                continue  # nothing is that old yet
            low = bisect.bisect_left(ages.begins, first - ages.oldest)
            high = bisect.bisect_right(ages.begins, first - ages.youngest, low)
            items, finishes = ages.items, ages.finishes
            found += [items[rank] for rank in range(low, high) if finishes[rank] >= first]
        begun = self._items[bisect.bisect_left(self._begins, first) : bisect.bisect_right(self._begins, last)]
        return (*found, *begun) if found else begun
