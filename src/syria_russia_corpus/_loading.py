"""Reading the five JSON files into records, through one cattrs converter.

Structuring takes a fast path: cattrs' generated hooks, record by record.
Only a record that fails is examined field by field, so that the error can
name the file, the record, the field and the value without slowing the
common case down.
"""

from __future__ import annotations

import enum
import functools
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, TypeVar, get_args, get_origin

import attrs
import cattrs

from ._dates import PartialDate
from ._records import Actor, Event, Evidence, Position, Quote, Source
from ._vocabulary import ENUMS
from .exceptions import CorpusDataError, CorpusError

R = TypeVar("R")

#: The record class each data file holds, in the order they are read.
FILES: Final[Mapping[str, type[Any]]] = {
    "sources.json": Source,
    "actors.json": Actor,
    "quotes.json": Quote,
    "events.json": Event,
    "positions.json": Position,
}

# Large enough for a million quotes; a file past it is a mistake, not a corpus.
MAX_FILE_BYTES: Final = 1 << 30


@attrs.frozen(kw_only=True)
class RecordSet:
    """The records of one corpus, kind by kind, as read from its files."""

    sources: tuple[Source, ...]
    actors: tuple[Actor, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    positions: tuple[Position, ...]


class _BadValue(CorpusError, ValueError):
    """A value the converter's strict hooks refuse; caught and reported here."""


def _structure_str(value: Any, _: type) -> str:
    if type(value) is not str:
        raise _BadValue(f"expected a string, got {_json_type(value)}")
    return value


def _structure_int(value: Any, _: type) -> int:
    if type(value) is not int:
        raise _BadValue(f"expected an integer, got {_json_type(value)}")
    return value


def _structure_date(value: Any, _: type) -> PartialDate:
    if type(value) is not str:
        raise _BadValue(f"expected an EDTF date string such as '2012-05-25', got {_json_type(value)}")
    return PartialDate.parse(value)


def _enum_hook(enum_type: type[enum.Enum]) -> Callable[[Any, type], enum.Enum]:
    members = {member.value: member for member in enum_type}
    allowed = ", ".join(repr(value) for value in members)

    def structure(value: Any, _: type) -> enum.Enum:
        try:
            return members[value]
        except (KeyError, TypeError):
            raise _BadValue(f"not a known {enum_type.__name__}; expected one of {allowed}") from None

    return structure


def _is_tuple(type_: Any) -> bool:
    return get_origin(type_) is tuple


def _tuple_hook_factory(type_: Any, converter: cattrs.Converter) -> Callable[[Any, type], tuple[Any, ...]]:
    item_type = get_args(type_)[0]
    structure_item = converter.get_structure_hook(item_type)

    def structure(value: Any, _: type) -> tuple[Any, ...]:
        # A bare string is iterable too; accepting it would split "Interfax" into letters.
        if type(value) is not list:
            raise _BadValue(f"expected a JSON array, got {_json_type(value)}")
        return tuple([structure_item(item, item_type) for item in value])

    def structure_strings(value: Any, _: type) -> tuple[str, ...]:
        # Most list fields hold ids: checking them in one pass saves a call per item.
        if type(value) is not list or not all(type(item) is str for item in value):
            raise _BadValue(f"expected a JSON array of strings, got {_json_type(value)}")
        return tuple(value)

    return structure_strings if item_type is str else structure


def _structure_optional_str(value: Any, _: type) -> str | None:
    if value is not None and type(value) is not str:
        raise _BadValue(f"expected a string or null, got {_json_type(value)}")
    return value


def _structure_evidence(value: Any, _: type) -> Evidence:
    # Evidence is the most numerous object in a corpus; a hand-written hook
    # checks its three fields without a call per field.
    if type(value) is dict and len(value) == 3:
        source_id, start, end = value.get("source_id"), value.get("start"), value.get("end")
        if type(source_id) is str and type(start) is int and type(end) is int:
            return Evidence(source_id=source_id, start=start, end=end)
    raise _BadValue("expected an object with source_id (a string), start and end (integers)")


@functools.cache
def _converter() -> cattrs.Converter:
    """The package's one converter, built on first use rather than at import."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=False)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(PartialDate, _structure_date)
    converter.register_structure_hook_func(lambda type_: type_ == (str | None), _structure_optional_str)
    converter.register_structure_hook(Evidence, _structure_evidence)
    converter.register_unstructure_hook(PartialDate, str)
    for enum_type in ENUMS:
        converter.register_structure_hook(enum_type, _enum_hook(enum_type))
        # A plain string stands in for a member in a hand-built record; passing
        # it through lets structuring report it like a bad value in a file.
        converter.register_unstructure_hook(enum_type, lambda member: getattr(member, "value", member))
    converter.register_structure_hook_factory(_is_tuple, _tuple_hook_factory)
    converter.register_unstructure_hook_factory(
        _is_tuple, lambda type_: lambda value: [converter.unstructure(item) for item in value]
    )
    return converter


def unstructure(record: Any) -> dict[str, Any]:
    """Return *record* as the JSON object the data files hold."""
    result: dict[str, Any] = _converter().unstructure(record)
    return result


def read_bundled() -> RecordSet:
    """Read and structure the corpus shipped inside the package."""
    # Imported here: importlib.resources pulls in tempfile and shutil, which
    # importing the package should not pay for.
    if sys.version_info >= (3, 11):
        from importlib.resources import files
    else:  # pragma: no cover - exercised on Python 3.10 only
        from importlib_resources import files

    data = files("syria_russia_corpus").joinpath("data")
    try:
        texts = {name: data.joinpath(name).read_text(encoding="utf-8") for name in FILES}
    except OSError as error:
        raise CorpusDataError(
            [f"the package data is incomplete ({error}); reinstall syria-russia-corpus"]
        ) from None
    return parse_texts(texts)


def read_directory(directory: str | Path) -> RecordSet:
    """Read and structure a corpus from *directory*, laid out like the package data."""
    root = Path(directory)
    if not root.is_dir():
        raise CorpusDataError([f"{root}: not a directory; pass the folder that holds {', '.join(FILES)}"])
    texts: dict[str, str] = {}
    problems: list[str] = []
    for name in FILES:
        try:
            texts[name] = _read_text(root / name)
        except _BadValue as error:
            problems.append(f"{root / name}: {error}")
    if problems:
        raise CorpusDataError(problems)
    return parse_texts(texts, label=lambda name: str(root / name))


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _BadValue("file not found; every corpus directory needs this file") from None
    if size > MAX_FILE_BYTES:
        raise _BadValue(f"file is {size:,} bytes, more than the {MAX_FILE_BYTES:,} a corpus file may hold")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _BadValue(
            f"not UTF-8 text: byte {error.start} is {raw[error.start : error.start + 1]!r}"
        ) from None


def parse_texts(texts: Mapping[str, str], *, label: Callable[[str], str] = str) -> RecordSet:
    """Structure the JSON text of each file; report every problem at once."""
    problems: list[str] = []
    parsed: dict[str, tuple[Any, ...]] = {}
    for name, cls in FILES.items():
        where = label(name)
        try:
            items = json.loads(texts[name])
        except json.JSONDecodeError as error:
            problems.append(
                f"{where}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
            )
            continue
        if not isinstance(items, list):
            problems.append(f"{where}: expected a JSON array of records, got {_json_type(items)}")
            continue
        parsed[name], file_problems = structure_all(cls, items, where)
        problems.extend(file_problems)
    if problems:
        raise CorpusDataError(problems)
    return RecordSet(
        sources=parsed["sources.json"],
        actors=parsed["actors.json"],
        quotes=parsed["quotes.json"],
        events=parsed["events.json"],
        positions=parsed["positions.json"],
    )


def structure_all(cls: type[R], items: Sequence[Any], where: str) -> tuple[tuple[R, ...], list[str]]:
    """Structure every item into *cls*; return the records and the problems found."""
    hook = _converter().get_structure_hook(cls)
    records: list[R] = []
    problems: list[str] = []
    for index, item in enumerate(items):
        try:
            records.append(hook(item, cls))
        except Exception:  # noqa: BLE001 - every failure is diagnosed and reported below
            problems.extend(f"{where}: {problem}" for problem in _diagnose(cls, item, index))
    return tuple(records), problems


def _diagnose(cls: type[Any], item: Any, index: int) -> list[str]:
    record = _record_label(item, index)
    problems = _object_problems(cls, item, "") or ["cannot be read"]
    return [f"record {record}{', ' if p.startswith('field ') else ': '}{p}" for p in problems]


def _record_label(item: Any, index: int) -> str:
    record_id = item.get("id") if isinstance(item, dict) else None
    return f"{record_id!r} (index {index})" if isinstance(record_id, str) else f"at index {index}"


def _object_problems(cls: type[Any], item: Any, prefix: str) -> list[str]:
    if not isinstance(item, dict):
        where = f"field {prefix[:-1]!r}: " if prefix else ""
        return [f"{where}expected a JSON object, got {_json_type(item)}"]
    fields = attrs.fields_dict(cls)
    attrs.resolve_types(cls)
    problems = [
        f"field {prefix + str(key)!r}: unknown field (value {item[key]!r})"
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
        return _object_problems(type_, value, f"{path}.")
    if _is_tuple(type_) and type(value) is list:
        item_type = get_args(type_)[0]
        return [p for i, item in enumerate(value) for p in _value_problems(item_type, item, f"{path}[{i}]")]
    optional = [arg for arg in get_args(type_) if arg is not type(None)]
    if value is None and type(None) in get_args(type_):
        return []
    if len(optional) == 1 and not _is_tuple(type_):
        return _value_problems(optional[0], value, path)
    try:
        _converter().structure(value, type_)
    except (_BadValue, CorpusError, ValueError) as error:
        return [f"field {path!r}: {error} (value {value!r})"]
    return []


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    if type(value) in (int, float):
        return f"the number {value!r}"
    return names.get(type(value), type(value).__name__)
