"""Exports: CSV, JSON Lines, Parquet and the Frictionless Data Package."""

from __future__ import annotations

import csv
import errno
import itertools
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest

from syria_russia_corpus import Actor, ActorKind, Corpus
from syria_russia_corpus._converter import unstructure
from syria_russia_corpus._export import csv_cell
from syria_russia_corpus.exceptions import ArgumentTypeError, ExportError, InvalidQueryError

from .conftest import small_records

MAIN = ["sources", "actors", "quotes", "events", "positions"]
LINKS = ["evidence", "event_participants", "position_quotes", "quote_via"]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_csv_writes_one_file_per_kind_and_link_tables(corpus: Corpus, tmp_path: Path):
    """CSV export writes the five record tables and the four link tables."""
    written = corpus.export(tmp_path, format="csv")
    assert sorted(p.name for p in written) == sorted(f"{n}.csv" for n in MAIN + LINKS)
    quotes = read_csv(tmp_path / "quotes.csv")
    assert [q["id"] for q in quotes] == list(corpus.quotes().ids)


def test_csv_flattens_dates_names_and_lists(corpus: Corpus, tmp_path: Path):
    """A date becomes EDTF plus earliest/latest; ids come with names; lists are '; '-joined."""
    corpus.export(tmp_path, format="csv")
    quote = next(q for q in read_csv(tmp_path / "quotes.csv") if q["id"] == "q-lavrov")
    assert (quote["date"], quote["date_earliest"], quote["date_latest"]) == (
        "2012-05",
        "2012-05-01",
        "2012-05-31",
    )
    assert quote["speaker_name"] == "Sergei Lavrov"
    event = next(e for e in read_csv(tmp_path / "events.csv") if e["id"] == "e-paris")
    assert event["participant_ids"] == "putin; hollande"
    assert event["plover"] == "CONSULT"


def test_csv_link_tables(corpus: Corpus, tmp_path: Path):
    """Link tables list each participant, supporting quote and span as its own row."""
    corpus.export(tmp_path, format="csv")
    participants = read_csv(tmp_path / "event_participants.csv")
    assert {"event_id": "e-paris", "ordinal": "1", "actor_id": "hollande"} in participants
    assert read_csv(tmp_path / "position_quotes.csv") == [
        {"position_id": "p-lavrov-sanctions", "ordinal": "0", "quote_id": "q-lavrov"}
    ]
    spans = read_csv(tmp_path / "evidence.csv")
    assert len(spans) == sum(
        len(r.evidence) for r in [*corpus.quotes(), *corpus.events(), *corpus.positions()]
    )


def test_csv_neutralises_formulas(tmp_path: Path):
    """Cells that a spreadsheet would run as formulas get a leading apostrophe."""
    records = small_records()
    records["actors"].append(
        Actor(id="evil", name='=HYPERLINK("http://x")', kind=ActorKind.PERSON, description="+1 -2 @3")
    )
    Corpus.from_records(**records).export(tmp_path, format="csv")  # type: ignore[arg-type]
    evil = next(a for a in read_csv(tmp_path / "actors.csv") if a["id"] == "evil")
    assert evil["name"] == '\'=HYPERLINK("http://x")'
    assert evil["description"] == "'+1 -2 @3"


INJECTION = "President of Russia.\r=cmd|' /C calc'!A0"


def bundled_with_injection() -> Corpus:
    """The bundled corpus with a description that smuggles a formula after a carriage return."""
    import syria_russia_corpus as src

    corpus = src.load()
    actors = [
        attrs.evolve(actor, description=INJECTION) if actor.id == "vladimir-putin" else actor
        for actor in corpus.actors()
    ]
    return Corpus.from_records(
        sources=corpus.sources(),
        actors=actors,
        quotes=corpus.quotes(),
        events=corpus.events(),
        positions=corpus.positions(),
    )


def assert_no_row_injected(text: str) -> None:
    """*text*, the bundled actors as CSV, reads back one row per actor, no cell a spreadsheet would run."""
    import io

    import pandas as pd

    import syria_russia_corpus as src

    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert len(frame) == len(src.actors())
    assert not [cell for column in frame for cell in frame[column] if cell.startswith("=")]
    # pandas reads the carriage return inside the quoted cell as a line break.
    assert frame.set_index("id").loc["vladimir-putin", "description"].splitlines() == INJECTION.splitlines()
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}
    assert rows["vladimir-putin"]["description"] == INJECTION


@pytest.mark.parametrize("form", ["csv", "datapackage"])
def test_a_carriage_return_cannot_start_a_row(tmp_path: Path, form: str):
    """A lone \r inside a value is quoted, so pandas reads one row per actor and no formula cell."""
    bundled_with_injection().export(tmp_path, format=form)
    assert_no_row_injected((tmp_path / "actors.csv").read_bytes().decode("utf-8"))


@pytest.mark.parametrize(
    "value", [" =1+1", "\t=1+1", "\n@SUM(A1)", "  -2+3", "\u3000+1", "\tplain", "\rplain"]
)
def test_formulas_after_white_space_are_neutralised(value: str):
    """A formula start after leading white space, or a leading tab or carriage return, gets the apostrophe."""
    assert csv_cell(value) == "'" + value


def test_plain_text_is_left_alone():
    """Text that no spreadsheet would run keeps its first character."""
    assert csv_cell("President = head of state") == "President = head of state"
    assert csv_cell(" plain") == " plain"


def test_refuses_to_overwrite(corpus: Corpus, tmp_path: Path):
    """A second export into the same place raises ExportError and changes nothing."""
    corpus.export(tmp_path, format="csv")
    before = (tmp_path / "quotes.csv").read_bytes()
    (tmp_path / "quotes.csv").write_text("mine")
    with pytest.raises(ExportError, match="overwrite=True"):
        corpus.export(tmp_path, format="csv")
    assert (tmp_path / "quotes.csv").read_text() == "mine"
    corpus.export(tmp_path, format="csv", overwrite=True)
    assert (tmp_path / "quotes.csv").read_bytes() == before


def test_creates_the_directory(corpus: Corpus, tmp_path: Path):
    """A missing directory is created, parents included."""
    target = tmp_path / "a" / "b"
    corpus.export(target, format="jsonl")
    assert (target / "quotes.jsonl").exists()


def test_refuses_a_file_as_directory(corpus: Corpus, tmp_path: Path):
    """Exporting onto a file raises ExportError."""
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(ExportError, match="is a regular file; export needs a directory"):
        corpus.export(target)


def test_unknown_format(corpus: Corpus, tmp_path: Path):
    """An unknown format raises a ValueError subclass listing the formats."""
    with pytest.raises(InvalidQueryError, match="'datapackage'"):
        corpus.export(tmp_path, format="xlsx")


def test_jsonl_is_the_package_data(corpus: Corpus, tmp_path: Path):
    """JSON Lines holds one package-data object per line."""
    corpus.export(tmp_path, format="jsonl")
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [unstructure(e) for e in corpus.events()]


def test_exports_are_reproducible(corpus: Corpus, tmp_path: Path):
    """Two exports of one corpus are byte-identical but for the data package's time of creation."""
    corpus.export(tmp_path / "a", format="datapackage")
    corpus.export(tmp_path / "b", format="datapackage")
    for path in (tmp_path / "a").iterdir():
        if path.name != "datapackage.json":
            assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
    first, second = (json.loads((tmp_path / side / "datapackage.json").read_text()) for side in "ab")
    del first["created"], second["created"]
    assert first == second


def test_datapackage_created_is_the_export_time(corpus: Corpus, tmp_path: Path):
    """The data package's created is when it was written, in UTC."""
    import datetime

    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    corpus.export(tmp_path, format="datapackage")
    created = json.loads((tmp_path / "datapackage.json").read_text())["created"]
    when = datetime.datetime.fromisoformat(created.replace("Z", "+00:00"))
    assert before <= when <= datetime.datetime.now(datetime.timezone.utc)


def test_parquet_types(corpus: Corpus, tmp_path: Path):
    """Parquet keeps dates as dates and counts as integers."""
    import pyarrow.parquet as pq

    corpus.export(tmp_path, format="parquet")
    table = pq.read_table(tmp_path / "events.parquet")
    assert str(table.schema.field("date_earliest").type) == "date32[day]"
    assert str(table.schema.field("fatalities_count").type) == "int64"
    assert table.column("id").to_pylist() == list(corpus.events().ids)


def test_datapackage_is_valid(corpus: Corpus, tmp_path: Path):
    """frictionless validates the data package: types, keys, foreign keys, enums."""
    from frictionless import Package, validate

    corpus.export(tmp_path, format="datapackage")
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(tmp_path / "datapackage.json")
    assert sorted(r.name for r in package.resources) == sorted(MAIN + LINKS)


def test_datapackage_catches_a_broken_foreign_key(corpus: Corpus, tmp_path: Path):
    """The descriptor's foreign keys are real: a dangling speaker fails validation."""
    from frictionless import validate

    corpus.export(tmp_path, format="datapackage")
    path = tmp_path / "quotes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(',"putin",', ',"nobody",', 1), encoding="utf-8")
    assert not validate(tmp_path / "datapackage.json").valid


def test_datapackage_declares_enums_and_dates(corpus: Corpus, tmp_path: Path):
    """Enum columns carry their values as constraints, and bounds are typed dates."""
    corpus.export(tmp_path, format="datapackage")
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    quotes = next(r for r in descriptor["resources"] if r["name"] == "quotes")
    fields = {f["name"]: f for f in quotes["schema"]["fields"]}
    assert fields["kind"]["constraints"]["enum"] == ["direct", "partial", "reported"]
    assert fields["date"]["type"] == "string"
    assert fields["date_earliest"]["type"] == "date"
    assert quotes["schema"]["primaryKey"] == ["id"]


def test_json_export_loads_back_record_for_record(corpus: Corpus, tmp_path: Path):
    """The default export is the from_path layout: loading it gives the same records."""
    corpus.export(tmp_path)
    again = Corpus.from_path(tmp_path)
    for name in ("sources", "actors", "quotes", "events", "positions"):
        assert getattr(again, name)() == getattr(corpus, name)(), name


def test_full_export_builds_on_the_bundled_corpus(tmp_path: Path):
    """An export of the bundled corpus loads on the bundled corpus as one copy of each record."""
    import syria_russia_corpus as src

    src.export(tmp_path)
    layered = Corpus.from_path(tmp_path, base=src.load())
    assert layered.quotes() == src.quotes()
    assert len(layered.actors()) == len(src.actors())


def test_evidence_table_carries_each_spans_anchor(tmp_path: Path):
    """The evidence link table has a column for each anchor field, filled for anchored spans."""
    import syria_russia_corpus as src

    src.export(tmp_path, format="csv")
    first = read_csv(tmp_path / "evidence.csv")[0]
    quote = src.load().quote(first["record_id"])
    anchor = quote.evidence[0].anchor
    assert anchor is not None
    assert (first["span_start"], first["span_end"]) == (
        str(quote.evidence[0].start),
        str(quote.evidence[0].end),
    )
    assert (first["anchor_digest"], first["anchor_length"], first["anchor_head"]) == (
        anchor.digest,
        str(anchor.length),
        str(anchor.head),
    )
    assert (first["anchor_prefix"], first["anchor_suffix"]) == (anchor.prefix, anchor.suffix)


def test_evidence_without_anchor_leaves_its_columns_empty(corpus: Corpus, tmp_path: Path):
    """A hand-written span without an anchor exports with empty anchor cells."""
    corpus.export(tmp_path, format="csv")
    first = read_csv(tmp_path / "evidence.csv")[0]
    assert first["anchor_digest"] == first["anchor_head"] == ""


# -- exports never lose or mix data ---------------------------------------------------------


def listing(directory: Path) -> dict[str, bytes]:
    """Every entry of *directory*, hidden ones included, with the bytes of each file."""
    return {path.name: path.read_bytes() if path.is_file() else b"<dir>" for path in directory.iterdir()}


def other_corpus() -> Corpus:
    """The small corpus with one actor described differently, so its exports differ."""
    records = small_records()
    records["actors"][0] = attrs.evolve(records["actors"][0], description="changed")  # type: ignore[misc]
    return Corpus.from_records(**records)  # type: ignore[arg-type]


def fail_on_call(monkeypatch: pytest.MonkeyPatch, name: str, call: int, error: OSError) -> None:
    """Make os.<name> raise *error* on its *call*-th call, as a full disk or a failing move would."""
    real = getattr(os, name)
    calls = itertools.count(1)

    def failing(*args: Any, **kwargs: Any) -> Any:
        if next(calls) == call:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)


def test_a_full_disk_leaves_nothing(corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Disk full half-way: the directories the export created are gone, nothing else appears."""
    fail_on_call(monkeypatch, "fsync", 3, OSError(errno.ENOSPC, "No space left on device"))
    with pytest.raises(ExportError, match=r"cannot export to .*: No space left on device"):
        corpus.export(tmp_path / "new" / "out", format="jsonl")
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_keeps_what_was_there(corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Disk full while overwriting: every old file is still there, unchanged, and nothing else."""
    other_corpus().export(tmp_path, format="jsonl")
    before = listing(tmp_path)
    fail_on_call(monkeypatch, "fsync", 4, OSError(errno.ENOSPC, "No space left on device"))
    with pytest.raises(ExportError, match="No space left on device"):
        corpus.export(tmp_path, format="jsonl", overwrite=True)
    assert listing(tmp_path) == before


def test_a_failed_move_puts_the_old_files_back(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A move that fails after some files were replaced rolls them all back."""
    other_corpus().export(tmp_path)
    before = listing(tmp_path)
    fail_on_call(monkeypatch, "replace", 7, OSError(errno.EIO, "Input/output error"))
    with pytest.raises(ExportError, match="Input/output error"):
        corpus.export(tmp_path, overwrite=True)
    assert listing(tmp_path) == before


def test_a_directory_at_a_file_name_stops_the_export(corpus: Corpus, tmp_path: Path):
    """With overwrite=True, a directory where a file goes is refused before anything is replaced."""
    other_corpus().export(tmp_path, format="jsonl")
    (tmp_path / "quotes.jsonl").unlink()
    (tmp_path / "quotes.jsonl").mkdir()
    before = listing(tmp_path)
    with pytest.raises(ExportError, match=r"holds a directory called quotes\.jsonl"):
        corpus.export(tmp_path, format="jsonl", overwrite=True)
    assert listing(tmp_path) == before


def test_os_errors_become_export_errors(corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A parent that is a file, a NUL in the path and a read-only file system raise ExportError."""
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match=r"cannot export to .*file/sub: Not a directory"):
        corpus.export(tmp_path / "file" / "sub")
    with pytest.raises(ExportError, match="a path cannot hold a NUL character"):
        corpus.export(f"{tmp_path}/a\0b")
    read_only = OSError(errno.EROFS, "Read-only file system", str(tmp_path))
    monkeypatch.setattr(tempfile, "mkdtemp", lambda **_: (_ for _ in ()).throw(read_only))
    with pytest.raises(ExportError, match="Read-only file system") as info:
        corpus.export(tmp_path / "ro")
    assert isinstance(info.value, OSError)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_a_directory_the_system_refuses_is_an_export_error(corpus: Corpus):
    """Where the operating system forbids writing, the error is an ExportError, not a raw OSError."""
    if not Path("/sys/kernel").is_dir():
        pytest.skip("needs Linux's sysfs, which refuses new entries even to root")
    with pytest.raises(ExportError, match="cannot export to /sys/syria-russia-corpus-test"):
        corpus.export("/sys/syria-russia-corpus-test")


def test_an_empty_path_is_refused(corpus: Corpus):
    """export("") would write into the working directory; it is refused instead."""
    with pytest.raises(InvalidQueryError, match="directory is empty"):
        corpus.export("")
    with pytest.raises(ArgumentTypeError, match="must be a str or a path"):
        corpus.export(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("flag", ["no", "", 0, 1, None])
def test_overwrite_must_be_a_bool(corpus: Corpus, tmp_path: Path, flag: object):
    """overwrite="no" would count as true; anything but a bool is refused before writing."""
    corpus.export(tmp_path, format="jsonl")
    before = listing(tmp_path)
    with pytest.raises(ArgumentTypeError, match="overwrite must be True or False"):
        other_corpus().export(tmp_path, format="jsonl", overwrite=flag)  # type: ignore[arg-type]
    assert listing(tmp_path) == before


def test_a_dangling_symlink_counts_as_existing(corpus: Corpus, tmp_path: Path):
    """A link at a file's name, even to nothing, is not replaced without overwrite, nor written through."""
    (tmp_path / "quotes.jsonl").symlink_to(tmp_path / "nowhere")
    with pytest.raises(ExportError, match=r"already holds quotes\.jsonl"):
        corpus.export(tmp_path, format="jsonl")
    assert (tmp_path / "quotes.jsonl").is_symlink()
    corpus.export(tmp_path, format="jsonl", overwrite=True)
    assert not (tmp_path / "quotes.jsonl").is_symlink()
    assert not (tmp_path / "nowhere").exists()


def test_exported_files_are_0600_whatever_the_umask(corpus: Corpus, tmp_path: Path):
    """Files come out readable and writable by their owner only, under any umask."""
    for umask in (0o000, 0o022, 0o277):
        target = tmp_path / f"umask-{umask:o}"
        target.mkdir()
        previous = os.umask(umask)
        try:
            written = corpus.export(target)
        finally:
            os.umask(previous)
        assert {stat.S_IMODE(path.stat().st_mode) for path in written} == {0o600}


def test_a_symbolic_link_at_the_lock_is_not_followed(corpus: Corpus, tmp_path: Path):
    """A link planted at the lock file's name makes the export fail, creating nothing where it points."""
    target = tmp_path / "out"
    target.mkdir()
    (target / ".syria-russia-corpus-export.lock").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(ExportError, match="cannot export to"):
        corpus.export(target)
    assert not (tmp_path / "elsewhere").exists()
