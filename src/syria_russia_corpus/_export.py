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
from typing import TYPE_CHECKING, Any, Final

from ._loading import unstructure
from ._tables import ACTORS, EVENTS, POSITIONS, QUOTES, SOURCES, Column, Scalar, Table, link_rows
from .exceptions import ExportError, InvalidQueryError, MissingDependencyError

if TYPE_CHECKING:
    from ._corpus import Corpus

FORMATS: Final = ("csv", "jsonl", "parquet", "datapackage")

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")

_DATA_LICENSE: Final = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


def export(
    corpus: Corpus, directory: str | Path, *, format: str = "csv", overwrite: bool = False
) -> list[Path]:
    """Write *corpus* to *directory*; see :func:`syria_russia_corpus.export`."""
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
    return [_write_atomically(root / name, content) for name, content in files.items()]


def _render(corpus: Corpus, format: str) -> dict[str, bytes]:
    if format == "jsonl":
        return {f"{table.name}.jsonl": _jsonl(records) for table, records in _main(corpus).items()}
    tables = _tables_of(corpus)
    if format == "parquet":
        return {f"{table.name}.parquet": _parquet(table, rows) for table, rows in tables.items()}
    files = {f"{table.name}.csv": _csv(table, rows) for table, rows in tables.items()}
    if format == "datapackage":
        files["datapackage.json"] = _descriptor(corpus, list(tables)).encode("utf-8")
    return files


def _main(corpus: Corpus) -> dict[Table, Sequence[Any]]:
    return {
        SOURCES: corpus.sources(),
        ACTORS: corpus.actors(),
        QUOTES: corpus.quotes(),
        EVENTS: corpus.events(),
        POSITIONS: corpus.positions(),
    }


def _tables_of(corpus: Corpus) -> dict[Table, list[dict[str, Any]]]:
    tables = {table: table.rows(records, corpus._name_of) for table, records in _main(corpus).items()}
    tables.update(link_rows(corpus.quotes(), corpus.events(), corpus.positions()))
    return tables


def _jsonl(records: Sequence[Any]) -> bytes:
    lines = (json.dumps(unstructure(record), ensure_ascii=False) + "\n" for record in records)
    return "".join(lines).encode("utf-8")


def _csv(table: Table, rows: Sequence[Mapping[str, Scalar]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(column.name for column in table.columns)
    writer.writerows([csv_cell(row[column.name]) for column in table.columns] for row in rows)
    return buffer.getvalue().encode("utf-8")


def csv_cell(value: Scalar) -> str | int:
    """A CSV cell for *value*: dates as ISO, None as empty, formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _parquet(table: Table, rows: Sequence[Mapping[str, Scalar]]) -> bytes:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingDependencyError("pyarrow", "parquet", "Parquet export") from None
    types = {"string": pa.string(), "integer": pa.int64(), "date": pa.date32()}
    schema = pa.schema([pa.field(c.name, types[c.schema_type]) for c in table.columns])
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(list(rows), schema=schema), buffer)
    return buffer.getvalue()


def _descriptor(corpus: Corpus, tables: Sequence[Table]) -> str:
    from . import DATA_VERSION

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
        "created": _created(corpus),
        "resources": [_resource(table) for table in tables],
    }
    return json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"


def _created(corpus: Corpus) -> str:
    # Deterministic: the newest publication date, so two exports are byte-identical.
    latest = max(
        (source.published.latest for source in corpus.sources()), default=datetime.date(2015, 12, 31)
    )
    return f"{latest.isoformat()}T00:00:00Z"


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
        "type": column.schema_type,
        "description": column.description,
    }
    constraints: dict[str, Any] = {}
    if in_key:
        constraints["required"] = True
    if column.enum is not None:
        constraints["enum"] = [member.value for member in column.enum]
    if column.schema_type == "integer" and column.name in ("start", "end", "ordinal"):
        constraints["minimum"] = 0
    if constraints:
        field["constraints"] = constraints
    return field


def _write_atomically(path: Path, content: bytes) -> Path:
    # A reader never sees half a file, and a failed export leaves no partial file behind.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
