"""Writing a corpus out as CSV, JSON Lines, Parquet or a Frictionless Data Package."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, get_args

from ._columns import DELIMITER, Cell, Column, Table, link_rows, table_of
from ._converter import unstructure
from ._schema import KINDS
from ._version import DATA_VERSION
from .exceptions import ExportError, InvalidQueryError, MissingDependencyError
from .typing import ExportFormat

if TYPE_CHECKING:
    from ._corpus import Corpus

FORMATS: Final = get_args(ExportFormat)

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")

_DATA_LICENSE: Final = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


def export(corpus: Corpus, directory: str | Path, *, format: str, overwrite: bool) -> list[Path]:
    """Write *corpus* to *directory*; see :meth:`Corpus.export`."""
    if format not in FORMATS:
        raise InvalidQueryError(f"format {format!r} is not one of {', '.join(map(repr, FORMATS))}")
    root = Path(directory)
    if root.exists() and not root.is_dir():
        raise ExportError(f"{root} is a file; export needs a directory to write into")
    files = _render(corpus, format)
    existing = sorted(name for name in files if (root / name).exists())
    if existing and not overwrite:
        raise ExportError(
            f"{root} already holds {', '.join(existing)}; pass overwrite=True (--overwrite) to replace them"
        )
    root.mkdir(parents=True, exist_ok=True)
    return [write_atomically(root / name, content) for name, content in files.items()]


def _render(corpus: Corpus, format: str) -> dict[str, bytes]:
    collections = {kind.collection: getattr(corpus, kind.collection)() for kind in KINDS}
    if format == "json":
        return {f"{name}.json": _json(records) for name, records in collections.items()}
    if format == "jsonl":
        return {f"{name}.jsonl": _jsonl(records) for name, records in collections.items()}
    tables: dict[Table, Sequence[Any]] = {
        table_of(kind.record_class): table_of(kind.record_class).rows(
            collections[kind.collection], corpus.actor_name
        )
        for kind in KINDS
    }
    tables.update(link_rows(collections))
    if format == "parquet":
        return {f"{table.name}.parquet": _parquet(table, rows) for table, rows in tables.items()}
    files = {f"{table.name}.csv": csv_bytes(table, rows) for table, rows in tables.items()}
    if format == "datapackage":
        files["datapackage.json"] = _descriptor(list(tables)).encode("utf-8")
    return files


def _json(records: Sequence[Any]) -> bytes:
    # The layout of the package data, byte for byte, so that from_path reads it back.
    text = json.dumps([unstructure(record) for record in records], indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def _jsonl(records: Sequence[Any]) -> bytes:
    lines = (json.dumps(unstructure(record), ensure_ascii=False) + "\n" for record in records)
    return "".join(lines).encode("utf-8")


def csv_bytes(table: Table, rows: Sequence[Mapping[str, Cell]]) -> bytes:
    """*rows* of *table* as CSV, header first."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(column.name for column in table.columns)
    writer.writerows([csv_cell(row[column.name]) for column in table.columns] for row in rows)
    return buffer.getvalue().encode("utf-8")


def csv_cell(value: Cell) -> str | int:
    """A CSV cell for *value*: dates as ISO, lists joined, None as empty, formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple):
        value = DELIMITER.join(value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _parquet(table: Table, rows: Sequence[Mapping[str, Cell]]) -> bytes:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingDependencyError("pyarrow", "parquet", "Parquet export") from None
    types = {
        "string": pa.string(),
        "integer": pa.int64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "list": pa.list_(pa.string()),
    }
    schema = pa.schema([pa.field(c.name, types[c.cell_type]) for c in table.columns])
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(list(rows), schema=schema), buffer)
    return buffer.getvalue()


def _descriptor(tables: Sequence[Table]) -> str:
    descriptor = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "syria-russia-corpus",
        "title": "Russia's stance on the Syrian conflict, 2012-2015",
        "description": (
            "Quotes, events, actors and positions hand-curated from five source documents, "
            "each traced to character offsets in its source."
        ),
        "version": DATA_VERSION,
        "licenses": [_DATA_LICENSE],
        "created": _created(),
        "resources": [_resource(table) for table in tables],
    }
    return json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"


def _created() -> str:
    # When the package was written, as the data package standard asks; the data's own
    # version is in "version".
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    return now.isoformat().replace("+00:00", "Z")


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_schema_field(column, column.name in table.primary_key) for column in table.columns],
        "primaryKey": list(table.primary_key),
        "missingValues": [""],
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": [field], "reference": {"resource": resource, "fields": [key]}}
            for field, (resource, key) in table.foreign_keys.items()
        ]
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "type": "table",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def _schema_field(column: Column, in_key: bool) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": "string" if column.cell_type == "list" else column.cell_type,
        "description": column.description,
    }
    constraints: dict[str, Any] = {}
    if in_key:
        constraints["required"] = True
    if column.enum is not None and column.cell_type != "list":
        constraints["enum"] = [member.value for member in column.enum]
    if column.cell_type == "integer":
        constraints["minimum"] = 0
    if constraints:
        field["constraints"] = constraints
    return field


def write_atomically(path: Path, content: bytes) -> Path:
    """Write *content* to *path* through a temporary file beside it; return *path*."""
    # A reader never sees half a file, and a failed write leaves no partial file behind.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
