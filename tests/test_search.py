"""search(): case-, accent- and punctuation-insensitive search."""

from __future__ import annotations

import pytest

from syria_russia_corpus import Corpus, Event, EventType, PartialDate, Quote, QuoteKind
from syria_russia_corpus._search import search_key
from syria_russia_corpus.exceptions import ArgumentTypeError, InvalidQueryError

from .conftest import small_records, span


@pytest.fixture
def texts() -> Corpus:
    records = small_records()
    records["quotes"].append(
        Quote(
            id="q-regime",
            text="Assad’s régime—“unacceptable”, and sanctions don’t work",
            speaker_id="hollande",
            source_id="doc",
            kind=QuoteKind.DIRECT,
            date=None,
            evidence=span(),
        )
    )
    records["events"].append(
        Event(
            id="e-veto",
            title="Veto of a draft resolution",
            type=EventType.REJECT,
            date=PartialDate(2012, 2),
            summary="Russia and China blocked the text.",
            evidence=span(),
        )
    )
    return Corpus.from_records(**records)  # type: ignore[arg-type]


@pytest.mark.parametrize("query", ["REGIME", "régime", "Assad's regime", "assad s", "UNACCEPTABLE!"])
def test_ignores_case_accents_and_punctuation(texts: Corpus, query: str):
    """Queries match whatever their case, accents and punctuation."""
    assert "q-regime" in texts.search(query).ids


def test_matches_from_word_starts(texts: Corpus):
    """A query matches at a word's start, not inside a word."""
    assert "q-regime" in texts.search("sanction").ids
    assert texts.search("anctions").ids == ()


def test_searches_event_titles_and_summaries(texts: Corpus):
    """Events are found by title and by summary."""
    assert texts.search("draft resolution").ids == ("e-veto",)
    assert texts.search("china blocked").ids == ("e-veto",)


def test_kinds_restricts_the_search(texts: Corpus):
    """kinds keeps only the asked-for record kinds, singular or plural."""
    assert texts.search("veto", kinds="quotes").ids == ()
    assert texts.search("veto", kinds=["event"]).ids == ("e-veto",)


def test_unknown_kind(texts: Corpus):
    """An unknown kind raises a ValueError subclass listing the kinds."""
    with pytest.raises(InvalidQueryError, match="'quotes', 'events', 'positions'"):
        texts.search("veto", kinds="actors")


@pytest.mark.parametrize("query", ["", "   ", "—!?"])
def test_empty_query(texts: Corpus, query: str):
    """A query without letters or digits is refused."""
    with pytest.raises(InvalidQueryError, match="no letters or digits"):
        texts.search(query)


def test_non_string_query(texts: Corpus):
    """A non-string query raises a TypeError subclass."""
    with pytest.raises(ArgumentTypeError):
        texts.search(5)  # type: ignore[arg-type]


def test_non_iterable_kinds(texts: Corpus):
    """kinds that is neither a string nor strings raises a TypeError subclass."""
    with pytest.raises(ArgumentTypeError):
        texts.search("veto", kinds=5)  # type: ignore[arg-type]


def test_search_key_folds():
    """The key folds case, accents and punctuation into single spaces."""
    assert search_key("  L’Élysée—Paris ") == " l elysee paris "
