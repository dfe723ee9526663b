"""Reading a corpus's JSON files into records, kind by kind, as the schema lists them.

Structuring takes a fast path: cattrs' generated hooks, record by record.
Only a record that fails is examined field by field, so that the error can
name the file, the record, the field and the value without slowing the
common case down.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, TypeVar, get_args

import attrs

from ._converter import BadValue, converter, is_tuple, json_type
from ._dates import PartialDate
from ._schema import KINDS, RecordKind
from .exceptions import CorpusDataError, CorpusError

R = TypeVar("R")

#: The records of one corpus: each kind's collection name to its records.
RecordSet = Mapping[str, tuple[Any, ...]]

# Large enough for a million quotes; a file past it is a mistake, not a corpus.
MAX_FILE_BYTES: Final = 1 << 30


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
        texts = {kind.file_name: data.joinpath(kind.file_name).read_text(encoding="utf-8") for kind in KINDS}
    except OSError as error:
        raise CorpusDataError(
            [f"the package data is incomplete ({error}); reinstall syria-russia-corpus"]
        ) from None
    return parse_texts(texts)


def read_directory(directory: str | Path) -> RecordSet:
    """Read and structure a corpus from *directory*, laid out like the package data."""
    root = Path(directory)
    if not root.is_dir():
        names = ", ".join(kind.file_name for kind in KINDS)
        raise CorpusDataError([f"{root}: not a directory; pass the folder that holds {names}"])
    texts: dict[str, str] = {}
    problems: list[str] = []
    for kind in KINDS:
        try:
            texts[kind.file_name] = _read_text(root / kind.file_name)
        except BadValue as error:
            problems.append(f"{root / kind.file_name}: {error}")
    if problems:
        raise CorpusDataError(problems)
    return parse_texts(texts, label=labels_in(root))


def labels_in(root: Path) -> Callable[[str], str]:
    """How problems name a file of the folder *root*: by its path."""
    return functools.partial(_path_in, root)


def _path_in(root: Path, name: str) -> str:
    return str(root / name)


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise BadValue("file not found; every corpus directory needs this file") from None
    if size > MAX_FILE_BYTES:
        raise BadValue(f"file is {size:,} bytes, more than the {MAX_FILE_BYTES:,} a corpus file may hold")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadValue(
            f"not UTF-8 text: byte {error.start} is {raw[error.start : error.start + 1]!r}"
        ) from None


def parse_texts(texts: Mapping[str, str], *, label: Callable[[str], str] = str) -> RecordSet:
    """Structure the JSON text of each kind's file; report every problem at once."""
    problems: list[str] = []
    parsed: dict[str, tuple[Any, ...]] = {}
    for kind in KINDS:
        where = label(kind.file_name)
        try:
            items = json.loads(texts[kind.file_name])
        except json.JSONDecodeError as error:
            problems.append(
                f"{where}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
            )
            continue
        if not isinstance(items, list):
            problems.append(f"{where}: expected a JSON array of records, got {json_type(items)}")
            continue
        parsed[kind.collection], file_problems = structure_all(kind, items, where)
        problems.extend(file_problems)
    if problems:
        raise CorpusDataError(problems)
    return parsed


def structure_all(kind: RecordKind[R], items: Sequence[Any], where: str) -> tuple[tuple[R, ...], list[str]]:
    """Structure every item into a record of *kind*; return the records and the problems found."""
    cls = kind.record_class
    hook = converter().get_structure_hook(cls)
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
        return [f"{where}expected a JSON object, got {json_type(item)}"]
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
    if is_tuple(type_) and type(value) is list:
        item_type = get_args(type_)[0]
        return [p for i, item in enumerate(value) for p in _value_problems(item_type, item, f"{path}[{i}]")]
    optional = [arg for arg in get_args(type_) if arg is not type(None)]
    if value is None and type(None) in get_args(type_):
        return []
    if len(optional) == 1 and not is_tuple(type_):
        return _value_problems(optional[0], value, path)
    try:
        converter().structure(value, type_)
    except (BadValue, CorpusError, ValueError) as error:
        return [f"field {path!r}: {error} (value {value!r})"]
    return []
