"""PartialDate: a date known to a year, a month or a day, or an interval of such dates, with EDTF flags."""

from __future__ import annotations

import datetime
import enum
import functools
import re

import attrs

from ._messages import brief
from .exceptions import ArgumentTypeError, InvalidDateError, InvalidQueryError

# ASCII digits only: \d would also take "２０１２" or "٢٠١٢", which no EDTF reader accepts.
_EDTF = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<flag>[?~%])?")

# The open, unbounded end of an interval, as EDTF writes it.
_OPEN = ".."

# Days in each month of a common year; February gains a day in a leap year.
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class DatePrecision(str, enum.Enum):
    """How much of a :class:`PartialDate` is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


@attrs.frozen(init=False, order=False, repr=False)
class PartialDate:
    """A date known to a year, a month or a day, or an interval: a subset of EDTF level 1.

    The string forms are ``YYYY``, ``YYYY-MM`` and ``YYYY-MM-DD``, each
    optionally followed by ``?`` (uncertain), ``~`` (approximate) or ``%``
    (both). The flags say how sure the date is; they do not widen
    :attr:`earliest` and :attr:`latest`, which are the bounds of the stated
    precision.

    An interval joins two such dates with ``/``, each end with its own
    precision and flag: ``2012-02-27/2012-03-04``, ``2012-05-25?/2012-06-01?``.
    Either end, not both, may be ``..``, open and unbounded: ``2011-03~/..``
    (from about March 2011 on), ``../2012-06`` (up to June 2012). An interval
    runs from the first day its start allows to the last day its end allows; an
    open start is :attr:`datetime.date.min`, an open end :attr:`datetime.date.max`.
    An interval whose end is wholly before its start is refused.

    ``year``, ``month`` and ``day`` are those of the first stated date: the
    date itself, an interval's start, or, for an interval with an open start,
    its end. ``until`` is the end of an interval with two stated ends. The
    ``uncertain`` and ``approximate`` arguments flag the first stated date;
    ``until`` carries its own flags, and the properties of an interval are true
    when either end is flagged.

    Dates order by their earliest day, then their latest (so the 1st of June
    sorts before June as a whole), then their flags (a flagged date after the
    same unflagged one), then, so that only equal dates tie, their EDTF strings.
    Ordering a PartialDate against a :class:`datetime.date` is refused; compare
    :attr:`earliest` or :attr:`latest`, or use :meth:`overlaps` or :meth:`contains`.

    ``PartialDate("2012-06~")`` is ``PartialDate.parse("2012-06~")``, which is
    also the date's repr.

    Attributes:
        year: The year, 1 to 9999.
        month: The month, 1 to 12, or None if only the year is known.
        day: The day of the month, or None if only the month is known.
        until: The end of an interval, a single date; None for a single date
            or an interval with an open end.
        open_start: The date is an interval with an open start (``../…``).
        open_end: The date is an interval with an open end (``…/..``).

    Example:
        >>> d = PartialDate.parse("2012-06~")
        >>> d.precision, d.approximate, d.earliest, d.latest
        (<DatePrecision.MONTH: 'month'>, True, datetime.date(2012, 6, 1), datetime.date(2012, 6, 30))
        >>> str(d)
        '2012-06~'
        >>> span = PartialDate("2012-05-25?/2012-06")
        >>> span.earliest, span.latest, span.uncertain
        (datetime.date(2012, 5, 25), datetime.date(2012, 6, 30), True)
        >>> span
        PartialDate('2012-05-25?/2012-06')
        >>> PartialDate.parse("../2012-06").earliest
        datetime.date(1, 1, 1)
    """

    year: int
    month: int | None
    day: int | None
    _uncertain: bool = attrs.field(kw_only=True)
    _approximate: bool = attrs.field(kw_only=True)
    until: PartialDate | None = attrs.field(kw_only=True)
    open_start: bool = attrs.field(kw_only=True)
    open_end: bool = attrs.field(kw_only=True)

    # Written out rather than generated so that the repr, PartialDate('2012-06~'),
    # evaluates back: a lone string is parsed.
    def __init__(
        self,
        year: int | str,
        month: int | None = None,
        day: int | None = None,
        *,
        uncertain: bool = False,
        approximate: bool = False,
        until: PartialDate | None = None,
        open_start: bool = False,
        open_end: bool = False,
    ) -> None:
        if isinstance(year, str):
            if (
                month is not None
                or day is not None
                or any((uncertain, approximate, until, open_start, open_end))
            ):
                raise ArgumentTypeError(
                    "pass PartialDate either an EDTF string alone, such as '2012-06~', "
                    "or a year with an optional month, day, flags and interval end"
                )
            parsed = PartialDate.parse(year)
            self.__attrs_init__(
                parsed.year,
                parsed.month,
                parsed.day,
                uncertain=parsed._uncertain,
                approximate=parsed._approximate,
                until=parsed.until,
                open_start=parsed.open_start,
                open_end=parsed.open_end,
            )
        else:
            self.__attrs_init__(
                year,
                month,
                day,
                uncertain=uncertain,
                approximate=approximate,
                until=until,
                open_start=open_start,
                open_end=open_end,
            )

    def __attrs_post_init__(self) -> None:
        _check_types(self)
        _check_calendar(self.year, self.month, self.day)
        if self.until is not None or self.open_start or self.open_end:
            self._check_interval()

    def _check_interval(self) -> None:
        if self.open_start and self.open_end:
            raise InvalidDateError("a date cannot be open at both ends: an interval needs one stated end")
        if self.until is None:
            return
        if not isinstance(self.until, PartialDate):
            raise ArgumentTypeError(f"until must be a PartialDate, not {type(self.until).__name__}")
        if self.open_start or self.open_end:
            raise InvalidDateError(
                f"an interval ending {self.until} has two stated ends, so it cannot also be open"
            )
        if self.until.until is not None or self.until.open_start or self.until.open_end:
            raise InvalidDateError(f"the end of an interval must be a single date, not {self.until}")
        if self.until.latest < self.earliest:
            raise InvalidDateError(
                f"the interval {self} ends before it starts: its end, {self.until}, is over by "
                f"{self.until.latest}, before its start, {self._stated()}, begins on {self.earliest}; "
                "put the earlier date first"
            )

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse an EDTF string such as ``"2012"``, ``"2012-05~"``, ``"2012-05-25?"`` or ``"2012-05/.."``.

        Raises:
            InvalidDateError: *text* is not in the supported form, names a day
                that does not exist, or is an interval that ends before it
                starts or is open at both ends.
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
        """Whether the year, the month or the day is known.

        For an interval, the precision of its first stated date: the start,
        or the end if the start is open.
        """
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    @property
    def uncertain(self) -> bool:
        """The source's date is a best guess that may be wrong (``?``); of an interval, either end."""
        return self._uncertain or (self.until is not None and self.until._uncertain)

    @property
    def approximate(self) -> bool:
        """The date is known to be roughly right (``~``); of an interval, either end."""
        return self._approximate or (self.until is not None and self.until._approximate)

    # Cached: sorting and range queries ask for the bounds of every date, often.
    @functools.cached_property
    def earliest(self) -> datetime.date:
        """The first day the stated precision allows; of an open start, :attr:`datetime.date.min`."""
        if self.open_start:
            return datetime.date.min
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @functools.cached_property
    def latest(self) -> datetime.date:
        """The last day the stated precision allows; of an open end, :attr:`datetime.date.max`."""
        if self.open_end:
            return datetime.date.max
        if self.until is not None:
            return self.until.latest
        month = self.month or 12
        return datetime.date(self.year, month, self.day or _days_in_month(self.year, month))

    def overlaps(
        self,
        start: datetime.date | PartialDate | str | None,
        end: datetime.date | PartialDate | str | None,
    ) -> bool:
        """Whether a day this date may be falls within ``[start, end]``, both ends inclusive.

        Args:
            start: A :class:`datetime.date`, a :class:`PartialDate` or an EDTF
                string, ``"2012-05"`` starting on the first of May; None for no
                lower bound.
            end: Likewise, ``"2012-05"`` ending on the 31st of May; None for no
                upper bound.

        Raises:
            InvalidQueryError: *end* is before *start*.

        Example:
            >>> d = PartialDate.parse("2012-05-25?/2012-06-01?")
            >>> d.overlaps("2012-06", None), d.overlaps(None, "2012-05-24")
            (True, False)
        """
        first = datetime.date.min if start is None else date_bounds(start, argument="start")[0]
        last = datetime.date.max if end is None else date_bounds(end, argument="end")[1]
        if last < first:
            raise InvalidQueryError(f"end ({end}) is before start ({start}); pass the earlier date first")
        return self.earliest <= last and first <= self.latest

    def contains(self, day: datetime.date | PartialDate | str) -> bool:
        """Whether *day* is one of the days this date may be.

        Args:
            day: A :class:`datetime.date`, or a :class:`PartialDate` or an EDTF
                string known to the day.

        Raises:
            InvalidQueryError: *day* is a month, a year or an interval; use
                :meth:`overlaps` for those.

        Example:
            >>> import datetime
            >>> PartialDate.parse("2011-03~/..").contains(datetime.date(2015, 9, 30))
            True
        """
        first, last = date_bounds(day, argument="day")
        if first != last:
            raise InvalidQueryError(
                f"contains() takes a single day, not {day}, which runs from {first} to {last}; "
                "use overlaps() for a month, a year or an interval"
            )
        return self.earliest <= first <= self.latest

    def _stated(self) -> str:
        """The first stated date with its own flag, as EDTF."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self._uncertain and self._approximate:
            return text + "%"
        if self._uncertain:
            return text + "?"
        if self._approximate:
            return text + "~"
        return text

    def __str__(self) -> str:
        if self.until is not None:
            return f"{self._stated()}/{self.until}"
        if self.open_start:
            return f"{_OPEN}/{self._stated()}"
        if self.open_end:
            return f"{self._stated()}/{_OPEN}"
        return self._stated()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"

    # Cached like the bounds it holds; the string makes the order total, so
    # that two dates tie only when they are equal.
    @functools.cached_property
    def _sort_key(self) -> tuple[datetime.date, datetime.date, bool, bool, str]:
        return (self.earliest, self.latest, self.uncertain, self.approximate, str(self))

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            _refuse_date(other)
            return NotImplemented
        return self._sort_key < other._sort_key

    def __le__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            _refuse_date(other)
            return NotImplemented
        return self._sort_key <= other._sort_key

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            _refuse_date(other)
            return NotImplemented
        return self._sort_key > other._sort_key

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            _refuse_date(other)
            return NotImplemented
        return self._sort_key >= other._sort_key


def _refuse_date(other: object) -> None:
    # A PartialDate may span many days, so whether it is before a given day has
    # no single answer: say which question to ask instead. Other types get the
    # usual TypeError from Python.
    if isinstance(other, datetime.date):
        raise ArgumentTypeError(
            f"a PartialDate cannot be ordered against a {type(other).__name__} ({other}), since it may "
            "span many days: compare its .earliest or .latest with the date, "
            "or use .overlaps() or .contains()"
        )


_FORMS = (
    "use YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by '?' (uncertain), '~' (approximate) "
    "or '%' (both), or two of these joined by '/' for an interval, either end of which may be "
    "'..' (open)"
)


def _parse(text: str) -> PartialDate:
    if "/" not in text:
        return _parse_single(text, text)
    start, _, end = text.partition("/")
    if start == _OPEN and end == _OPEN:
        raise InvalidDateError(
            f"{brief(text)} is not a supported date: an interval needs at least one stated end"
        )
    if start == _OPEN:
        return _parse_single(end, text, open_start=True)
    if end == _OPEN:
        return _parse_single(start, text, open_end=True)
    return _parse_single(start, text, until=_parse_single(end, text))


def _parse_single(
    part: str,
    text: str,
    *,
    until: PartialDate | None = None,
    open_start: bool = False,
    open_end: bool = False,
) -> PartialDate:
    """Parse *part*, one date of *text*, giving it *text*'s interval end if any."""
    match = _EDTF.fullmatch(part)
    if match is None:
        raise InvalidDateError(f"{brief(text)} is not a supported date: {_FORMS}")
    month, day, flag = match["month"], match["day"], match["flag"]
    return PartialDate(
        int(match["year"]),
        None if month is None else int(month),
        None if day is None else int(day),
        uncertain=flag in ("?", "%"),
        approximate=flag in ("~", "%"),
        until=until,
        open_start=open_start,
        open_end=open_end,
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


def _days_in_month(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _check_types(date: PartialDate) -> None:
    # A float or a bool would pass the calendar check (True is 1) and then fail
    # or mislead far from here: 2012.5 is no year, and "no" is no flag.
    if date.year is None:
        raise ArgumentTypeError("year must be an int such as 2012, or the date an EDTF string, not None")
    for name, value in (("year", date.year), ("month", date.month), ("day", date.day)):
        if value is not None and (type(value) is bool or not isinstance(value, int)):
            raise ArgumentTypeError(f"{name} must be an int, not {type(value).__name__} ({brief(value)})")
    flags = {
        "uncertain": date._uncertain,
        "approximate": date._approximate,
        "open_start": date.open_start,
        "open_end": date.open_end,
    }
    for name, flag in flags.items():
        if type(flag) is not bool:
            raise ArgumentTypeError(f"{name} must be True or False, not {brief(flag)}")


def _check_calendar(year: int, month: int | None, day: int | None) -> None:
    if not 1 <= year <= 9999:
        raise InvalidDateError(f"year {brief(year)} is out of range: use a year from 0001 to 9999")
    if month is None:
        if day is not None:
            raise InvalidDateError("a date with a day must also have a month")
        return
    if not 1 <= month <= 12:
        raise InvalidDateError(f"month {brief(month)} of {year} does not exist: use 01 to 12")
    if day is not None and not 1 <= day <= _days_in_month(year, month):
        raise InvalidDateError(f"{year:04d}-{month:02d}-{brief(day).zfill(2)} does not exist")


def date_bounds(value: object, *, argument: str) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day a query bound may mean.

    *value* may be a :class:`datetime.date`, a :class:`PartialDate` or an EDTF
    string; a month or a year stands for all its days, an interval for all the
    days from its start to its end.
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
