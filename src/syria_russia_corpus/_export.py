"""Writing a corpus out as CSV, JSON Lines, Parquet or a Frictionless Data Package."""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import json
import os
import stat
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, get_args

from ._coercion import require_path
from ._columns import DELIMITER, Cell, Column, Table, link_rows, table_of
from ._converter import unstructure
from ._files import UnusablePath, examine, what_is
from ._schema import KINDS
from ._version import DATA_VERSION
from .exceptions import ExportError, InvalidQueryError, MissingDependencyError
from .typing import ExportFormat

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows, which locks by creating the lock file
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from ._corpus import Corpus

FORMATS: Final = get_args(ExportFormat)

# A spreadsheet runs a cell that starts with one of these as a formula, even
# after leading white space; a tab or carriage return can start one too.
_FORMULA_STARTS: Final = ("=", "+", "-", "@")
_FORMULA_LEADS: Final = ("\t", "\r")

# Hidden names an export uses inside the directory it writes, and removes again.
_LOCK: Final = ".syria-russia-corpus-export.lock"
_STAGING: Final = ".syria-russia-corpus-export-"

# How long an export without flock waits for another to finish.
_LOCK_WAIT: Final = 60.0

_DATA_LICENSE: Final = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


def export(corpus: Corpus, directory: object, *, format: str, overwrite: bool) -> list[Path]:
    """Write *corpus* to *directory*; see :meth:`Corpus.export`."""
    if format not in FORMATS:
        raise InvalidQueryError(f"format {format!r} is not one of {', '.join(map(repr, FORMATS))}")
    root = require_path(directory, "directory")
    try:
        status = examine(root)
    except UnusablePath as reason:
        raise ExportError(f"cannot export to {root}: {reason}") from None
    if status is not None and not stat.S_ISDIR(status.st_mode):
        raise ExportError(f"{root} is {what_is(status.st_mode)}; export needs a directory to write into")
    files = _render(corpus, format)
    created: list[Path] = []
    try:
        created = _make_directory(root)
        with _locked(root):
            _check_targets(root, list(files), overwrite)
            _publish(root, files)
    except BaseException as error:
        _remove_empty(created)
        if isinstance(error, OSError) and not isinstance(error, ExportError):
            raise ExportError(f"cannot export to {root}: {_reason(error)}") from None
        raise
    return [root / name for name in files]


def _reason(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"{reason} ({error.filename})" if error.filename else reason


def _make_directory(root: Path) -> list[Path]:
    """Create *root* and its missing parents; return those created, outermost first."""
    missing = []
    for path in (root, *root.parents):
        if os.path.lexists(path):
            break
        missing.append(path)
    root.mkdir(parents=True, exist_ok=True)
    return missing[::-1]


def _remove_empty(directories: Sequence[Path]) -> None:
    """Remove the *directories* a failed export created, innermost first, while they are empty."""
    for path in reversed(directories):
        try:
            path.rmdir()
        except OSError:
            return


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    """Hold *root*'s export lock: one export at a time checks and writes the directory."""
    path = root / _LOCK
    handle = _acquire(path)
    try:
        yield
    finally:
        # Removed while still held: an export waiting on this file then finds it
        # gone and locks a new one, so that two never hold different files.
        path.unlink(missing_ok=True)
        os.close(handle)


def _acquire(path: Path) -> int:
    if fcntl is None:  # pragma: no cover - Windows
        return _acquire_by_creating(path)
    while True:
        # Not through a symbolic link: one at the lock's name is refused (ELOOP), not followed.
        handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            if _is_file_at(handle, path):
                return handle
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)


def _is_file_at(handle: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle), os.stat(path))
    except FileNotFoundError:
        return False


def _acquire_by_creating(path: Path) -> int:  # pragma: no cover - Windows
    deadline = time.monotonic() + _LOCK_WAIT
    while True:
        try:
            return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            if time.monotonic() > deadline:
                raise ExportError(
                    f"another export has held {path} for {_LOCK_WAIT:.0f} s; if none is running, remove it"
                ) from None
            time.sleep(0.05)


def _check_targets(root: Path, names: Sequence[str], overwrite: bool) -> None:
    """Refuse, before anything is written, an export that would overwrite unasked or replace a directory."""
    # lexists: a symbolic link, even one that leads nowhere, is something there.
    existing = sorted(name for name in names if os.path.lexists(root / name))
    if existing and not overwrite:
        raise ExportError(
            f"{root} already holds {', '.join(existing)}; pass overwrite=True (--overwrite) to replace them"
        )
    directories = [name for name in existing if stat.S_ISDIR(os.lstat(root / name).st_mode)]
    if directories:
        raise ExportError(
            f"{root} holds a directory called {', '.join(directories)}; an export replaces only files"
        )


def _publish(root: Path, files: Mapping[str, bytes]) -> None:
    """Write *files* beside *root*'s and move them in, all or none.

    Each file is written whole into a staging directory inside *root*, so that
    a full disk stops the export before anything is replaced. Replaced files
    wait in the staging directory until every new file is in place; if one
    cannot be moved in, the files moved so far are taken out and the old ones
    put back.
    """
    staging = Path(tempfile.mkdtemp(dir=root, prefix=_STAGING))
    old = staging / "replaced"
    old.mkdir()
    try:
        for name, content in files.items():
            _write_private(staging / name, content)
        _move_in(root, list(files), staging, old)
    finally:
        # File by file, never a tree: whatever the staging directory holds that an
        # export did not put there is left, not deleted.
        for path in (*(staging / name for name in files), *(old / name for name in files)):
            with contextlib.suppress(OSError):
                path.unlink()
        with contextlib.suppress(OSError):
            old.rmdir()
            staging.rmdir()


def _write_private(path: Path, content: bytes) -> None:
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(handle, "wb") as stream:
        # 0600 whatever the umask: the mode is set on the open file, not left to creation.
        if hasattr(os, "fchmod"):
            os.fchmod(handle, 0o600)
        stream.write(content)
        stream.flush()
        os.fsync(handle)


def _move_in(root: Path, names: Sequence[str], staging: Path, old: Path) -> None:
    set_aside: list[str] = []
    placed: list[str] = []
    try:
        for name in names:
            if os.path.lexists(root / name):
                os.replace(root / name, old / name)
                set_aside.append(name)
            os.replace(staging / name, root / name)
            placed.append(name)
    except BaseException:
        for name in reversed(placed):
            with contextlib.suppress(OSError):
                os.replace(root / name, staging / name)
        for name in reversed(set_aside):
            with contextlib.suppress(OSError):
                os.replace(old / name, root / name)
        raise


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
    # Every cell quoted: before Python 3.13, minimal quoting writes a lone carriage
    # return bare, readers start a new row there, and the rest of the cell
    # becomes a first cell that nothing neutralised.
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
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
    if isinstance(value, str) and (
        value.startswith(_FORMULA_LEADS) or value.lstrip().startswith(_FORMULA_STARTS)
    ):
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
