"""Checking every evidence span against a user's copies of the source documents."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import attrs

from ._records import Event, Position
from .exceptions import CorpusDataError

if TYPE_CHECKING:
    from ._corpus import Corpus

_WHITESPACE = re.compile(r"\s+")


def normalize_whitespace(text: str) -> str:
    r"""Turn non-breaking spaces into spaces and collapse runs of white space.

    Example:
        >>> normalize_whitespace("  Russia\xa0is\n  isolated ")
        'Russia is isolated'
    """
    return _WHITESPACE.sub(" ", text.replace("\xa0", " ")).strip()


@attrs.frozen(kw_only=True)
class SpanMismatch:
    """An evidence span that does not hold what the record says.

    Attributes:
        record_id: The quote, event or position whose span fails.
        evidence_index: Which of its spans.
        problem: What is wrong, in words.
    """

    record_id: str
    evidence_index: int
    problem: str


@attrs.frozen(kw_only=True)
class SourceCheck:
    """The result of checking one source's spans.

    Attributes:
        source_id: The source checked.
        path: The document found for it (by SHA-256), or None if none was.
        spans_checked: How many spans were checked against it.
        mismatches: The spans that failed.
    """

    source_id: str
    path: Path | None
    spans_checked: int
    mismatches: tuple[SpanMismatch, ...]

    @property
    def found(self) -> bool:
        """Whether a document with the source's SHA-256 was found."""
        return self.path is not None

    @property
    def ok(self) -> bool:
        """Found, and every span holds."""
        return self.found and not self.mismatches


@attrs.frozen
class VerificationReport:
    """Per-source results of :func:`syria_russia_corpus.verify`.

    Attributes:
        sources: One check per source of the corpus.
    """

    sources: tuple[SourceCheck, ...]

    @property
    def ok(self) -> bool:
        """Every source found and every span in it sound."""
        return all(check.ok for check in self.sources)

    def __str__(self) -> str:
        lines = []
        for check in self.sources:
            if not check.found:
                lines.append(f"MISSING  {check.source_id}: no document with its SHA-256")
                continue
            status = "OK      " if check.ok else "MISMATCH"
            lines.append(
                f"{status} {check.source_id}: {check.spans_checked} spans checked, "
                f"{len(check.mismatches)} mismatches ({check.path.name if check.path else ''})"
            )
            lines += [
                f"           {m.record_id} evidence[{m.evidence_index}]: {m.problem}"
                for m in check.mismatches
            ]
        return "\n".join(lines)


def find_documents(directory: str | Path) -> dict[str, Path]:
    """Map the SHA-256 of each ``*.txt`` file in *directory* to its path."""
    import hashlib

    root = Path(directory)
    if not root.is_dir():
        raise CorpusDataError([f"{root}: not a directory; pass the folder that holds the source documents"])
    return {hashlib.sha256(path.read_bytes()).hexdigest(): path for path in sorted(root.glob("*.txt"))}


class _Span(NamedTuple):
    record_id: str
    evidence_index: int
    start: int
    end: int
    quote_text: str | None  # set on a quote's first span, which must read as the quote


def verify(corpus: Corpus, directory: str | Path) -> VerificationReport:
    """Check every span of *corpus* against the documents in *directory*."""
    documents = find_documents(directory)
    checks = []
    for source in corpus.sources():
        path = documents.get(source.sha256)
        spans = list(_spans_in(corpus, source.id))
        if path is None:
            checks.append(SourceCheck(source_id=source.id, path=None, spans_checked=0, mismatches=()))
            continue
        text = path.read_text(encoding="utf-8")
        mismatches = tuple(m for m in (_check(text, span) for span in spans) if m is not None)
        checks.append(
            SourceCheck(source_id=source.id, path=path, spans_checked=len(spans), mismatches=mismatches)
        )
    return VerificationReport(tuple(checks))


def _spans_in(corpus: Corpus, source_id: str) -> Iterable[_Span]:
    for quote in corpus.quotes():
        for index, span in enumerate(quote.evidence):
            if span.source_id == source_id:
                yield _Span(quote.id, index, span.start, span.end, quote.text if index == 0 else None)
    others: list[Event | Position] = [*corpus.events(), *corpus.positions()]
    for record in others:
        for index, span in enumerate(record.evidence):
            if span.source_id == source_id:
                yield _Span(record.id, index, span.start, span.end, None)


def _check(text: str, span: _Span) -> SpanMismatch | None:
    if not 0 <= span.start < span.end <= len(text):
        problem = f"span {span.start}:{span.end} is outside the document's {len(text)} characters"
    elif span.quote_text is not None and normalize_whitespace(text[span.start : span.end]) != span.quote_text:
        found = normalize_whitespace(text[span.start : span.end])
        problem = f"the span reads {found[:60]!r}, not the quote's text"
    else:
        return None
    return SpanMismatch(record_id=span.record_id, evidence_index=span.evidence_index, problem=problem)
