"""Corpus.from_path: reading a directory, and reporting bad data precisely."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import syria_russia_corpus as src
from syria_russia_corpus import Corpus
from syria_russia_corpus._converter import unstructure
from syria_russia_corpus._schema import KINDS
from syria_russia_corpus.exceptions import CorpusDataError

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


def test_evidence_anchor_loads(tmp_path: Path):
    """An anchor in a file loads as an Anchor, and goes back to the same JSON."""
    data = write_corpus(tmp_path)
    anchor = {
        "digest": "0123456789abcdef",
        "length": 10,
        "head": 42,
        "prefix": "01234567",
        "suffix": "89abcdef",
    }
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
    assert "file not found" in problem


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
