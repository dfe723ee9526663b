"""PartialDate: a date known to a year, a month or a day, with EDTF flags."""

from __future__ import annotations

import calendar
import datetime
import enum
import functools
import re
from typing import Any

import attrs

from .exceptions import ArgumentTypeError, InvalidDateError

_EDTF = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<flag>[?~%])?")


class DatePrecision(str, enum.Enum):
    """How much of a :class:`PartialDate` is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


@attrs.frozen(order=False)
class PartialDate:
    """A date known to a year, a month or a day: a subset of EDTF level 1.

    The string forms are ``YYYY``, ``YYYY-MM`` and ``YYYY-MM-DD``, each
    optionally followed by ``?`` (uncertain), ``~`` (approximate) or ``%``
    (both). The flags say how sure the date is; they do not widen
    :attr:`earliest` and :attr:`latest`, which are the bounds of the stated
    precision.

    Dates order by their earliest day, then their latest (so the 1st of June
    sorts before June as a whole), then their flags (a flagged date after the
    same unflagged one).

    Attributes:
        year: The year, 1 to 9999.
        month: The month, 1 to 12, or None if only the year is known.
        day: The day of the month, or None if only the month is known.
        uncertain: The source's date is a best guess that may be wrong (``?``).
        approximate: The date is known to be roughly right (``~``).

    Example:
        >>> d = PartialDate.parse("2012-06~")
        >>> d.precision, d.approximate, d.earliest, d.latest
        (<DatePrecision.MONTH: 'month'>, True, datetime.date(2012, 6, 1), datetime.date(2012, 6, 30))
        >>> str(d)
        '2012-06~'
    """

    year: int
    month: int | None = None
    day: int | None = None
    uncertain: bool = attrs.field(default=False, kw_only=True)
    approximate: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _check_calendar(self.year, self.month, self.day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse an EDTF string such as ``"2012"``, ``"2012-05~"`` or ``"2012-05-25?"``.

        Raises:
            InvalidDateError: *text* is not in the supported form, or names a
                day that does not exist.
            ArgumentTypeError: *text* is not a string.
        """
        if not isinstance(text, str):
            raise ArgumentTypeError(
                f"a date string must be a str such as '2012-05-25', not {type(text).__name__}"
            )
        return _parse_cached(text)

    @classmethod
    def from_date(cls, day: datetime.date) -> PartialDate:
        """Return the exact, unflagged PartialDate of a :class:`datetime.date`."""
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> DatePrecision:
        """Whether the year, the month or the day is known."""
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    # Cached: sorting and range queries ask for the bounds of every date, often.
    @functools.cached_property
    def earliest(self) -> datetime.date:
        """The first day the stated precision allows."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @functools.cached_property
    def latest(self) -> datetime.date:
        """The last day the stated precision allows."""
        if self.day is not None and self.month is not None:
            return datetime.date(self.year, self.month, self.day)
        month = self.month or 12
        return datetime.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.uncertain and self.approximate:
            return text + "%"
        if self.uncertain:
            return text + "?"
        if self.approximate:
            return text + "~"
        return text

    def _sort_key(self) -> tuple[datetime.date, datetime.date, bool, bool]:
        return (self.earliest, self.latest, self.uncertain, self.approximate)

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def __le__(self, other: Any) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._sort_key() <= other._sort_key()

    def __gt__(self, other: Any) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._sort_key() > other._sort_key()

    def __ge__(self, other: Any) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._sort_key() >= other._sort_key()


def _parse(text: str) -> PartialDate:
    match = _EDTF.fullmatch(text)
    if match is None:
        raise InvalidDateError(
            f"{text!r} is not a supported date: use YYYY, YYYY-MM or YYYY-MM-DD, "
            "optionally followed by '?' (uncertain) or '~' (approximate)"
        )
    month, day, flag = match["month"], match["day"], match["flag"]
    return PartialDate(
        int(match["year"]),
        None if month is None else int(month),
        None if day is None else int(day),
        uncertain=flag in ("?", "%"),
        approximate=flag in ("~", "%"),
    )


# A corpus repeats a few hundred date strings many times over; parsing each
# once keeps loading fast, and PartialDate is immutable, so sharing is safe.
_parse_cache: dict[str, PartialDate] = {}


def _parse_cached(text: str) -> PartialDate:
    date = _parse_cache.get(text)
    if date is None:
        date = _parse(text)
        if len(_parse_cache) < 65_536:
            _parse_cache[text] = date
    return date


def _check_calendar(year: int, month: int | None, day: int | None) -> None:
    if not 1 <= year <= 9999:
        raise InvalidDateError(f"year {year} is out of range: use a year from 0001 to 9999")
    if month is None:
        if day is not None:
            raise InvalidDateError("a date with a day must also have a month")
        return
    if not 1 <= month <= 12:
        raise InvalidDateError(f"month {month} of {year} does not exist: use 01 to 12")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise InvalidDateError(f"{year:04d}-{month:02d}-{day:02d} does not exist")


def date_bounds(value: object, *, argument: str) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day a query bound may mean.

    *value* may be a :class:`datetime.date`, a :class:`PartialDate` or an EDTF
    string; a month or a year stands for all its days.
    """
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value, value
    if isinstance(value, str):
        value = PartialDate.parse(value.strip())
    if isinstance(value, PartialDate):
        return value.earliest, value.latest
    raise ArgumentTypeError(
        f"{argument} must be a datetime.date, a PartialDate or a string such as "
        f"'2012-05' or '2012-05-25', not {type(value).__name__}"
    )
