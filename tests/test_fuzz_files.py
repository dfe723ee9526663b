"""Fuzzing corpus files at the JSON level: whatever the files hold, only the package's own errors come out.

Each example takes the small corpus as JSON, mutates it (values of odd types
and sizes, odd strings, lone surrogates, deep nesting, repeated, missing and
extra keys, whole files replaced by bad text or by special files), writes it
and loads it. A load either succeeds, and then exports and shows its records,
or raises a CorpusError with a message: one line per problem.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syria_russia_corpus import Corpus
from syria_russia_corpus._schema import KINDS
from syria_russia_corpus.exceptions import CorpusDataError, CorpusError

from .test_loading import write_corpus

FILES = [kind.file_name for kind in KINDS]


class Raw(str):
    """JSON text written as it is: numbers past what json.dumps writes, nesting past its recursion."""


class Repeated(dict[str, Any]):
    """An object written with one key twice: the first value, then the second."""

    def __init__(self, base: dict[str, Any], key: str, first: Any, second: Any) -> None:
        super().__init__(base)
        self.repeat = (key, first, second)


def dumps(value: Any) -> str:
    """*value* as JSON text, with Raw written verbatim and Repeated keys twice."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, Repeated):
        key, first, second = value.repeat
        pairs = [(key, first), *[(k, v) for k, v in value.items() if k != key], (key, second)]
        return "{" + ", ".join(f"{json.dumps(k)}: {dumps(v)}" for k, v in pairs) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {dumps(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dumps(item) for item in value) + "]"
    return json.dumps(value)


odd_strings = st.one_of(
    st.text(st.characters(exclude_categories=())),  # lone surrogates included
    st.sampled_from(
        ["", " ", "\t", "２０１２-０５", "2012-13", "2012-02-30", "../..", "\x1b[2J", "=cmd|'/C calc'!A0",
         "\r=1+1", "A" * 64, "a" * 63, "x" * 20_000, "\ud800", "Russia\udfff", "None", "null", "NaN"]
    ),
)  # fmt: skip
FREE_TEXT = {
    "title",
    "description",
    "text",
    "summary",
    "notes",
    "outlet",
    "author",
    "location",
    "speaker_title",
}
free_text = st.one_of(
    st.text(),
    st.sampled_from(
        ["=cmd|' /C calc'!A0", "x\r=1+1", "\t@SUM(A1)", " -1", "\x1b]0;title\x07", "a\nb\rc", '"", ""']
    ),
)
odd_numbers = st.one_of(
    st.integers(),
    st.sampled_from([2**63, 2**63 - 1, -(2**63) - 1, -1, 0, 10**4000]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([Raw("9" * 5000), Raw("-" + "1" * 4301), Raw("1e999"), Raw("1.5e-400")]),
)
odd_values = st.recursive(
    st.one_of(st.none(), st.booleans(), odd_numbers, odd_strings),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(odd_strings, inner, max_size=3)),
    max_leaves=6,
)
nested = st.sampled_from([10, 300, 990, 5000, 200_000]).map(lambda depth: Raw("[" * depth + "]" * depth))
bad_texts = st.sampled_from(
    ["", "[", "{}", "7", "null", '"text"', "[1, 2", "\ufeff[]", "[" * 200_000, '[{"id": ' + "9" * 5000 + "}]"]
).map(Raw)


def _make_special(path: Path, kind: str) -> None:
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "loop":
        path.symlink_to(path)
    elif kind == "dangling":
        path.symlink_to(path.parent / "nowhere")
    # "missing": nothing at the name


@st.composite
def mutated(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, str]]:
    """The small corpus's JSON with mutations, and the files to replace by text or special files.

    Half the examples change only free text, which loads, so that exporting and
    showing odd data is fuzzed as much as loading it.
    """
    with tempfile.TemporaryDirectory() as folder:
        data: dict[str, Any] = write_corpus(Path(folder))
    replaced: dict[str, str] = {}
    loadable = draw(st.booleans())
    operations = ["words"] if loadable else ["words", "set", "delete", "add", "repeat", "nest", "item"]
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(FILES))
        operation = draw(st.sampled_from([*operations, *([] if loadable else ["file", "special"])]))
        if operation == "file":
            replaced[name] = draw(bad_texts)
        elif operation == "special":
            replaced[name] = draw(
                st.sampled_from(["directory", "fifo", "device", "loop", "dangling", "missing"])
            )
        elif operation == "item":
            data[name].append(draw(odd_values))
        elif data[name]:
            _mutate_record(draw, data[name], operation)
    return data, replaced


def _mutate_record(draw: st.DrawFn, records: list[Any], operation: str) -> None:
    index = draw(st.integers(0, len(records) - 1))
    record = records[index]
    if not isinstance(record, dict) or not record:
        return
    if operation == "words":
        # Free text that loads: what exports and listings must then carry safely.
        fields = sorted(set(record) & FREE_TEXT)
        if fields:
            record[draw(st.sampled_from(fields))] = draw(free_text)
        return
    # The record itself, or the first object of a list it holds (an evidence span).
    holder, place, key = records, index, draw(st.sampled_from(sorted(record)))
    inner = record[key]
    if isinstance(inner, list) and inner and isinstance(inner[0], dict) and draw(st.booleans()):
        holder, place, key = inner, 0, draw(st.sampled_from(sorted(inner[0])))
    target = holder[place]
    if operation == "set":
        target[key] = draw(odd_values)
    elif operation == "delete":
        del target[key]
    elif operation == "add":
        target[draw(odd_strings)] = draw(odd_values)
    elif operation == "repeat":
        holder[place] = Repeated(target, key, draw(odd_values), target[key])
    else:  # nest
        target[key] = draw(nested)


def write(directory: Path, data: dict[str, Any], replaced: dict[str, str]) -> None:
    for name in FILES:
        path = directory / name
        if name not in replaced:
            path.write_text(dumps(data[name]), encoding="utf-8")
        elif isinstance(replaced[name], Raw):
            path.write_text(replaced[name], encoding="utf-8")
        else:
            _make_special(path, replaced[name])


def load_in_time(directory: Path) -> Corpus | BaseException:
    """Load *directory* in a thread; fail the test rather than hang on a special file."""
    outcome: list[Corpus | BaseException] = []

    def load() -> None:
        try:
            outcome.append(Corpus.from_path(directory))
        except BaseException as error:  # noqa: BLE001 - judged by the test
            outcome.append(error)

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "loading hung"
    return outcome[0]


@settings(
    max_examples=200,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(mutated())
def test_mutated_files_load_or_raise_a_package_error(case: tuple[dict[str, Any], dict[str, str]]):
    """Loading never raises anything but a CorpusError with a message; what loads, exports and shows."""
    data, replaced = case
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder) / "data"
        directory.mkdir()
        write(directory, data, replaced)
        outcome = load_in_time(directory)
        if isinstance(outcome, BaseException):
            assert isinstance(outcome, CorpusError), repr(outcome)
            assert str(outcome).strip()
            if isinstance(outcome, CorpusDataError):
                assert outcome.problems
                assert all(problem.strip() and "\n" not in problem for problem in outcome.problems)
            return
        for form in ("csv", "jsonl", "datapackage"):
            outcome.export(Path(folder) / form, format=form)
        for kind in KINDS:
            records = getattr(outcome, kind.collection)()
            str(records)
            json.dumps(records.to_dicts()).encode("utf-8")
            text = (Path(folder) / "csv" / f"{kind.collection}.csv").read_bytes().decode("utf-8")
            assert len(list(csv.reader(io.StringIO(text, newline="")))) == len(records) + 1
