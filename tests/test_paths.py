"""Paths a caller names: whatever is there, only the package's own errors, in the same words."""

from __future__ import annotations

import errno
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import syria_russia_corpus as src
from syria_russia_corpus import Corpus
from syria_russia_corpus._cli import main
from syria_russia_corpus._documents import read_documents
from syria_russia_corpus.exceptions import CorpusDataError, DocumentError, ExportError, InvalidQueryError

from .test_loading import write_corpus

# One path component longer than any file system allows (255 bytes): stat fails with ENAMETOOLONG.
TOO_LONG = "x" * 300

FILES = "sources.json, actors.json, quotes.json, events.json, positions.json"


@pytest.fixture
def refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A path whose examination the system refuses (EACCES), as under a folder one may not enter."""
    path = tmp_path / "forbidden"
    real_stat = os.stat

    def stat(target: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if Path(target) == path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(target))
        return real_stat(target, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    return path


def test_a_name_too_long_is_an_export_error(tmp_path: Path):
    """An export to a path with a 300-character name raises ExportError, not a raw OSError."""
    with pytest.raises(ExportError, match=r"cannot export to .*: cannot be examined \(File name too long\)"):
        src.export(tmp_path / TOO_LONG)


def test_a_path_that_cannot_be_examined_is_an_export_error(refused: Path):
    """An export to a path the system will not let it examine raises ExportError."""
    with pytest.raises(ExportError, match=r"cannot be examined \(Permission denied\)"):
        src.export(refused)


def test_a_name_too_long_is_a_corpus_data_error(tmp_path: Path):
    """from_path() of a path with a 300-character name raises CorpusDataError naming the folder."""
    with pytest.raises(CorpusDataError, match=r"cannot be examined \(File name too long\); pass the folder"):
        Corpus.from_path(tmp_path / TOO_LONG)


def test_a_folder_that_cannot_be_examined_is_a_corpus_data_error(refused: Path):
    """from_path() of a folder the system will not let it examine raises CorpusDataError."""
    with pytest.raises(CorpusDataError, match=r"cannot be examined \(Permission denied\)"):
        Corpus.from_path(refused)


def test_a_name_too_long_is_a_document_error(tmp_path: Path):
    """Documents at a path with a 300-character name raise DocumentError, from a folder or a file."""
    with pytest.raises(DocumentError, match=r"cannot be examined \(File name too long\)"):
        read_documents(tmp_path / TOO_LONG)
    with pytest.raises(DocumentError, match=r"cannot be examined \(File name too long\)"):
        src.locate(tmp_path / TOO_LONG, "words", source_id="article")


@pytest.mark.parametrize(
    "arguments",
    [
        ["export", "{long}"],
        ["--data", "{long}", "info"],
        ["compare", "--alone", "{data}", "{long}"],
        ["verify", "{long}"],
    ],
)
def test_a_name_too_long_on_the_command_line_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str]
):
    """Every command given a path with a 300-character name exits 2 with one line, no traceback."""
    write_corpus(tmp_path)
    names = {"long": str(tmp_path / TOO_LONG), "data": str(tmp_path)}
    assert main([argument.format(**names) for argument in arguments]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith("syria-russia-corpus: error: ")
    assert "File name too long" in err


def test_check_reports_a_name_too_long_as_its_problem(tmp_path: Path):
    """check() of a path with a 300-character name returns that as its one problem, not an OSError."""
    (problem,) = src.check(tmp_path / TOO_LONG)
    assert problem.endswith("cannot be examined (File name too long); pass the folder that holds " + FILES)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as unix:
        unix.bind(str(path))


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (Path.mkdir, "a directory"),
        (_fifo, "a named pipe (FIFO)"),
        (_socket, "a socket"),
        (lambda path: path.symlink_to("/dev/null"), "a device"),
    ],
)
def test_data_files_and_documents_are_refused_in_the_same_words(
    tmp_path: Path, make: Callable[[Path], None], kind: str
):
    """A special file is described alike, and once, wherever it stands in for a file."""
    corpus, documents = tmp_path / "corpus", tmp_path / "documents"
    corpus.mkdir()
    documents.mkdir()
    write_corpus(corpus)
    (corpus / "events.json").unlink()
    make(corpus / "events.json")
    make(documents / "article.txt")
    with pytest.raises(CorpusDataError) as error:
        Corpus.from_path(corpus)
    assert error.value.problems == (f"{corpus / 'events.json'}: {kind}, not a regular file",)
    _, skipped = read_documents(documents)
    assert [file.reason for file in skipped] == [f"{kind}, not a regular file"]


def test_a_blank_document_asks_for_a_file():
    """locate("") asks for a file, not a folder: a document is one file."""
    with pytest.raises(InvalidQueryError, match=r"^document is empty; name a file$"):
        src.locate("", "words", source_id="article")


def test_a_documents_setting_that_cannot_be_examined_shows_the_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A documents folder setting with a 300-character name shows the record without its documents."""
    monkeypatch.setenv("SYRIA_RUSSIA_CORPUS_DOCUMENTS", str(tmp_path / TOO_LONG))
    quote = src.quotes()[0]
    assert quote.id in str(src.load().show(quote))
