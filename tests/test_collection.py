"""Records: an immutable, typed sequence."""

from __future__ import annotations

import pytest

from syria_russia_corpus import Corpus, Quote, Records


@pytest.fixture
def quotes(corpus: Corpus) -> Records[Quote]:
    return corpus.quotes()


def test_index_and_len(quotes: Records[Quote]):
    """Records index like a tuple, negative indexes included."""
    assert len(quotes) == 5
    assert quotes[0].id == "q-putin-early"
    assert quotes[-1].id == "q-putin-undated"


def test_index_out_of_range(quotes: Records[Quote]):
    """An index past the end raises IndexError, as a tuple does."""
    with pytest.raises(IndexError):
        quotes[99]


def test_slice_returns_records(quotes: Records[Quote]):
    """A slice is a Records too."""
    part = quotes[1:3]
    assert isinstance(part, Records)
    assert part.ids == quotes.ids[1:3]


def test_iteration_reversed_and_membership(quotes: Records[Quote]):
    """Iteration, reversed() and `in` behave like a tuple's."""
    assert [q.id for q in quotes] == list(quotes.ids)
    assert [q.id for q in reversed(quotes)] == list(reversed(quotes.ids))
    assert quotes[2] in quotes
    assert "q-lavrov" not in quotes


def test_equality_and_hash(quotes: Records[Quote]):
    """Records with the same items are equal and hash alike; a tuple is not a Records."""
    again = Records(list(quotes))
    assert again == quotes
    assert hash(again) == hash(quotes)
    assert quotes != tuple(quotes)
    assert quotes != quotes[1:]


def test_immutable(quotes: Records[Quote]):
    """Items cannot be set, deleted, or swapped out."""
    with pytest.raises(TypeError):
        quotes[0] = quotes[1]  # type: ignore[index]
    with pytest.raises(AttributeError):
        quotes._items = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del quotes._items


def test_records_are_frozen(quotes: Records[Quote]):
    """A record's fields cannot be changed, and its tuple fields are tuples."""
    with pytest.raises(AttributeError):
        quotes[0].text = "changed"  # type: ignore[misc]
    assert isinstance(quotes[0].evidence, tuple)


def test_repr_names_kind_count_and_ids(quotes: Records[Quote]):
    """The repr says the record type, the count and the first ids."""
    assert repr(quotes) == "Records[Quote](5 records: 'q-putin-early', 'q-lavrov', 'q-russia', …)"
    assert repr(quotes[:1]) == "Records[Quote](1 record: 'q-putin-early')"
    assert repr(Records()) == "Records[Any](0 records)"


def test_index_method_and_count(quotes: Records[Quote]):
    """Sequence methods index() and count() work."""
    assert quotes.index(quotes[3]) == 3
    assert quotes.count(quotes[0]) == 1
