"""Corpus.from_path: reading a directory, and reporting bad data precisely."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import attrs
import pytest

import syria_russia_corpus as src
from syria_russia_corpus import Actor, ActorKind, Corpus, _loading
from syria_russia_corpus._converter import unstructure
from syria_russia_corpus._schema import KINDS, RecordKind
from syria_russia_corpus.exceptions import ArgumentTypeError, CorpusDataError, InvalidQueryError

from .conftest import small_records


def write_corpus(directory: Path) -> dict[str, list[dict[str, Any]]]:
    """Write the small corpus in the package-data layout; return its JSON."""
    data = {f"{kind}.json": [unstructure(r) for r in records] for kind, records in small_records().items()}
    for name, items in data.items():
        (directory / name).write_text(json.dumps(items, indent=2), encoding="utf-8")
    return data


def rewrite(directory: Path, name: str, items: Any) -> None:
    (directory / name).write_text(json.dumps(items), encoding="utf-8")


def problems_of(directory: Path) -> tuple[str, ...]:
    with pytest.raises(CorpusDataError) as info:
        Corpus.from_path(directory)
    return info.value.problems


def test_from_path_reads_the_layout(tmp_path: Path):
    """A directory in the package-data layout loads into the same records."""
    write_corpus(tmp_path)
    assert Corpus.from_path(tmp_path).quotes() == Corpus.from_records(**small_records()).quotes()  # type: ignore[arg-type]


def test_from_path_accepts_str(tmp_path: Path):
    """The directory may be given as a string."""
    write_corpus(tmp_path)
    assert len(Corpus.from_path(str(tmp_path)).actors()) == 7


def test_evidence_may_leave_out_its_anchor(tmp_path: Path):
    """Hand-written evidence of source_id, start and end alone loads, with no anchor."""
    data = write_corpus(tmp_path)
    for quote in data["quotes.json"]:
        quote["evidence"] = [{"source_id": "doc", "start": 0, "end": 10}]
    rewrite(tmp_path, "quotes.json", data["quotes.json"])
    assert {q.evidence[0].anchor for q in Corpus.from_path(tmp_path).quotes()} == {None}


GOOD_ANCHOR: dict[str, Any] = {
    "digest": "0123456789abcdef",
    "length": 10,
    "head": 42,
    "prefix": "01234567",
    "suffix": "89abcdef",
}


def test_evidence_anchor_loads(tmp_path: Path):
    """An anchor in a file loads as an Anchor, and goes back to the same JSON."""
    data = write_corpus(tmp_path)
    anchor = GOOD_ANCHOR
    data["quotes.json"][0]["evidence"] = [{"source_id": "doc", "start": 0, "end": 10, "anchor": anchor}]
    rewrite(tmp_path, "quotes.json", data["quotes.json"])
    quote = Corpus.from_path(tmp_path).quote(data["quotes.json"][0]["id"])
    assert quote.evidence[0].anchor == src.Anchor(**anchor)
    assert unstructure(quote)["evidence"] == data["quotes.json"][0]["evidence"]


def test_missing_directory_names_the_path(tmp_path: Path):
    """A missing directory raises CorpusDataError naming it."""
    missing = tmp_path / "nowhere"
    with pytest.raises(CorpusDataError, match="nowhere: not a directory"):
        Corpus.from_path(missing)


def test_missing_file_names_the_file(tmp_path: Path):
    """A missing file is named with its path."""
    write_corpus(tmp_path)
    (tmp_path / "events.json").unlink()
    (problem,) = problems_of(tmp_path)
    assert problem.startswith(str(tmp_path / "events.json"))
    assert "no such file; every corpus directory needs this file" in problem


def test_truncated_json(tmp_path: Path):
    """Truncated JSON is reported with the file and the line."""
    write_corpus(tmp_path)
    text = (tmp_path / "quotes.json").read_text()
    (tmp_path / "quotes.json").write_text(text[: len(text) // 2])
    (problem,) = problems_of(tmp_path)
    assert "quotes.json: invalid JSON at line" in problem


def test_object_where_array_belongs(tmp_path: Path):
    """A file holding an object instead of an array is reported."""
    write_corpus(tmp_path)
    rewrite(tmp_path, "actors.json", {"id": "russia"})
    (problem,) = problems_of(tmp_path)
    assert "actors.json: expected a JSON array of records, got an object" in problem


def test_not_utf8(tmp_path: Path):
    """Bytes that are not UTF-8 are reported with their offset."""
    write_corpus(tmp_path)
    (tmp_path / "sources.json").write_bytes(b'[{"id": "\xff"}]')
    (problem,) = problems_of(tmp_path)
    assert "sources.json: not UTF-8 text: byte 9" in problem


def test_every_problem_is_reported_at_once(tmp_path: Path):
    """Problems in several files and records all come back, one line each."""
    data = write_corpus(tmp_path)
    data["quotes.json"][0]["kind"] = "verbatim"
    data["quotes.json"][1]["date"] = "2012-02-30"
    data["events.json"][0]["type"] = "battle"
    for name in ("quotes.json", "events.json"):
        rewrite(tmp_path, name, data[name])
    problems = problems_of(tmp_path)
    assert len(problems) == 3
    assert all("\n" not in p for p in problems)


@pytest.mark.parametrize(
    ("name", "change", "expected"),
    [
        (
            "quotes.json",
            {"kind": "verbatim"},
            "field 'kind': not a known QuoteKind; expected one of 'direct'",
        ),
        ("quotes.json", {"date": "2012-02-30"}, "field 'date': 2012-02-30 does not exist"),
        ("quotes.json", {"text": 12}, "field 'text': expected a string, got the number 12"),
        ("quotes.json", {"topics": "sanctions"}, "field 'topics': expected a JSON array, got a string"),
        ("quotes.json", {"topics": ["sanction"]}, "field 'topics[0]': not a known Topic"),
        (
            "quotes.json",
            {"evidence": [{"source_id": "doc", "start": "0", "end": 3}]},
            "field 'evidence[0].start': expected an integer, got a string",
        ),
        ("quotes.json", {"evidence": [{"source_id": "doc", "start": 0}]}, "field 'evidence[0].end': missing"),
        (
            "quotes.json",
            {
                "evidence": [
                    {
                        "source_id": "doc",
                        "start": 0,
                        "end": 3,
                        "anchor": {"digest": "ab", "length": 2, "prefix": "", "suffix": ""},
                    }
                ]
            },
            "field 'evidence[0].anchor.head': missing",
        ),
        *(
            (
                "quotes.json",
                {"evidence": [{"source_id": "doc", "start": 0, "end": 3, "anchor": GOOD_ANCHOR | bad}]},
                f"field 'evidence[0].anchor.{next(iter(bad))}': expected ",
            )
            for bad in (
                {"length": -3},
                {"length": 0},
                {"digest": "0123456789ABCDEF"},
                {"digest": "0123456789abcdeg"},
                {"digest": "0123456789abcde"},
                {"prefix": "0123456"},
                {"head": -1},
                {"head": 2**31 - 1},
            )
        ),
        (
            "quotes.json",
            {"evidence": [{"source_id": "doc", "start": 0, "end": 3, "anchor": "ab12"}]},
            "field 'evidence[0].anchor': expected a JSON object, got a string",
        ),
        (
            "quotes.json",
            {"evidence": [{"source_id": "doc", "start": 0, "end": 3, "note": "x"}]},
            "field 'evidence[0].note': unknown field (value 'x')",
        ),
        ("quotes.json", {"mood": "angry"}, "field 'mood': unknown field (value 'angry')"),
        ("events.json", {"date": None}, "field 'date': expected an EDTF date string"),
        (
            "events.json",
            {"fatalities": {"count": 5, "qualifier": "roughly"}},
            "field 'fatalities.qualifier': not a known FatalityQualifier",
        ),
        ("actors.json", {"kind": "planet"}, "field 'kind': not a known ActorKind"),
        ("positions.json", {"stance": "for"}, "field 'stance': not a known Stance"),
        (
            "sources.json",
            {"published": "circa 2012"},
            "field 'published': 'circa 2012' is not a supported date",
        ),
    ],
)
def test_bad_field_names_file_record_field_and_value(
    tmp_path: Path, name: str, change: dict[str, Any], expected: str
):
    """Each bad value is reported with the file, the record id and index, and the field."""
    data = write_corpus(tmp_path)
    record = data[name][0]
    record.update(change)
    rewrite(tmp_path, name, data[name])
    (problem,) = problems_of(tmp_path)
    assert problem.startswith(f"{tmp_path / name}: record {record['id']!r} (index 0), ")
    assert expected in problem


def test_missing_required_field(tmp_path: Path):
    """A missing required field is reported as missing; a record without id by its index."""
    data = write_corpus(tmp_path)
    del data["actors.json"][2]["id"]
    rewrite(tmp_path, "actors.json", data["actors.json"])
    problems = problems_of(tmp_path)
    assert any("record at index 2, field 'id': missing; this field is required" in p for p in problems)


def test_non_object_record(tmp_path: Path):
    """A record that is not an object is reported by index."""
    data = write_corpus(tmp_path)
    rewrite(tmp_path, "quotes.json", [*data["quotes.json"], 7])
    (problem,) = problems_of(tmp_path)
    assert "record at index 5: expected a JSON object, got the number 7" in problem


@pytest.mark.parametrize(
    ("name", "index", "change", "expected"),
    [
        ("quotes.json", 0, {"speaker_id": "nobody"}, "field 'speaker_id': no actor has the id 'nobody'"),
        ("quotes.json", 0, {"via": ["nobody"]}, "field 'via': no actor has the id 'nobody'"),
        ("quotes.json", 0, {"source_id": "elsewhere"}, "field 'source_id': no source has the id 'elsewhere'"),
        ("events.json", 0, {"participant_ids": ["nobody"]}, "field 'participant_ids': no actor has the id"),
        ("events.json", 0, {"end_date": "2011"}, "field 'end_date': '2011' is before the event's date"),
        ("positions.json", 0, {"quote_ids": ["nope"]}, "field 'quote_ids': no quote has the id 'nope'"),
        ("positions.json", 0, {"actor_id": "nobody"}, "field 'actor_id': no actor has the id 'nobody'"),
        (
            "actors.json",
            0,
            {"affiliation_id": "nobody"},
            "field 'affiliation_id': no actor has the id 'nobody'",
        ),
        (
            "events.json",
            0,
            {"evidence": [{"source_id": "doc", "start": 9, "end": 3}]},
            "field 'evidence[0]': span 9:3 is not a span",
        ),
        (
            "events.json",
            0,
            {"evidence": [{"source_id": "doc", "start": -1, "end": 3}]},
            "field 'evidence[0]': span -1:3 is not a span",
        ),
        (
            "events.json",
            0,
            {"evidence": [{"source_id": "nope", "start": 1, "end": 3}]},
            "field 'evidence[0].source_id': no source has the id 'nope'",
        ),
    ],
)
def test_broken_references(tmp_path: Path, name: str, index: int, change: dict[str, Any], expected: str):
    """A reference that does not resolve, or a span that is not one, is reported."""
    data = write_corpus(tmp_path)
    data[name][index].update(change)
    rewrite(tmp_path, name, data[name])
    problems = problems_of(tmp_path)
    assert any(expected in p and f"record {data[name][index]['id']!r}" in p for p in problems), problems


def test_duplicate_ids(tmp_path: Path):
    """Two records of one kind with the same id are reported."""
    data = write_corpus(tmp_path)
    rewrite(tmp_path, "events.json", [*data["events.json"], data["events.json"][0]])
    (problem,) = problems_of(tmp_path)
    assert "events.json: field 'id': 'e-houla' is used by 2 records" in problem


def test_affiliation_cycle(tmp_path: Path):
    """Affiliations that loop are reported once, with the loop."""
    data = write_corpus(tmp_path)
    data["actors.json"][0]["affiliation_id"] = "lavrov"  # russia -> lavrov -> mfa -> russia
    rewrite(tmp_path, "actors.json", data["actors.json"])
    (problem,) = problems_of(tmp_path)
    assert "affiliations form a cycle" in problem
    assert "russia" in problem
    assert "lavrov" in problem


def test_bad_data_leaves_the_bundled_corpus_alone(tmp_path: Path):
    """A failed load keeps nothing, and the bundled corpus is unchanged."""
    before = src.load()
    data = write_corpus(tmp_path)
    data["quotes.json"][0]["kind"] = "verbatim"
    rewrite(tmp_path, "quotes.json", data["quotes.json"])
    problems_of(tmp_path)
    assert src.load() is before


def test_round_trip_is_exact_on_bundled_data():
    """Structuring then unstructuring the bundled files gives back the same JSON."""
    from importlib.resources import files

    corpus = src.load()
    data = files("syria_russia_corpus").joinpath("data")
    by_file = {kind.file_name: getattr(corpus, kind.collection)() for kind in KINDS}
    for name, records in by_file.items():
        original = json.loads(data.joinpath(name).read_text(encoding="utf-8"))
        by_id = {record["id"]: record for record in original}
        assert len(by_id) == len(records)
        for record in records:
            assert unstructure(record) == by_id[record.id]
            assert list(unstructure(record)) == list(by_id[record.id]), "key order differs"


# -- values that parse but cannot be trusted -------------------------------------------


def test_repeated_key_is_refused_with_record_and_field(tmp_path: Path):
    """A key repeated in one object is named with the record and the path; json.loads would keep one."""
    write_corpus(tmp_path)
    text = (tmp_path / "actors.json").read_text(encoding="utf-8")
    (tmp_path / "actors.json").write_text(
        text.replace('"kind": "state"', '"kind": "state", "kind": "person"', 1)
    )
    events = (tmp_path / "events.json").read_text(encoding="utf-8")
    (tmp_path / "events.json").write_text(events.replace('"start": 0', '"start": 0, "start": 5', 1))
    problems = problems_of(tmp_path)
    assert any(
        "actors.json: record 'russia' (index 0), field 'kind': the key appears 2 times in one object "
        "(values 'state', 'person')" in p
        for p in problems
    ), problems
    assert any(
        "events.json: record 'e-houla' (index 0), field 'evidence[0].start': the key appears 2" in p
        for p in problems
    )
    assert len(problems) == 2


def test_a_record_with_a_repeated_key_has_its_other_fields_checked(tmp_path: Path):
    """A repeated key refuses its record, and the record's other problems still come in the same pass."""
    data = write_corpus(tmp_path)
    data["actors.json"][0]["affiliation_id"] = "nobody"
    rewrite(tmp_path, "actors.json", data["actors.json"])
    text = (tmp_path / "actors.json").read_text(encoding="utf-8")
    (tmp_path / "actors.json").write_text(
        text.replace('"kind": "state"', '"kind": "state", "kind": "person"', 1)
    )
    problems = problems_of(tmp_path)
    assert len(problems) == 2, problems
    assert "record 'russia' (index 0), field 'kind': the key appears 2 times" in problems[0]
    assert "record 'russia' (index 0), field 'affiliation_id': no actor has the id 'nobody'" in problems[1]


@pytest.mark.parametrize(
    ("name", "change", "expected"),
    [
        ("quotes.json", {"date": "２０１２-０５"}, "field 'date': '２０１２-０５' is not a supported date"),
        ("sources.json", {"sha256": "ABC"}, "field 'sha256': 'ABC' is not a SHA-256"),
        ("sources.json", {"sha256": "A" * 64}, "it needs 64 lowercase hexadecimal digits"),
        ("sources.json", {"sha256": "g" * 64}, "is not a SHA-256"),
        ("actors.json", {"id": ""}, "field 'id': '' is blank"),
        ("quotes.json", {"id": " \t"}, "field 'id': ' \\t' is blank"),
        ("actors.json", {"name": "  "}, "field 'name': '  ' is blank"),
        ("actors.json", {"aliases": ["Russian Federation", ""]}, "field 'aliases[1]': '' is blank"),
        ("actors.json", {"id": "\u200b"}, "field 'id': '\\u200b' is blank"),
        ("actors.json", {"name": "\u200b\u2060 "}, "field 'name': '\\u200b\\u2060 ' is blank"),
        ("actors.json", {"aliases": ["\ufeff"]}, "field 'aliases[0]': '\\ufeff' is blank"),
        (
            "events.json",
            {"fatalities": {"count": -3, "qualifier": "exact"}},
            "'fatalities.count': -3 is negative",
        ),
        (
            "events.json",
            {"fatalities": {"count": 2**63, "qualifier": "exact"}},
            "field 'fatalities.count': expected an integer that fits in 64 bits",
        ),
        (
            "quotes.json",
            {"evidence": [{"source_id": "doc", "start": 0, "end": 2**63}]},
            "field 'evidence[0].end': expected an integer that fits in 64 bits",
        ),
        ("actors.json", {"name": "Russia\ud800"}, "field 'name': holds a lone surrogate (U+D800)"),
        ("actors.json", {"aliases": ["\udfff"]}, "field 'aliases[0]': holds a lone surrogate (U+DFFF)"),
        ("sources.json", {"outlet": "x\udc00"}, "field 'outlet': holds a lone surrogate (U+DC00)"),
        ("quotes.json", {"text": "words\x00"}, "field 'text': holds a NUL character (U+0000)"),
        ("quotes.json", {"via": ["lavrov\x00"]}, "field 'via[0]': holds a NUL character"),
    ],
)
def test_values_that_would_load_wrongly_are_refused(
    tmp_path: Path, name: str, change: dict[str, Any], expected: str
):
    """Repeated keys aside, each value here parses but is no sound value of its field."""
    data = write_corpus(tmp_path)
    data[name][0].update(change)
    rewrite(tmp_path, name, data[name])
    problems = problems_of(tmp_path)
    assert any(expected in p and p.startswith(str(tmp_path / name)) for p in problems), problems


def test_largest_64_bit_integer_loads(tmp_path: Path):
    """2**63 - 1 still fits the exports, so it loads."""
    data = write_corpus(tmp_path)
    data["events.json"][0]["fatalities"] = {"count": 2**63 - 1, "qualifier": "exact"}
    rewrite(tmp_path, "events.json", data["events.json"])
    assert Corpus.from_path(tmp_path).event("e-houla").fatalities.count == 2**63 - 1  # type: ignore[union-attr]


def test_deep_nesting_is_a_problem_not_a_recursion_error(tmp_path: Path):
    """JSON nested past Python's recursion limit is reported against its file."""
    write_corpus(tmp_path)
    (tmp_path / "quotes.json").write_text("[" * 100_000 + "]" * 100_000)
    (problem,) = problems_of(tmp_path)
    assert problem == f"{tmp_path / 'quotes.json'}: JSON nested too deeply to read; " + (
        "no record nests more than a few levels"
    )


def test_nesting_within_a_field_is_shown_briefly(tmp_path: Path):
    """A deeply nested value that parses is reported with its start only."""
    data = write_corpus(tmp_path)
    (tmp_path / "actors.json").write_text(
        json.dumps(data["actors.json"]).replace('"Russia"', "[" * 500 + "]" * 500, 1), encoding="utf-8"
    )
    (problem,) = problems_of(tmp_path)
    assert "field 'name': expected a string, got an array (value [[[[[[[...]]]]]]])" in problem


def test_an_integer_past_4300_digits_is_placed(tmp_path: Path):
    """An integer Python will not convert is reported with its line and column, not as a ValueError."""
    write_corpus(tmp_path)
    (tmp_path / "events.json").write_text('[\n  {"id": ' + "9" * 5000 + "}]")
    (problem,) = problems_of(tmp_path)
    assert problem == f"{tmp_path / 'events.json'}: a number is too long to read at line 2, column 10"


def test_long_values_are_cut_short(tmp_path: Path):
    """A megabyte of text in a bad field, a date too, costs the message about 80 characters."""
    data = write_corpus(tmp_path)
    data["quotes.json"][0]["kind"] = "x" * 1_000_000
    data["quotes.json"][1]["speaker_id"] = "y" * 1_000_000
    data["quotes.json"][2]["date"] = "2012-" + "9" * 1_000_000
    data["quotes.json"][3]["date"] = "2012/" + "1" * 1_000_000
    rewrite(tmp_path, "quotes.json", data["quotes.json"])
    problems = problems_of(tmp_path)
    assert len(problems) == 4
    # The path, the record, the field and the date formats take the rest.
    assert all(len(p) < 500 for p in problems), [len(p) for p in problems]
    assert any("(value 'xxxxxxxx" in p and "...xxx" in p for p in problems)


# -- files that are not files --------------------------------------------------------------


def _load_in_time(directory: Path) -> tuple[str, ...]:
    """The problems of loading *directory*, failing instead of hanging if the load waits."""
    import threading

    found: list[tuple[str, ...]] = []
    worker = threading.Thread(target=lambda: found.append(problems_of(directory)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "loading hung"
    return found[0]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda path: path.mkdir(), "a directory, not a regular file"),
        (os.mkfifo, "a named pipe (FIFO), not a regular file"),
        (lambda path: path.symlink_to("/dev/zero"), "a device, not a regular file"),
        (lambda path: path.symlink_to(path), "a symbolic link that loops"),
    ],
)
def test_special_files_are_refused_without_waiting(tmp_path: Path, make: Any, expected: str):
    """A directory, FIFO, device or symlink loop at a file's name is refused at once, named."""
    write_corpus(tmp_path)
    (tmp_path / "quotes.json").unlink()
    make(tmp_path / "quotes.json")
    (problem,) = _load_in_time(tmp_path)
    assert problem == f"{tmp_path / 'quotes.json'}: {expected}" or problem.startswith(
        f"{tmp_path / 'quotes.json'}: {expected}"
    )


def test_the_size_cap_holds_for_a_file_that_reports_size_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A /proc file says it is empty; reading stops one byte past the cap all the same."""
    write_corpus(tmp_path)
    cap = max(path.stat().st_size for path in tmp_path.iterdir())
    proc = Path("/proc/self/smaps")
    if not proc.exists() or proc.stat().st_size != 0 or len(proc.read_bytes()) <= cap:
        pytest.skip("needs a /proc file that reports size 0")
    (tmp_path / "quotes.json").unlink()
    (tmp_path / "quotes.json").symlink_to(proc)
    monkeypatch.setattr(_loading, "MAX_FILE_BYTES", cap)
    (problem,) = problems_of(tmp_path)
    assert problem.endswith(
        f": at least {cap + 1:,} bytes, more than the {cap:,} bytes a corpus file may hold"
    )


def test_a_file_removed_during_the_load_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A file that goes between its check and its opening is reported, not raised as an OSError."""
    write_corpus(tmp_path)
    real_open = os.open

    def open_after_removal(path: Any, *args: Any) -> int:
        if str(path).endswith("events.json"):
            os.unlink(path)
        return real_open(path, *args)

    monkeypatch.setattr(os, "open", open_after_removal)
    (problem,) = problems_of(tmp_path)
    assert problem.startswith(f"{tmp_path / 'events.json'}: was removed while it was being read")


def test_an_unreadable_file_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An OSError on reading names the file and the reason."""
    write_corpus(tmp_path)

    def refuse(*_: Any) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    problems = problems_of(tmp_path)
    assert problems == tuple(f"{tmp_path / k.file_name}: cannot be opened (Permission denied)" for k in KINDS)


def test_a_blank_directory_is_refused():
    """from_path("") would read the working directory; it is refused instead."""
    with pytest.raises(InvalidQueryError, match="directory is empty"):
        Corpus.from_path("")
    with pytest.raises(ArgumentTypeError, match="must be a str or a path"):
        Corpus.from_path(None)  # type: ignore[arg-type]


# -- one pass --------------------------------------------------------------------------


def test_problems_of_every_kind_come_in_one_pass(tmp_path: Path):
    """Types, enums, dates, references, spans, duplicates, missing files: all at once, even in one record."""
    data = write_corpus(tmp_path)
    quotes = data["quotes.json"]
    quotes[0]["text"] = 5  # type
    quotes[1]["kind"] = "verbatim"  # enum
    quotes[2]["date"] = "2012-02-30"  # date
    quotes[3]["speaker_id"] = "nobody"  # reference
    quotes[4]["evidence"] = [{"source_id": "doc", "start": 9, "end": 3}]  # span ...
    quotes[4]["date"] = "2012-13"  # ... and a date, in one record
    data["events.json"].append(dict(data["events.json"][0]))  # duplicate id
    paris = data["events.json"][1]  # a type, a reference and a count, in one record
    paris.update(type=5, participant_ids=["ghost"], fatalities={"count": -1, "qualifier": "exact"})
    araby = data["actors.json"][5]  # an enum, a blank name and a reference, in one record
    araby.update(kind="minister", name="\u200b", affiliation_id="nobody")
    data["positions.json"][0]["quote_ids"] = ["q-putin-late", "q-missing"]
    for name in ("actors.json", "quotes.json", "events.json", "positions.json"):
        rewrite(tmp_path, name, data[name])
    (tmp_path / "sources.json").unlink()  # missing file
    problems = problems_of(tmp_path)
    expected = [
        "sources.json: no such file",
        "quotes.json: record 'q-putin-late' (index 0), field 'text': expected a string",
        "quotes.json: record 'q-putin-early' (index 1), field 'kind': not a known QuoteKind",
        "quotes.json: record 'q-putin-undated' (index 2), field 'date': 2012-02-30 does not exist",
        "quotes.json: record 'q-lavrov', field 'speaker_id': no actor has the id 'nobody'",
        "quotes.json: record 'q-russia' (index 4), field 'date': ",
        "quotes.json: record 'q-russia' (index 4), field 'evidence[0]': span 9:3 is not a span",
        "events.json: field 'id': 'e-houla' is used by 2 records",
        "events.json: record 'e-paris' (index 1), field 'type': not a known EventType",
        "events.json: record 'e-paris' (index 1), field 'participant_ids': no actor has the id 'ghost'",
        "events.json: record 'e-paris' (index 1), field 'fatalities.count': -1 is negative",
        "actors.json: record 'araby' (index 5), field 'kind': not a known ActorKind",
        "actors.json: record 'araby' (index 5), field 'name': '\\u200b' is blank",
        "actors.json: record 'araby' (index 5), field 'affiliation_id': no actor has the id 'nobody'",
        "positions.json: record 'p-russia-sanctions', field 'quote_ids': no quote has the id 'q-missing'",
    ]
    for fragment in expected:
        assert sum(fragment in p for p in problems) == 1, (fragment, problems)
    assert len(problems) == len(expected), problems


def test_a_record_that_failed_is_not_called_missing(tmp_path: Path):
    """References to a record that could not be read are not reported as dangling: it exists."""
    data = write_corpus(tmp_path)
    lavrov = next(a for a in data["actors.json"] if a["id"] == "lavrov")
    lavrov["kind"] = "minister"
    rewrite(tmp_path, "actors.json", data["actors.json"])
    (problem,) = problems_of(tmp_path)
    assert "record 'lavrov' (index 2), field 'kind': not a known ActorKind" in problem


def test_a_file_that_failed_hides_no_other_file(tmp_path: Path):
    """Invalid JSON in one file leaves the others checked, and no reference into it is called dangling."""
    data = write_corpus(tmp_path)
    (tmp_path / "actors.json").write_text("[{", encoding="utf-8")
    data["events.json"][0]["type"] = "battle"
    rewrite(tmp_path, "events.json", data["events.json"])
    problems = problems_of(tmp_path)
    assert len(problems) == 2, problems
    assert "actors.json: invalid JSON" in problems[0]
    assert "events.json: record 'e-houla' (index 0), field 'type': not a known EventType" in problems[1]


def test_from_records_refuses_a_string_of_aliases():
    """A string where a tuple of aliases belongs is refused, not split into one-letter aliases."""
    russia = Actor(id="russia", name="Russia", kind=ActorKind.STATE, aliases="Russian Federation")  # type: ignore[arg-type]
    with pytest.raises(CorpusDataError, match=r"record 'russia' .*field 'aliases': expected a JSON array"):
        Corpus.from_records(actors=[russia])


def test_from_records_refuses_what_files_refuse():
    """Hand-built records meet the file rules: surrogates, blank names, bad hashes, huge counts."""
    records = small_records()
    actors = records["actors"]
    actors[0] = attrs.evolve(actors[0], name="\ud800")  # type: ignore[misc]
    actors[1] = attrs.evolve(actors[1], id=" ")  # type: ignore[misc]
    records["sources"][0] = attrs.evolve(records["sources"][0], sha256="XYZ")  # type: ignore[misc]
    with pytest.raises(CorpusDataError) as info:
        Corpus.from_records(**records)  # type: ignore[arg-type]
    text = str(info.value)
    assert "field 'name': holds a lone surrogate" in text
    assert "field 'id': ' ' is blank" in text
    assert "field 'sha256': 'XYZ' is not a SHA-256" in text


def test_a_cycle_through_a_record_that_failed_is_reported(tmp_path: Path):
    """An affiliation cycle is found even when one of its actors has another problem."""
    data = write_corpus(tmp_path)
    data["actors.json"][0]["affiliation_id"] = "lavrov"  # russia -> lavrov -> mfa -> russia
    data["actors.json"][1]["kind"] = "ministry"  # mfa cannot be read
    rewrite(tmp_path, "actors.json", data["actors.json"])
    problems = problems_of(tmp_path)
    assert len(problems) == 2, problems
    assert "record 'mfa' (index 1), field 'kind'" in problems[0]
    assert "affiliations form a cycle: russia -> lavrov -> mfa -> russia" in problems[1]


def test_from_records_reports_a_field_that_cannot_be_written_out():
    """A field holding an object that cannot even be turned into JSON is reported with its record."""

    class Unprintable:
        def __str__(self) -> str:
            raise RuntimeError("no text")

    quote = attrs.evolve(small_records()["quotes"][0], date=Unprintable())  # type: ignore[misc]
    with pytest.raises(
        CorpusDataError, match="record 'q-putin-late': a field holds a value of the wrong type"
    ):
        Corpus.from_records(quotes=[quote])


# -- shapes read from the record classes ----------------------------------------------


@attrs.frozen(kw_only=True)
class NotedEvidence(src.Evidence):
    """Evidence with a field more, as a later release might add."""

    note: str = ""


@attrs.frozen(kw_only=True)
class NotedQuote(src.Quote):
    evidence: tuple[NotedEvidence, ...] = ()


@attrs.frozen(kw_only=True)
class SelfAffiliatedActor(src.Actor):
    """An actor class whose own check refuses fields that are each sound."""

    def __attrs_post_init__(self) -> None:
        if self.affiliation_id == self.id:
            raise ValueError("an actor cannot be its own affiliation")


def _noted_quotes(evidence: dict[str, Any]) -> tuple[tuple[Any, ...], list[str]]:
    kind = RecordKind("quote", "quotes", NotedQuote, (), "text")
    item = unstructure(small_records()["quotes"][0]) | {"evidence": [evidence]}
    records, _, problems = _loading.structure_all(kind, [item], "quotes.json")
    return records, problems


def test_a_field_added_to_evidence_loads():
    """Evidence with a new field loads through the fast hook, which reads its keys from the class."""
    (quote,), problems = _noted_quotes({"source_id": "doc", "start": 0, "end": 3, "note": "page 2"})
    assert (problems, quote.evidence[0].note) == ([], "page 2")


def test_a_bad_value_in_an_added_evidence_field_is_named():
    """A wrong value in a field added to Evidence is reported by its path, not as an unreadable record."""
    _, (problem,) = _noted_quotes({"source_id": "doc", "start": 0, "end": 3, "note": 5})
    assert "field 'evidence[0].note': expected a string" in problem


def test_fields_that_do_not_fit_together_are_reported_with_the_reason():
    """A record whose fields pass one by one but which its class refuses gets the class's reason."""
    kind = RecordKind("actor", "actors", SelfAffiliatedActor, (), "name")
    item = {"id": "mfa", "name": "MFA", "kind": "government_body", "affiliation_id": "mfa"}
    _, _, (problem,) = _loading.structure_all(kind, [item], "actors.json")
    assert problem.startswith("actors.json: record 'mfa' (index 0): an actor cannot be its own affiliation")
