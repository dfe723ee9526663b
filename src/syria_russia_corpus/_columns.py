"""One column model of every table: exports, pandas, text and HTML tables, the CLI.

A record class's columns are derived from its attrs fields, their types, the
descriptions in its ``Attributes:`` docstring and the schema's references: a
new field is a new column everywhere without a line here.
"""

from __future__ import annotations

import datetime
import enum
import inspect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, get_args, get_origin

import attrs

from ._dates import PartialDate
from ._records import Event, Evidence
from ._schema import ACTORS, EVIDENCE_SOURCE, KINDS, SEARCHED, RecordKind, kind_of, record_kind, spanned_kinds
from ._stance import StanceChange
from ._vocabulary import PositionBasis, Stance

if TYPE_CHECKING:
    from ._collection import Records

Cell = str | int | bool | datetime.date | tuple[str, ...] | None
Names = Callable[[str], "str | None"]
CellType = Literal["string", "integer", "boolean", "date", "list"]

#: Separator of list values in one text cell (CSV, text tables).
DELIMITER: Final = "; "


@attrs.frozen
class Column:
    """One column of a table.

    Attributes:
        name: Column name; never an SQL reserved word.
        cell_type: ``string``, ``integer``, ``boolean``, ``date`` or ``list`` (of strings).
        description: What the column holds.
        get: Reads the cell from a record, given a resolver of actor names.
        enum: The allowed values, if the column holds an enum or a list of one.
        edtf: Whether it holds a date as EDTF, which a display never cuts or breaks.
    """

    name: str
    cell_type: CellType
    description: str
    get: Callable[[Any, Names], Cell] = attrs.field(eq=False)
    enum: type[enum.Enum] | None = None
    edtf: bool = False


@attrs.frozen(eq=False)
class Table:
    """A table: its name, its columns, its key and where its foreign keys point."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: Mapping[str, tuple[str, str]] = attrs.field(factory=dict)

    def rows(self, records: Iterable[Any], names: Names) -> list[dict[str, Cell]]:
        """One dict per record, in column order."""
        return [{column.name: column.get(record, names) for column in self.columns} for record in records]

    def column(self, name: str) -> Column:
        """The column called *name*."""
        return next(column for column in self.columns if column.name == name)


# -- deriving columns from fields -------------------------------------------------


def _attribute_docs(cls: type[Any]) -> dict[str, str]:
    """The one-line description of each attribute in *cls*'s ``Attributes:`` docstring."""
    doc = inspect.getdoc(cls) or ""
    section = doc.split("Attributes:", 1)[1] if "Attributes:" in doc else ""
    entries = re.findall(r"^ {4}(\w+): (.+?)(?=^ {4}\w+:|^\S|\Z)", section, re.MULTILINE | re.DOTALL)
    return {name: " ".join(text.split()).split(". ")[0].rstrip(".") for name, text in entries}


def _plain(value: Any) -> Cell:
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return tuple(str(v.value) if isinstance(v, enum.Enum) else str(v) for v in value)
    result: Cell = value
    return result


def _reader(path: str) -> Callable[[Any, Names], Cell]:
    names = path.split(".")

    def get(record: Any, _: Names) -> Cell:
        value = record
        for name in names:
            value = None if value is None else getattr(value, name)
        return _plain(value)

    return get


def _names_of(field: str, many: bool) -> Callable[[Any, Names], Cell]:
    def get(record: Any, names: Names) -> Cell:
        value = getattr(record, field)
        if many:
            return tuple(names(i) or i for i in value)
        return None if value is None else names(value)

    return get


def _date_columns(field: str, description: str) -> tuple[Column, ...]:
    def bound(which: str) -> Callable[[Any, Names], Cell]:
        def get(record: Any, _: Names) -> Cell:
            date: PartialDate | None = getattr(record, field)
            return None if date is None else getattr(date, which)

        return get

    def edtf(record: Any, _: Names) -> Cell:
        date: PartialDate | None = getattr(record, field)
        return None if date is None else str(date)

    return (
        Column(field, "string", f"{description}, as EDTF ('?' uncertain, '~' approximate)", edtf, edtf=True),
        Column(f"{field}_earliest", "date", f"First day the {field} can be", bound("earliest")),
        Column(f"{field}_latest", "date", f"Last day the {field} can be", bound("latest")),
    )


def _spans(record: Any, _: Names) -> Cell:
    spans: Sequence[Evidence] = record.evidence
    return tuple(f"{span.source_id}:{span.start}-{span.end}" for span in spans)


def _list_column(name: str, item: Any, description: str) -> Column:
    if item is Evidence:
        return Column(name, "list", f"{description}, as source_id:start-end", _spans)
    members = item if isinstance(item, type) and issubclass(item, enum.Enum) else None
    return Column(name, "list", description, _reader(name), members)


def _field_columns(cls: type[Any], field: attrs.Attribute[Any], description: str) -> tuple[Column, ...]:
    name, type_ = field.name, field.type
    options = (
        [arg for arg in get_args(type_) if arg is not type(None)] if get_origin(type_) is not tuple else []
    )
    base: Any = options[0] if len(options) == 1 else type_
    if base is PartialDate:
        return _date_columns(name, description)
    if get_origin(base) is tuple:
        return (_list_column(name, get_args(base)[0], description),)
    if isinstance(base, type) and issubclass(base, enum.Enum):
        return (Column(name, "string", description, _reader(name), base),)
    if kind_of(base) is not None:
        return (
            Column(
                f"{name}_id",
                "string",
                f"Id of {description[:1].lower()}{description[1:]}",
                _reader(f"{name}.id"),
            ),
        )
    if attrs.has(base):
        return tuple(
            attrs.evolve(column, name=f"{name}_{column.name}", get=_reader(f"{name}.{column.name}"))
            for column in columns_of(base)
        )
    cell_type: CellType = "boolean" if base is bool else "integer" if base is int else "string"
    return (Column(name, cell_type, description, _reader(name)),)


def _name_columns(cls: type[Any]) -> dict[str, Column]:
    """A column of resolved actor names after each field that refers to actors, by field."""
    kind = kind_of(cls)
    columns = {}
    for reference in kind.references if kind else ():
        if reference.target == ACTORS.collection:
            stem = reference.field.removesuffix("_ids").removesuffix("_id")
            label = f"{stem}_names" if reference.many else f"{stem}_name"
            columns[reference.field] = Column(
                label,
                "list" if reference.many else "string",
                f"Actor names of {reference.field}",
                _names_of(reference.field, reference.many),
            )
    return columns


# Columns that are not fields: knowledge the vocabulary or the stance logic holds.
_EXTRA: Final[Mapping[type[Any], tuple[Column, ...]]] = {
    Event: (Column("plover", "string", "The PLOVER event type, where one fits", lambda e, _: e.type.plover),),
    StanceChange: (
        Column("id", "string", "'<before id>-><after id>'", _reader("id")),
        *_date_columns("date", "When the new stance is first evidenced"),
        Column("from_stance", "string", "Stance before the move", _reader("from_stance"), Stance),
        Column("to_stance", "string", "Stance after the move", _reader("to_stance"), Stance),
        Column(
            "from_basis",
            "string",
            "Basis of the position before the move",
            _reader("before.basis"),
            PositionBasis,
        ),
        Column(
            "to_basis",
            "string",
            "Basis of the position after the move",
            _reader("after.basis"),
            PositionBasis,
        ),
        Column(
            "actor_name", "string", "Name of the actor whose stance moved", lambda c, names: names(c.actor_id)
        ),
        Column("summary", "string", "The new position in the curators' words", _reader("after.summary")),
    ),
}


def columns_of(cls: type[Any]) -> tuple[Column, ...]:
    """Every column of a table of *cls* records, in field order."""
    attrs.resolve_types(cls)
    descriptions = _attribute_docs(cls)
    names = _name_columns(cls)
    columns: list[Column] = []
    for field in attrs.fields(cls):
        columns += _field_columns(cls, field, descriptions.get(field.name, field.name))
        if field.name in names:
            columns.append(names[field.name])
    columns += _EXTRA.get(cls, ())
    return tuple(columns)


_TABLES: dict[type[Any], Table] = {}


def table_of(cls: type[Any]) -> Table:
    """The table of *cls* records, with its key and foreign keys; built once per class."""
    table = _TABLES.get(cls)
    if table is None:
        kind = kind_of(cls)
        singles = {r.field: (r.target, "id") for r in kind.references if not r.many} if kind else {}
        name = kind.collection if kind else re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower() + "s"
        table = _TABLES[cls] = Table(name, columns_of(cls), ("id",), singles)
    return table


# -- mixed results and link tables ---------------------------------------------------


def _text_of(record: Any, _: Names) -> Cell:
    kind = kind_of(type(record))
    return None if kind is None else str(getattr(record, kind.text_field))


def _names_of_kinds(kinds: Iterable[RecordKind[Any]]) -> str:
    names = [kind.name for kind in kinds]
    return f"{', '.join(names[:-1])} or {names[-1]}"


_SEARCHED_NAMES: Final = _names_of_kinds(SEARCHED)
_SPANNED_NAMES: Final = _names_of_kinds(spanned_kinds())

MIXED: Final = Table(
    "records",
    (
        Column("record_type", "string", _SEARCHED_NAMES, lambda r, _: record_kind(r).name),
        Column("id", "string", "Stable id of the record", _reader("id")),
        *_date_columns("date", "When it was said, happened or held"),
        Column("text", "string", "The quote's text, the event's title or the position's summary", _text_of),
    ),
    ("record_type", "id"),
)


def table_for(records: Records[Any]) -> Table:
    """The table of *records*: their class's, or the mixed one for search results."""
    return MIXED if records.kind is None else table_of(records.kind)


def _no_names(_: str) -> None:
    return None


def _key(name: str) -> Callable[[Any, Names], Cell]:
    def get(row: Any, _: Names) -> Cell:
        value: Cell = row[name]
        return value

    return get


def _link(
    name: str,
    columns: Sequence[tuple[str, CellType, str]],
    key: tuple[str, ...],
    refs: Mapping[str, tuple[str, str]],
) -> Table:
    return Table(name, tuple(Column(n, t, d, _key(n)) for n, t, d in columns), key, refs)


# A span's columns are its Evidence fields', anchor included; "start" and "end"
# are reserved words in SQL, so they are named for the span.
_SPAN_COLUMNS: Final = tuple(
    attrs.evolve(column, name={"start": "span_start", "end": "span_end"}.get(column.name, column.name))
    for column in columns_of(Evidence)
)

EVIDENCE_LINKS: Final = _link(
    "evidence",
    (
        ("record_type", "string", _SPANNED_NAMES),
        ("record_id", "string", "Id of the record"),
        ("ordinal", "integer", "Order of the span within the record, from 0"),
        *((column.name, column.cell_type, column.description) for column in _SPAN_COLUMNS),
    ),
    ("record_type", "record_id", "ordinal"),
    {EVIDENCE_SOURCE.field: (EVIDENCE_SOURCE.target, "id")},
)


def _reference_links() -> dict[tuple[str, str], Table]:
    """A link table for each field that holds many ids, such as ``event_participants``."""
    links = {}
    for kind in KINDS:
        for reference in kind.references:
            if not reference.many:
                continue
            target = reference.target[:-1]
            plural = "s" if reference.field.endswith("_ids") else ""
            name = f"{kind.name}_{reference.field.removesuffix('_ids')}{plural}"
            links[(kind.collection, reference.field)] = _link(
                name,
                (
                    (f"{kind.name}_id", "string", f"Id of the {kind.name}"),
                    ("ordinal", "integer", f"Place in the {kind.name}'s {reference.field}, from 0"),
                    (f"{target}_id", "string", f"Id of the {target}"),
                ),
                (f"{kind.name}_id", "ordinal"),
                {f"{kind.name}_id": (kind.collection, "id"), f"{target}_id": (reference.target, "id")},
            )
    return links


REFERENCE_LINKS: Final = _reference_links()


def link_rows(collections: Mapping[str, Sequence[Any]]) -> dict[Table, list[dict[str, Cell]]]:
    """Rows of the link tables that turn list fields into foreign keys."""
    tables: dict[Table, list[dict[str, Cell]]] = {
        EVIDENCE_LINKS: [
            {
                "record_type": kind.name,
                "record_id": record.id,
                "ordinal": ordinal,
                **{column.name: column.get(span, _no_names) for column in _SPAN_COLUMNS},
            }
            for kind in spanned_kinds()
            for record in collections[kind.collection]
            for ordinal, span in enumerate(record.evidence)
        ]
    }
    for (collection, field), table in REFERENCE_LINKS.items():
        owner, _, target = (column.name for column in table.columns)
        tables[table] = [
            {owner: record.id, "ordinal": ordinal, target: value}
            for record in collections[collection]
            for ordinal, value in enumerate(getattr(record, field))
        ]
    return tables
