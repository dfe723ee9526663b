"""verify(): evidence spans against a user's copies of the documents."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from syria_russia_corpus import Corpus, PartialDate, Quote, QuoteKind, Source, SourceKind
from syria_russia_corpus.exceptions import CorpusDataError

from .conftest import small_records, span

TEXT = "Preamble. We aren't\u00a0even  discussing the issue, he said.\n"


def corpus_for(text: str, *, start: int, end: int, quote: str) -> Corpus:
    records = small_records()
    records["sources"] = [
        Source(id="doc", title="T", outlet=None, kind=SourceKind.NEWS_BLOG, published=PartialDate(2012),
               author=None, sha256=hashlib.sha256(text.encode()).hexdigest())
    ]  # fmt: skip
    records["quotes"] = [
        Quote(id="q", text=quote, speaker_id="putin", source_id="doc", kind=QuoteKind.DIRECT, date=None,
              evidence=span(start, end))
    ]  # fmt: skip
    records["positions"] = []
    records["events"] = [e for e in records["events"] if not e.evidence]
    return Corpus.from_records(**records)  # type: ignore[arg-type]


def write(directory: Path, text: str) -> None:
    (directory / "any-name.txt").write_text(text, encoding="utf-8")


def test_matching_span_is_ok(tmp_path: Path):
    """A quote whose text is its span, whitespace normalized, passes."""
    start = TEXT.index("We")
    end = TEXT.index(", he")
    write(tmp_path, TEXT)
    report = corpus_for(TEXT, start=start, end=end, quote="We aren't even discussing the issue").verify(
        tmp_path
    )
    assert report.ok
    (check,) = report.sources
    assert (check.found, check.spans_checked, check.mismatches) == (True, 1, ())
    assert "OK" in str(report)


def test_mismatched_text_is_reported(tmp_path: Path):
    """A quote that does not read as its span is a mismatch naming the record."""
    write(tmp_path, TEXT)
    report = corpus_for(TEXT, start=0, end=8, quote="We aren't").verify(tmp_path)
    assert not report.ok
    (mismatch,) = report.sources[0].mismatches
    assert mismatch.record_id == "q"
    assert "Preamble" in mismatch.problem
    assert "MISMATCH" in str(report)


def test_out_of_bounds_span(tmp_path: Path):
    """A span past the end of the document is a mismatch."""
    write(tmp_path, TEXT)
    report = corpus_for(TEXT, start=10, end=10_000, quote="x").verify(tmp_path)
    assert "outside the document" in report.sources[0].mismatches[0].problem


def test_missing_document(tmp_path: Path):
    """A source whose document is absent is reported missing, with nothing checked."""
    report = corpus_for(TEXT, start=0, end=8, quote="Preamble").verify(tmp_path)
    (check,) = report.sources
    assert (check.found, check.spans_checked, report.ok) == (False, 0, False)
    assert "MISSING" in str(report)


def test_missing_directory(tmp_path: Path):
    """A directory that does not exist raises CorpusDataError naming it."""
    with pytest.raises(CorpusDataError, match="not a directory"):
        corpus_for(TEXT, start=0, end=8, quote="Preamble").verify(tmp_path / "nope")
