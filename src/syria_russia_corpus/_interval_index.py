"""Finding the records whose date ranges overlap a query range, without a scan."""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")

Span = tuple[datetime.date, datetime.date]

# Records are bucketed by how long their range is: up to 1 day, 2 days, 4 days,
# and so on to about 180 years. Within a bucket no range is longer than the
# bucket's limit, so every overlap with [start, end] begins in
# [start - limit, end]: two bisections bound the candidates, and because the
# limits double, no bucket reads more than about twice what it returns plus
# what starts nearby. Longer ranges go in a last bucket that is read whole.
_BUCKET_LIMITS = tuple(datetime.timedelta(days=2**power) for power in range(17))


class _Bucket(Generic[T]):
    __slots__ = ("entries", "limit", "starts")

    def __init__(
        self, entries: list[tuple[datetime.date, datetime.date, T]], limit: datetime.timedelta | None
    ) -> None:
        entries.sort(key=lambda entry: entry[0])
        self.entries = entries
        self.starts = [entry[0] for entry in entries]
        self.limit = limit

    def overlapping(self, start: datetime.date, end: datetime.date) -> Iterable[T]:
        if self.limit is None:
            candidates = self.entries
        else:
            first = bisect.bisect_left(self.starts, _minus(start, self.limit))
            last = bisect.bisect_right(self.starts, end)
            candidates = self.entries[first:last]
        return [item for begin, finish, item in candidates if begin <= end and finish >= start]


class IntervalIndex(Generic[T]):
    """Items keyed by an inclusive date range, queried by overlap."""

    def __init__(self, items: Iterable[T], span: Callable[[T], Span]) -> None:
        grouped: list[list[tuple[datetime.date, datetime.date, T]]] = [
            [] for _ in range(len(_BUCKET_LIMITS) + 1)
        ]
        for item in items:
            begin, finish = span(item)
            grouped[_bucket_of(finish - begin)].append((begin, finish, item))
        limits: list[datetime.timedelta | None] = [*_BUCKET_LIMITS, None]
        self._buckets = [
            _Bucket(entries, limit) for entries, limit in zip(grouped, limits, strict=True) if entries
        ]

    def overlapping(self, start: datetime.date, end: datetime.date) -> list[T]:
        """Return the items whose range shares at least a day with ``[start, end]``."""
        return [item for bucket in self._buckets for item in bucket.overlapping(start, end)]


def _bucket_of(length: datetime.timedelta) -> int:
    for index, limit in enumerate(_BUCKET_LIMITS):
        if length <= limit:
            return index
    return len(_BUCKET_LIMITS)


def _minus(day: datetime.date, delta: datetime.timedelta) -> datetime.date:
    try:
        return day - delta
    except OverflowError:
        return datetime.date.min
