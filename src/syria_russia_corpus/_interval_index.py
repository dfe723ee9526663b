"""Finding the records whose date ranges overlap a query range, without a scan or a sort."""

from __future__ import annotations

import bisect
import datetime
import operator
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")

Span = tuple[datetime.date, datetime.date]

# Records are bucketed by how long their range is: up to 1 day, 2 days, 4 days,
# and so on to about 180 years. Within a bucket no range is longer than the
# bucket's limit, so every overlap with [start, end] begins in
# [start - limit, end]: two bisections bound the candidates, and because the
# limits double, no bucket reads more than about twice what it returns plus
# what starts nearby. Longer ranges go in a last bucket that is read whole.
_BUCKET_LIMITS = tuple(2**power for power in range(17))


class _Bucket:
    """Ranges of one length class sorted by start: days are ordinals, items their ranks."""

    __slots__ = ("ends", "limit", "starts")

    def __init__(self, entries: list[tuple[int, int, int]], limit: int | None) -> None:
        entries.sort()
        self.starts = [begin for begin, _, _ in entries]
        self.ends = [(finish, rank) for _, finish, rank in entries]
        self.limit = limit

    def overlapping(self, start: int, end: int) -> list[int]:
        first = 0 if self.limit is None else bisect.bisect_left(self.starts, start - self.limit)
        last = bisect.bisect_right(self.starts, end)
        return [rank for finish, rank in self.ends[first:last] if finish >= start] if first < last else []


class IntervalIndex(Generic[T]):
    """Items keyed by an inclusive date range, queried by overlap; results keep the items' order."""

    def __init__(self, items: Sequence[T], span: Callable[[T], Span]) -> None:
        """Index *items*, given in the order every result should list them."""
        self._items = tuple(items)
        grouped: list[list[tuple[int, int, int]]] = [[] for _ in range(len(_BUCKET_LIMITS) + 1)]
        for rank, item in enumerate(self._items):
            begin, finish = (day.toordinal() for day in span(item))
            grouped[_bucket_of(finish - begin)].append((begin, finish, rank))
        limits: list[int | None] = [*_BUCKET_LIMITS, None]
        self._buckets = [
            _Bucket(entries, limit) for entries, limit in zip(grouped, limits, strict=True) if entries
        ]

    def overlapping(self, start: datetime.date, end: datetime.date) -> tuple[T, ...]:
        """The items whose range shares at least a day with ``[start, end]``, in the items' order."""
        first, last = start.toordinal(), end.toordinal()
        ranks = [rank for bucket in self._buckets for rank in bucket.overlapping(first, last)]
        # Ranks are ints: sorting them, and gathering the items they point at, runs in C.
        ranks.sort()
        if len(ranks) < 2:
            return tuple(self._items[rank] for rank in ranks)
        found: tuple[T, ...] = operator.itemgetter(*ranks)(self._items)
        return found


def _bucket_of(length: int) -> int:
    return bisect.bisect_left(_BUCKET_LIMITS, length) if length <= _BUCKET_LIMITS[-1] else len(_BUCKET_LIMITS)
