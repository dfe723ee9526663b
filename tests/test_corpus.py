"""Corpus queries on a small hand-built corpus."""

from __future__ import annotations

import datetime

import pytest

from syria_russia_corpus import Corpus, EventType, PartialDate, QuoteKind, Records, Topic
from syria_russia_corpus.exceptions import (
    AmbiguousActorError,
    ArgumentTypeError,
    InvalidDateError,
    InvalidQueryError,
    RecordNotFoundError,
    SourceNotFoundError,
    UnknownActorError,
)

from .conftest import small_records


@pytest.mark.parametrize(
    "name", ["lavrov", "Sergei Lavrov", "sergei lavrov", "SERGEY LAVROV", "Sergey-Lavrov", " sergei  lavrov "]
)
def test_actor_by_id_name_or_alias(corpus: Corpus, name: str):
    """An actor is found by id, name or alias, whatever the case, spacing and punctuation."""
    assert corpus.actor(name).id == "lavrov"


@pytest.mark.parametrize("name", ["Bashar Al Assad", "bashar al-assad", "Bashar-al-Assad", "Bashar Assad"])
def test_actor_assad_spellings(corpus: Corpus, name: str):
    """The contract's spellings of Assad are one key."""
    assert corpus.actor(name).id == "assad"


def test_actor_el_araby_and_elaraby_are_one_key(corpus: Corpus):
    """'Nabil el-Araby' and 'Nabil Elaraby' are the same name."""
    assert corpus.actor("Nabil Elaraby").id == "araby"


def test_actor_accents_are_ignored(corpus: Corpus):
    """'Francois Hollande' finds 'François Hollande'."""
    assert corpus.actor("Francois Hollande").id == "hollande"


def test_actor_accepts_an_actor(corpus: Corpus):
    """Passing an Actor of the corpus returns it."""
    lavrov = corpus.actor("lavrov")
    assert corpus.actor(lavrov) is lavrov


def test_actor_from_another_corpus_is_unknown(corpus: Corpus):
    """An Actor that is not in this corpus is refused."""
    from syria_russia_corpus import Actor, ActorKind

    with pytest.raises(UnknownActorError):
        corpus.actor(Actor(id="lavrov", name="Someone else", kind=ActorKind.PERSON))


def test_unknown_actor_suggests_close_names(corpus: Corpus):
    """A misspelt name raises UnknownActorError, a LookupError, suggesting the closest names."""
    with pytest.raises(UnknownActorError, match="did you mean 'Sergei Lavrov'") as info:
        corpus.actor("Sergei Lavrof")
    assert isinstance(info.value, LookupError)
    assert info.value.query == "Sergei Lavrof"
    assert "Sergei Lavrov" in info.value.suggestions


def test_unknown_actor_without_close_names(corpus: Corpus):
    """A name like no other still says where to look."""
    with pytest.raises(UnknownActorError, match="see actors"):
        corpus.actor("zzzzzzzz")


def test_actor_rejects_non_strings(corpus: Corpus):
    """A number is not an actor: TypeError naming what is accepted."""
    with pytest.raises(ArgumentTypeError, match="an actor id, a name or an alias"):
        corpus.actor(42)  # type: ignore[arg-type]


def test_shared_alias_is_ambiguous():
    """An alias two actors share raises AmbiguousActorError listing both."""
    from syria_russia_corpus import Actor, ActorKind

    corpus = Corpus.from_records(
        actors=[
            Actor(id="a-putin", name="Vladimir Putin", kind=ActorKind.PERSON, aliases=("Putin",)),
            Actor(id="b-putin", name="Ivan Putin", kind=ActorKind.PERSON, aliases=("Putin",)),
        ]
    )
    with pytest.raises(AmbiguousActorError, match="'a-putin' or 'b-putin'") as info:
        corpus.actor("putin")
    assert info.value.candidates == ("a-putin", "b-putin")
    assert isinstance(info.value, LookupError)


def test_quotes_by_orders_by_date_then_id_undated_last(corpus: Corpus):
    """quotes_by returns the speaker's quotes by earliest date, undated last."""
    assert corpus.quotes_by("putin").ids == ("q-putin-early", "q-putin-late", "q-putin-undated")


def test_quotes_by_kind(corpus: Corpus):
    """kind filters by QuoteKind or its string value."""
    assert corpus.quotes_by("putin", kind="direct").ids == ("q-putin-late", "q-putin-undated")
    assert corpus.quotes_by("putin", kind=QuoteKind.REPORTED).ids == ("q-putin-early",)


def test_quotes_by_unknown_kind(corpus: Corpus):
    """An unknown kind raises InvalidQueryError listing the kinds."""
    with pytest.raises(InvalidQueryError, match="'direct', 'partial', 'reported'"):
        corpus.quotes_by("putin", kind="verbatim")


def test_quotes_by_include_affiliated_is_transitive(corpus: Corpus):
    """Russia's quotes with affiliates include the minister's, through the ministry."""
    ids = corpus.quotes_by("Russia", include_affiliated=True).ids
    assert set(ids) == {"q-putin-late", "q-putin-early", "q-putin-undated", "q-lavrov", "q-russia"}
    assert ids[-1] == "q-putin-undated"
    assert ids[:2] == ("q-putin-early", "q-lavrov")


def test_quotes_by_without_affiliated(corpus: Corpus):
    """Without include_affiliated only the actor's own quotes come back."""
    assert corpus.quotes_by("Russia").ids == ("q-russia",)


def test_quotes_by_actor_without_quotes(corpus: Corpus):
    """A known actor with no quotes gives an empty Records."""
    assert corpus.quotes_by("hollande") == Records()


def test_events_between_inclusive_bounds(corpus: Corpus):
    """Both ends are inclusive."""
    ids = corpus.events_between("2012-05-25", "2012-06-01").ids
    assert "e-houla" in ids
    assert "e-paris" in ids


def test_events_between_overlap_of_month(corpus: Corpus):
    """An event dated to a month matches any query range that touches the month."""
    assert "e-june" in corpus.events_between("2012-06-30", "2012-07-15").ids
    assert "e-june" not in corpus.events_between("2012-07-01", "2012-07-15").ids


def test_events_between_long_event(corpus: Corpus):
    """An event with an end date matches a range inside it."""
    assert corpus.events_between("2013-01-01", "2013-01-02").ids == ("e-war",)


def test_events_between_month_strings_cover_the_month(corpus: Corpus):
    """'2012-05' as end means the last day of May."""
    assert "e-houla" in corpus.events_between("2012-05", "2012-05").ids


def test_events_between_accepts_dates_and_partial_dates(corpus: Corpus):
    """datetime.date and PartialDate bounds work like strings."""
    by_date = corpus.events_between(datetime.date(2012, 5, 25), PartialDate.parse("2012-05-25"))
    assert by_date.ids == corpus.events_between("2012-05-25", "2012-05-25").ids


def test_events_between_is_ordered(corpus: Corpus):
    """Results come back by earliest date, then latest (a day before its month), then id."""
    assert corpus.events_between("1900", "2020").ids == ("e-old", "e-war", "e-houla", "e-paris", "e-june")


def test_events_between_type(corpus: Corpus):
    """type filters by EventType or its value."""
    assert corpus.events_between("1900", "2020", type="massacre").ids == ("e-old", "e-houla")
    assert corpus.events_between("1900", "2020", type=EventType.CONSULT).ids == ("e-paris", "e-june")


def test_events_between_involving(corpus: Corpus):
    """involving keeps the events an actor took part in, by name."""
    assert corpus.events_between("2012", "2012", involving="Francois Hollande").ids == ("e-paris",)
    assert corpus.events_between("2013", "2013", involving="Bashar Assad").ids == ("e-war",)


def test_events_between_reversed_range(corpus: Corpus):
    """end before start raises a ValueError saying so."""
    with pytest.raises(InvalidQueryError, match="before start") as info:
        corpus.events_between("2012-06-02", "2012-06-01")
    assert isinstance(info.value, ValueError)


def test_events_between_bad_date(corpus: Corpus):
    """A malformed date raises InvalidDateError."""
    with pytest.raises(InvalidDateError):
        corpus.events_between("June 2012", "2012-07")


def test_events_between_bad_type_of_bound(corpus: Corpus):
    """A number as a bound raises a TypeError subclass naming the accepted types."""
    with pytest.raises(ArgumentTypeError, match=r"datetime\.date"):
        corpus.events_between(2012, "2013")  # type: ignore[arg-type]


def test_positions_of_topic(corpus: Corpus):
    """topic filters by Topic or its value; include_affiliated adds officials' positions."""
    assert corpus.positions_of("russia", topic="sanctions").ids == ("p-russia-sanctions",)
    both = corpus.positions_of("russia", topic=Topic.SANCTIONS, include_affiliated=True)
    assert both.ids == ("p-lavrov-sanctions", "p-russia-sanctions")


def test_positions_of_unknown_topic_suggests(corpus: Corpus):
    """A misspelt topic suggests the closest value."""
    with pytest.raises(InvalidQueryError, match="did you mean 'sanctions'"):
        corpus.positions_of("russia", topic="sanction")


def test_enum_argument_of_wrong_type(corpus: Corpus):
    """A topic that is neither Topic nor str raises a TypeError subclass."""
    with pytest.raises(ArgumentTypeError, match="Topic"):
        corpus.positions_of("russia", topic=3)  # type: ignore[arg-type]


def test_source_lookup(corpus: Corpus):
    """source() finds by id and raises SourceNotFoundError, a LookupError, otherwise."""
    assert corpus.source("doc").title == "A document"
    with pytest.raises(SourceNotFoundError, match="did you mean 'doc'") as info:
        corpus.source("docs")
    assert isinstance(info.value, LookupError)


@pytest.mark.parametrize(
    ("method", "record_id"), [("quote", "q-lavrov"), ("event", "e-paris"), ("position", "p-putin-asylum")]
)
def test_single_record_lookup(corpus: Corpus, method: str, record_id: str):
    """quote(), event() and position() find a record by id."""
    assert getattr(corpus, method)(record_id).id == record_id
    with pytest.raises(RecordNotFoundError):
        getattr(corpus, method)(record_id + "-nope")


@pytest.mark.parametrize(
    ("method", "error"),
    [
        ("source", SourceNotFoundError),
        ("quote", RecordNotFoundError),
        ("event", RecordNotFoundError),
        ("position", RecordNotFoundError),
        ("actor", UnknownActorError),
        ("quotes_by", UnknownActorError),
    ],
)
def test_a_megabyte_lookup_is_cut_short_in_the_message(corpus: Corpus, method: str, error: type[Exception]):
    """A lookup of a megabyte id or name that finds nothing says so in a short message."""
    with pytest.raises(error) as info:
        getattr(corpus, method)("x" * 10**6)
    assert len(str(info.value)) < 300, len(str(info.value))
    assert "'xxx" in str(info.value)


def test_affiliates(corpus: Corpus):
    """affiliates() lists every actor below one in the affiliation chains."""
    assert corpus.affiliates("russia").ids == ("lavrov", "mfa", "putin")
    assert corpus.affiliates("lavrov").ids == ()


def test_whole_collections_are_ordered(corpus: Corpus):
    """quotes() is in date order with the undated quote last; actors() by id."""
    assert corpus.quotes().ids[0] == "q-putin-early"
    assert corpus.quotes().ids[-1] == "q-putin-undated"
    assert list(corpus.actors().ids) == sorted(corpus.actors().ids)


def test_corpus_is_immutable(corpus: Corpus):
    """A corpus's indexes cannot be replaced."""
    with pytest.raises(AttributeError):
        corpus._quotes = Records()  # type: ignore[misc]


def test_repr_counts(corpus: Corpus):
    """The repr counts each kind of record."""
    assert repr(corpus) == "<Corpus: 1 sources, 7 actors, 5 quotes, 5 events, 3 positions>"


def test_from_records_reports_wrong_types():
    """A field of the wrong type in a hand-built record is reported like bad file data."""
    from syria_russia_corpus import Quote
    from syria_russia_corpus.exceptions import CorpusDataError

    records = small_records()
    bad = Quote(id="bad", text=5, speaker_id="putin", source_id="doc", kind="direct", date=None)  # type: ignore[arg-type]
    records["quotes"] = [bad, "not a quote"]
    with pytest.raises(CorpusDataError) as info:
        Corpus.from_records(**records)  # type: ignore[arg-type]
    text = str(info.value)
    assert "record 'bad'" in text
    assert "field 'text'" in text
    assert "record at index 1: expected a Quote, got str" in text


def test_from_records_reports_dangling_references():
    """A quote by an unknown speaker is reported with record, field and value."""
    from syria_russia_corpus import Quote, QuoteKind
    from syria_russia_corpus.exceptions import CorpusDataError

    records = small_records()
    records["quotes"] = [
        Quote(id="q", text="t", speaker_id="nobody", source_id="doc", kind=QuoteKind.DIRECT, date=None)
    ]
    with pytest.raises(CorpusDataError, match="record 'q', field 'speaker_id': no actor has the id 'nobody'"):
        Corpus.from_records(**records)  # type: ignore[arg-type]


def test_from_records_refuses_a_non_iterable():
    """Passing one record instead of a list is reported."""
    from syria_russia_corpus.exceptions import CorpusDataError

    with pytest.raises(CorpusDataError, match="expected an iterable of Source records"):
        Corpus.from_records(sources=5)  # type: ignore[arg-type]


def test_a_member_of_another_enum_is_refused(corpus: Corpus):
    """Stance.SUPPORT is not EventType.SUPPORT, though both are spelled "support"."""
    from syria_russia_corpus import EventType, Stance

    assert EventType("support") is EventType.SUPPORT
    with pytest.raises(ArgumentTypeError, match="type must be a EventType or its string value, not Stance"):
        corpus.events_between("2012", "2013", type=Stance.SUPPORT)  # type: ignore[arg-type]


@pytest.mark.parametrize("flag", ["no", "", 0, 1, None])
def test_include_affiliated_must_be_a_bool(corpus: Corpus, flag: object):
    """include_affiliated="no" would count as true; anything but a bool is refused."""
    with pytest.raises(ArgumentTypeError, match="include_affiliated must be True or False"):
        corpus.quotes_by("russia", include_affiliated=flag)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="include_affiliated must be True or False"):
        corpus.positions_of("russia", include_affiliated=flag)  # type: ignore[arg-type]
