"""Normalization and anchors: the same words found again in any copy of a document."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from syria_russia_corpus import Evidence
from syria_russia_corpus._anchors import HEAD, Finder, anchor_of
from syria_russia_corpus._normalize import normalize

from .test_verify import CHANGES


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("\ufb01ne \uff21", "fine A"),  # NFKC: ligature, full-width letter
        ("cafe\u0301", "caf\u00e9"),  # NFKC composes a letter with its combining mark
        ("\u2018a\u2019 \u201cb\u201d \u201ec\u201f it\u02bcs", '\'a\' "b" "c" it\'s'),
        ("a\u2010b\u2011c\u2012d\u2013e\u2014f\u2015g\u2212h", "a-b-c-d-e-f-g-h"),
        ("soft\u00adhy\u200bphen\u2060s\ufeff", "softhyphens"),
        ("a \t\r\n\u00a0\u2003 b\r\nc", "a b c"),
        ("wait\u2026", "wait..."),
        ("an all-\r\n  out war", "an all-out war"),  # a line break inside a hyphenated word
        ("a -\nb, 2-\n3, x-\n\n- y", "a - b, 2- 3, x- - y"),  # only between a letter's hyphen and a letter
        ("a--b -- c \u2014\u2014 d", "a-b - c - d"),  # a run of dashes, as plain text writes one
    ],
)
def test_normalization_rules(text: str, normalized: str):
    """Each rule of the codebook's normalization does what it says."""
    assert normalize(text).text == normalized


def test_offsets_lead_back_to_the_original():
    """A range of the normalized text maps to the characters of the original it came from."""
    text = "He said:\r\n\u201cIt\u2019s\u00a0\u00a0over\u2026\u201d"
    normalized = normalize(text)
    assert normalized.text == 'He said: "It\'s over..."'
    start = normalized.text.index("It")
    assert text[slice(*normalized.original(start, start + 6))] == "It\u2019s\u00a0\u00a0o"
    dots = normalized.text.index("...")
    assert normalized.original(dots, dots + 1) == (text.index("\u2026"), text.index("\u2026") + 1)
    assert normalized.span(*normalized.original(start, start + 6)) == (start, start + 6)


sample = st.text(alphabet="ab .,-\n\r\t\u00a0\u2019\u201c\u201d\u2014\u2026\u00ad\ufb01e\u0301", max_size=40)


@given(sample, st.data())
def test_every_normalized_range_comes_from_its_original(text: str, data: st.DataObject):
    """Normalizing the original characters of a normalized range gives back at least that range."""
    normalized = normalize(text)
    assume(normalized.text)
    start = data.draw(st.integers(0, len(normalized.text) - 1))
    end = data.draw(st.integers(start + 1, len(normalized.text)))
    piece = normalized.text[start:end]
    assert piece.strip() in normalize(text[slice(*normalized.original(start, end))]).text


@given(sample)
def test_normalizing_twice_changes_nothing(text: str):
    """Normalized text is its own normal form."""
    once = normalize(text).text
    assert normalize(once).text == once


def test_short_span_is_found_by_its_own_window():
    """A span shorter than the rolling hash's window is found all the same."""
    text = "Words: one two, one three."
    evidence = Evidence(source_id="doc", start=16, end=19, anchor=anchor_of(normalize(text), 16, 19))
    assert evidence.anchor is not None
    assert evidence.anchor.length < HEAD
    found = Finder("Header. " + text, [evidence.anchor]).find(evidence)
    assert (found.status, found.start, found.end) == ("moved", 24, 27)


def test_span_of_white_space_has_no_anchor():
    """A span that holds no words gets no anchor."""
    assert anchor_of(normalize("a  \n b"), 1, 4) is None


def test_span_inside_a_run_of_white_space_has_no_anchor():
    """A line break in the middle of a run of them, which becomes part of one space, gets no anchor."""
    text = "six.\n\n\n\nA line"
    assert normalize(text).span(6, 7) == (5, 5)
    assert anchor_of(normalize(text), 6, 7) is None


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_random_span_is_found_again_in_a_changed_copy(documents_dir: Path, data: st.DataObject):
    """Anchoring a random span of a random document, then finding it in a changed copy, gives its words."""
    paths = sorted(documents_dir.glob("*.txt"))
    text = data.draw(st.sampled_from(paths)).read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(start + 300, len(text))))
    normalized = normalize(text)
    anchor = anchor_of(normalized, start, end)
    assume(anchor is not None)
    words = normalized.text[slice(*normalized.span(start, end))]
    copy = text
    for change in data.draw(st.lists(st.sampled_from(CHANGES), min_size=1, max_size=4, unique=True)):
        copy = change(copy)
    found = Finder(copy, [anchor]).find(Evidence(source_id="doc", start=start, end=end, anchor=anchor))
    assert found.status != "missing"
    places = [(found.start, found.end)] if found.start is not None else found.places
    for first, last in places:
        assert normalize(copy[first:last]).text.strip() == words


def test_words_are_not_found_inside_one_character():
    """A full stop is not found inside an ellipsis, though the ellipsis normalizes to three of them."""
    text = "Wait\u2026 and see."
    evidence = Evidence(source_id="doc", start=13, end=14, anchor=anchor_of(normalize(text), 13, 14))
    assert evidence.anchor is not None
    assert Finder("Header " + text, [evidence.anchor]).find(evidence)[:3] == ("moved", 20, 21)
    assert Finder("Header Wait\u2026 and see", [evidence.anchor]).find(evidence).status == "missing"
