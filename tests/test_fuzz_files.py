"""Fuzzing corpus files at the JSON level: whatever the files hold, only the package's own errors come out.

Each example takes the small corpus as JSON, its spans anchored in a document,
mutates it at any depth (values of odd types and sizes, odd strings, lone
surrogates, deep nesting, repeated, missing and extra keys, spans and anchors
that load but point elsewhere, whole files replaced by bad text or by special
files), writes it and loads it. A load either succeeds, and then exports (a
data package frictionless validates), verifies against the document and shows
its records, or raises a CorpusError with a message: one line per problem.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syria_russia_corpus import Corpus
from syria_russia_corpus._anchors import anchor_of
from syria_russia_corpus._converter import unstructure
from syria_russia_corpus._normalize import normalize
from syria_russia_corpus._records import CONTEXT_DIGITS, DIGEST_DIGITS, HEAD_MODULUS
from syria_russia_corpus._schema import KINDS
from syria_russia_corpus.exceptions import CorpusDataError, CorpusError

from .test_loading import write_corpus

FILES = [kind.file_name for kind in KINDS]

#: The small corpus's one document: every span of the corpus is in its first words.
DOCUMENT = "Some words of the document, which a span and its anchor find again.\nMore words follow.\n"


def _anchored_corpus() -> dict[str, list[Any]]:
    """The small corpus as JSON, its source the document and every span anchored in it."""
    with tempfile.TemporaryDirectory() as folder:
        data: dict[str, list[Any]] = write_corpus(Path(folder))
    data["sources.json"][0]["sha256"] = hashlib.sha256(DOCUMENT.encode()).hexdigest()
    document = normalize(DOCUMENT)
    for name in FILES:
        for record in data[name]:
            for span in record.get("evidence", ()):
                span["anchor"] = unstructure(anchor_of(document, span["start"], span["end"]))
    return data


BASE: dict[str, list[Any]] = _anchored_corpus()


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

    Half the examples change only free text, spans and anchors, most of which
    loads, so that exporting, verifying and showing odd data is fuzzed as much
    as loading it.
    """
    data: dict[str, Any] = copy.deepcopy(BASE)
    replaced: dict[str, str] = {}
    loadable = draw(st.booleans())
    operations = ["words", "span"]
    if not loadable:
        operations += ["set", "delete", "add", "repeat", "nest", "item"]
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
    if operation == "span":
        spans = record.get("evidence")
        if isinstance(spans, list) and spans and isinstance(spans[0], dict):
            _move_span(draw, draw(st.sampled_from(spans)))
        return
    holder, place = _object_within(draw, records, index)
    target = holder[place]
    if not target:
        target[draw(odd_strings)] = draw(odd_values)
        return
    key = draw(st.sampled_from(sorted(target)))
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


def _object_within(draw: st.DrawFn, holder: Any, place: Any) -> tuple[Any, Any]:
    """``holder[place]``, an object, or at random one it holds at any depth (a span, its anchor, a toll)."""
    while True:
        target = holder[place]
        inner = [(target, key) for key, value in target.items() if isinstance(value, dict)]
        inner += [
            (value, number)
            for value in target.values()
            if isinstance(value, list)
            for number, item in enumerate(value)
            if isinstance(item, dict)
        ]
        if not inner or not draw(st.booleans()):
            return holder, place
        holder, place = draw(st.sampled_from(inner))


hex_digits = st.integers(0, 15).map("0123456789abcdef".__getitem__)


def _near(low: int, high: int) -> st.SearchStrategy[int]:
    """Integers from *low* to *high*, their edges, the values just past them and -1 most of all."""
    return st.one_of(st.sampled_from([-1, low - 1, low, high, high + 1]), st.integers(low, high))


def _move_span(draw: st.DrawFn, span: dict[str, Any]) -> None:
    """Offsets or an anchor that load, or just fail to, and need not find the span's words.

    What loads, verify() must report; what is just out of range, loading must refuse.
    """
    end = draw(_near(1, len(DOCUMENT) + 50))
    part = draw(st.sampled_from(["offsets", "digest", "prefix", "suffix", "length", "head", "no anchor"]))
    anchor = span.get("anchor")
    if part == "offsets":
        span["start"], span["end"] = draw(_near(0, max(end - 1, 0))), end
    elif part == "no anchor":
        span.pop("anchor", None)
    elif not isinstance(anchor, dict):
        return
    elif part in ("digest", "prefix", "suffix"):
        digits = DIGEST_DIGITS if part == "digest" else CONTEXT_DIGITS
        anchor[part] = "".join(draw(st.lists(hex_digits, min_size=digits, max_size=digits)))
    elif part == "length":
        anchor["length"] = draw(_near(1, 2**63 - 1))
    else:
        anchor["head"] = draw(_near(0, HEAD_MODULUS - 1))


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
        _check_data_package(Path(folder) / "datapackage" / "datapackage.json")
        documents = Path(folder) / "documents"
        documents.mkdir()
        (documents / "doc.txt").write_text(DOCUMENT, encoding="utf-8")
        (documents / "copy.txt").write_bytes(
            b"Saved another way:\r\n" + DOCUMENT.replace("\n", "\r\n").encode()
        )
        str(outcome.verify(documents))
        with mock.patch.dict(os.environ, {"SYRIA_RUSSIA_CORPUS_DOCUMENTS": str(documents)}):
            for kind in KINDS:
                for record in getattr(outcome, kind.collection)()[:2]:
                    view = outcome.show(record)
                    str(view)
                    view._repr_html_()


def _check_data_package(path: Path) -> None:
    from frictionless import validate

    report = validate(path)
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
