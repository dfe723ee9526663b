"""Corpus: the records of one dataset and the queries on them."""

from __future__ import annotations

import datetime
import functools
import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ._coercion import coerce_enum, coerce_optional_enum, require_bool, require_str
from ._collection import CorpusABC, Identified, Records, trusted_records
from ._collector import collector_paused
from ._dates import PartialDate, date_bounds
from ._indexes import CorpusIndex, build_index, date_order, event_span
from ._integrity import ValidatedRecords, validated
from ._layering import layered, records_of
from ._loading import read_bundled, read_directory, read_objects
from ._names import closest_names, name_key
from ._once import Once
from ._records import Actor, Event, Position, Quote, Source
from ._schema import ACTORS, EVENTS, KINDS, POSITIONS, QUOTES, SOURCES, RecordKind, record_kind
from ._search import KINDS as SEARCHABLE_KINDS
from ._search import Searchable, matches, wanted_kinds
from ._vocabulary import EventType, PositionBasis, QuoteKind, Topic
from .exceptions import (
    AmbiguousActorError,
    ArgumentTypeError,
    InvalidQueryError,
    RecordNotFoundError,
    SourceNotFoundError,
    UnknownActorError,
)
from .typing import ActorLike, DateLike, ExportFormat, Record, SearchKind

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ._coverage import MonthCoverage
    from ._display import RecordView
    from ._stance import StanceChange
    from ._verify import VerificationReport

R = TypeVar("R", bound=Identified)
Dated = TypeVar("Dated", Quote, Event, Position)
K = TypeVar("K")


def _check_records(_: object, __: object, value: Any) -> None:
    if not isinstance(value, ValidatedRecords):
        raise ArgumentTypeError(
            "a Corpus is built with Corpus.from_path(), Corpus.from_records() or load(), "
            f"not Corpus({type(value).__name__})"
        )


@CorpusABC.register
@attrs.frozen(eq=False, repr=False)
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

    _records: ValidatedRecords = attrs.field(validator=_check_records, alias="records")
    _base: Corpus | None = attrs.field(default=None, alias="base", kw_only=True)
    _index_once: Once[CorpusIndex] = attrs.field(init=False, factory=Once)

    @property
    def base(self) -> Corpus | None:
        """The corpus this one was built on by :meth:`from_path` with ``base=``, or None.

        :func:`~syria_russia_corpus.compare` leaves out the records of the base
        two codings share, so that only the coders' own records are compared.

        Example:
            >>> import syria_russia_corpus as src
            >>> src.load().base is None
            True
        """
        return self._base

    # Built on the first query, not at load, so that loading pays only for
    # validation. A query reads it from its slot; the first queries, from any
    # number of threads, build it once between them.
    @functools.cached_property
    def _index(self) -> CorpusIndex:
        return self._index_once.get(self._build_index)

    def _build_index(self) -> CorpusIndex:
        with collector_paused():
            return build_index(self._records.collections, self)

    # -- construction -------------------------------------------------------

    @classmethod
    def from_path(cls, directory: str | Path, *, base: Corpus | None = None) -> Corpus:
        """Load a corpus from *directory*, laid out like the package data, optionally on a *base*.

        The directory holds ``sources.json``, ``actors.json``, ``quotes.json``,
        ``events.json`` and ``positions.json``. With ``base=None`` (the
        default) the folder is read alone, so its records may refer only to
        each other. With *base* (the bundled corpus is ``src.load()``), the
        folder's records may refer to the base's, and the result holds both:
        a record present in both with the same content is one record. The
        result remembers its :attr:`base`. Everything is validated before the
        corpus is returned; the base is never altered.

        The load, and the first query of the corpus (which builds its
        indexes), pause Python's automatic cyclic garbage collection for the
        whole process, every thread, while they run: the collector would
        otherwise walk the new records again and again, half the load's time.
        When they end, every object the collector tracks, other threads' too,
        moves to the oldest generation, so cyclic garbage made before then is
        freed by the next full collection (``gc.collect()``), not by the
        young ones. Memory freed by reference counting is freed as ever. A
        collector you disabled, before or during the load, stays disabled;
        thresholds you set during it stand; if you froze objects
        (``gc.freeze()``), nothing is moved.

        Raises:
            CorpusDataError: The directory or a file is missing, any record is
                invalid, or an id of the folder's is the base's with other
                values. The error lists every problem, each naming the file,
                the record, the field and the value; a folder read alone that
                names a bundled record is told to build on the bundled corpus.

        Example:
            Code a new document, reuse the bundled actors, and query both::

                import syria_russia_corpus as src

                corpus = src.Corpus.from_path("my_coding/", base=src.load())
                corpus.quotes_by("Lavrov")
        """
        if base is not None and not isinstance(base, Corpus):
            raise ArgumentTypeError(f"base must be a Corpus, such as load(), not {type(base).__name__}")
        with collector_paused():
            parsed = read_directory(directory)
            if base is not None:
                merged, conflicts = layered(records_of(base), parsed.records, label=parsed.label)
                parsed = attrs.evolve(parsed, records=merged, problems=(*parsed.problems, *conflicts))
            return cls(validated(parsed, read_alone=base is None), base=base)

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
        given: Mapping[str, Iterable[Any]] = {
            SOURCES.collection: sources,
            ACTORS.collection: actors,
            QUOTES.collection: quotes,
            EVENTS.collection: events,
            POSITIONS.collection: positions,
        }
        return cls(validated(read_objects(given)))

    # -- whole collections ---------------------------------------------------

    def sources(self) -> Records[Source]:
        """All sources, oldest first."""
        return self._index.collections[SOURCES.collection]

    def actors(self) -> Records[Actor]:
        """All actors, by id."""
        return self._index.collections[ACTORS.collection]

    def quotes(self) -> Records[Quote]:
        """All quotes, by date then id; undated last."""
        return self._index.collections[QUOTES.collection]

    def events(self) -> Records[Event]:
        """All events, by date then id."""
        return self._index.collections[EVENTS.collection]

    def positions(self) -> Records[Position]:
        """All positions, by date then id."""
        return self._index.collections[POSITIONS.collection]

    # -- single records --------------------------------------------------------

    def source(self, source_id: str) -> Source:
        """Return the source with *source_id*.

        Raises:
            SourceNotFoundError: No source has that id.

        Example:
            >>> import syria_russia_corpus as src
            >>> src.source("voa-russia-and-assad-2015-09").outlet
            'Voice of America'
        """
        sources = self._index.by_id[SOURCES.collection]
        found: Source | None = sources.get(require_str(source_id, "source_id"))
        if found is None:
            raise SourceNotFoundError(source_id, closest_names(source_id, sources))
        return found

    def quote(self, quote_id: str) -> Quote:
        """Return the quote with *quote_id*; :class:`RecordNotFoundError` if none."""
        return self._lookup(QUOTES, quote_id)

    def event(self, event_id: str) -> Event:
        """Return the event with *event_id*; :class:`RecordNotFoundError` if none."""
        return self._lookup(EVENTS, event_id)

    def position(self, position_id: str) -> Position:
        """Return the position with *position_id*; :class:`RecordNotFoundError` if none."""
        return self._lookup(POSITIONS, position_id)

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
        actors: Mapping[str, Actor] = self._index.by_id[ACTORS.collection]
        if isinstance(name_or_id, Actor):
            if actors.get(name_or_id.id) != name_or_id:
                raise UnknownActorError(name_or_id.id, self._suggest(name_or_id.name))
            return name_or_id
        query = require_str(name_or_id, "an actor", "an Actor, an actor id, a name or an alias")
        found = actors.get(query)
        if found is not None:
            return found
        ids = self._index.names.get(name_key(query), ())
        if len(ids) > 1:
            raise AmbiguousActorError(query, ids)
        if not ids:
            raise UnknownActorError(query, self._suggest(query))
        return actors[ids[0]]

    def actor_name(self, actor_id: str) -> str | None:
        """The name of the actor with *actor_id*, or None if there is none.

        Example:
            >>> import syria_russia_corpus as src
            >>> src.load().actor_name("sergei-lavrov")
            'Sergei Lavrov'
        """
        actor: Actor | None = self._index.by_id[ACTORS.collection].get(actor_id)
        return None if actor is None else actor.name

    # -- queries ----------------------------------------------------------------

    def quotes_by(
        self,
        speaker: ActorLike,
        *,
        kind: QuoteKind | str | None = None,
        topic: Topic | str | None = None,
        start: DateLike | None = None,
        end: DateLike | None = None,
        include_affiliated: bool = False,
    ) -> Records[Quote]:
        """Quotes by *speaker*, in date order.

        Args:
            speaker: An :class:`Actor`, an actor id, a name or an alias.
            kind: Only quotes of this :class:`QuoteKind` (or its value, e.g. ``"direct"``).
            topic: Only quotes on this :class:`Topic` (or its value).
            start: Only quotes whose possible dates reach *start* or later
                (a date, a :class:`PartialDate` or a string such as ``"2012-05"``).
            end: Only quotes whose possible dates reach back to *end* or earlier.
                With *start* or *end*, undated quotes are left out.
            include_affiliated: Also quotes by every actor affiliated with the
                speaker, directly or through others (Russia's ministers, say).

        Raises:
            InvalidQueryError: *end* is before *start*, or *kind* or *topic* is
                not a known value (the message lists them).

        Example:
            >>> import syria_russia_corpus as src
            >>> june = src.quotes_by("Russia", start="2012-06", end="2012-06", include_affiliated=True)
            >>> all(q.date is not None and q.date.overlaps("2012-06", "2012-06") for q in june)
            True
        """
        wanted_kind = coerce_optional_enum(QuoteKind, kind, "kind")
        wanted_topic = coerce_optional_enum(Topic, topic, "topic")
        keep = None
        if wanted_kind is not None or wanted_topic is not None:

            def keep(q: Quote) -> bool:
                return (wanted_kind is None or q.kind is wanted_kind) and (
                    wanted_topic is None or wanted_topic in q.topics
                )

        index = self._index
        return self._of_actor(
            index.quotes_by_speaker, index.no_quotes, speaker, include_affiliated, start, end, keep
        )

    def positions_of(
        self,
        actor: ActorLike,
        *,
        topic: Topic | str | None = None,
        basis: PositionBasis | str | None = None,
        start: DateLike | None = None,
        end: DateLike | None = None,
        include_affiliated: bool = False,
    ) -> Records[Position]:
        """Positions held by *actor*, in date order.

        Args:
            actor: An :class:`Actor`, an actor id, a name or an alias.
            topic: Only positions on this :class:`Topic` (or its value).
            basis: Only positions on this :class:`PositionBasis` (``"stated"``,
                ``"reported"`` or ``"analysis"``).
            start: Only positions whose possible dates reach *start* or later.
            end: Only positions whose possible dates reach back to *end* or earlier.
            include_affiliated: Also positions of every actor affiliated with
                *actor*, directly or through others: a state with its officials.

        Raises:
            InvalidQueryError: *end* is before *start*, or *topic* or *basis*
                is not a known value (the message lists them).

        Example:
            >>> import syria_russia_corpus as src
            >>> {p.topic for p in src.positions_of("Russia", topic="sanctions")}
            {<Topic.SANCTIONS: 'sanctions'>}
        """
        wanted_topic = coerce_optional_enum(Topic, topic, "topic")
        wanted_basis = coerce_optional_enum(PositionBasis, basis, "basis")
        keep = None
        if wanted_topic is not None or wanted_basis is not None:

            def keep(p: Position) -> bool:
                return (wanted_topic is None or p.topic is wanted_topic) and (
                    wanted_basis is None or p.basis is wanted_basis
                )

        index = self._index
        return self._of_actor(
            index.positions_by_actor, index.no_positions, actor, include_affiliated, start, end, keep
        )

    def events_between(
        self,
        start: DateLike,
        end: DateLike,
        *,
        type: EventType | str | None = None,
        involving: ActorLike | None = None,
    ) -> Records[Event]:
        """Events whose possible dates overlap ``[start, end]``, both ends inclusive, in date order.

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
        first, last = _bounds(start, end)
        wanted_type = coerce_optional_enum(EventType, type, "type")
        found: Iterable[Event]
        if involving is None:
            found = self._index.events_by_date.overlapping(first, last)
        else:
            candidates = self._index.events_by_participant.get(self.actor(involving).id, ())
            found = (e for e in candidates if e.date.earliest <= last and _event_end(e) >= first)
        # Both sources of events list them in date order already.
        kept = tuple(found) if wanted_type is None else tuple(e for e in found if e.type is wanted_type)
        return trusted_records(kept, Event, self)

    def affiliates(self, actor: ActorLike) -> Records[Actor]:
        """Every actor affiliated with *actor*, directly or through others, by id.

        Example:
            >>> import syria_russia_corpus as src
            >>> "sergei-lavrov" in src.load().affiliates("Russia").ids
            True
        """
        actors = self._index.by_id[ACTORS.collection]
        return self._wrap([actors[i] for i in self._index.affiliates.get(self.actor(actor).id, ())], Actor)

    def search(
        self, text: str, *, kinds: SearchKind | Iterable[SearchKind] = SEARCHABLE_KINDS
    ) -> Records[Searchable]:
        """Quotes, events and positions whose words hold *text*, in date order.

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
        found = matches(text, self._index.search_texts)
        kept = [r for r in found if record_kind(r).collection in wanted]
        return Records(sorted(kept, key=date_order), kind=None, corpus=self)

    def stance_timeline(
        self, actor: ActorLike, topic: Topic | str | None = None, *, include_affiliated: bool = False
    ) -> Records[Position]:
        """Positions of *actor* in date order: :meth:`positions_of` by topic.

        Example:
            >>> import syria_russia_corpus as src
            >>> timeline = src.stance_timeline("Russia", "military_intervention", include_affiliated=True)
            >>> [p.date.earliest for p in timeline] == sorted(p.date.earliest for p in timeline)
            True
        """
        return self.positions_of(actor, topic=topic, include_affiliated=include_affiliated)

    def stance_changes(
        self,
        actor: ActorLike,
        topic: Topic | str | None = None,
        *,
        include_affiliated: bool = False,
        basis: PositionBasis | str | None = None,
        start: DateLike | None = None,
        end: DateLike | None = None,
    ) -> Records[StanceChange]:
        """Where *actor*'s stance on a topic moved, in the order of the new stances' dates.

        A change is a pair of consecutive positions of one actor on one topic
        with different stances. Consecutive means in date order; where possible
        dates overlap, the order is chosen by a rule that ignores ids, and the
        changes next to such a tie have :attr:`StanceChange.certain` False,
        because another order is as possible (see :class:`StanceChange` for the
        rule). Nothing depends on ids.

        Args:
            actor: An :class:`Actor`, an actor id, a name or an alias.
            topic: Only changes on this topic.
            include_affiliated: Also the changes of every affiliated actor, each
                its own: a minister's move is never compared with his state's.
            basis: Only the changes whose two positions both have this basis
                (``"stated"``, ``"reported"`` or ``"analysis"``). The changes
                are those of all the actor's positions, filtered: two positions
                of one basis are never paired across a position of another.
            start: Only changes whose new position's possible dates reach
                *start* or later, wherever the earlier position lies.
            end: Only changes whose new position's possible dates reach back to
                *end* or earlier.

        Raises:
            InvalidQueryError: *end* is before *start*, or *topic* or *basis*
                is not a known value.

        Example:
            >>> import syria_russia_corpus as src
            >>> changes = src.stance_changes("Russia", include_affiliated=True)
            >>> all(c.from_stance is not c.to_stance and c.before.actor_id == c.actor_id for c in changes)
            True
        """
        window = _window(start, end)
        wanted = coerce_optional_enum(PositionBasis, basis, "basis")
        positions = self.positions_of(actor, topic=topic, include_affiliated=include_affiliated)
        from ._stance import StanceChange, changes_in  # the stance logic, only when asked

        changes = [
            c
            for c in changes_in(positions)
            if _within(c.after.date, window) and (wanted is None or c.before.basis is c.after.basis is wanted)
        ]
        return self._wrap(changes, StanceChange)

    def plot_stance_timeline(
        self,
        actor: ActorLike,
        topic: Topic | str | None = None,
        *,
        include_affiliated: bool = False,
        ax: Axes | None = None,
    ) -> Axes:
        """Plot *actor*'s positions over time: a row per topic and actor, a marker per position.

        Colour gives the stance, the marker's shape the basis (a legend says
        which); a hollow marker is a date flagged uncertain or approximate,
        and a bar spans the days a date may be. With several actors, each
        topic has a heading and each actor a row of its own, labelled with a
        short name (``"V. Putin"``); positions of one actor that would hide
        each other are spread over lanes of that row. Topics come in the order
        of :class:`Topic`, the actor asked for first and the others by name.

        The time axis is cut wherever no position is coded for three months
        or more (the gaps of :func:`coverage`, hatched and named under the
        axis), so that every covered period keeps its width. The x values are
        positions on that cut axis, not matplotlib dates. Needs the ``plot``
        extra.

        Args:
            actor: An :class:`Actor`, an actor id, a name or an alias.
            topic: Only this topic.
            include_affiliated: Also the positions of affiliated actors.
            ax: Draw into this matplotlib Axes instead of a new figure. The
                plot keeps its cut axis; markers and labels shrink to fit its
                rows, and an Axes too small to keep them legible is refused.

        Returns:
            The Axes drawn on; ``ax.figure`` is its figure. In Jupyter it shows
            itself; in a script, call ``matplotlib.pyplot.show()``.

        Raises:
            InvalidQueryError: The actor has no positions (on *topic*), or *ax*
                is too small for the plot's rows (the message gives the height
                needed).
            ArgumentTypeError: *ax* is not a matplotlib Axes.

        Example:
            >>> import syria_russia_corpus as src
            >>> ax = src.plot_stance_timeline("Russia", "support_for_assad", include_affiliated=True)
            >>> ax.get_title()
            'Stances of Russia and affiliated actors on support for assad'
        """
        from ._plot import plot

        who = self.actor(actor)
        timeline = self.stance_timeline(who, topic=topic, include_affiliated=include_affiliated)
        on = "" if topic is None else f" on {coerce_enum(Topic, topic, 'topic').value.replace('_', ' ')}"
        if not timeline:
            helps = not include_affiliated and self.stance_timeline(who, topic, include_affiliated=True)
            hint = "; its affiliated actors have some: pass include_affiliated=True" if helps else ""
            raise InvalidQueryError(f"{who.name} has no positions{on} to plot{hint}")
        scope = " and affiliated actors" if include_affiliated else ""
        actors = self._index.by_id[ACTORS.collection]
        return plot(timeline, f"Stances of {who.name}{scope}{on}", who.id, actors.__getitem__, ax)

    def coverage(self) -> Records[MonthCoverage]:
        """How many quotes, events and positions fall in each month of the statements' period.

        One row per month from the first to the last month with a dated quote
        or position, empty months included, so gaps in the coding show. A
        record counts in the month of its earliest possible day (its latest,
        for an open start). Three months or more in a row without a quote or
        position are a gap: ``info`` names each, and
        :meth:`plot_stance_timeline` cuts its time axis there.

        Example:
            >>> import syria_russia_corpus as src
            >>> months = src.coverage()
            >>> months[0].month, months[-1].month
            ('2012-02', '2015-09')
            >>> sum(month.quotes for month in months) == len([q for q in src.quotes() if q.date])
            True
        """
        from ._coverage import MonthCoverage, monthly

        return self._wrap(monthly(self.quotes(), self.events(), self.positions()), MonthCoverage)

    def export(
        self, directory: str | Path, *, format: ExportFormat = "json", overwrite: bool = False
    ) -> list[Path]:
        """Write the corpus to *directory*; return the paths written.

        Args:
            directory: Where to write; created if missing. Nothing is written
                outside it.
            format: ``"json"`` (the default): the layout :meth:`from_path`
                reads, one file per record kind, so that
                ``Corpus.from_path(directory)`` gives back this corpus record
                for record. ``"csv"``: one flat table per record kind plus link
                tables for list fields (``evidence``, ``event_participants``,
                ``position_quotes``, ``quote_via``). ``"jsonl"``: one JSON
                object per line. ``"parquet"``: the tables as Parquet (needs the
                ``parquet`` extra). ``"datapackage"``: the CSV files plus a
                Frictionless Data Package v2 ``datapackage.json`` with types,
                keys and enum constraints.
            overwrite: Replace files that already exist; without it an export
                that would overwrite raises :class:`ExportError` and writes nothing.

        CSV cells that begin with ``=``, ``+``, ``-`` or ``@``, after any white
        space, or with a tab or carriage return, get a leading ``'`` so that a
        spreadsheet shows them as text instead of running them; every cell is
        quoted, so that no line break inside a cell starts a row.

        Example:
            >>> import syria_russia_corpus as src
            >>> import tempfile
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     written = sorted(path.name for path in src.export(folder))
            ...     again = src.Corpus.from_path(folder)
            >>> written
            ['actors.json', 'events.json', 'positions.json', 'quotes.json', 'sources.json']
            >>> again.quotes() == src.quotes()
            True
        """
        from ._export import export  # CSV, Parquet and tempfile machinery, only when exporting

        return export(self, directory, format=format, overwrite=require_bool(overwrite, "overwrite"))

    def verify(self, directory: str | Path) -> VerificationReport:
        """Check every evidence span against your copies of the documents.

        Documents are the ``*.txt`` files of *directory* (UTF-8 text, at most
        1 MiB each), whatever their names. Each source's document is the file
        with its SHA-256 or else, for a copy saved another way, the file that
        holds most of its spans' words (at least a quarter of them). Each span is then looked for at its
        offsets and, failing that, by its anchor anywhere in the file, with
        line breaks, spacing, quotation marks and dashes normalized (see
        "Normalization and anchors" in the codebook). A quote must still read
        as its first span. Files that cannot be documents (binary, not UTF-8,
        too large, folders, pipes, devices, broken links) are skipped, each
        with its reason in the report.

        The sources' :attr:`~Source.url` says where each document was published.

        Raises:
            DocumentError: *directory* does not exist or is not a folder.

        Example:
            With your copies of the documents in ``documents/``::

                import syria_russia_corpus as src

                report = src.verify("documents/")
                print(report)  # a line per source: OK, FAILED or NOT FOUND, and each failing span
                assert report.ok  # every span found, at its offsets or moved
                report.sources[0].spans[0].status  # "exact", "moved", "ambiguous" or "missing"
        """
        from ._verify import verify  # hashing and file walking, only when verifying

        return verify(self, directory)

    def show(self, record: Record) -> RecordView:
        """A view of one *record*: its fields with actors named, and its evidence.

        With ``SYRIA_RUSSIA_CORPUS_DOCUMENTS`` naming a folder of the source
        documents, each evidence span is shown with the words around it. In
        Jupyter the view is an HTML table; ``print()`` gives text.

        Example:
            >>> import syria_russia_corpus as src
            >>> corpus = src.load()
            >>> print(corpus.show(corpus.actor("Lavrov")))  # doctest: +ELLIPSIS
            Actor sergei-lavrov
            ...

        Raises:
            ArgumentTypeError: *record* is not a record, such as an id in its place.
        """
        from ._display import RecordView

        return RecordView(record=record, corpus=self)

    # -- helpers ------------------------------------------------------------------

    def _of_actor(  # noqa: PLR0917 - one private step shared by two queries
        self,
        groups: Mapping[str, Records[Dated]],
        nothing: Records[Dated],
        actor: ActorLike,
        include_affiliated: bool,
        start: DateLike | None,
        end: DateLike | None,
        keep: Callable[[Dated], bool] | None,
    ) -> Records[Dated]:
        """The records of *actor* in *groups* that *keep* keeps and that may fall in ``[start, end]``."""
        window = _window(start, end)
        if keep is None and window is None and include_affiliated is False:
            # The common question, answered from the index as it stands.
            return groups.get(self.actor(actor).id, nothing)
        found = self._by_actor(groups, actor, include_affiliated)
        chosen = tuple(r for r in found if (keep is None or keep(r)) and _within(r.date, window))
        return trusted_records(chosen, nothing.kind, self)

    def _by_actor(
        self, index: Mapping[str, Records[Dated]], actor: ActorLike, include_affiliated: bool
    ) -> Sequence[Dated]:
        actor_id: str = self.actor(actor).id
        if not require_bool(include_affiliated, "include_affiliated"):
            return index.get(actor_id, ())
        groups = [index.get(i, ()) for i in (actor_id, *self._index.affiliates.get(actor_id, ()))]
        return list(heapq.merge(*groups, key=date_order))

    def _wrap(self, items: Iterable[R], kind: type[R]) -> Records[R]:
        return trusted_records(tuple(items), kind, self)

    def _lookup(self, kind: RecordKind[K], record_id: str) -> K:
        records: Mapping[str, K] = self._index.by_id[kind.collection]
        found = records.get(require_str(record_id, f"{kind.name}_id"))
        if found is None:
            raise RecordNotFoundError(kind.name, record_id, closest_names(record_id, records))
        return found

    def _suggest(self, query: str) -> list[str]:
        """Canonical names of the actors whose names or aliases come closest to *query*."""
        actors = self._index.by_id[ACTORS.collection]
        close = self._index.suggestions.closest(name_key(query), limit=6)
        ids = dict.fromkeys(i for key in close for i in self._index.names.get(key, ()))
        return [actors[i].name for i in ids][:3]

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{len(self._records.collections[kind.collection])} {kind.collection}" for kind in KINDS
        )
        return f"<Corpus: {counts}>"


def bundled_corpus() -> Corpus:
    """Read, validate and index the corpus shipped in the package; :func:`load` keeps the one copy."""
    with collector_paused():
        return Corpus(validated(read_bundled()))


def _window(start: DateLike | None, end: DateLike | None) -> tuple[datetime.date, datetime.date] | None:
    """The days ``[start, end]`` span, or None when neither is given."""
    return None if start is None and end is None else _bounds(start, end)


def _bounds(start: DateLike | None, end: DateLike | None) -> tuple[datetime.date, datetime.date]:
    """The days ``[start, end]`` span, a missing bound reaching as far as dates go."""
    first = datetime.date.min if start is None else date_bounds(start, argument="start")[0]
    last = datetime.date.max if end is None else date_bounds(end, argument="end")[1]
    if last < first:
        raise InvalidQueryError(f"end ({end}) is before start ({start}); pass the earlier date first")
    return first, last


def _within(date: PartialDate | None, window: tuple[datetime.date, datetime.date] | None) -> bool:
    """Whether *date* may fall in *window*; with a window, an undated record does not."""
    if window is None:
        return True
    return date is not None and date.earliest <= window[1] and date.latest >= window[0]


def _event_end(event: Event) -> datetime.date:
    return event_span(event)[1]
