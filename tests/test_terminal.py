"""Control characters in the data reach a terminal as escapes, never as commands."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from syria_russia_corpus import Corpus
from syria_russia_corpus._cli import main
from syria_russia_corpus._terminal import escape_controls

from .test_loading import write_corpus

# Retitle the window, clear the screen, ring the bell, and a C1 CSI.
TITLE = "\x1b]0;owned\x07"
CLEAR = "\x1b[2J"
CSI = "\x9b31m"
RAW = ("\x1b", "\x07", "\x9b")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A corpus directory whose titles, names, texts and ids carry terminal control sequences."""
    data = tmp_path / "data"
    data.mkdir()
    records = write_corpus(data)
    source = records["sources.json"][0]
    source.update(title=f"Title{TITLE}", outlet=f"Outlet{CLEAR}")
    for actor in records["actors.json"]:
        actor["name"] += CSI
    for quote in records["quotes.json"]:
        quote["text"] += CLEAR
    for name, items in records.items():
        (data / name).write_text(json.dumps(items), encoding="utf-8")
    return data


def shown(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    main(list(args))
    return capsys.readouterr().out


@pytest.mark.parametrize(
    "command", [["info"], ["actors"], ["quotes"], ["positions"], ["events"], ["search", "words"]]
)
def test_listings_and_info_show_escapes(
    capsys: pytest.CaptureFixture[str], hostile: Path, command: list[str]
):
    """info and every table listing escape control characters instead of writing them."""
    text = shown(capsys, "--data", str(hostile), "--alone", *command)
    assert not [char for char in RAW if char in text], text
    assert "\\x1b" in text or "\\x9b" in text


def test_info_escapes_titles_and_outlets(capsys: pytest.CaptureFixture[str], hostile: Path):
    """info shows a source's title and outlet with their escapes visible."""
    text = shown(capsys, "--data", str(hostile), "--alone", "info")
    assert "Outlet\\x1b[2J: Title\\x1b]0;owned\\x07" in text


@pytest.mark.parametrize("command", [["info", "--format", "json"], ["actors", "--format", "json"]])
def test_json_escapes_what_json_leaves_raw(
    capsys: pytest.CaptureFixture[str], hostile: Path, command: list[str]
):
    """JSON output escapes C1 controls as \\u escapes too, and still reads back as the data."""
    text = shown(capsys, "--data", str(hostile), "--alone", *command)
    assert not [char for char in RAW if char in text]
    assert "\\u009b" in text
    assert CSI in json.dumps(json.loads(text), ensure_ascii=False)


def test_verify_output_is_escaped(capsys: pytest.CaptureFixture[str], tmp_path: Path, hostile: Path):
    """verify's report shows ids and document names with their control characters escaped."""
    documents = tmp_path / "documents"
    documents.mkdir()
    text = "Preamble. lavrov words and more.\n"
    (documents / f"doc{CLEAR}.txt").write_text(text)
    sources = json.loads((hostile / "sources.json").read_text())
    sources[0]["sha256"] = hashlib.sha256(text.encode()).hexdigest()
    (hostile / "sources.json").write_text(json.dumps(sources))
    main(["--data", str(hostile), "--alone", "verify", str(documents)])
    report = capsys.readouterr().out
    assert "doc\\x1b[2J.txt" in report
    assert not [char for char in RAW if char in report]


def test_record_view_escapes_its_title(hostile: Path):
    """A record shown on its own escapes its id in the title line."""
    corpus = Corpus.from_path(hostile)
    view = str(corpus.show(corpus.actor("russia")))
    assert "\\x9b31m" in view
    assert "\x9b" not in view


def test_error_messages_stay_on_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """An error naming a path with a line break and an escape still prints as one escaped line."""
    assert main(["--data", str(tmp_path / f"no\nsuch{CLEAR}"), "info"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no\\nsuch\\x1b[2J: not a directory" in err


def test_printable_text_is_unchanged():
    """Text without control characters, accents and quotes included, passes through as it is."""
    text = "François Hollande’s “words”\n\tindented"
    assert escape_controls(text) == text
