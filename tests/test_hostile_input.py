"""Hostile input: whatever a caller passes, only the package's own errors come out."""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syria_russia_corpus import Corpus, PartialDate
from syria_russia_corpus.exceptions import CorpusError

from .conftest import small_records

CORPUS = Corpus.from_records(**small_records())  # type: ignore[arg-type]

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(),
    st.binary(max_size=20),
    st.dates(),
    st.datetimes(),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.sampled_from(
        ["2012", "2012-05", "2012-05-25?", "2012-02-30", "0000", "9999-12-31~", "lavrov", "Russia"]
    ),
)
settings_ = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])


def call(function: Any, *args: Any, **kwargs: Any) -> None:
    """Call; allow a result or a CorpusError with a message, nothing else."""
    try:
        function(*args, **kwargs)
    except CorpusError as error:
        raised: CorpusError = error
    else:
        return
    assert isinstance(raised, (ValueError, TypeError, LookupError, OSError)), type(raised)
    assert str(raised).strip(), f"{type(raised).__name__} without a message"


@settings_
@given(anything)
def test_actor(value: Any):
    """actor() answers or raises a package error for any value."""
    call(CORPUS.actor, value)


@settings_
@given(anything, anything, st.booleans())
def test_quotes_by(speaker: Any, kind: Any, affiliated: bool):
    """quotes_by() answers or raises a package error for any arguments."""
    call(CORPUS.quotes_by, speaker, kind=kind, include_affiliated=affiliated)


@settings_
@given(anything, anything, anything, anything)
def test_events_between(start: Any, end: Any, type_: Any, involving: Any):
    """events_between() answers or raises a package error for any arguments."""
    call(CORPUS.events_between, start, end, type=type_, involving=involving)


@settings_
@given(st.dates(), st.dates())
def test_events_between_dates_never_fail_in_order(a: datetime.date, b: datetime.date):
    """Any two ordered dates, at the ends of the calendar too, give a result."""
    start, end = sorted([a, b])
    assert all(isinstance(e.id, str) for e in CORPUS.events_between(start, end))


@settings_
@given(anything, anything, st.booleans())
def test_positions_of(actor: Any, topic: Any, affiliated: bool):
    """positions_of() answers or raises a package error for any arguments."""
    call(CORPUS.positions_of, actor, topic=topic, include_affiliated=affiliated)


@settings_
@given(anything, anything)
def test_search(text: Any, kinds: Any):
    """search() answers or raises a package error for any arguments."""
    call(CORPUS.search, text, kinds=kinds)


@settings_
@given(anything)
def test_partial_date_parse(value: Any):
    """PartialDate.parse() parses or raises a package error for any value."""
    call(PartialDate.parse, value)


@settings_
@given(st.dictionaries(st.sampled_from(["sources", "actors", "quotes", "events", "positions"]), anything))
def test_from_records(arguments: dict[str, Any]):
    """from_records() builds or raises a package error for any arguments."""
    call(Corpus.from_records, **arguments)


@settings_
@given(anything, anything)
def test_single_record_lookups(record_id: Any, other: Any):
    """source(), quote(), event() and position() answer or raise a package error."""
    for method in (CORPUS.source, CORPUS.quote, CORPUS.event, CORPUS.position):
        call(method, record_id)
    call(CORPUS.stance_changes, "russia", start=record_id, end=other)


@settings_
@given(st.one_of(anything, st.just("nul\x00byte")))
def test_verify(value: Any):
    """verify() answers or raises a package error for any folder argument."""
    call(CORPUS.verify, value)


@settings_
@given(st.one_of(anything, st.just("nul\x00byte")), anything, anything, anything)
def test_locate(document: Any, words: Any, source_id: Any, occurrence: Any):
    """locate() answers or raises a package error for any arguments."""
    from syria_russia_corpus import locate

    call(locate, document, words, source_id=source_id, occurrence=occurrence)
