"""The command line: in-process for each behaviour, and end to end through a subprocess."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import syria_russia_corpus as src
from syria_russia_corpus._cli import main
from syria_russia_corpus._columns import table_for
from syria_russia_corpus._converter import unstructure
from syria_russia_corpus._schema import KINDS, QUOTES, record_kind

from .test_loading import write_corpus


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "syria_russia_corpus", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def data(tmp_path: Path) -> str:
    """A small corpus directory for --data."""
    write_corpus(tmp_path)
    return str(tmp_path)


def out(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_help():
    """--help describes the command and exits 0."""
    result = run("--help")
    assert result.returncode == 0
    assert "usage: syria-russia-corpus" in result.stdout
    for command in ("info", "actors", "quotes", "events", "positions", "search", "export", "verify", "cite"):
        assert command in result.stdout


def test_info_summarizes_the_bundled_corpus():
    """info prints the data version and the count of each record kind."""
    result = run("info")
    assert result.returncode == 0, result.stderr
    assert src.DATA_VERSION in result.stdout
    assert f"{len(src.quotes())} quotes" in result.stdout
    assert f"{len(src.events())} events" in result.stdout


def test_info_states_the_period_of_statements_and_its_gaps():
    """info gives the statements' period apart from the historical events, and names the long gap."""
    months = src.coverage()
    result = run("info")
    assert f"statements (quotes and positions) dated {months[0].month} to " in result.stdout
    assert f" and {months[-1].month}" in result.stdout
    assert "no statement coded from 2012-" in result.stdout
    assert "historical events before the statements" in result.stdout
    assert "1940" not in result.stdout


def test_no_command_means_info(capsys: pytest.CaptureFixture[str], data: str):
    """With no command the summary is printed."""
    assert out(capsys, "--data", data, "--alone") == out(capsys, "--data", data, "--alone", "info")


def test_quotes_table(capsys: pytest.CaptureFixture[str], data: str):
    """quotes --by prints a table of the speaker's quotes with names resolved."""
    table = out(capsys, "--data", data, "--alone", "quotes", "--by", "Sergey Lavrov")
    assert table.splitlines()[0].split() == ["date", "speaker", "kind", "text"]
    assert "Sergei Lavrov" in table
    assert "lavrov words" in table


def test_quotes_json_is_one_array_of_package_records(capsys: pytest.CaptureFixture[str], data: str):
    """--format json prints one array of objects keyed like the package data."""
    records = json.loads(
        out(capsys, "--data", data, "--alone", "quotes", "--by", "putin", "--format", "json")
    )
    corpus = src.Corpus.from_path(data)
    assert records == [unstructure(q) for q in corpus.quotes_by("putin")]


def test_quotes_kind_without_speaker(capsys: pytest.CaptureFixture[str], data: str):
    """--kind alone filters all quotes."""
    records = json.loads(
        out(capsys, "--data", data, "--alone", "quotes", "--kind", "partial", "--format", "json")
    )
    assert [r["id"] for r in records] == ["q-lavrov"]


def test_quotes_include_affiliated(capsys: pytest.CaptureFixture[str], data: str):
    """--include-affiliated adds the affiliates' quotes."""
    records = json.loads(
        out(
            capsys,
            "--data",
            data,
            "--alone",
            "quotes",
            "--by",
            "russia",
            "--include-affiliated",
            "--format",
            "json",
        )
    )
    assert len(records) == 5


def test_positions_csv_has_the_export_columns(capsys: pytest.CaptureFixture[str], data: str):
    """--format csv prints a header row and the export's columns."""
    rows = list(
        csv.DictReader(
            io.StringIO(
                out(capsys, "--data", data, "--alone", "positions", "--topic", "sanctions", "--format", "csv")
            )
        )
    )
    assert [r["id"] for r in rows] == ["p-lavrov-sanctions", "p-russia-sanctions"]
    assert rows[0]["actor_name"] == "Sergei Lavrov"
    assert rows[0]["date_earliest"] == "2012-05-30"


def test_positions_of(capsys: pytest.CaptureFixture[str], data: str):
    """positions --of NAME --include-affiliated covers the officials."""
    records = json.loads(
        out(
            capsys,
            "--data",
            data,
            "--alone",
            "positions",
            "--of",
            "Russia",
            "--include-affiliated",
            "--format",
            "json",
        )
    )
    assert {r["actor_id"] for r in records} == {"russia", "lavrov", "putin"}


def test_events_between_type_and_involving(capsys: pytest.CaptureFixture[str], data: str):
    """events filters by dates, type and participant."""
    ids = [
        r["id"]
        for r in json.loads(
            out(
                capsys,
                "--data",
                data,
                "--alone",
                "events",
                "--between",
                "2012-05",
                "2012-06",
                "--format",
                "json",
            )
        )
    ]
    assert ids == ["e-war", "e-houla", "e-paris", "e-june"]
    consult = json.loads(
        out(
            capsys,
            "--data",
            data,
            "--alone",
            "events",
            "--type",
            "consult",
            "--involving",
            "Hollande",
            "--format",
            "json",
        )
    )
    assert [r["id"] for r in consult] == ["e-paris"]


def test_actors_by_kind(capsys: pytest.CaptureFixture[str], data: str):
    """actors --kind keeps one kind."""
    rows = list(
        csv.DictReader(
            io.StringIO(
                out(capsys, "--data", data, "--alone", "actors", "--kind", "state", "--format", "csv")
            )
        )
    )
    assert [r["id"] for r in rows] == ["russia"]


def test_search_mixes_kinds(capsys: pytest.CaptureFixture[str], data: str):
    """search prints records of several kinds, each labelled with its type."""
    records = json.loads(out(capsys, "--data", data, "--alone", "search", "words", "--format", "json"))
    assert {r["record_type"] for r in records} == {"quote"}
    rows = list(
        csv.reader(
            io.StringIO(
                out(
                    capsys,
                    "--data",
                    data,
                    "--alone",
                    "search",
                    "killings",
                    "--kinds",
                    "events",
                    "--format",
                    "csv",
                )
            )
        )
    )
    assert rows == [
        ["record_type", "id", "date", "date_earliest", "date_latest", "text"],
        ["event", "e-houla", "2012-05-25", "2012-05-25", "2012-05-25", "Killings"],
    ]


def test_search_json_is_the_data_file_layout_with_the_record_type(capsys: pytest.CaptureFixture[str]):
    """Mixed search results in JSON are each record as its data file holds it, plus its record_type."""
    corpus = src.load()
    hits = corpus.search("sanctions")
    printed = json.loads(out(capsys, "search", "sanctions", "--format", "json"))
    assert len({type(hit) for hit in hits}) > 1
    assert printed == [{"record_type": record_kind(hit).name, **unstructure(hit)} for hit in hits]


def test_search_csv_is_the_mixed_table(capsys: pytest.CaptureFixture[str]):
    """Mixed search results in CSV are the rows of the mixed table, not the data-file layout."""
    corpus = src.load()
    hits = corpus.search("sanctions")
    rows = list(csv.DictReader(io.StringIO(out(capsys, "search", "sanctions", "--format", "csv"))))
    table = table_for(hits)
    assert [list(row) for row in rows[:1]] == [[column.name for column in table.columns]]
    assert [row["id"] for row in rows] == list(hits.ids)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["quotes", "--by", "Sergei Lavrof"], "did you mean 'Sergei Lavrov'"),
        (["events", "--between", "June 2012", "2012-07"], "is not a supported date"),
        (["events", "--between", "2012-06", "2012-05"], "before start"),
        (["positions", "--topic", "sanction"], "did you mean 'sanctions'"),
        (["actors", "--kind", "planet"], "is not a known ActorKind"),
        (["quotes", "--kind", "verbatim"], "is not a known QuoteKind"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], data: str, args: list[str], message: str
):
    """Bad input exits 2 with a single stderr line carrying the library's message."""
    assert main(["--data", data, "--alone", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert message in err


def test_bad_input_end_to_end_has_no_traceback():
    """Through a real process, an unknown name exits 2 with no traceback."""
    result = run("quotes", "--by", "Vladimir Puttin")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("syria-russia-corpus: error: no actor is called")


def test_missing_data_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """A --data directory that does not exist exits 2 naming it."""
    assert main(["--data", str(tmp_path / "nope"), "info"]) == 2
    assert "nope: not a directory" in capsys.readouterr().err


def test_export_and_overwrite(capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path):
    """export writes files, refuses a second time, and replaces them with --overwrite."""
    target = tmp_path / "out"
    written = out(capsys, "--data", data, "--alone", "export", str(target), "--format", "jsonl").split()
    assert sorted(Path(p).name for p in written) == sorted(f"{k.collection}.jsonl" for k in KINDS)
    assert main(["--data", data, "--alone", "export", str(target), "--format", "jsonl"]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert main(["--data", data, "--alone", "export", str(target), "--format", "jsonl", "--overwrite"]) == 0


def test_verify(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """verify exits 0 when every span is found, and 1 with NOT FOUND when documents are absent."""
    text = "Preamble. lavrov words and more.\n"
    data = tmp_path / "data"
    data.mkdir()
    write_corpus(data)
    sources = json.loads((data / "sources.json").read_text())
    sources[0]["sha256"] = hashlib.sha256(text.encode()).hexdigest()
    (data / "sources.json").write_text(json.dumps(sources))
    for name in ("quotes.json", "events.json", "positions.json"):
        records = json.loads((data / name).read_text())
        for record in records:
            for span in record.get("evidence", []):
                span.update(start=10, end=22)
            if name == "quotes.json":
                record["text"] = "lavrov words"
        (data / name).write_text(json.dumps(records))
    documents = tmp_path / "documents"
    documents.mkdir()
    assert main(["--data", str(data), "--alone", "verify", str(documents)]) == 1
    assert capsys.readouterr().out.startswith("NOT FOUND doc: no file has its SHA-256 or holds its words")
    (documents / "doc.txt").write_text(text)
    assert main(["--data", str(data), "--alone", "verify", str(documents)]) == 0
    summary = (
        "OK        doc: 12 spans, 12 exact, 0 moved, 0 ambiguous, 0 missing (doc.txt, found by its SHA-256)"
    )
    assert capsys.readouterr().out.startswith(summary)


@pytest.mark.parametrize(
    ("form", "start"), [("text", "The syria_russia_corpus developers"), ("bibtex", "@misc{")]
)
def test_cite(capsys: pytest.CaptureFixture[str], form: str, start: str):
    """cite prints the citation in text or BibTeX."""
    assert out(capsys, "cite", "--format", form).startswith(start)


def test_table_fits_the_terminal(
    capsys: pytest.CaptureFixture[str], data: str, monkeypatch: pytest.MonkeyPatch
):
    """The table is fitted to the terminal's width."""
    monkeypatch.setenv("COLUMNS", "50")
    table = out(capsys, "--data", data, "--alone", "quotes")
    assert max(len(line) for line in table.splitlines()) <= 50


def test_info_on_an_empty_corpus(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """info works on a corpus with no records at all."""
    for kind in KINDS:
        (tmp_path / kind.file_name).write_text("[]")
    assert "no dated statements" in out(capsys, "--data", str(tmp_path), "--alone", "info")


def test_version(capsys: pytest.CaptureFixture[str]):
    """--version names the package and the data version."""
    import syria_russia_corpus as src

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert f"data version {src.DATA_VERSION}" in capsys.readouterr().out


def test_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str]):
    """An unknown option or choice exits 2 with one line on stderr, not the usage block."""
    with pytest.raises(SystemExit) as exit_:
        main(["quotes", "--format", "xml"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "invalid choice" in err


def test_info_as_json(capsys: pytest.CaptureFixture[str], data: str):
    """info --format json gives the summary as one JSON object."""
    summary = json.loads(out(capsys, "--data", data, "--alone", "info", "--format", "json"))
    assert summary["counts"]["quotes"] == 5
    assert summary["most_quoted"][0]["name"] == "Vladimir Putin"


def test_data_builds_on_the_bundled_corpus(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """--data adds a folder's records to the bundled ones, and may refer to bundled actors."""
    folder = tmp_path / "mine"
    folder.mkdir()
    quote = unstructure(src.quotes_by("Putin")[0])
    quote["id"] = "my-copy-of-a-putin-quote"
    for kind in KINDS:
        (folder / kind.file_name).write_text(json.dumps([quote] if kind is QUOTES else []))
    ids = [
        r["id"]
        for r in json.loads(out(capsys, "--data", str(folder), "quotes", "--by", "Putin", "--format", "json"))
    ]
    assert "my-copy-of-a-putin-quote" in ids
    assert len(ids) == len(src.quotes_by("Putin")) + 1
    assert main(["--data", str(folder), "--alone", "quotes"]) == 2, "alone, the bundled actors are unknown"


def test_export_os_errors_exit_2_with_one_line(data: str, tmp_path: Path):
    """An export the file system refuses exits 2 with one line through a real process, no traceback."""
    (tmp_path / "file").write_text("x")
    result = run("--data", data, "--alone", "export", str(tmp_path / "file" / "sub"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Not a directory" in result.stderr
    assert "Traceback" not in result.stderr


def test_csv_listing_cannot_be_split_by_a_carriage_return(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """actors --format csv quotes a lone \\r, so the listing reads back as one row per actor."""
    from .test_export import assert_no_row_injected, bundled_with_injection

    corpus = bundled_with_injection()
    for kind in KINDS:
        records = getattr(corpus, kind.collection)().to_dicts()
        (tmp_path / kind.file_name).write_text(json.dumps(records), encoding="utf-8")
    assert_no_row_injected(out(capsys, "--data", str(tmp_path), "--alone", "actors", "--format", "csv"))


# -- hostile environments --------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_narrow_stdout_encoding_gets_escapes(encoding: str):
    """On an ASCII or Latin-1 stdout, characters it cannot encode come out escaped, not as a crash."""
    result = subprocess.run(
        [sys.executable, "-m", "syria_russia_corpus", "quotes", "--by", "Putin"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert b"\\u2019" in result.stdout


@pytest.mark.parametrize("form", ["table", "json", "csv"])
def test_closed_stdout_is_one_line(form: str):
    """With stdout closed, a listing exits 2 with one line saying so."""
    result = subprocess.run(
        [
            "sh",
            "-c",
            'exec "$0" "$@" >&-',
            sys.executable,
            "-m",
            "syria_russia_corpus",
            "actors",
            "--format",
            form,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "syria-russia-corpus: error: standard output is closed; redirect it to a file or a pipe\n"
    )


def _environment(buffering: str) -> dict[str, str]:
    """The environment with standard output block-buffered, as in a shell, or unbuffered."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    return {**environment, "PYTHONUNBUFFERED": "1"} if buffering == "unbuffered" else environment


def _to_full_device(arguments: list[str], buffering: str) -> subprocess.CompletedProcess[str]:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    with Path("/dev/full").open("w") as full:
        return subprocess.run(
            [sys.executable, "-m", "syria_russia_corpus", *arguments],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=60,
            env=_environment(buffering),
        )


@pytest.mark.parametrize("buffering", ["buffered", "unbuffered"])
@pytest.mark.parametrize("arguments", [["actors", "--format", "csv"], ["cite"]])
def test_a_full_device_is_one_line(arguments: list[str], buffering: str):
    """Output redirected to /dev/full exits 2 with one line, and no second error as Python exits."""
    result = _to_full_device(arguments, buffering)
    assert result.returncode == 2
    assert result.stderr == "syria-russia-corpus: error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("buffering", ["buffered", "unbuffered"])
@pytest.mark.parametrize("arguments", [["--version"], ["--help"], ["quotes", "--help"]])
def test_help_and_version_to_a_full_device_are_one_line(arguments: list[str], buffering: str):
    """--help and --version that cannot be written exit 2 with one line, not 0 having written nothing."""
    result = _to_full_device(arguments, buffering)
    assert result.returncode == 2
    assert result.stderr == "syria-russia-corpus: error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("buffering", ["buffered", "unbuffered"])
@pytest.mark.parametrize("arguments", [["quotes", "--format", "json"], ["cite"], ["--version"]])
def test_a_reader_that_goes_away_is_not_an_error(arguments: list[str], buffering: str):
    """When the reader has closed the pipe (head), the command ends quietly with status 0."""
    with subprocess.Popen(
        [sys.executable, "-m", "syria_russia_corpus", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(buffering),
    ) as process:
        assert process.stdout is not None
        process.stdout.close()  # before the process writes: its first write meets a broken pipe
        _, err = process.communicate(timeout=60)
    assert process.returncode == 0
    assert err == b""


def test_stdout_set_to_none_in_process(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Called in a process without stdout, main returns 2 with one line instead of raising."""
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["actors", "--format", "csv"]) == 2
    assert "standard output is closed" in capsys.readouterr().err


def test_empty_data_is_refused(capsys: pytest.CaptureFixture[str]):
    """--data "" is a usage error, not the bundled corpus nor the working directory."""
    with pytest.raises(SystemExit) as exit_:
        main(["--data", "", "info"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "argument --data: needs a directory" in err
