"""What a corpus builds once from its records so that every query is a lookup."""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ._collection import Records, trusted_records
from ._dates import PartialDate
from ._interval_index import IntervalIndex
from ._loading import RecordSet
from ._names import KeyIndex, build_name_index
from ._once import Once
from ._records import Actor, Event, Position, Quote
from ._schema import ACTORS, EVENTS, KINDS, POSITIONS, QUOTES, SEARCHED, RecordKind
from ._search import searchable_text

if TYPE_CHECKING:
    from ._corpus import Corpus

Dated = TypeVar("Dated", Quote, Event, Position)

_UNDATED = (datetime.date.max, datetime.date.max)


def date_order(record: Any) -> tuple[tuple[datetime.date, datetime.date], bool, str]:
    """The order of every result: earliest day, then latest day, then id; undated last.

    A day sorts before the month that holds it, and nothing depends on ids but
    the order of records whose dates are the same.
    """
    return _dated(record.date, record.id)


def _dated(date: PartialDate | None, record_id: str) -> tuple[tuple[datetime.date, datetime.date], bool, str]:
    if date is None:
        return _UNDATED, True, record_id
    return (date.earliest, date.latest), False, record_id


def _order_of(kind: RecordKind[Any]) -> Callable[[Any], Any]:
    """How a collection of *kind* is ordered: by its date, as :func:`date_order`, or by id."""
    field = kind.date_field
    if field is None:
        return operator.attrgetter("id")
    return lambda record: _dated(getattr(record, field), record.id)


@attrs.frozen(eq=False)
class CorpusIndex:
    """A corpus's records in query order, and the lookups its queries use.

    Attributes:
        collections: Each kind's records in order, by collection name.
        by_id: Each kind's records by id, by collection name.
        names: Every name key of an actor (id, name, aliases) to the ids it names.
        affiliates: Each actor id to the ids of every actor below it.
        quotes_by_speaker: Quotes by speaker id, in order.
        positions_by_actor: Positions by actor id, in order.
        events_by_participant: Events by participant id, in order.
        events_by_date: Events by the span of days they may cover.
    """

    collections: Mapping[str, Records[Any]]
    by_id: Mapping[str, Mapping[str, Any]]
    names: Mapping[str, tuple[str, ...]]
    affiliates: Mapping[str, tuple[str, ...]]
    quotes_by_speaker: Mapping[str, Records[Quote]]
    positions_by_actor: Mapping[str, Records[Position]]
    events_by_participant: Mapping[str, Records[Event]]
    events_by_date: IntervalIndex[Event]
    no_quotes: Records[Quote]
    no_positions: Records[Position]
    _search_texts_once: Once[tuple[tuple[str, Quote | Event | Position], ...]] = attrs.field(
        init=False, factory=Once, repr=False
    )
    _suggestions_once: Once[KeyIndex] = attrs.field(init=False, factory=Once, repr=False)

    # Built on the first search, not at load: most sessions never search.
    # Threads that search first at once build it once between them.
    @functools.cached_property
    def search_texts(self) -> tuple[tuple[str, Quote | Event | Position], ...]:
        """Every quote, event and position with the folded text it is searched by."""
        return self._search_texts_once.get(self._build_search_texts)

    # Built on the first name that matches no actor, like the search texts.
    @functools.cached_property
    def suggestions(self) -> KeyIndex:
        """Every name key of an actor, indexed to be found by likeness."""
        return self._suggestions_once.get(lambda: KeyIndex.of(self.names))

    def _build_search_texts(self) -> tuple[tuple[str, Quote | Event | Position], ...]:
        records = [r for kind in SEARCHED for r in self.collections[kind.collection]]
        return tuple([(searchable_text(record), record) for record in records])


def build_index(records: RecordSet, corpus: Corpus) -> CorpusIndex:
    """Order and index *records*, which must already be validated, for *corpus*."""
    collections = {
        kind.collection: Records(
            sorted(records[kind.collection], key=_order_of(kind)),
            kind=kind.record_class,
            corpus=corpus,
        )
        for kind in KINDS
    }
    actors: Records[Actor] = collections[ACTORS.collection]
    # Read-only views: the bundled corpus's index is shared by the whole process.
    by_id = {name: MappingProxyType({r.id: r for r in items}) for name, items in collections.items()}
    return CorpusIndex(
        collections=MappingProxyType(collections),
        by_id=MappingProxyType(by_id),
        names=MappingProxyType(build_name_index({a.id: (a.id, a.name, *a.aliases) for a in actors})),
        affiliates=affiliates_of(actors),
        quotes_by_speaker=_group(collections[QUOTES.collection], lambda q: (q.speaker_id,)),
        positions_by_actor=_group(collections[POSITIONS.collection], lambda p: (p.actor_id,)),
        events_by_participant=_group(collections[EVENTS.collection], lambda e: e.participant_ids),
        events_by_date=IntervalIndex.of(collections[EVENTS.collection], event_span),
        no_quotes=trusted_records((), Quote, corpus),
        no_positions=trusted_records((), Position, corpus),
    )


def event_span(event: Event) -> tuple[datetime.date, datetime.date]:
    """The first and last day an event may cover."""
    end = event.end_date if event.end_date is not None else event.date
    return event.date.earliest, max(end.latest, event.date.latest)


def _group(records: Records[Dated], keys: Callable[[Dated], Iterable[str]]) -> Mapping[str, Records[Dated]]:
    """*records* by key, each group a ready answer in the records' order."""
    grouped: dict[str, list[Dated]] = {}
    for record in records:
        for key in dict.fromkeys(keys(record)):
            grouped.setdefault(key, []).append(record)
    kind, corpus = records.kind, records.corpus
    return MappingProxyType(
        {key: trusted_records(tuple(group), kind, corpus) for key, group in grouped.items()}
    )


def affiliates_of(actors: Iterable[Actor]) -> Affiliates:
    """Map each actor id to the ids of all actors below it in affiliation chains."""
    children: dict[str, list[str]] = {}
    for actor in actors:
        if actor.affiliation_id is not None:
            children.setdefault(actor.affiliation_id, []).append(actor.id)
    return Affiliates(MappingProxyType({parent: tuple(ids) for parent, ids in children.items()}))


@attrs.frozen(eq=False)
class Affiliates(Mapping[str, tuple[str, ...]]):
    """Each actor with affiliates to the ids of every actor below it, sorted, walked when asked.

    Walking on demand keeps the index linear: written out for every actor, the
    affiliates of a chain of n actors would hold n * n / 2 ids. A query reads
    the records of every affiliate anyway, so the walk adds nothing to its order.

    Attributes:
        children: Each actor id to the ids of the actors directly below it.
    """

    children: Mapping[str, tuple[str, ...]]

    def __getitem__(self, actor_id: str) -> tuple[str, ...]:
        # Each actor has one affiliation and a validated corpus no cycle, so no actor is met twice.
        found: list[str] = []
        stack = list(self.children[actor_id])
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(self.children.get(current, ()))
        return tuple(sorted(found))

    def __iter__(self) -> Iterator[str]:
        return iter(self.children)

    def __len__(self) -> int:
        return len(self.children)
