"""The five record kinds, declared once: file, class, names and references.

Everything that walks a corpus kind by kind (loading, integrity, indexes,
tables, exports, the command line) reads this module instead of naming the
kinds itself. A new reference between kinds is one line here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, Generic, TypeVar

import attrs

from ._records import Actor, Event, Position, Quote, Source
from .exceptions import ArgumentTypeError

R = TypeVar("R")


@attrs.frozen
class Reference:
    """A field that holds the id (or ids) of records of another kind.

    Attributes:
        field: The field's name, such as ``"speaker_id"``.
        target: The collection it refers to, such as ``"actors"``.
        many: Whether the field holds a tuple of ids.
    """

    field: str
    target: str
    many: bool = False

    def ids(self, record: object) -> tuple[str, ...]:
        """The ids *record* refers to through this field."""
        value = getattr(record, self.field)
        if self.many:
            ids: tuple[str, ...] = value
            return ids
        return () if value is None else (value,)


@attrs.frozen
class RecordKind(Generic[R]):
    """One kind of record and how a corpus holds it.

    Attributes:
        name: The singular, such as ``"quote"``.
        collection: The plural, the name of its file and its method, such as ``"quotes"``.
        record_class: The attrs class of its records.
        references: Its fields that refer to other records.
        text_field: The field that says what a record is in one line.
        date_field: The date its records are ordered by, or None to order them by id.
        searched_fields: The fields :meth:`Corpus.search` reads, or none for a
            kind it does not search.
        has_evidence: Whether its records carry evidence spans, read once
            from the class.
    """

    name: str
    collection: str
    record_class: type[R]
    references: tuple[Reference, ...]
    text_field: str
    date_field: str | None = None
    searched_fields: tuple[str, ...] = ()
    has_evidence: bool = attrs.field(init=False)

    @has_evidence.default
    def _carries_evidence(self) -> bool:
        return "evidence" in attrs.fields_dict(self.record_class)  # type: ignore[arg-type]

    @property
    def file_name(self) -> str:
        """The JSON file that holds the records, such as ``"quotes.json"``."""
        return f"{self.collection}.json"


SOURCES: Final = RecordKind("source", "sources", Source, (), "title", date_field="published")
ACTORS: Final = RecordKind("actor", "actors", Actor, (Reference("affiliation_id", "actors"),), "name")
QUOTES: Final = RecordKind(
    "quote",
    "quotes",
    Quote,
    (
        Reference("speaker_id", "actors"),
        Reference("source_id", "sources"),
        Reference("via", "actors", many=True),
    ),
    "text",
    date_field="date",
    searched_fields=("text",),
)
EVENTS: Final = RecordKind(
    "event",
    "events",
    Event,
    (Reference("participant_ids", "actors", many=True),),
    "title",
    date_field="date",
    searched_fields=("title", "summary"),
)
POSITIONS: Final = RecordKind(
    "position",
    "positions",
    Position,
    (Reference("actor_id", "actors"), Reference("quote_ids", "quotes", many=True)),
    "summary",
    date_field="date",
    searched_fields=("summary",),
)

#: The reference of every evidence span, whatever record holds it: the source whose text holds it.
EVIDENCE_SOURCE: Final = Reference("source_id", "sources")

#: Every kind, in the order a corpus is read: each refers only to kinds before it or to itself.
KINDS: Final[tuple[RecordKind[Any], ...]] = (SOURCES, ACTORS, QUOTES, EVENTS, POSITIONS)

#: The kinds :meth:`Corpus.search` searches, in the order it names them.
SEARCHED: Final = tuple(kind for kind in KINDS if kind.searched_fields)

_BY_CLASS: Final[Mapping[type[Any], RecordKind[Any]]] = {kind.record_class: kind for kind in KINDS}
_BY_COLLECTION: Final[Mapping[str, RecordKind[Any]]] = {kind.collection: kind for kind in KINDS}


def kind_of(record_class: type[R]) -> RecordKind[R] | None:
    """The kind whose records are of *record_class*, or None for other classes."""
    return _BY_CLASS.get(record_class)


def record_kind(record: object) -> RecordKind[Any]:
    """The kind of *record*, which must be an instance of one of the five record classes.

    Raises:
        ArgumentTypeError: *record* is not a record.
    """
    kind = _BY_CLASS.get(type(record))
    if kind is None:
        classes = ", ".join(kind.record_class.__name__ for kind in KINDS)
        raise ArgumentTypeError(f"expected a record ({classes}), got {type(record).__name__}")
    return kind


def class_names(kind: type[Any] | None, items: Iterable[object]) -> str:
    """How records of *kind* are named, or of the classes of *items* for a mix (None).

    Example:
        >>> class_names(None, ["a", 1, "b"])
        'str | int'
    """
    classes = [kind] if kind else list(dict.fromkeys(type(item) for item in items))
    return " | ".join(cls.__name__ for cls in classes) or "Any"


def kind_named(collection: str) -> RecordKind[Any]:
    """The kind held in *collection*, such as ``"quotes"``."""
    return _BY_COLLECTION[collection]


def spanned_kinds() -> Iterator[RecordKind[Any]]:
    """The kinds whose records carry evidence."""
    return (kind for kind in KINDS if kind.has_evidence)
