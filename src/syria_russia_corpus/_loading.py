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

import contextlib
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
from ._files import NothingThere, UnusablePath, examine, read_file
from ._schema import KINDS, RecordKind
from .exceptions import CorpusDataError

R = TypeVar("R")

#: The records of one corpus: each kind's collection name to its records.
RecordSet = Mapping[str, tuple[Any, ...]]

#: Where a file's problems are said to be, from its file name.
Label = Callable[[str], str]

# Large enough for a million quotes; a file past it is a mistake, not a corpus.
MAX_FILE_BYTES: Final = 1 << 30


@attrs.frozen
class Unread:
    """An item of a file that could not be read into a record, and the fields of it that could.

    Attributes:
        item: The item as the file holds it: its id and affiliation still count.
        label: How problems name it, such as ``'q1' (index 3)``.
        fields: Each field that could be read, by name, to its value: the
            rules that need only those fields still judge them, so that one
            pass reports every problem of the record.
    """

    item: Any
    label: str
    fields: Mapping[str, Any]


# The files that tell another export format, in the order looked for: a datapackage has csv files too.
_OTHER_FORMATS: Final = (
    ("datapackage", "datapackage.json"),
    ("jsonl", "*.jsonl"),
    ("parquet", "*.parquet"),
    ("csv", "*.csv"),
)


@attrs.frozen
class Parsed:
    """What reading a corpus yielded, sound or not, for the integrity rules to judge.

    Attributes:
        records: Each kind's records that could be read, by collection name.
        unread: Each kind's items that could not be read into records, so
            that their ids, affiliations and sound fields still count; None
            for a file that could not be read at all, whose records are
            unknown.
        problems: One line per problem found in reading.
        label: Where the problems of a file are, from its file name.
    """

    records: RecordSet
    unread: Mapping[str, tuple[Unread, ...] | None]
    problems: tuple[str, ...]
    label: Label


def read_bundled() -> Parsed:
    """Read and structure the corpus shipped inside the package."""
    read = _package_data()
    try:
        texts = {kind.file_name: read(kind.file_name) for kind in KINDS}
    except OSError as error:
        raise CorpusDataError(
            [f"the package data is incomplete ({error}); reinstall syria-russia-corpus"]
        ) from None
    return parse_texts(texts)


def _package_data() -> Callable[[str], str]:
    """How to read a file of the package data: from its folder, or from the zip the package is in."""
    folder = Path(__file__).parent / "data"
    if folder.is_dir():
        # An installed package's data are files: importlib.resources would first
        # import zipfile, tempfile and shutil, a fifth of the first query.
        return lambda name: (folder / name).read_text(encoding="utf-8")
    if sys.version_info >= (3, 11):
        from importlib.resources import files
    else:  # pragma: no cover - exercised on Python 3.10 only
        from importlib_resources import files

    data = files(__package__).joinpath("data")
    return lambda name: data.joinpath(name).read_text(encoding="utf-8")


def read_directory(directory: object) -> Parsed:
    """Read and structure a corpus from *directory*, laid out like the package data."""
    root = require_path(directory, "directory")
    hint = f"pass the folder that holds {', '.join(kind.file_name for kind in KINDS)}"
    try:
        status = examine(root)
    except UnusablePath as reason:
        raise CorpusDataError([f"{root}: {reason}; {hint}"]) from None
    if status is None or not stat.S_ISDIR(status.st_mode):
        raise CorpusDataError([f"{root}: not a directory; {hint}"])
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


def read_kind_file(path: Path, kind: RecordKind[R]) -> tuple[list[Any], tuple[R, ...]]:
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
    records, _, problems = _structure_kind(kind, items, where, repeated)
    if problems:
        raise CorpusDataError(problems)
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
    unread: dict[str, tuple[Unread, ...] | None] = {}
    for kind in KINDS:
        repeated = kind.collection in repeats
        kind_items = items[kind.collection] or []
        records[kind.collection], failed, found = _structure_kind(
            kind, kind_items, label(kind.file_name), repeated
        )
        unread[kind.collection] = None if items[kind.collection] is None else failed
        problems += found
    return Parsed(records, unread, tuple(problems), label)


def _structure_kind(
    kind: RecordKind[R], items: Sequence[Any], where: str, repeated: bool
) -> tuple[tuple[R, ...], tuple[Unread, ...], list[str]]:
    """Structure one file's *items*; *repeated*: the parser saw an object whose keys repeat."""
    # Walked only when the parser saw a repeat: a walk of every value costs as much as parsing.
    repeats = _repeated_key_problems(items, where) if repeated else []
    refused: dict[int, set[str]] = {}
    for index, field, _ in repeats:
        refused.setdefault(index, set()).add(field)
    records, failed, found = structure_all(kind, items, where, refused=refused)
    return records, failed, [*(problem for _, _, problem in repeats), *found]


# -- files ------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    try:
        raw = read_file(path, cap=MAX_FILE_BYTES, holder="a corpus file")
    except NothingThere as reason:
        raise BadValue(f"{reason}; every corpus directory needs this file") from None
    except UnusablePath as reason:
        raise BadValue(str(reason)) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadValue(
            f"not UTF-8 text: byte {error.start} is {raw[error.start : error.start + 1]!r}"
        ) from None


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


def _repeated_key_problems(items: Sequence[Any], where: str) -> list[tuple[int, str, str]]:
    """Each record holding an object whose keys repeat: its index, its field that holds it, the problem."""
    found = []
    for index, item in enumerate(items):
        for path, value in _objects_in(item):
            if isinstance(value, _RepeatedKeys):
                found += [
                    (
                        index,
                        _top_field(path or key),
                        f"{where}: record {_record_label(item, index)}, "
                        f"field {brief(f'{path}.{key}' if path else key)}: the key appears {len(values)} "
                        f"times in one object (values {brief(tuple(values))[1:-1]}); "
                        "JSON readers disagree on which one counts",
                    )
                    for key, values in value.repeated.items()
                ]
    return found


def _top_field(path: str) -> str:
    """The record's own field a path within it starts at: ``evidence`` for ``evidence[0].anchor``."""
    return re.split(r"[.\[]", path, maxsplit=1)[0]


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
    kind: RecordKind[R], items: Sequence[Any], where: str, *, refused: Mapping[int, Container[str]] = {}
) -> tuple[tuple[R, ...], tuple[Unread, ...], list[str]]:
    """Structure every item into a record of *kind*.

    Items at the *refused* indexes are checked like the others but not kept,
    and the fields named for them count as unread.

    Returns:
        The records, the items that are not records, and the problems found.
    """
    cls = kind.record_class
    hook = converter().get_structure_hook(cls)
    records: list[R] = []
    failed: list[Unread] = []
    problems: list[str] = []
    for index, item in enumerate(items):
        try:
            record = hook(item, cls)
        except Exception:  # noqa: BLE001 - every failure is diagnosed and reported below
            sound: dict[str, Any] = {}
            problems.extend(f"{where}: {problem}" for problem in _diagnose(cls, item, index, sound))
            failed.append(Unread(item, _record_label(item, index), sound))
        else:
            if index in refused:
                fields = {name: value for name, value in _fields_of(record) if name not in refused[index]}
                failed.append(Unread(item, _record_label(item, index), fields))
            else:
                records.append(record)
    return tuple(records), tuple(failed), problems


def _fields_of(record: Any) -> Iterator[tuple[str, Any]]:
    return ((field.name, getattr(record, field.name)) for field in attrs.fields(type(record)))


def _diagnose(cls: type[Any], item: Any, index: int, sound: dict[str, Any]) -> list[str]:
    """The problems of *item*, which failed to structure; the fields that are sound go into *sound*."""
    record = _record_label(item, index)
    problems = _object_problems(cls, item, "", sound) or _structure_problems(cls, item, "")
    return [f"record {record}{', ' if p.startswith('field ') else ': '}{p}" for p in problems]


def _record_label(item: Any, index: int) -> str:
    record_id = item.get("id") if isinstance(item, dict) else None
    return f"{brief(record_id)} (index {index})" if isinstance(record_id, str) else f"at index {index}"


def _object_problems(
    cls: type[Any], item: Any, prefix: str, sound: dict[str, Any] | None = None
) -> list[str]:
    """The problems of *item* as a *cls*, field by field; each sound field's value goes into *sound*."""
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
            elif sound is not None:
                sound[name] = field.default
            continue
        found = _value_problems(field.type, item[name], path)
        problems.extend(found)
        if sound is not None and not found:
            _keep_sound(sound, name, field.type, item[name])
    return problems


def _keep_sound(sound: dict[str, Any], name: str, type_: Any, value: Any) -> None:
    # A field whose parts each passed may still fail whole; it is then left unread, not raised.
    with contextlib.suppress(Exception):
        sound[name] = converter().structure(value, type_)


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
    """What structuring *value* as a whole says, once each of its fields alone has passed."""
    try:
        converter().structure(value, type_)
    except BadValue as error:
        if error.field is not None:
            return [f"field {brief(f'{path}.{error.field}' if path else error.field)}: {error}"]
        return [_with_value(path, error, value)]
    except Exception as error:  # noqa: BLE001 - a value's own check: a date's parser, a class's validator
        return [_with_value(path, error, value)]
    return []


def _with_value(path: str, error: Exception, value: Any) -> str:
    where = f"field {path!r}: " if path else ""
    shown = brief(value)
    # A date's own error already quotes the value; once is enough.
    return f"{where}{error}{'' if shown in str(error) else f' (value {shown})'}"
