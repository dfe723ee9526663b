"""PartialDate: the EDTF subset, its bounds, flags and order."""

from __future__ import annotations

import datetime
import subprocess
import sys
from typing import Any

import edtf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from syria_russia_corpus import DatePrecision, PartialDate
from syria_russia_corpus.exceptions import ArgumentTypeError, CorpusError, InvalidDateError, InvalidQueryError

flags = st.sampled_from(["", "?", "~", "%"])


@st.composite
def edtf_strings(draw: st.DrawFn) -> str:
    day = draw(st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    text = {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}", "day": day.isoformat()}
    return text[precision] + draw(flags)


@st.composite
def interval_strings(draw: st.DrawFn) -> str:
    start, end = draw(edtf_strings()), draw(edtf_strings())
    # Swapped when the end is wholly before the start; then it no longer is.
    if PartialDate.parse(end).latest < PartialDate.parse(start).earliest:
        start, end = end, start
    return f"{start}/{end}"


open_strings = edtf_strings().flatmap(lambda text: st.sampled_from([f"../{text}", f"{text}/.."]))
any_strings = st.one_of(edtf_strings(), interval_strings(), open_strings)


def test_parse_day():
    """A full date parses to day precision with equal bounds."""
    d = PartialDate.parse("2012-05-25")
    assert (d.year, d.month, d.day) == (2012, 5, 25)
    assert d.precision is DatePrecision.DAY
    assert d.earliest == d.latest == datetime.date(2012, 5, 25)


def test_month_bounds_cover_the_month():
    """A month's bounds are its first and last day, leap years included."""
    d = PartialDate.parse("2012-02")
    assert d.precision is DatePrecision.MONTH
    assert (d.earliest, d.latest) == (datetime.date(2012, 2, 1), datetime.date(2012, 2, 29))


def test_year_bounds_cover_the_year():
    """A year's bounds are the 1st of January and the 31st of December."""
    d = PartialDate.parse("2015")
    assert d.precision is DatePrecision.YEAR
    assert (d.earliest, d.latest) == (datetime.date(2015, 1, 1), datetime.date(2015, 12, 31))


@pytest.mark.parametrize(
    ("text", "uncertain", "approximate"),
    [
        ("2012-06", False, False),
        ("2012-06?", True, False),
        ("2012-06~", False, True),
        ("2012-06%", True, True),
    ],
)
def test_flags(text: str, uncertain: bool, approximate: bool):
    """'?' marks uncertain, '~' approximate, '%' both."""
    d = PartialDate.parse(text)
    assert (d.uncertain, d.approximate) == (uncertain, approximate)


def test_flags_do_not_widen_bounds():
    """An approximate date keeps the bounds of its stated precision."""
    assert PartialDate.parse("2012-06-02~").earliest == PartialDate.parse("2012-06-02~").latest


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12",
        "2012-5",
        "2012-05-5",
        "2012/05/25",
        "2012-05-25T10:00",
        "2012-13",
        "2012-02-30",
        "0000",
        "2012-00",
        "2012-05-25??",
        " 2012",
        "May 2012",
        "2012-06-31",
    ],
)
def test_bad_strings_raise_invalid_date(text: str):
    """A string outside the subset, or a day that does not exist, raises InvalidDateError."""
    with pytest.raises(InvalidDateError) as info:
        PartialDate.parse(text)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, CorpusError)


def test_bad_string_message_shows_the_forms():
    """The error for a malformed string names the accepted forms."""
    with pytest.raises(InvalidDateError, match="YYYY-MM-DD"):
        PartialDate.parse("25 May 2012")


def test_non_string_raises_type_error():
    """Parsing something other than a string raises a TypeError subclass."""
    with pytest.raises(ArgumentTypeError, match="must be a str"):
        PartialDate.parse(20120525)  # type: ignore[arg-type]


def test_day_without_month_is_refused():
    """A PartialDate cannot have a day but no month."""
    with pytest.raises(InvalidDateError, match="must also have a month"):
        PartialDate(2012, None, 5)


def test_from_date():
    """from_date gives an exact, unflagged day."""
    assert str(PartialDate.from_date(datetime.date(2015, 9, 15))) == "2015-09-15"


def test_is_hashable_and_frozen():
    """Equal dates hash equally, and a date cannot be changed."""
    assert len({PartialDate.parse("2012-06"), PartialDate(2012, 6)}) == 1
    with pytest.raises(AttributeError):
        PartialDate(2012).year = 2013  # type: ignore[misc]


def test_order_is_earliest_then_latest_then_flags():
    """Dates sort by earliest day, then latest, and a flagged date after the unflagged one."""
    dates = [PartialDate.parse(s) for s in ["2012-06-02", "2012-06~", "2012-06-01", "2012-06", "2012"]]
    assert [str(d) for d in sorted(dates)] == ["2012", "2012-06-01", "2012-06", "2012-06~", "2012-06-02"]


@pytest.mark.parametrize(
    "compare",
    [lambda d: d < 2012, lambda d: d <= 2012, lambda d: d > 2012, lambda d: d >= 2012],
)
def test_comparison_with_other_types_is_refused(compare: Any):
    """Ordering a PartialDate against an unrelated type raises Python's own TypeError."""
    with pytest.raises(TypeError, match="not supported between") as info:
        compare(PartialDate(2012))
    assert not isinstance(info.value, CorpusError)


@pytest.mark.parametrize(
    "compare",
    [
        lambda d, day: d < day,
        lambda d, day: d <= day,
        lambda d, day: d > day,
        lambda d, day: d >= day,
        lambda d, day: day < d,
        lambda d, day: day <= d,
        lambda d, day: day > d,
        lambda d, day: day >= d,
    ],
)
@pytest.mark.parametrize("day", [datetime.date(2012, 6, 1), datetime.datetime(2012, 6, 1, 12)])
def test_ordering_against_a_date_says_what_to_compare(compare: Any, day: datetime.date):
    """Ordering against a date, either side, raises ArgumentTypeError saying what to compare instead."""
    with pytest.raises(ArgumentTypeError) as info:
        compare(PartialDate(2012, 6), day)
    assert isinstance(info.value, TypeError)
    message = str(info.value)
    assert all(hint in message for hint in (".earliest", ".latest", ".overlaps()", ".contains()"))


def test_equality_with_a_date_is_false():
    """A PartialDate is never equal to a datetime.date, even the day it names."""
    assert PartialDate(2012, 6, 1) != datetime.date(2012, 6, 1)
    assert datetime.date(2012, 6, 1) != PartialDate(2012, 6, 1)


@given(any_strings)
def test_round_trip(text: str):
    """parse(str(d)) == d, and str(parse(s)) == s, for single dates, intervals and open ends."""
    d = PartialDate.parse(text)
    assert str(d) == text
    assert PartialDate.parse(str(d)) == d


@given(any_strings, any_strings)
def test_order_follows_earliest(a: str, b: str):
    """If a starts earlier than b, a sorts before b."""
    da, db = PartialDate.parse(a), PartialDate.parse(b)
    if da.earliest < db.earliest:
        assert da < db
        assert db > da
        assert da <= db
        assert db >= da


@given(edtf_strings())
def test_bounds_agree_with_edtf_package(text: str):
    """earliest, latest and the flags agree with the edtf package's reading."""
    ours, theirs = PartialDate.parse(text), edtf.parse_edtf(text)
    assert ours.earliest.timetuple()[:3] == theirs.lower_strict()[:3]
    assert ours.latest.timetuple()[:3] == theirs.upper_strict()[:3]
    if text.endswith(("?", "~")):
        assert (ours.uncertain, ours.approximate) == (theirs.is_uncertain, theirs.is_approximate)


def edtf_end(section: Any, lean: str) -> tuple[int, ...] | None:
    """The strict first or last day of one end of an edtf interval, or None if it is open."""
    if getattr(section, "is_open", False):
        return None
    bound = section.lower_strict() if lean == "earliest" else section.upper_strict()
    return tuple(bound[:3])


@given(st.one_of(interval_strings(), open_strings))
def test_interval_bounds_agree_with_edtf_package(text: str):
    """An interval's bounds and open ends agree with the edtf package's strict reading of its two ends."""
    ours, theirs = PartialDate.parse(text), edtf.parse_edtf(text)
    # edtf's bounds of the whole interval fail on an open end, so each end is read on its own.
    start, end = edtf_end(theirs.lower, "earliest"), edtf_end(theirs.upper, "latest")
    assert ours.open_start is (start is None)
    assert ours.open_end is (end is None)
    if start is not None:
        assert ours.earliest.timetuple()[:3] == start
    if end is not None:
        assert ours.latest.timetuple()[:3] == end


@given(interval_strings())
def test_interval_flags_agree_with_edtf_package(text: str):
    """An interval's flags are those the edtf package reads on either of its ends."""
    ours, theirs = PartialDate.parse(text), edtf.parse_edtf(text)
    # The edtf package reports '%' as neither flag, so only '?' and '~' are compared.
    if "%" not in text:
        ends = (theirs.lower, theirs.upper)
        assert ours.uncertain is any(end.is_uncertain for end in ends)
        assert ours.approximate is any(end.is_approximate for end in ends)


def test_parse_interval():
    """A closed interval keeps its start in the fields and its end in until."""
    d = PartialDate.parse("2012-02-27/2012-03-04")
    assert (d.year, d.month, d.day) == (2012, 2, 27)
    assert d.until == PartialDate(2012, 3, 4)
    assert (d.open_start, d.open_end) == (False, False)


def test_interval_bounds_run_from_start_to_end():
    """An interval runs from the first day of its start to the last day of its end."""
    d = PartialDate.parse("2012/2013-02")
    assert (d.earliest, d.latest) == (datetime.date(2012, 1, 1), datetime.date(2013, 2, 28))


def test_interval_flags_do_not_widen_bounds():
    """Flags on the ends of an interval leave its bounds those of the stated dates."""
    d = PartialDate.parse("2012-05-25?/2012-06-01?")
    assert (d.earliest, d.latest) == (datetime.date(2012, 5, 25), datetime.date(2012, 6, 1))


@pytest.mark.parametrize(
    ("text", "uncertain", "approximate"),
    [
        ("2012-05/2012-06", False, False),
        ("2012-05?/2012-06", True, False),
        ("2012-05/2012-06?", True, False),
        ("2012-05~/2012-06", False, True),
        ("2012-05?/2012-06~", True, True),
        ("2012-05/2012-06%", True, True),
        ("2011-03~/..", False, True),
        ("../2012-06?", True, False),
    ],
)
def test_interval_flags_are_those_of_either_end(text: str, uncertain: bool, approximate: bool):
    """An interval is uncertain, or approximate, when either end is."""
    d = PartialDate.parse(text)
    assert (d.uncertain, d.approximate) == (uncertain, approximate)


def test_interval_ends_keep_their_own_flags():
    """Each end of an interval keeps its own flag through parse and str."""
    d = PartialDate.parse("2012-05-25?/2012-06-01~")
    assert d.until == PartialDate(2012, 6, 1, approximate=True)
    assert str(d) == "2012-05-25?/2012-06-01~"


def test_open_end_runs_to_date_max():
    """An open end's latest day is datetime.date.max; its earliest is its start's."""
    d = PartialDate.parse("2011-03~/..")
    assert d.open_end
    assert (d.earliest, d.latest) == (datetime.date(2011, 3, 1), datetime.date.max)


def test_open_start_runs_from_date_min():
    """An open start's earliest day is datetime.date.min; its fields and latest are its end's."""
    d = PartialDate.parse("../2012-06")
    assert d.open_start
    assert (d.year, d.month, d.day) == (2012, 6, None)
    assert (d.earliest, d.latest) == (datetime.date.min, datetime.date(2012, 6, 30))


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("2012-02-27/2013", DatePrecision.DAY),
        ("2012/2012-03-04", DatePrecision.YEAR),
        ("2011-03~/..", DatePrecision.MONTH),
        ("../2012-06-01", DatePrecision.DAY),
    ],
)
def test_interval_precision_is_that_of_its_first_stated_date(text: str, precision: DatePrecision):
    """An interval's precision is its start's, or its end's when the start is open."""
    assert PartialDate.parse(text).precision is precision


def test_interval_may_end_within_its_start():
    """An end that overlaps the start's precision is accepted: only a wholly earlier end is refused."""
    d = PartialDate.parse("2012/2012-03")
    assert (d.earliest, d.latest) == (datetime.date(2012, 1, 1), datetime.date(2012, 3, 31))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2012-07/2012-06", "ends before it starts"),
        ("2012-03-04/2012-02-27", "ends before it starts"),
        ("2013/2012-12-31~", "ends before it starts"),
        ("../..", "at least one stated end"),
        ("..", "YYYY-MM-DD"),
        ("2012/", "YYYY-MM-DD"),
        ("/2012", "YYYY-MM-DD"),
        ("2012/2013/2014", "YYYY-MM-DD"),
        ("../2012/..", "YYYY-MM-DD"),
        ("2012 / 2013", "YYYY-MM-DD"),
        ("2012-05-25??/2012-06", "YYYY-MM-DD"),
        ("2012-02-30/2012-03", "does not exist"),
        ("2012/2013-13", "does not exist"),
        (".../2012", "YYYY-MM-DD"),
    ],
)
def test_bad_intervals_raise_invalid_date(text: str, message: str):
    """A malformed interval, one open at both ends, or one ending before it starts raises InvalidDateError."""
    with pytest.raises(InvalidDateError, match=message):
        PartialDate.parse(text)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"open_start": True, "open_end": True}, "open at both ends"),
        ({"until": PartialDate(2013), "open_end": True}, "cannot also be open"),
        ({"until": PartialDate(2013), "open_start": True}, "cannot also be open"),
        ({"until": PartialDate.parse("2013/..")}, "must be a single date"),
        ({"until": PartialDate(2011)}, "ends before it starts"),
    ],
)
def test_constructor_refuses_bad_intervals(kwargs: dict[str, Any], message: str):
    """The constructor refuses the intervals parse refuses, and ends that are themselves intervals."""
    with pytest.raises(InvalidDateError, match=message):
        PartialDate(2012, **kwargs)


def test_constructor_refuses_an_until_that_is_not_a_date():
    """An until that is not a PartialDate raises ArgumentTypeError."""
    with pytest.raises(ArgumentTypeError, match="until must be a PartialDate"):
        PartialDate(2012, until="2013")  # type: ignore[arg-type]


def test_constructor_parses_a_lone_string():
    """PartialDate(text) is PartialDate.parse(text)."""
    assert PartialDate("2012-05-25?/2012-06") == PartialDate.parse("2012-05-25?/2012-06")


def test_constructor_refuses_a_string_with_parts():
    """A string together with a month, a day, flags or an interval end raises ArgumentTypeError."""
    with pytest.raises(ArgumentTypeError, match="EDTF string alone"):
        PartialDate("2012", 6)


def test_order_of_intervals():
    """Intervals and open ends sort by earliest day, then latest, among single dates."""
    texts = ["2012-06", "../2012-06", "2012-06-01/2012-06-02", "2012-05-31/..", "2012-06-01", "2012/2012-06"]
    ordered = sorted(PartialDate.parse(s) for s in texts)
    assert [str(d) for d in ordered] == [
        "../2012-06",
        "2012/2012-06",
        "2012-05-31/..",
        "2012-06-01",
        "2012-06-01/2012-06-02",
        "2012-06",
    ]


@given(any_strings, any_strings)
def test_order_is_total_and_agrees_with_equality(a: str, b: str):
    """Exactly one of <, == and > holds between two dates, even when their bounds and flags tie."""
    da, db = PartialDate.parse(a), PartialDate.parse(b)
    assert [da < db, da == db, da > db].count(True) == 1
    assert (da <= db) == (da < db or da == db)
    assert (da >= db) == (da > db or da == db)


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("2012-06", "2012-06-30", "2012-07", True),
        ("2012-06", "2012-07", "2012-08", False),
        ("2012-06", datetime.date(2012, 5, 1), datetime.date(2012, 5, 31), False),
        ("2012-06", PartialDate(2012, 5), PartialDate(2012, 6, 1), True),
        ("2012-02-27/2012-03-04", "2012-03-04", "2012-03-04", True),
        ("2012-02-27/2012-03-04", "2012-03-05", None, False),
        ("2011-03~/..", "9999", None, True),
        ("2011-03~/..", None, "2011-02", False),
        ("../2012-06", None, "0001-01-01", True),
        ("../2012-06", "2012-07", None, False),
        ("2012", None, None, True),
    ],
)
def test_overlaps(text: str, start: Any, end: Any, expected: bool):
    """overlaps() is True when a possible day lies in [start, end]; None leaves that side unbounded."""
    assert PartialDate.parse(text).overlaps(start, end) is expected


def test_overlaps_refuses_end_before_start():
    """An end wholly before the start raises InvalidQueryError, naming both."""
    with pytest.raises(InvalidQueryError, match=r"end \(2012-05\) is before start \(2012-06\)"):
        PartialDate(2012).overlaps("2012-06", "2012-05")


def test_overlaps_refuses_other_types():
    """A bound that is not a date, a PartialDate, a string or None raises ArgumentTypeError."""
    with pytest.raises(ArgumentTypeError, match="start must be"):
        PartialDate(2012).overlaps(2012, None)  # type: ignore[arg-type]


# Every finite day drawn below falls within this window, so two ranges share a
# day if and only if they share one within it.
WINDOW = (datetime.date(2009, 1, 1), datetime.date(2015, 12, 31))
near_strings = st.sampled_from(["", "?", "~"]).flatmap(
    lambda flag: st.dates(datetime.date(2010, 1, 1), datetime.date(2014, 12, 31)).flatmap(
        lambda day: st.sampled_from([f"{day:%Y}", f"{day:%Y-%m}", day.isoformat()]).map(lambda s: s + flag)
    )
)


@st.composite
def near_dates(draw: st.DrawFn) -> PartialDate:
    start, end = draw(near_strings), draw(near_strings)
    if PartialDate.parse(end).latest < PartialDate.parse(start).earliest:
        start, end = end, start
    return PartialDate.parse(draw(st.sampled_from([start, f"{start}/{end}", f"../{start}", f"{start}/.."])))


def days_of(first: datetime.date, last: datetime.date) -> set[datetime.date]:
    """The days of [first, last] within WINDOW, one by one."""
    first, last = max(first, WINDOW[0]), min(last, WINDOW[1])
    return {first + datetime.timedelta(days=n) for n in range((last - first).days + 1)}


bounds = st.one_of(
    st.none(),
    st.dates(datetime.date(2010, 1, 1), datetime.date(2014, 12, 31)),
    near_strings,
    near_dates(),
)


@given(near_dates(), bounds, bounds)
def test_overlaps_agrees_with_counting_days(date: PartialDate, start: Any, end: Any):
    """overlaps() is True exactly when the date's days and the query's days, listed one by one, share one."""
    first = datetime.date.min if start is None else PartialDate.parse(str(start)).earliest
    last = datetime.date.max if end is None else PartialDate.parse(str(end)).latest
    if last < first:
        with pytest.raises(InvalidQueryError):
            date.overlaps(start, end)
        return
    shared = days_of(date.earliest, date.latest) & days_of(first, last)
    assert date.overlaps(start, end) is bool(shared)


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        ("2012-06", datetime.date(2012, 6, 30), True),
        ("2012-06", datetime.date(2012, 7, 1), False),
        ("2012-06~", datetime.datetime(2012, 6, 15, 23, 59), True),
        ("2012-02-27/2012-03-04", "2012-02-29", True),
        ("2012-02-27/2012-03-04", PartialDate(2012, 3, 5), False),
        ("2011-03~/..", datetime.date.max, True),
        ("../2012-06", datetime.date.min, True),
        ("../2012-06", datetime.date(2012, 7, 1), False),
    ],
)
def test_contains(text: str, day: Any, expected: bool):
    """contains(day) is True when earliest <= day <= latest."""
    assert PartialDate.parse(text).contains(day) is expected


@pytest.mark.parametrize("day", ["2012-06", PartialDate(2012), "2012-06-01/2012-06-02"])
def test_contains_refuses_more_than_a_day(day: Any):
    """contains() of a month, a year or an interval raises InvalidQueryError pointing to overlaps()."""
    with pytest.raises(InvalidQueryError, match=r"single day.*overlaps\(\)"):
        PartialDate(2012).contains(day)


@given(near_dates(), st.dates(WINDOW[0], WINDOW[1]))
def test_contains_is_overlaps_of_one_day(date: PartialDate, day: datetime.date):
    """contains(day) agrees with overlaps(day, day)."""
    assert date.contains(day) is date.overlaps(day, day)


def test_repr_is_concise():
    """The repr is the class name and the EDTF string."""
    assert repr(PartialDate(2012, 3, 7, approximate=True)) == "PartialDate('2012-03-07~')"
    assert repr(PartialDate.parse("2012-02-27/2012-03-04")) == "PartialDate('2012-02-27/2012-03-04')"


@given(any_strings)
def test_repr_evaluates_back(text: str):
    """eval(repr(d)) == d, given PartialDate in scope."""
    d = PartialDate.parse(text)
    assert eval(repr(d), {"PartialDate": PartialDate}) == d


@given(st.integers(1, 9999), st.integers(1, 12))
def test_month_bounds_agree_with_datetime(year: int, month: int):
    """A month's latest day is its last: datetime refuses the day after it, leap years included."""
    latest = PartialDate(year, month).latest
    assert (latest.year, latest.month) == (year, month)
    with pytest.raises(ValueError, match="day is out of range"):
        datetime.date(year, month, latest.day + 1)


def test_import_does_not_load_calendar():
    """Importing the package does not import calendar, which is slow to import."""
    code = "import sys, syria_russia_corpus; print('calendar' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("text", ["２０１２-０５", "٢٠١٢", "2012-0٥-01", "2012-05-2５?"])
def test_non_ascii_digits_are_refused(text: str):
    """Digits of other scripts are not EDTF digits, though Python's \\d matches them."""
    with pytest.raises(InvalidDateError, match="is not a supported date"):
        PartialDate.parse(text)


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((None,), {}, "year must be an int such as 2012, or the date an EDTF string, not None"),
        ((2012.5,), {}, "year must be an int, not float"),
        ((True,), {}, "year must be an int, not bool"),
        ((2012, 5.0), {}, "month must be an int"),
        ((2012, 5, False), {}, "day must be an int"),
        ((2012,), {"uncertain": "no"}, "uncertain must be True or False"),
        ((2012,), {"open_end": 1}, "open_end must be True or False"),
    ],
)
def test_constructor_refuses_parts_of_the_wrong_type(
    args: tuple[Any, ...], kwargs: dict[str, Any], message: str
):
    """A float or a bool is not a year, and a flag must be a real bool."""
    with pytest.raises(ArgumentTypeError, match=message):
        PartialDate(*args, **kwargs)


MEGABYTE = 10**6


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda: PartialDate.parse("2012-" + "9" * MEGABYTE), InvalidDateError),
        (lambda: PartialDate.parse("x" * MEGABYTE + "/.."), InvalidDateError),
        (lambda: PartialDate("x" * MEGABYTE), InvalidDateError),
        (lambda: PartialDate(2012, uncertain="x" * MEGABYTE), ArgumentTypeError),  # type: ignore[arg-type]
        (lambda: PartialDate(10**5000), InvalidDateError),
        (lambda: PartialDate(2012, 10**5000), InvalidDateError),
        (lambda: PartialDate(2012, 1, 10**5000), InvalidDateError),
    ],
)
def test_long_values_are_cut_short_in_date_errors(make: Any, error: type[Exception]):
    """A megabyte of text, or an integer too long to print, costs a date error a few dozen characters."""
    with pytest.raises(error) as info:
        make()
    assert len(str(info.value)) < 300, len(str(info.value))
