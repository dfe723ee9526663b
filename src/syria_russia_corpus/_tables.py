"""Flat tables of records: the columns of CSV, Parquet, the data package and pandas.

Each record kind becomes one table of scalar columns. A date becomes its EDTF
string plus ``_earliest`` and ``_latest`` date columns; a list of ids becomes a
``; ``-delimited column and, for the data package's foreign keys, a link table.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

from ._dates import PartialDate
from ._records import Actor, Event, Evidence, Position, Quote, Source
from ._timeline import StanceChange
from ._vocabulary import (
    ActorKind,
    EventType,
    FatalityQualifier,
    PositionBasis,
    QuoteKind,
    SourceKind,
    Stance,
    Topic,
)

Scalar = str | int | datetime.date | None
NameOf = Callable[[str], str | None]

#: Separator of list values in one cell.
DELIMITER: Final = "; "


@attrs.frozen
class Column:
    """One column of a flat table.

    Attributes:
        name: Column name.
        schema_type: Table Schema type: ``string``, ``integer`` or ``date``.
        description: What the column holds.
        get: Reads the cell from a record (and a resolver of actor names).
        enum: The allowed values, if the column holds an enum.
    """

    name: str
    schema_type: str
    description: str
    get: Callable[[Any, NameOf], Scalar]
    enum: type[enum.Enum] | None = None


@attrs.frozen(eq=False)
class Table:
    """A flat table: its name, its columns, its key and where its foreign keys point."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: Mapping[str, tuple[str, str]] = attrs.field(factory=dict)

    def rows(self, records: Iterable[Any], name_of: NameOf) -> list[dict[str, Scalar]]:
        """Return one dict per record, in column order."""
        return [{column.name: column.get(record, name_of) for column in self.columns} for record in records]


def _field(name: str) -> Callable[[Any, NameOf], Scalar]:
    def get(record: Any, _: NameOf) -> Scalar:
        value = getattr(record, name)
        return _scalar(value)

    return get


def _scalar(value: Any) -> Scalar:
    result: Scalar = value.value if isinstance(value, enum.Enum) else value
    return result


def _joined(name: str) -> Callable[[Any, NameOf], Scalar]:
    def get(record: Any, _: NameOf) -> Scalar:
        values = getattr(record, name)
        return DELIMITER.join(v.value if isinstance(v, enum.Enum) else v for v in values) or None

    return get


def _name(id_field: str) -> Callable[[Any, NameOf], Scalar]:
    def get(record: Any, name_of: NameOf) -> Scalar:
        actor_id = getattr(record, id_field)
        return None if actor_id is None else name_of(actor_id)

    return get


def _date_columns(field: str, what: str) -> tuple[Column, ...]:
    def bound(which: str) -> Callable[[Any, NameOf], Scalar]:
        def get(record: Any, _: NameOf) -> Scalar:
            date: PartialDate | None = getattr(record, field)
            return None if date is None else getattr(date, which)

        return get

    def edtf(record: Any, _: NameOf) -> Scalar:
        date: PartialDate | None = getattr(record, field)
        return None if date is None else str(date)

    return (
        Column(
            field,
            "string",
            f"{what}, as EDTF: YYYY, YYYY-MM or YYYY-MM-DD, '?' uncertain, '~' approximate",
            edtf,
        ),
        Column(f"{field}_earliest", "date", f"First day the {field} can be", bound("earliest")),
        Column(f"{field}_latest", "date", f"Last day the {field} can be", bound("latest")),
    )


def _evidence_cell(record: Any, _: NameOf) -> Scalar:
    spans: Sequence[Evidence] = record.evidence
    return DELIMITER.join(f"{e.source_id}:{e.start}-{e.end}" for e in spans) or None


def _fatalities(which: str) -> Callable[[Any, NameOf], Scalar]:
    def get(record: Any, _: NameOf) -> Scalar:
        if record.fatalities is None:
            return None
        return _scalar(getattr(record.fatalities, which))

    return get


def _plover(record: Any, _: NameOf) -> Scalar:
    plover: str | None = record.type.plover
    return plover


_ID = Column("id", "string", "Stable id of the record", _field("id"))
_NOTES = Column("notes", "string", "Basis of inferred dates and attributions", _field("notes"))
_EVIDENCE = Column("evidence", "string", "Spans as source_id:start-end, '; '-separated", _evidence_cell)

SOURCES = Table(
    "sources",
    (
        _ID,
        Column("title", "string", "Headline as printed", _field("title")),
        Column("outlet", "string", "Publishing outlet", _field("outlet")),
        Column("kind", "string", "Kind of publication", _field("kind"), SourceKind),
        *_date_columns("published", "Publication date"),
        Column("author", "string", "Author as stated", _field("author")),
        Column("sha256", "string", "SHA-256 of the document's UTF-8 text", _field("sha256")),
        _NOTES,
    ),
    ("id",),
)

ACTORS = Table(
    "actors",
    (
        _ID,
        Column("name", "string", "Canonical name", _field("name")),
        Column("kind", "string", "Kind of actor", _field("kind"), ActorKind),
        Column("aliases", "string", "Other spellings, '; '-separated", _joined("aliases")),
        Column("affiliation_id", "string", "Id of the actor this one belongs to", _field("affiliation_id")),
        Column("affiliation_name", "string", "Name of that actor", _name("affiliation_id")),
        Column("description", "string", "One line in the curators' words", _field("description")),
    ),
    ("id",),
    {"affiliation_id": ("actors", "id")},
)

QUOTES = Table(
    "quotes",
    (
        _ID,
        Column("text", "string", "The source's exact words, whitespace normalized", _field("text")),
        Column("speaker_id", "string", "Id of the speaker", _field("speaker_id")),
        Column("speaker_name", "string", "Name of the speaker", _name("speaker_id")),
        Column("source_id", "string", "Id of the source that reports it", _field("source_id")),
        Column("kind", "string", "direct, partial or reported", _field("kind"), QuoteKind),
        *_date_columns("date", "When it was said"),
        Column(
            "speaker_title", "string", "The speaker's title as the source gives it", _field("speaker_title")
        ),
        Column(
            "via",
            "string",
            "Ids of relaying actors, nearest the speaker first, '; '-separated",
            _joined("via"),
        ),
        Column("topics", "string", "Topics, '; '-separated", _joined("topics")),
        _EVIDENCE,
        _NOTES,
    ),
    ("id",),
    {"speaker_id": ("actors", "id"), "source_id": ("sources", "id")},
)

EVENTS = Table(
    "events",
    (
        _ID,
        Column("title", "string", "Short title in the curators' words", _field("title")),
        Column("type", "string", "Event type", _field("type"), EventType),
        Column("plover", "string", "The PLOVER event type, where one fits", _plover),
        *_date_columns("date", "When it happened or began"),
        *_date_columns("end_date", "When it ended"),
        Column("location", "string", "Where", _field("location")),
        Column(
            "participant_ids", "string", "Ids of participants, '; '-separated", _joined("participant_ids")
        ),
        Column("fatalities_count", "integer", "Death toll as stated", _fatalities("count")),
        Column(
            "fatalities_qualifier",
            "string",
            "How the toll is qualified",
            _fatalities("qualifier"),
            FatalityQualifier,
        ),
        Column("summary", "string", "What happened, in the curators' words", _field("summary")),
        _EVIDENCE,
        _NOTES,
    ),
    ("id",),
)

POSITIONS = Table(
    "positions",
    (
        _ID,
        Column("actor_id", "string", "Id of the actor holding it", _field("actor_id")),
        Column("actor_name", "string", "Name of that actor", _name("actor_id")),
        Column("topic", "string", "Topic", _field("topic"), Topic),
        Column("stance", "string", "support, oppose, neutral or mixed", _field("stance"), Stance),
        *_date_columns("date", "When the actor held it"),
        Column("basis", "string", "stated, reported or analysis", _field("basis"), PositionBasis),
        Column("summary", "string", "The position in the curators' words", _field("summary")),
        Column("quote_ids", "string", "Ids of supporting quotes, '; '-separated", _joined("quote_ids")),
        _EVIDENCE,
        _NOTES,
    ),
    ("id",),
    {"actor_id": ("actors", "id")},
)

STANCE_CHANGES = Table(
    "stance_changes",
    (
        Column("id", "string", "'<before id>-><after id>'", _field("id")),
        Column("topic", "string", "Topic whose stance moved", _field("topic"), Topic),
        Column("from_stance", "string", "Stance before the move", _field("from_stance"), Stance),
        Column("to_stance", "string", "Stance after the move", _field("to_stance"), Stance),
        *_date_columns("date", "When the new stance is first evidenced"),
        Column("before_id", "string", "Id of the last position before the move", lambda c, _: c.before.id),
        Column("after_id", "string", "Id of the first position after the move", lambda c, _: c.after.id),
        Column("actor_id", "string", "Id of the actor of the new position", lambda c, _: c.after.actor_id),
        Column("actor_name", "string", "Name of that actor", lambda c, name_of: name_of(c.after.actor_id)),
    ),
    ("id",),
)

#: The main table of each record class.
TABLES: Final[Mapping[type[Any], Table]] = {
    Source: SOURCES,
    Actor: ACTORS,
    Quote: QUOTES,
    Event: EVENTS,
    Position: POSITIONS,
    StanceChange: STANCE_CHANGES,
}


def _key(name: str) -> Callable[[Any, NameOf], Scalar]:
    # Link rows are plain dicts; each column reads its own key.
    def get(row: Any, _: NameOf) -> Scalar:
        return _scalar(row[name])

    return get


def _link(
    name: str,
    columns: tuple[tuple[str, str, str], ...],
    key: tuple[str, ...],
    refs: Mapping[str, tuple[str, str]],
) -> Table:
    built = tuple(Column(n, t, d, _key(n)) for n, t, d in columns)
    return Table(name, built, key, refs)


EVIDENCE_LINKS = _link(
    "evidence",
    (
        ("record_kind", "string", "quote, event or position"),
        ("record_id", "string", "Id of the record"),
        ("ordinal", "integer", "Order of the span within the record, from 0"),
        ("source_id", "string", "Id of the source"),
        ("start", "integer", "Offset of the span's first character"),
        ("end", "integer", "Offset one past the span's last character"),
    ),
    ("record_kind", "record_id", "ordinal"),
    {"source_id": ("sources", "id")},
)
PARTICIPANT_LINKS = _link(
    "event_participants",
    (("event_id", "string", "Id of the event"), ("actor_id", "string", "Id of a participant")),
    ("event_id", "actor_id"),
    {"event_id": ("events", "id"), "actor_id": ("actors", "id")},
)
QUOTE_LINKS = _link(
    "position_quotes",
    (("position_id", "string", "Id of the position"), ("quote_id", "string", "Id of a supporting quote")),
    ("position_id", "quote_id"),
    {"position_id": ("positions", "id"), "quote_id": ("quotes", "id")},
)
VIA_LINKS = _link(
    "quote_via",
    (
        ("quote_id", "string", "Id of the quote"),
        ("ordinal", "integer", "Place in the relay chain, from 0 (nearest the speaker)"),
        ("actor_id", "string", "Id of the relaying actor"),
    ),
    ("quote_id", "ordinal"),
    {"quote_id": ("quotes", "id"), "actor_id": ("actors", "id")},
)


def link_rows(
    quotes: Sequence[Quote], events: Sequence[Event], positions: Sequence[Position]
) -> dict[Table, list[dict[str, Any]]]:
    """Rows of the link tables that turn list fields into foreign keys."""
    evidence = [
        {"record_kind": kind, "record_id": record.id, "ordinal": i, **attrs.asdict(span)}
        for kind, records in (("quote", quotes), ("event", events), ("position", positions))
        for record in records
        for i, span in enumerate(record.evidence)
    ]
    return {
        EVIDENCE_LINKS: evidence,
        PARTICIPANT_LINKS: [
            {"event_id": e.id, "actor_id": a} for e in events for a in dict.fromkeys(e.participant_ids)
        ],
        QUOTE_LINKS: [
            {"position_id": p.id, "quote_id": q} for p in positions for q in dict.fromkeys(p.quote_ids)
        ],
        VIA_LINKS: [
            {"quote_id": q.id, "ordinal": i, "actor_id": a} for q in quotes for i, a in enumerate(q.via)
        ],
    }
