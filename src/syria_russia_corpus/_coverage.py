"""Coverage: how much of each month of the statements' period is coded."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, Final

import attrs

from ._dates import PartialDate
from ._rows import holds_rows


@holds_rows
@attrs.frozen(kw_only=True)
class MonthCoverage:
    """The records of one month.

    Attributes:
        month: The month, ``"YYYY-MM"``.
        quotes: How many quotes fall in it.
        events: How many events fall in it.
        positions: How many positions fall in it.
    """

    month: str
    quotes: int
    events: int
    positions: int

    @property
    def id(self) -> str:
        """The month: a row's id in a table."""
        return self.month


def known_days(date: PartialDate) -> tuple[datetime.date, datetime.date]:
    """The first and last day *date* may be, an open end taken as far as the other end."""
    first = date.latest if date.earliest == datetime.date.min else date.earliest
    last = date.earliest if date.latest == datetime.date.max else date.latest
    return first, last


def month_of(date: PartialDate) -> str:
    """The month a record counts in: its earliest possible day's, or its latest's for an open start."""
    day = known_days(date)[0]
    return f"{day.year:04d}-{day.month:02d}"


def _counts(records: Iterable[Any]) -> Counter[str]:
    return Counter(month_of(r.date) for r in records if r.date is not None)


def monthly(quotes: Sequence[Any], events: Sequence[Any], positions: Sequence[Any]) -> list[MonthCoverage]:
    """One row per month from the first to the last month of a dated quote or position."""
    said, happened, held = _counts(quotes), _counts(events), _counts(positions)
    statements = sorted(said.keys() | held.keys())
    if not statements:
        return []
    return [
        MonthCoverage(month=month, quotes=said[month], events=happened[month], positions=held[month])
        for month in months_between(statements[0], statements[-1])
    ]


def months_between(first: str, last: str) -> list[str]:
    """Every month from *first* to *last*, both ``"YYYY-MM"`` and included."""
    year, month = int(first[:4]), int(first[5:])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


#: Months in a row with no statement that split the statements' period in two.
GAP_MONTHS: Final = 3


def periods(months: Sequence[MonthCoverage]) -> list[tuple[str, str]]:
    """The first and last month of each run of statements, runs split by :func:`gaps`."""
    spans = gaps(months)
    starts = [months[0].month] + [_after(last, months) for _, last in spans] if months else []
    ends = [_before(first, months) for first, _ in spans] + ([months[-1].month] if months else [])
    return list(zip(starts, ends, strict=True))


def _after(month: str, months: Sequence[MonthCoverage]) -> str:
    return next(row.month for row in months if row.month > month)


def _before(month: str, months: Sequence[MonthCoverage]) -> str:
    return [row.month for row in months if row.month < month][-1]


def describe(months: Sequence[MonthCoverage]) -> str:
    """The statements' periods in words, e.g. ``"2012-02 to 2012-06 and 2015-09"``."""
    parts = [first if first == last else f"{first} to {last}" for first, last in periods(months)]
    return " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 2 else parts) or "none"


def gaps(months: Sequence[MonthCoverage]) -> list[tuple[str, str]]:
    """The first and last month of each run of :data:`GAP_MONTHS` or more with no quote or position."""
    runs: list[tuple[str, str]] = []
    empty: list[str] = []
    for row in [*months, None]:
        if row is not None and row.quotes == 0 and row.positions == 0:
            empty.append(row.month)
            continue
        if len(empty) >= GAP_MONTHS:
            runs.append((empty[0], empty[-1]))
        empty = []
    return runs
