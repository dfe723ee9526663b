"""Reading a corpus's JSON files into records, kind by kind, as the schema lists them.

Structuring takes a fast path: cattrs' generated hooks, record by record.
Only a record that fails is examined field by field, so that the error can
name the file, the record, the field and the value without slowing the
common case down.

Nothing here raises on bad data: every problem of every file is collected,
and the items that could not be read are kept beside the records that could,
so that the integrity rules judge the records without calling the others' ids
dangling.
"""

from __future__ import annotations

import functools
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, TypeVar, get_args

import attrs

from ._coercion import require_path
from ._converter import BadValue, brief, converter, is_tuple, json_type, unstructure
from ._dates import PartialDate
from ._schema import KINDS, RecordKind
from .exceptions import CorpusDataError, CorpusError

R = TypeVar("R")

#: The records of one corpus: each kind's collection name to its records.
RecordSet = Mapping[str, tuple[Any, ...]]

#: Where a file's problems are said to be, from its file name.
Label = Callable[[str], str]

# Large enough for a million quotes; a file past it is a mistake, not a corpus.
MAX_FILE_BYTES: Final = 1 << 30

# Read in pieces of this size once a file outgrows what its size promised (a
# /proc file says 0), so that the cap holds without a cap-sized buffer.
_CHUNK: Final = 1 << 20

# The files that tell another export format, in the order looked for: a datapackage has csv files too.
_OTHER_FORMATS: Final = (
    ("datapackage", "datapackage.json"),
    ("jsonl", "*.jsonl"),
    ("parquet", "*.parquet"),
    ("csv", "*.csv"),
)

# What a path that is not a regular file is, by the letter ``ls -l`` shows.
_FILE_TYPES: Final = {"d": "a directory", "p": "a FIFO", "c": "a device", "b": "a device"}


@attrs.frozen
class Parsed:
    """What reading a corpus yielded, sound or not, for the integrity rules to judge.

    Attributes:
        records: Each kind's records that could be read, by collection name.
        unread: Each kind's items that could not be read into records, as the
            file holds them, so that their ids and affiliations still count;
            None for a file that could not be read at all, whose records are
            unknown.
        problems: One line per problem found in reading.
        label: Where the problems of a file are, from its file name.
    """

    records: RecordSet
    unread: Mapping[str, tuple[Any, ...] | None]
    problems: tuple[str, ...]
    label: Label


def read_bundled() -> Parsed:
    """Read and structure the corpus shipped inside the package."""
    # Imported here: importlib.resources pulls in tempfile and shutil, which
    # importing the package should not pay for.
    if sys.version_info >= (3, 11):
        from importlib.resources import files
    else:  # pragma: no cover - exercised on Python 3.10 only
        from importlib_resources import files

    data = files("syria_russia_corpus").joinpath("data")
    try:
        texts = {kind.file_name: data.joinpath(kind.file_name).read_text(encoding="utf-8") for kind in KINDS}
    except OSError as error:
        raise CorpusDataError(
            [f"the package data is incomplete ({error}); reinstall syria-russia-corpus"]
        ) from None
    return parse_texts(texts)


def read_directory(directory: object) -> Parsed:
    """Read and structure a corpus from *directory*, laid out like the package data."""
    root = require_path(directory, "directory")
    if not root.is_dir():
        names = ", ".join(kind.file_name for kind in KINDS)
        raise CorpusDataError([f"{root}: not a directory; pass the folder that holds {names}"])
    other = _other_format(root)
    if other is not None:
        raise CorpusDataError([other])
    texts: dict[str, str | None] = {}
    problems: list[str] = []
    for kind in KINDS:
        try:
            texts[kind.file_name] = _read_text(root / kind.file_name)
        except BadValue as error:
            problems.append(f"{root / kind.file_name}: {error}")
            texts[kind.file_name] = None
    return parse_texts(texts, label=labels_in(root), problems=problems)


def _other_format(root: Path) -> str | None:
    """What a folder with none of the corpus's files but another export format's is told to do."""
    if any(os.path.lexists(root / kind.file_name) for kind in KINDS):
        return None
    for export_format, pattern in _OTHER_FORMATS:
        found = sorted(path.name for path in root.glob(pattern))
        if found:
            shown = ", ".join(found[:3]) + (", ..." if len(found) > 3 else "")
            return (
                f"{root}: holds a {export_format} export ({shown}), not the json files this reads; "
                'export the corpus with format="json" (command line: export DIR --format json) and read '
                "that folder"
            )
    return None


def read_file(path: Path, kind: RecordKind[R]) -> tuple[list[Any], tuple[R, ...]]:
    """The items of one file of *kind*, as the file holds them, and the records they are.

    Raises:
        CorpusDataError: The file cannot be read, is not a JSON array, or an
            item is not a record of *kind*; every problem is named.
    """
    where = str(path)
    try:
        items, repeated = parse_json(_read_text(path))
    except BadValue as error:
        raise CorpusDataError([f"{where}: {error}"]) from None
    problems = [problem for _, problem in _repeated_key_problems(items, where)] if repeated else []
    records, _, found = structure_all(kind, items, where)
    if problems or found:
        raise CorpusDataError([*problems, *found])
    return items, records


def labels_in(root: Path) -> Label:
    """How problems name a file of the folder *root*: by its path."""
    return functools.partial(_path_in, root)


def _path_in(root: Path, name: str) -> str:
    return str(root / name)


def read_objects(given: Mapping[str, object]) -> Parsed:
    """Check record objects, by collection name, as files are checked: through the converter."""
    label: Label = lambda name: name.removesuffix(".json")  # noqa: E731 - one expression, named for its type
    items: dict[str, list[Any] | None] = {}
    problems: list[str] = []
    for kind in KINDS:
        items[kind.collection] = _unstructured(kind, given[kind.collection], problems)
    return _structure_kinds(items, label, problems)


def parse_texts(
    texts: Mapping[str, str | None], *, label: Label = str, problems: Iterable[str] = ()
) -> Parsed:
    """Structure the JSON text of each kind's file (None for one that could not be read)."""
    found = list(problems)
    items: dict[str, list[Any] | None] = {}
    repeats: set[str] = set()
    for kind in KINDS:
        text = texts[kind.file_name]
        items[kind.collection] = None
        if text is None:
            continue
        try:
            items[kind.collection], repeated = parse_json(text)
        except BadValue as error:
            found.append(f"{label(kind.file_name)}: {error}")
            continue
        if repeated:
            repeats.add(kind.collection)
    return _structure_kinds(items, label, found, repeats=repeats)


def _structure_kinds(
    items: Mapping[str, list[Any] | None], label: Label, problems: list[str], *, repeats: Container[str] = ()
) -> Parsed:
    """Structure each kind's items; *repeats* names the collections with an object whose keys repeat."""
    records: dict[str, tuple[Any, ...]] = {}
    unread: dict[str, tuple[Any, ...] | None] = {}
    for kind in KINDS:
        kind_items = items[kind.collection] or []
        where = label(kind.file_name)
        # Walked only when the parser saw a repeat: a walk of every value costs as much as parsing.
        repeated = _repeated_key_problems(kind_items, where) if kind.collection in repeats else []
        problems += [problem for _, problem in repeated]
        refused = {index for index, _ in repeated}
        records[kind.collection], failed, found = structure_all(kind, kind_items, where, refused=refused)
        unread[kind.collection] = (
            None if items[kind.collection] is None else tuple(kind_items[i] for i in failed)
        )
        problems += found
    return Parsed(records, unread, tuple(problems), label)


# -- files ------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    try:
        raw = _read_bytes(path)
    except OSError as error:
        raise BadValue(f"cannot be read: {error.strerror or error}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadValue(
            f"not UTF-8 text: byte {error.start} is {raw[error.start : error.start + 1]!r}"
        ) from None


def _read_bytes(path: Path) -> bytes:
    """The bytes of the regular file at *path*; anything else is refused without waiting on it."""
    try:
        size = _regular_size(os.stat(path))
    except FileNotFoundError:
        raise BadValue("file not found; every corpus directory needs this file") from None
    try:
        # Non-blocking: a FIFO put in the file's place after the check must not
        # make the open wait for a writer.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise BadValue("file was removed while the corpus was being read") from None
    try:
        _regular_size(os.fstat(handle))
        return _read_capped(handle, size)
    finally:
        os.close(handle)


def _regular_size(status: os.stat_result) -> int:
    if not stat.S_ISREG(status.st_mode):
        kind = _FILE_TYPES.get(stat.filemode(status.st_mode)[0], "not a regular file")
        raise BadValue(f"is {kind}, not a regular file; a corpus file must be a JSON file")
    if status.st_size > MAX_FILE_BYTES:
        raise BadValue(_too_large(status.st_size))
    return status.st_size


def _read_capped(handle: int, size: int) -> bytes:
    """Read to the end, or to one byte past the cap, whatever size the file claims."""
    chunks: list[bytes] = []
    total = 0
    wanted = size + 1  # one read for a file that tells its size; one more to see the end
    while total <= MAX_FILE_BYTES:
        chunk = os.read(handle, min(wanted, MAX_FILE_BYTES + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        wanted = _CHUNK
    raise BadValue(_too_large(total, at_least=True))


def _too_large(size: int, *, at_least: bool = False) -> str:
    more = "at least " if at_least else ""
    return f"file is {more}{size:,} bytes, more than the {MAX_FILE_BYTES:,} a corpus file may hold"


# -- JSON -----------------------------------------------------------------------------


class _RepeatedKeys(dict[str, Any]):
    """A JSON object in which a key appears more than once; json.loads would keep the last silently.

    Attributes:
        repeated: Each key that appears more than once, with every value it has.
    """

    repeated: Mapping[str, list[Any]]


# An integer past the digits Python converts, found only to say where it is.
_LONG_NUMBER = re.compile(r"-?[0-9]{4301,}")


def parse_json(text: str) -> tuple[list[Any], bool]:
    """The items of one file's JSON array, and whether an object in it repeats a key.

    An object that repeats a key is a :class:`_RepeatedKeys`, which says which.

    Raises:
        BadValue: The text is not JSON, is not an array, or cannot be parsed at all.
    """
    seen: list[_RepeatedKeys] = []

    def make_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) == len(pairs):
            return result
        values: dict[str, list[Any]] = {}
        for key, value in pairs:
            values.setdefault(key, []).append(value)
        marked = _RepeatedKeys(result)
        marked.repeated = {key: found for key, found in values.items() if len(found) > 1}
        seen.append(marked)
        return marked

    try:
        items = json.loads(text, object_pairs_hook=make_object)
    except json.JSONDecodeError as error:
        raise BadValue(f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    except RecursionError:
        raise BadValue("JSON nested too deeply to read; no record nests more than a few levels") from None
    except ValueError:
        # The one other error json.loads raises: an integer of more digits than Python converts.
        raise BadValue(f"a number is too long to read{_position(text, _LONG_NUMBER)}") from None
    if not isinstance(items, list):
        raise BadValue(f"expected a JSON array of records, got {json_type(items)}")
    return items, bool(seen)


def _position(text: str, pattern: re.Pattern[str]) -> str:
    match = pattern.search(text)
    if match is None:
        return ""
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - text.rfind("\n", 0, match.start())
    return f" at line {line}, column {column}"


def _repeated_key_problems(items: Sequence[Any], where: str) -> list[tuple[int, str]]:
    """The index of each record holding an object whose keys repeat, with the problem."""
    found = []
    for index, item in enumerate(items):
        for path, value in _objects_in(item):
            if isinstance(value, _RepeatedKeys):
                found += [
                    (
                        index,
                        f"{where}: record {_record_label(item, index)}, "
                        f"field {brief(f'{path}.{key}' if path else key)}: the key appears {len(values)} "
                        f"times in one object (values {brief(tuple(values))[1:-1]}); "
                        "JSON readers disagree on which one counts",
                    )
                    for key, values in value.repeated.items()
                ]
    return found


def _objects_in(value: Any) -> Iterator[tuple[str, Any]]:
    """*value* and every value within it, with its path; walked without recursion."""
    stack = [("", value)]
    while stack:
        path, current = stack.pop()
        yield path, current
        if isinstance(current, dict):
            stack += [(f"{path}.{key}" if path else str(key), item) for key, item in current.items()]
        elif isinstance(current, list):
            stack += [(f"{path}[{i}]", item) for i, item in enumerate(current)]


# -- records ------------------------------------------------------------------------


def _unstructured(kind: RecordKind[Any], given: object, problems: list[str]) -> list[Any] | None:
    """*given* records as the JSON objects their file would hold; None if *given* is not records."""
    name = kind.collection
    record_class = kind.record_class
    if isinstance(given, (str, bytes, Mapping)) or not isinstance(given, Iterable):
        problems.append(
            f"{name}: expected an iterable of {record_class.__name__} records, got {type(given).__name__}"
        )
        return None
    raw: list[Any] = []
    for index, item in enumerate(given):
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
                f"{name}: record {brief(getattr(item, 'id', index))}: a field holds a value of the wrong type"
            )
    return raw


def structure_all(
    kind: RecordKind[R], items: Sequence[Any], where: str, *, refused: Container[int] = ()
) -> tuple[tuple[R, ...], list[int], list[str]]:
    """Structure every item into a record of *kind*.

    Items at the *refused* indexes are checked like the others but not kept.

    Returns:
        The records, the indexes of the items that are not records, and the problems found.
    """
    cls = kind.record_class
    hook = converter().get_structure_hook(cls)
    records: list[R] = []
    failed: list[int] = []
    problems: list[str] = []
    for index, item in enumerate(items):
        try:
            record = hook(item, cls)
        except Exception:  # noqa: BLE001 - every failure is diagnosed and reported below
            problems.extend(f"{where}: {problem}" for problem in _diagnose(cls, item, index))
            failed.append(index)
        else:
            if index in refused:
                failed.append(index)
            else:
                records.append(record)
    return tuple(records), failed, problems


def _diagnose(cls: type[Any], item: Any, index: int) -> list[str]:
    record = _record_label(item, index)
    problems = _object_problems(cls, item, "") or ["cannot be read"]
    return [f"record {record}{', ' if p.startswith('field ') else ': '}{p}" for p in problems]


def _record_label(item: Any, index: int) -> str:
    record_id = item.get("id") if isinstance(item, dict) else None
    return f"{brief(record_id)} (index {index})" if isinstance(record_id, str) else f"at index {index}"


def _object_problems(cls: type[Any], item: Any, prefix: str) -> list[str]:
    if not isinstance(item, dict):
        where = f"field {prefix[:-1]!r}: " if prefix else ""
        return [f"{where}expected a JSON object, got {json_type(item)}"]
    fields = attrs.fields_dict(cls)
    attrs.resolve_types(cls)
    problems = [
        f"field {brief(prefix + str(key))}: unknown field (value {brief(item[key])})"
        for key in item
        if key not in fields
    ]
    for name, field in fields.items():
        path = f"{prefix}{name}"
        if name not in item:
            if field.default is attrs.NOTHING:
                problems.append(f"field {path!r}: missing; this field is required")
            continue
        problems.extend(_value_problems(field.type, item[name], path))
    return problems


def _value_problems(type_: Any, value: Any, path: str) -> list[str]:
    if attrs.has(type_) and type_ is not PartialDate:
        # Fields that are each sound may still not fit together (an anchor's digest and length).
        return _object_problems(type_, value, f"{path}.") or _structure_problems(type_, value, path)
    if is_tuple(type_) and type(value) is list:
        item_type = get_args(type_)[0]
        return [p for i, item in enumerate(value) for p in _value_problems(item_type, item, f"{path}[{i}]")]
    optional = [arg for arg in get_args(type_) if arg is not type(None)]
    if value is None and type(None) in get_args(type_):
        return []
    if len(optional) == 1 and not is_tuple(type_):
        return _value_problems(optional[0], value, path)
    return _structure_problems(type_, value, path)


def _structure_problems(type_: Any, value: Any, path: str) -> list[str]:
    try:
        converter().structure(value, type_)
    except (BadValue, CorpusError, ValueError) as error:
        return [f"field {path!r}: {error} (value {brief(value)})"]
    return []
