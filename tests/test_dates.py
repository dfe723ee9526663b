"""PartialDate: the EDTF subset, its bounds, flags and order."""

from __future__ import annotations

import datetime

import edtf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from syria_russia_corpus import DatePrecision, PartialDate
from syria_russia_corpus.exceptions import ArgumentTypeError, CorpusError, InvalidDateError

flags = st.sampled_from(["", "?", "~", "%"])


@st.composite
def edtf_strings(draw: st.DrawFn) -> str:
    day = draw(st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    text = {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}", "day": day.isoformat()}
    return text[precision] + draw(flags)


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


def test_comparison_with_other_types_is_refused():
    """Ordering a PartialDate against a date raises TypeError, as built-ins do."""
    with pytest.raises(TypeError):
        _ = PartialDate(2012) < datetime.date(2012, 1, 1)  # type: ignore[operator]


@given(edtf_strings())
def test_round_trip(text: str):
    """parse(str(d)) == d, and str(parse(s)) == s."""
    d = PartialDate.parse(text)
    assert str(d) == text
    assert PartialDate.parse(str(d)) == d


@given(edtf_strings(), edtf_strings())
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
