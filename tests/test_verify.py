"""verify(): evidence spans against a user's copies of the documents, however they differ."""

from __future__ import annotations

import errno
import hashlib
import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import syria_russia_corpus as src
from syria_russia_corpus import Corpus, Evidence, PartialDate, Quote, QuoteKind, Source, SourceKind, locate
from syria_russia_corpus._cli import main
from syria_russia_corpus.exceptions import CorpusDataError, DocumentError

from .conftest import small_records

TEXT = "Preamble. We aren\u2019t\u00a0even  discussing the issue, he said.\n"
QUOTE = "We aren\u2019t even discussing the issue"


def corpus_for(text: str, *evidence: Evidence, quote: str = QUOTE, url: str | None = None) -> Corpus:
    records = small_records()
    records["sources"] = [
        Source(id="doc", title="T", outlet=None, kind=SourceKind.NEWS_BLOG, published=PartialDate(2012),
               author=None, sha256=hashlib.sha256(text.encode()).hexdigest(), url=url)
    ]  # fmt: skip
    records["quotes"] = [
        Quote(id="q", text=quote, speaker_id="putin", source_id="doc", kind=QuoteKind.DIRECT, date=None,
              evidence=evidence)
    ]  # fmt: skip
    records["positions"] = []
    records["events"] = [e for e in records["events"] if not e.evidence]
    return Corpus.from_records(**records)  # type: ignore[arg-type]


def write(directory: Path, text: str, name: str = "any-name.txt") -> Path:
    path = directory / name
    path.write_bytes(text.encode("utf-8"))
    return path


def anchored(tmp_path: Path) -> Evidence:
    """Evidence for the quote in TEXT, anchor included, made as a coder makes it."""
    return locate(write(tmp_path, TEXT, "original.txt"), QUOTE, source_id="doc")


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    folder = tmp_path / "documents"
    folder.mkdir()
    return folder


def test_span_at_its_offsets_is_exact(tmp_path: Path, documents: Path):
    """A span whose words are at its offsets, in the file with the source's SHA-256, is exact."""
    write(documents, TEXT)
    report = corpus_for(TEXT, anchored(tmp_path)).verify(documents)
    assert report.ok
    (check,) = report.sources
    assert (check.found, check.matched_by, check.path) == (True, "sha256", documents / "any-name.txt")
    (span,) = check.spans
    assert (span.record_type, span.record_id, span.evidence_index, span.status) == ("quote", "q", 0, "exact")
    assert (span.start, span.end) == (10, 46)
    assert str(report).startswith("OK        doc: 1 spans, 1 exact, 0 moved, 0 ambiguous, 0 missing")


def test_span_in_another_copy_is_moved(tmp_path: Path, documents: Path):
    """In a copy with other bytes, the source is found by its words and the span where it now is."""
    evidence = anchored(tmp_path)
    copy = "Menu | Home\r\n\r\nPreamble. We aren't even\r\ndiscussing the issue, he said.\r\n"
    write(documents, copy)
    report = corpus_for(TEXT, evidence).verify(documents)
    assert report.ok
    (check,) = report.sources
    (span,) = check.spans
    assert (check.matched_by, span.status) == ("content", "moved")
    assert (span.start, span.end) == (25, 61)
    assert copy[25:61] == "We aren't even\r\ndiscussing the issue"
    assert "found by its words" in str(report)


def test_words_found_twice_are_told_apart_by_context(tmp_path: Path, documents: Path):
    """Words that occur twice are found where the text around them matches the anchor's."""
    text = "One: the issue is closed. Two: the issue is open.\n"
    write(tmp_path, text, "original.txt")
    evidence = locate(tmp_path / "original.txt", "the issue", source_id="doc", occurrence=2)
    write(documents, "Header\n" + text)
    (span,) = corpus_for(text, evidence, quote="the issue").verify(documents).sources[0].spans
    assert (span.status, span.start, span.end) == ("moved", 38, 47)


def test_words_found_twice_in_the_same_context_are_ambiguous(tmp_path: Path, documents: Path):
    """Words whose copies nothing around them tells apart are ambiguous, with every place named."""
    text = "x" * 20 + " the issue " + "y" * 20 + "\n"
    write(tmp_path, text, "original.txt")
    evidence = locate(tmp_path / "original.txt", "the issue", source_id="doc")
    doubled = "z" + text + text
    write(documents, doubled)
    report = corpus_for(text, evidence, quote="the issue").verify(documents)
    (span,) = report.sources[0].spans
    assert (span.status, span.start, span.end) == ("ambiguous", None, None)
    assert "22:31, 74:83" in span.problem
    assert not report.ok


def test_span_without_anchor_is_checked_by_position(documents: Path):
    """Hand-written evidence without an anchor is exact when in bounds and its quote reads as its span."""
    write(documents, TEXT)
    report = corpus_for(TEXT, Evidence(source_id="doc", start=10, end=46)).verify(documents)
    assert report.ok
    assert report.sources[0].spans[0].status == "exact"


def test_span_without_anchor_is_not_checked_in_another_copy(tmp_path: Path, documents: Path):
    """In a copy found by its words, a span without an anchor cannot be found, and says why."""
    bare = Evidence(source_id="doc", start=10, end=46)
    write(documents, "Menu\n" + TEXT)
    corpus = corpus_for(TEXT, anchored(tmp_path), bare)
    check = corpus.verify(documents).sources[0]
    assert check.matched_by == "content"
    assert [span.status for span in check.spans] == ["moved", "missing"]
    assert check.spans[1].problem == "it has no anchor to find it by in a copy other than the source's own"


def test_quote_that_does_not_read_as_its_span_is_missing(documents: Path):
    """A quote whose span reads other words fails, naming the quote and what the span reads."""
    write(documents, TEXT)
    report = corpus_for(TEXT, Evidence(source_id="doc", start=0, end=8)).verify(documents)
    assert not report.ok
    (span,) = report.sources[0].failing
    assert (span.record_id, span.status) == ("q", "missing")
    assert "the span reads 'Preamble'" in span.problem
    assert "FAILED    doc" in str(report)
    assert "quote 'q' evidence[0]: missing: the span reads 'Preamble'" in str(report)


def test_anchored_quote_that_does_not_read_as_its_span_is_missing(tmp_path: Path, documents: Path):
    """A quote with an anchor whose span is found, but reads other words than the quote, fails."""
    evidence = anchored(tmp_path)
    write(documents, TEXT)
    report = corpus_for(TEXT, evidence, quote="We are even discussing the issue").verify(documents)
    (span,) = report.sources[0].failing
    assert (span.record_id, span.status) == ("q", "missing")
    assert "the span reads 'We aren\u2019t even discussing the issue', not the quote's text" in span.problem


def test_out_of_bounds_span_is_missing(documents: Path):
    """A span past the end of the document is missing, and the problem says so."""
    write(documents, TEXT)
    report = corpus_for(TEXT, Evidence(source_id="doc", start=10, end=10_000)).verify(documents)
    assert report.sources[0].spans[0].problem == "span 10:10000 is outside the document's 57 characters"


def test_missing_document_names_where_to_get_it(tmp_path: Path, documents: Path):
    """A source with no file is not found, its spans missing, and the report gives its address."""
    corpus = corpus_for(TEXT, anchored(tmp_path), url="https://example.org/article")
    report = corpus.verify(documents)
    (check,) = report.sources
    assert (check.found, check.path, check.matched_by, report.ok) == (False, None, None, False)
    assert [span.status for span in check.spans] == ["missing"]
    assert str(report) == (
        "NOT FOUND doc: no file has its SHA-256 or holds its words; get it from https://example.org/article"
    )


def test_missing_document_without_an_address_says_none_is_known(tmp_path: Path, documents: Path):
    """A source with no file and no url is reported with no address, pointing at its notes."""
    report = corpus_for(TEXT, anchored(tmp_path)).verify(documents)
    assert str(report) == (
        "NOT FOUND doc: no file has its SHA-256 or holds its words; no address is known (see its notes)"
    )


def test_unrelated_file_is_not_taken_for_a_source(tmp_path: Path, documents: Path):
    """A file that holds none of a source's words is not its document."""
    evidence = anchored(tmp_path)
    write(documents, "Something else entirely, at some length.\n")
    assert not corpus_for(TEXT, evidence).verify(documents).sources[0].found


def test_file_holding_a_few_of_a_sources_words_is_not_taken_for_it(documents_dir: Path, tmp_path: Path):
    """A note that happens to hold one short phrase of a source is not that source's copy."""
    corpus = src.load()
    source = corpus.source("aljazeera-inside-syria-2012-06")
    folder = tmp_path / "copies"
    folder.mkdir()
    write(folder, "My notes: the word all-out, and nothing else of the programme.\n", "notes.txt")
    report = corpus.verify(folder)
    check = next(check for check in report.sources if check.source_id == source.id)
    assert not check.found
    assert str(check).startswith(f"NOT FOUND {source.id}: ")
    assert source.url is not None
    assert source.url in str(check)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: path, "no such folder"),
        (lambda path: write(path.parent, "text", "file.txt"), "a regular file, not a folder"),
    ],
)
def test_missing_directory_has_its_own_error(tmp_path: Path, make: Callable[[Path], Path], message: str):
    """A folder that is not there raises DocumentError saying so, not a corpus data error."""
    with pytest.raises(DocumentError, match=message) as info:
        corpus_for(TEXT).verify(make(tmp_path / "nope"))
    assert not isinstance(info.value, CorpusDataError)
    assert isinstance(info.value, OSError)


def test_missing_directory_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """The command line says the folder does not exist, in one line, with status 2."""
    assert main(["verify", str(tmp_path / "nope")]) == 2
    error = capsys.readouterr().err
    assert "no such folder" in error
    assert "invalid" not in error


def test_files_that_are_not_documents_are_skipped_with_reasons(tmp_path: Path, documents: Path):
    """Binary, non-UTF-8, UTF-16 and oversized files, folders, pipes, devices and bad links are skipped."""
    write(documents, TEXT)
    (documents / "binary.txt").write_bytes(b"\x00\x01\x02text")
    (documents / "latin1.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    (documents / "utf16.txt").write_bytes("text".encode("utf-16"))
    with (documents / "huge.txt").open("wb") as huge:
        huge.truncate(2**20 + 1)
    (documents / "folder.txt").mkdir()
    (documents / "loop.txt").symlink_to(documents / "loop.txt")
    (documents / "dangling.txt").symlink_to(tmp_path / "nowhere")
    (documents / "device.txt").symlink_to("/dev/null")
    if hasattr(os, "mkfifo"):
        os.mkfifo(documents / "pipe.txt")
    (documents / "notes.md").write_text("not a .txt file")
    report = corpus_for(TEXT, anchored(tmp_path)).verify(documents)
    reasons = {file.path.name: file.reason for file in report.skipped}
    assert reasons.pop("binary.txt") == "binary (it holds NUL bytes), not text"
    assert reasons.pop("latin1.txt").startswith("not UTF-8 text (byte 3 is b'\\xe9')")
    assert reasons.pop("utf16.txt") == "UTF-16 text; save it as UTF-8"
    assert reasons.pop("huge.txt") == "1,048,577 bytes, more than the 1,048,576 bytes a document may hold"
    assert reasons.pop("folder.txt") == "a directory, not a regular file"
    assert reasons.pop("loop.txt") == "a symbolic link that loops"
    assert reasons.pop("dangling.txt") == "a symbolic link to nothing"
    assert reasons.pop("device.txt") == "a device, not a regular file"
    if hasattr(os, "mkfifo"):
        assert reasons.pop("pipe.txt") == "a named pipe (FIFO), not a regular file"
    assert reasons == {}
    assert report.ok, "the one real document is still found"
    assert "SKIPPED   binary.txt: binary (it holds NUL bytes), not text" in str(report)


def test_unreadable_file_is_skipped(tmp_path: Path, documents: Path, monkeypatch: pytest.MonkeyPatch):
    """A file the system will not open for the user is skipped with the system's reason."""
    evidence = anchored(tmp_path)
    write(documents, TEXT, "secret.txt")
    opened = os.open

    def refuse(path: str, flags: int, *args: int) -> int:
        if str(path).endswith("secret.txt"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return opened(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    report = corpus_for(TEXT, evidence).verify(documents)
    assert report.skipped[0].reason == f"cannot be opened ({os.strerror(errno.EACCES)})"
    assert not report.ok


# -- the five documents, altered as a user's copies are --------------------------------------------


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def straight_quotes(text: str) -> str:
    return text.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}))


def plain_spaces(text: str) -> str:
    return text.replace("\u00a0", " ")


def ascii_dashes(text: str) -> str:
    return text.replace("\u2014", "--").replace("\u2013", "--")


def rewrapped(text: str) -> str:
    # Lines may break after the hyphen of a hyphenated word ("all-" / "out"), as editors do.
    return "\n".join(textwrap.fill(line, 60, break_long_words=False) for line in text.split("\n"))


def with_menu_and_footer(text: str) -> str:
    menu = "Skip to main content\nHome | World | Middle East | Opinion\nSearch\n\n"
    footer = "\n\nShare this: Facebook | Twitter\n\u00a9 2012 All rights reserved. Privacy policy\n"
    return menu + text + footer


def copies(documents_dir: Path, folder: Path, change: Callable[[str], str]) -> Path:
    """Each of the five documents, changed by *change*, in *folder*."""
    folder.mkdir()
    for path in sorted(documents_dir.glob("*.txt")):
        (folder / f"copy-of-{path.name}").write_bytes(change(path.read_text(encoding="utf-8")).encode())
    return folder


CHANGES: list[Callable[[str], str]] = [
    crlf,
    straight_quotes,
    plain_spaces,
    ascii_dashes,
    rewrapped,
    with_menu_and_footer,
]


@pytest.mark.parametrize("change", CHANGES)
def test_every_span_is_found_in_altered_copies(
    documents_dir: Path, tmp_path: Path, change: Callable[[str], str]
):
    """Copies with other line endings, quotes, spaces, dashes, wrapping or page furniture hold every span."""
    report = src.verify(copies(documents_dir, tmp_path / "copies", change))
    assert report.ok, str(report)
    assert {span.status for check in report.sources for span in check.spans} <= {"exact", "moved"}


def test_every_change_at_once(documents_dir: Path, tmp_path: Path):
    """A copy with all the changes together still holds every span, and the command line says so."""

    def everything(text: str) -> str:
        return crlf(rewrapped(with_menu_and_footer(plain_spaces(ascii_dashes(straight_quotes(text))))))

    folder = copies(documents_dir, tmp_path / "copies", everything)
    report = src.verify(folder)
    assert report.ok
    assert {check.matched_by for check in report.sources} == {"content"}
    assert {span.status for check in report.sources for span in check.spans} == {"moved"}
    assert main(["verify", str(folder)]) == 0


def test_truncated_copy_reports_the_spans_it_lacks(documents_dir: Path, tmp_path: Path):
    """A copy cut off halfway has its first half's spans found and the rest missing."""
    source = src.load().source("kozhanov-russias-response-to-massacres-2012-06")
    folder = tmp_path / "copies"
    folder.mkdir()
    for path in documents_dir.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        if hashlib.sha256(path.read_bytes()).hexdigest() == source.sha256:
            cut = len(text) // 2
            text = text[:cut]
        write(folder, text, path.name)
    report = src.verify(folder)
    check = next(check for check in report.sources if check.source_id == source.id)
    records = {(r.id, i): span for r in [*src.quotes(), *src.events(), *src.positions()]
               for i, span in enumerate(r.evidence)}  # fmt: skip
    for span in check.spans:
        stated = records[(span.record_id, span.evidence_index)]
        assert span.status == ("exact" if stated.end <= cut else "missing"), span
    assert check.found
    assert not check.ok
    assert not report.ok
    assert 0 < len(check.failing) < len(check.spans)
    assert sum(other.ok for other in report.sources) == 4


def test_truncated_copy_with_other_layout_finds_what_it_holds(documents_dir: Path, tmp_path: Path):
    """A copy both cut short and laid out otherwise has the spans it holds moved, the rest missing."""
    source = src.load().source("kozhanov-russias-response-to-massacres-2012-06")
    folder = tmp_path / "copies"
    folder.mkdir()
    for path in documents_dir.glob("*.txt"):
        if hashlib.sha256(path.read_bytes()).hexdigest() == source.sha256:
            text = path.read_text(encoding="utf-8")
            cut = len(text) // 2
            write(folder, with_menu_and_footer(rewrapped(text[:cut])), path.name)
    (check,) = [check for check in src.verify(folder).sources if check.source_id == source.id]
    records = {(r.id, i): span for r in [*src.quotes(), *src.events(), *src.positions()]
               for i, span in enumerate(r.evidence)}  # fmt: skip
    statuses = {
        span.status for span in check.spans if records[(span.record_id, span.evidence_index)].end <= cut
    }
    assert check.matched_by == "content"
    assert statuses == {"moved"}
    assert {
        span.status for span in check.spans if records[(span.record_id, span.evidence_index)].start >= cut
    } == {"missing"}


def test_altered_quote_is_caught_by_name(documents_dir: Path, tmp_path: Path):
    """A copy in which one quoted sentence reads otherwise fails that quote, by its id."""
    quote = src.load().quote("putin-not-discussing-asylum-2012-03-07")
    source = src.load().source(quote.source_id)
    folder = tmp_path / "copies"
    folder.mkdir()
    for path in documents_dir.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        if hashlib.sha256(path.read_bytes()).hexdigest() == source.sha256:
            assert text.count("even discussing") == 1
            text = text.replace("even discussing", "even debating")
        write(folder, text, path.name)
    report = src.verify(folder)
    failing = [span for check in report.sources for span in check.failing]
    assert ("quote", quote.id, "missing") in {(s.record_type, s.record_id, s.status) for s in failing}
    assert {s.record_id for s in failing if s.record_type == "quote"} == {quote.id}
    assert f"quote {quote.id!r} evidence[0]: missing: its words are not in this copy" in str(report)
    assert main(["verify", str(folder)]) == 1


def test_documented_size_cap_is_the_real_one():
    """The size cap the docstring and the codebook state is the one enforced."""
    from syria_russia_corpus._documents import MAX_DOCUMENT_BYTES

    stated = f"{MAX_DOCUMENT_BYTES // 2**20} MiB"
    assert stated in (Corpus.verify.__doc__ or "")
    assert stated in (Path(__file__).parent.parent / "docs" / "codebook.md").read_text(encoding="utf-8")


def test_an_empty_folder_name_is_refused():
    """verify("") would read the working directory; it is refused instead."""
    from syria_russia_corpus.exceptions import InvalidQueryError

    with pytest.raises(InvalidQueryError, match="directory is empty"):
        src.verify("")
