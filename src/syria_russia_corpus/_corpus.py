"""Corpus: the records of one dataset, indexed once, and the queries on them."""

from __future__ import annotations

import datetime
import enum
import heapq
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from ._collection import Identified, Records
from ._dates import PartialDate, date_bounds
from ._integrity import find_problems
from ._interval_index import IntervalIndex
from ._loading import FILES, RecordSet, read_bundled, read_directory, structure_all, unstructure
from ._names import build_name_index, closest_names, name_key
from ._records import Actor, Event, Position, Quote, Source
from ._search import KINDS, Searchable, matches, searchable_text, wanted_kinds
from ._timeline import StanceChange, changes_in, plot
from ._verify import VerificationReport, verify
from ._vocabulary import EventType, QuoteKind, Topic
from .exceptions import (
    AmbiguousActorError,
    ArgumentTypeError,
    CorpusDataError,
    InvalidQueryError,
    RecordNotFoundError,
    SourceNotFoundError,
    UnknownActorError,
)

E = TypeVar("E", bound=enum.Enum)
R = TypeVar("R", bound=Identified)
Dated = TypeVar("Dated", bound=Quote | Event | Position)

ActorLike = Actor | str
DateLike = datetime.date | PartialDate | str

_UNDATED = (1, datetime.date.max)


def _order(record: Quote | Event | Position) -> tuple[tuple[int, datetime.date], str]:
    """Sort key: by earliest possible date, then id; undated records last."""
    if record.date is None:
        return _UNDATED, record.id
    return (0, record.date.earliest), record.id


def _sorted(records: Iterable[Dated]) -> tuple[Dated, ...]:
    return tuple(sorted(records, key=_order))


class Corpus:
    """A validated, indexed set of sources, actors, quotes, events and positions.

    Build one with :meth:`from_path` (a directory in the package-data layout)
    or :meth:`from_records`; :func:`syria_russia_corpus.load` returns the
    bundled one. A corpus never changes once built, so it is safe to share
    between threads.

    Example:
        >>> import syria_russia_corpus as src
        >>> corpus = src.load()
        >>> corpus.actor("Lavrov").name
        'Sergei Lavrov'
    """

    __slots__ = (
        "_actor_by_id",
        "_actors",
        "_affiliates",
        "_event_by_id",
        "_events",
        "_events_by_date",
        "_events_by_participant",
        "_names",
        "_position_by_id",
        "_positions",
        "_positions_by_actor",
        "_quote_by_id",
        "_quotes",
        "_quotes_by_speaker",
        "_search_index",
        "_source_by_id",
        "_sources",
    )

    _search_index: list[tuple[str, Searchable]]

    def __init__(self, records: RecordSet) -> None:
        """Index *records*, which must already be validated; use the ``from_*`` constructors."""
        self._actor_by_id = {actor.id: actor for actor in sorted(records.actors, key=lambda a: a.id)}
        self._sources = self._wrap(sorted(records.sources, key=lambda s: (s.published, s.id)), Source)
        self._actors = self._wrap(self._actor_by_id.values(), Actor)
        self._quotes = self._wrap(_sorted(records.quotes), Quote)
        self._events = self._wrap(_sorted(records.events), Event)
        self._positions = self._wrap(_sorted(records.positions), Position)
        self._source_by_id = {source.id: source for source in self._sources}
        self._quote_by_id = {quote.id: quote for quote in self._quotes}
        self._event_by_id = {event.id: event for event in self._events}
        self._position_by_id = {position.id: position for position in self._positions}
        self._names = build_name_index({a.id: (a.id, a.name, *a.aliases) for a in self._actors})
        self._affiliates = _affiliates_of(self._actors)
        self._quotes_by_speaker = _group(self._quotes, lambda q: [q.speaker_id])
        self._positions_by_actor = _group(self._positions, lambda p: [p.actor_id])
        self._events_by_participant = _group(self._events, lambda e: e.participant_ids)
        self._events_by_date = IntervalIndex(self._events, _event_span)

    # -- construction -------------------------------------------------------

    @classmethod
    def from_path(cls, directory: str | Path) -> Corpus:
        """Load a corpus from *directory*, laid out like the package data.

        The directory holds ``sources.json``, ``actors.json``, ``quotes.json``,
        ``events.json`` and ``positions.json``. Everything is validated before
        the corpus is returned.

        Raises:
            CorpusDataError: The directory or a file is missing, or any record
                is invalid. The error lists every problem, each naming the
                file, the record, the field and the value.

        Example:
            Load your own coding, then query it like the bundled corpus::

                corpus = Corpus.from_path("my_coding/")
                corpus.quotes_by("Lavrov")
        """
        return cls._validated(read_directory(directory), label=lambda name: str(Path(directory) / name))

    @classmethod
    def from_records(
        cls,
        *,
        sources: Iterable[Source] = (),
        actors: Iterable[Actor] = (),
        quotes: Iterable[Quote] = (),
        events: Iterable[Event] = (),
        positions: Iterable[Position] = (),
    ) -> Corpus:
        """Build a corpus from record objects, validated as :meth:`from_path` validates files.

        Raises:
            CorpusDataError: A record has a field of the wrong type, or the
                records do not fit together (duplicate ids, dangling references).

        Example:
            >>> from syria_russia_corpus import Actor, ActorKind, Corpus
            >>> corpus = Corpus.from_records(actors=[Actor(id="russia", name="Russia", kind=ActorKind.STATE)])
            >>> corpus.actor("russia").name
            'Russia'
        """
        given = {
            "sources": sources,
            "actors": actors,
            "quotes": quotes,
            "events": events,
            "positions": positions,
        }
        problems: list[str] = []
        checked: dict[str, tuple[Any, ...]] = {}
        for (name, items), record_class in zip(given.items(), FILES.values(), strict=True):
            checked[name], found = _recheck(record_class, items, name)
            problems.extend(found)
        if problems:
            raise CorpusDataError(problems)
        return cls._validated(RecordSet(**checked), label=lambda name: name.removesuffix(".json"))

    @classmethod
    def _bundled(cls) -> Corpus:
        return cls._validated(read_bundled(), label=str)

    @classmethod
    def _validated(cls, records: RecordSet, *, label: Any) -> Corpus:
        problems = find_problems(records, label=label)
        if problems:
            raise CorpusDataError(problems)
        return cls(records)

    # -- whole collections ---------------------------------------------------

    def sources(self) -> Records[Source]:
        """All sources, oldest first."""
        return self._sources

    def actors(self) -> Records[Actor]:
        """All actors, by id."""
        return self._actors

    def quotes(self) -> Records[Quote]:
        """All quotes, by date then id; undated last."""
        return self._quotes

    def events(self) -> Records[Event]:
        """All events, by date then id."""
        return self._events

    def positions(self) -> Records[Position]:
        """All positions, by date then id."""
        return self._positions

    # -- single records --------------------------------------------------------

    def source(self, source_id: str) -> Source:
        """Return the source with *source_id*.

        Raises:
            SourceNotFoundError: No source has that id.
        """
        found = self._source_by_id.get(_require_str(source_id, "source_id"))
        if found is None:
            raise SourceNotFoundError(source_id, closest_names(source_id, self._source_by_id))
        return found

    def quote(self, quote_id: str) -> Quote:
        """Return the quote with *quote_id*; :class:`RecordNotFoundError` if none."""
        return _lookup(self._quote_by_id, quote_id, "quote")

    def event(self, event_id: str) -> Event:
        """Return the event with *event_id*; :class:`RecordNotFoundError` if none."""
        return _lookup(self._event_by_id, event_id, "event")

    def position(self, position_id: str) -> Position:
        """Return the position with *position_id*; :class:`RecordNotFoundError` if none."""
        return _lookup(self._position_by_id, position_id, "position")

    def actor(self, name_or_id: ActorLike) -> Actor:
        """Return the actor with this id, name or alias.

        Names match whatever their case, accents, spacing and punctuation:
        ``"bashar al-assad"`` and ``"Bashar Al Assad"`` are the same name.

        Raises:
            UnknownActorError: No actor has that name; the message suggests
                the closest known names.
            AmbiguousActorError: The name fits more than one actor.

        Example:
            >>> import syria_russia_corpus as src
            >>> src.actor("sergey lavrov").id
            'sergei-lavrov'
        """
        if isinstance(name_or_id, Actor):
            if self._actor_by_id.get(name_or_id.id) != name_or_id:
                raise UnknownActorError(name_or_id.id, self._suggest(name_or_id.name))
            return name_or_id
        query = _require_str(name_or_id, "an actor", "an Actor, an actor id, a name or an alias")
        found = self._actor_by_id.get(query)
        if found is not None:
            return found
        ids = self._names.get(name_key(query), ())
        if len(ids) > 1:
            raise AmbiguousActorError(query, ids)
        if not ids:
            raise UnknownActorError(query, self._suggest(query))
        return self._actor_by_id[ids[0]]

    # -- queries ----------------------------------------------------------------

    def quotes_by(
        self, speaker: ActorLike, *, kind: QuoteKind | str | None = None, include_affiliated: bool = False
    ) -> Records[Quote]:
        """Quotes by *speaker*, by date then id.

        Args:
            speaker: An :class:`Actor`, an actor id, a name or an alias.
            kind: Only quotes of this :class:`QuoteKind` (or its value, e.g. ``"direct"``).
            include_affiliated: Also quotes by every actor affiliated with the
                speaker, directly or through others (Russia's ministers, say).

        Example:
            >>> import syria_russia_corpus as src
            >>> all(q.speaker_id == "vladimir-putin" for q in src.quotes_by("Putin"))
            True
        """
        wanted_kind = None if kind is None else coerce_enum(QuoteKind, kind, "kind")
        found = self._by_actor(self._quotes_by_speaker, speaker, include_affiliated)
        return self._wrap((q for q in found if wanted_kind is None or q.kind is wanted_kind), Quote)

    def positions_of(
        self, actor: ActorLike, *, topic: Topic | str | None = None, include_affiliated: bool = False
    ) -> Records[Position]:
        """Positions held by *actor*, by date then id.

        Args:
            actor: An :class:`Actor`, an actor id, a name or an alias.
            topic: Only positions on this :class:`Topic` (or its value).
            include_affiliated: Also positions of every actor affiliated with
                *actor*, directly or through others.

        Example:
            >>> import syria_russia_corpus as src
            >>> {p.topic for p in src.positions_of("Russia", topic="sanctions")}
            {<Topic.SANCTIONS: 'sanctions'>}
        """
        wanted_topic = None if topic is None else coerce_enum(Topic, topic, "topic")
        found = self._by_actor(self._positions_by_actor, actor, include_affiliated)
        return self._wrap((p for p in found if wanted_topic is None or p.topic is wanted_topic), Position)

    def events_between(
        self,
        start: DateLike,
        end: DateLike,
        *,
        type: EventType | str | None = None,
        involving: ActorLike | None = None,
    ) -> Records[Event]:
        """Events whose possible dates overlap ``[start, end]``, both ends inclusive.

        Args:
            start: A :class:`datetime.date`, a :class:`PartialDate` or an ISO or
                EDTF string; ``"2012-05"`` starts on the first of May.
            end: Likewise; ``"2012-05"`` ends on the 31st of May.
            type: Only events of this :class:`EventType` (or its value).
            involving: Only events in which this actor took part.

        Raises:
            InvalidQueryError: *end* is before *start*.

        Example:
            >>> import syria_russia_corpus as src
            >>> [e.id for e in src.events_between("2012-05-25", "2012-05-25", type="massacre")][:1]
            ['houla-massacre-2012-05-25']
        """
        first, _ = date_bounds(start, argument="start")
        _, last = date_bounds(end, argument="end")
        if last < first:
            raise InvalidQueryError(f"end ({end}) is before start ({start}); pass the earlier date first")
        wanted_type = None if type is None else coerce_enum(EventType, type, "type")
        if involving is None:
            found: Iterable[Event] = self._events_by_date.overlapping(first, last)
        else:
            candidates = self._events_by_participant.get(self.actor(involving).id, ())
            found = (e for e in candidates if _overlaps(e, first, last))
        return self._wrap(_sorted(e for e in found if wanted_type is None or e.type is wanted_type), Event)

    def affiliates(self, actor: ActorLike) -> Records[Actor]:
        """Every actor affiliated with *actor*, directly or through others, by id.

        Example:
            >>> import syria_russia_corpus as src
            >>> "sergei-lavrov" in src.load().affiliates("Russia").ids
            True
        """
        return self._wrap(
            (self._actor_by_id[i] for i in self._affiliates.get(self.actor(actor).id, ())), Actor
        )

    def search(self, text: str, *, kinds: str | Iterable[str] = KINDS) -> Records[Searchable]:
        """Quotes, events and positions whose words hold *text*.

        Matching ignores case, accents and punctuation, and starts at word
        starts: ``"sanction"`` finds "sanctions". Quotes are searched by their
        text, events by title and summary, positions by summary.

        Args:
            text: The words to find.
            kinds: ``"quotes"``, ``"events"``, ``"positions"``, or several of them.

        Example:
            >>> import syria_russia_corpus as src
            >>> hits = src.search("asylum", kinds="quotes")
            >>> all(type(hit).__name__ == "Quote" for hit in hits)
            True
        """
        wanted = wanted_kinds(kinds)
        found = matches(text, self._searchable())
        return self._wrap(_sorted(r for r in found if f"{type(r).__name__.lower()}s" in wanted), None)

    def stance_timeline(
        self, actor: ActorLike, *, topic: Topic | str | None = None, include_affiliated: bool = True
    ) -> Records[Position]:
        """Positions of *actor* (and, by default, its affiliates) in date order.

        Example:
            >>> import syria_russia_corpus as src
            >>> timeline = src.stance_timeline("Russia", topic="military_intervention")
            >>> [p.date.earliest for p in timeline] == sorted(p.date.earliest for p in timeline)
            True
        """
        return self.positions_of(actor, topic=topic, include_affiliated=include_affiliated)

    def stance_changes(
        self,
        actor: ActorLike,
        *,
        topic: Topic | str | None = None,
        include_affiliated: bool = True,
        start: DateLike | None = None,
        end: DateLike | None = None,
    ) -> Records[StanceChange]:
        """Where *actor*'s stance on a topic moved, in date order.

        Positions are read in date order, topic by topic; each time the stance
        differs from the one before, that is a change. With
        *include_affiliated* (the default), a state's officials speak for it.
        *start* and *end* keep the positions dated within them.

        Example:
            >>> import syria_russia_corpus as src
            >>> changes = src.stance_changes("Russia")
            >>> all(c.from_stance is not c.to_stance for c in changes)
            True
        """
        timeline = self.stance_timeline(actor, topic=topic, include_affiliated=include_affiliated)
        first, _ = date_bounds("0001" if start is None else start, argument="start")
        _, last = date_bounds("9999" if end is None else end, argument="end")
        if last < first:
            raise InvalidQueryError(f"end ({end}) is before start ({start}); pass the earlier date first")
        within = [p for p in timeline if first <= p.date.earliest and p.date.latest <= last]
        return self._wrap(changes_in(within), StanceChange)

    def plot_stance_timeline(
        self, actor: ActorLike, *, topic: Topic | str | None = None, include_affiliated: bool = True
    ) -> Figure:
        """A matplotlib Figure of :meth:`stance_timeline`: one row per topic.

        Markers show the stance (hollow when the date is inferred); a bar shows
        how far the date's precision reaches. Needs the ``plot`` extra.

        Example:
            >>> import syria_russia_corpus as src
            >>> figure = src.plot_stance_timeline("Russia")
            >>> figure.axes[0].get_title()
            'Stances of Russia and affiliated actors'
        """
        who = self.actor(actor)
        timeline = self.stance_timeline(who, topic=topic, include_affiliated=include_affiliated)
        scope = " and affiliated actors" if include_affiliated else ""
        return plot(timeline, f"Stances of {who.name}{scope}")

    def export(self, directory: str | Path, *, format: str = "csv", overwrite: bool = False) -> list[Path]:
        """Write the corpus to *directory*; see :func:`syria_russia_corpus.export`."""
        from ._export import export  # CSV, Parquet and tempfile machinery, only when exporting

        return export(self, directory, format=format, overwrite=overwrite)

    def verify(self, directory: str | Path) -> VerificationReport:
        """Check every evidence span against documents; see :func:`syria_russia_corpus.verify`."""
        return verify(self, directory)

    # -- helpers ------------------------------------------------------------------

    def _by_actor(
        self, index: Mapping[str, tuple[Dated, ...]], actor: ActorLike, include_affiliated: bool
    ) -> Sequence[Dated]:
        actor_id: str = self.actor(actor).id
        if not include_affiliated:
            return index.get(actor_id, ())
        groups = [index.get(i, ()) for i in (actor_id, *self._affiliates.get(actor_id, ()))]
        return list(heapq.merge(*groups, key=_order))

    def _wrap(self, items: Iterable[R], kind: type[R] | None) -> Records[R]:
        return Records._of(items, kind, self._name_of)

    def _name_of(self, actor_id: str) -> str | None:
        actor = self._actor_by_id.get(actor_id)
        return None if actor is None else actor.name

    def _searchable(self) -> list[tuple[str, Searchable]]:
        # Built on the first search, not at load: most sessions never search.
        if not hasattr(self, "_search_index"):
            records: list[Searchable] = [*self._quotes, *self._events, *self._positions]
            object.__setattr__(self, "_search_index", [(searchable_text(r), r) for r in records])
        index: list[tuple[str, Searchable]] = self._search_index
        return index

    def _suggest(self, query: str) -> list[str]:
        """Canonical names of the actors whose names or aliases come closest to *query*."""
        names = [name for actor in self._actors for name in (actor.name, *actor.aliases)]
        close = closest_names(query, names, limit=6)
        ids = dict.fromkeys(i for name in close for i in self._names.get(name_key(name), ()))
        return [self._actor_by_id[i].name for i in ids][:3]

    def __setattr__(self, name: str, value: Any) -> None:
        if hasattr(self, name):
            raise AttributeError(f"a Corpus is immutable: cannot set {name!r}")
        object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{len(records)} {kind}"
            for kind, records in (
                ("sources", self._sources),
                ("actors", self._actors),
                ("quotes", self._quotes),
                ("events", self._events),
                ("positions", self._positions),
            )
        )
        return f"<Corpus: {counts}>"


def _event_span(event: Event) -> tuple[datetime.date, datetime.date]:
    end = event.end_date if event.end_date is not None else event.date
    return event.date.earliest, max(end.latest, event.date.latest)


def _overlaps(event: Event, first: datetime.date, last: datetime.date) -> bool:
    begin, finish = _event_span(event)
    return begin <= last and finish >= first


def _group(records: Iterable[Dated], keys: Any) -> dict[str, tuple[Dated, ...]]:
    grouped: dict[str, list[Dated]] = {}
    for record in records:
        for key in dict.fromkeys(keys(record)):
            grouped.setdefault(key, []).append(record)
    return {key: tuple(group) for key, group in grouped.items()}


def _affiliates_of(actors: Iterable[Actor]) -> dict[str, tuple[str, ...]]:
    """Map each actor id to the ids of all actors below it in affiliation chains."""
    parent = {actor.id: actor.affiliation_id for actor in actors}
    below: dict[str, list[str]] = {}
    for actor_id, affiliation in parent.items():
        ancestor = affiliation
        while ancestor is not None:
            below.setdefault(ancestor, []).append(actor_id)
            ancestor = parent.get(ancestor)
    return {actor_id: tuple(sorted(ids)) for actor_id, ids in below.items()}


def _lookup(index: Mapping[str, Dated], record_id: str, kind: str) -> Dated:
    found = index.get(_require_str(record_id, f"{kind}_id"))
    if found is None:
        raise RecordNotFoundError(kind, record_id, closest_names(record_id, index))
    return found


def _require_str(value: object, argument: str, expected: str = "a string id") -> str:
    if not isinstance(value, str):
        raise ArgumentTypeError(f"{argument} must be {expected}, not {type(value).__name__}")
    return value


def coerce_enum(enum_type: type[E], value: object, argument: str) -> E:
    """Return the member of *enum_type* that *value* is or names; *argument* names it in errors."""
    if isinstance(value, enum_type):
        return value
    if isinstance(value, str):
        wanted = name_key(value)
        for member in enum_type:
            if name_key(member.value) == wanted:
                return member
        allowed = ", ".join(repr(member.value) for member in enum_type)
        close = closest_names(value, [member.value for member in enum_type], limit=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise InvalidQueryError(
            f"{argument} {value!r} is not a known {enum_type.__name__}{hint}; expected one of {allowed}"
        )
    raise ArgumentTypeError(
        f"{argument} must be a {enum_type.__name__} or its string value, not {type(value).__name__}"
    )


def _recheck(record_class: type[Any], items: Iterable[Any], name: str) -> tuple[tuple[Any, ...], list[str]]:
    """Round-trip records through the converter, so field types are checked as for files."""
    if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Iterable):
        return (), [
            f"{name}: expected an iterable of {record_class.__name__} records, got {type(items).__name__}"
        ]
    raw: list[Any] = []
    problems: list[str] = []
    for index, item in enumerate(items):
        if not isinstance(item, record_class):
            expected = record_class.__name__
            problems.append(
                f"{name}: record at index {index}: expected a {expected}, got {type(item).__name__}"
            )
            continue
        try:
            raw.append(unstructure(item))
        except Exception:  # noqa: BLE001 - a field of the wrong type; reported with the record
            problems.append(
                f"{name}: record {getattr(item, 'id', index)!r}: a field holds a value of the wrong type"
            )
    records, found = structure_all(record_class, raw, name)
    return records, problems + found
