"""Checking every evidence span against a user's copies of the source documents.

A source's document is the file with its SHA-256, or else the file that
holds most of its spans' words (found by their anchors), so that a copy saved
from the web, whatever its layout, is found and checked too.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple, get_args

import attrs

from ._anchors import Finder, Found
from ._documents import Document, SkippedFile, read_documents
from ._normalize import normalize, normalize_whitespace
from ._records import Evidence, Quote, Source
from ._schema import spanned_kinds
from ._terminal import escape_controls
from .typing import SpanStatus

if TYPE_CHECKING:
    from ._corpus import Corpus

_FOUND: frozenset[SpanStatus] = frozenset({"exact", "moved"})
_SHOWN = 60  # characters of a span's words shown in a problem

# How the problem of a quote's span that holds other words than the quote begins.
_OTHER_WORDS: Final = "the span reads "
_MIN_SHARE = 0.25  # of a source's anchored spans, that a file must hold to be its copy


@attrs.frozen(kw_only=True)
class SpanCheck:
    """Where one evidence span's words were found in a copy of its document.

    Attributes:
        record_type: ``"quote"``, ``"event"`` or ``"position"``.
        record_id: The id of the record whose span it is.
        evidence_index: Which of the record's spans, from 0.
        status: ``"exact"`` at the stated offsets, ``"moved"`` found once
            elsewhere, ``"ambiguous"`` found in several places that nothing
            tells apart, ``"missing"`` not found. A span without an anchor is
            checked at its offsets only, in the file with the source's
            SHA-256: ``"exact"`` if they are within the document (and a
            quote reads as its span there); in another copy it is missing.
        start: Offset in the copy where the words were found, or None.
        end: Offset one past them, or None.
        problem: Why the span was not found, in words; empty when it was.
    """

    record_type: str
    record_id: str
    evidence_index: int
    status: SpanStatus
    start: int | None = None
    end: int | None = None
    problem: str = ""

    @property
    def found(self) -> bool:
        """Whether the words were found in one place: exact or moved."""
        return self.status in _FOUND

    def __str__(self) -> str:
        where = f"{self.record_type} {self.record_id!r} evidence[{self.evidence_index}]"
        return f"{where}: {self.status}" + (f": {self.problem}" if self.problem else "")


@attrs.frozen(kw_only=True)
class SourceCheck:
    """The result of checking one source's spans.

    Attributes:
        source_id: The source checked.
        path: The file found for it, or None if none was.
        matched_by: ``"sha256"`` if the file has the source's SHA-256,
            ``"content"`` if it was chosen as the file that holds most of the
            source's words, or None if none was found.
        url: Where the source was published (from :attr:`Source.url`), to
            get a copy from; None if it is not known.
        spans: One check per evidence span in the source, in record order.
    """

    source_id: str
    path: Path | None
    matched_by: Literal["sha256", "content"] | None
    url: str | None
    spans: tuple[SpanCheck, ...]

    @property
    def found(self) -> bool:
        """Whether a file was found for the source."""
        return self.path is not None

    @property
    def ok(self) -> bool:
        """Found, and every span found in it: exact or moved."""
        return self.found and all(span.found for span in self.spans)

    @property
    def failing(self) -> tuple[SpanCheck, ...]:
        """The spans not found, or found in several places."""
        return tuple(span for span in self.spans if not span.found)

    def __str__(self) -> str:
        if self.path is None:
            where = f"get it from {self.url}" if self.url else "no address is known (see its notes)"
            return f"NOT FOUND {self.source_id}: no file has its SHA-256 or holds its words; {where}"
        counts = Counter(span.status for span in self.spans)
        tally = ", ".join(f"{counts[status]} {status}" for status in get_args(SpanStatus))
        how = "its SHA-256" if self.matched_by == "sha256" else "its words"
        lines = [
            f"{'OK' if self.ok else 'FAILED':<9} {self.source_id}: {len(self.spans)} spans, {tally} "
            f"({self.path.name}, found by {how})"
        ]
        return "\n".join(lines + [f"          {span}" for span in self.failing])


@attrs.frozen
class VerificationReport:
    """Per-source results of :func:`syria_russia_corpus.verify`.

    Attributes:
        sources: One check per source of the corpus.
        skipped: The files of the folder that could not be documents, each with its reason.
    """

    sources: tuple[SourceCheck, ...]
    skipped: tuple[SkippedFile, ...] = ()

    @property
    def ok(self) -> bool:
        """Every source found, and every span of every source found in it."""
        return all(check.ok for check in self.sources)

    def __str__(self) -> str:
        lines = [str(check) for check in self.sources]
        lines += [f"SKIPPED   {file.path.name}: {file.reason}" for file in self.skipped]
        # Ids come from the data and file names from the disk: either may hold control characters.
        return escape_controls("\n".join(lines))


class _Span(NamedTuple):
    record_type: str
    record_id: str
    evidence_index: int
    evidence: Evidence
    quote_text: str | None  # set on a quote's first span, which must read as the quote


class Match(NamedTuple):
    """The file found for a source, and each of its spans' place in it."""

    document: Document
    finder: Finder
    matched_by: Literal["sha256", "content"]
    found: Sequence[Found]

    def find(self, evidence: Evidence) -> Found:
        """Where *evidence*'s words are in the file.

        A span without an anchor is looked for at its offsets only, and only in
        the file with the source's SHA-256: in another copy they point elsewhere.
        """
        if evidence.anchor is None and self.matched_by == "content":
            return Found("missing")
        return self.finder.find(evidence)


def verify(corpus: Corpus, directory: str | Path) -> VerificationReport:
    """Check every span of *corpus* against the documents in *directory*."""
    documents, skipped = read_documents(directory)
    spans = spans_by_source(corpus)
    matches = match_documents(corpus.sources(), documents, spans)
    checks = []
    for source in corpus.sources():
        match = matches.get(source.id)
        own = spans.get(source.id, [])
        if match is None:
            results = [_failed(span, "the document was not found") for span in own]
        else:
            pairs = zip(own, match.found, strict=True)
            results = [_check(span, found, match) for span, found in pairs]
        checks.append(
            SourceCheck(
                source_id=source.id,
                path=None if match is None else match.document.path,
                matched_by=None if match is None else match.matched_by,
                url=source.url,
                spans=tuple(results),
            )
        )
    return VerificationReport(tuple(checks), tuple(skipped))


def spans_by_source(corpus: Corpus) -> dict[str, list[_Span]]:
    """Every evidence span of *corpus*, by the source it is in."""
    spans: dict[str, list[_Span]] = {}
    for span in _spans(corpus):
        spans.setdefault(span.evidence.source_id, []).append(span)
    return spans


def _spans(corpus: Corpus) -> Iterator[_Span]:
    for kind in spanned_kinds():
        records: Sequence[Any] = getattr(corpus, kind.collection)()
        for record in records:
            for index, evidence in enumerate(record.evidence):
                text = record.text if isinstance(record, Quote) and index == 0 else None
                yield _Span(kind.name, record.id, index, evidence, text)


def match_documents(
    sources: Iterable[Source], documents: Sequence[Document], spans: Mapping[str, Sequence[_Span]]
) -> dict[str, Match]:
    """The file of each of *sources* found among *documents*: by SHA-256, else by its words."""
    by_hash = {document.sha256: document for document in reversed(documents)}
    anchors = [span.evidence.anchor for own in spans.values() for span in own if span.evidence.anchor]
    finders: dict[Path, Finder] = {}

    def finder_of(document: Document) -> Finder:
        finder = finders.get(document.path)
        if finder is None:
            finder = finders[document.path] = Finder(document.text, anchors)
        return finder

    matches: dict[str, Match] = {}
    for source in sources:
        own = [span.evidence for span in spans.get(source.id, ())]
        document = by_hash.get(source.sha256)
        if document is not None:
            finder = finder_of(document)
            matches[source.id] = Match(document, finder, "sha256", [finder.find(span) for span in own])
            continue
        # A file holds a source when it holds a good share of its words, so that a copy cut
        # short is still found, and a note that happens to hold a phrase of it is not.
        best_count = math.ceil(_MIN_SHARE * sum(span.anchor is not None for span in own)) - 1
        if best_count < 0:
            continue  # nothing to recognise its words by
        best: Match | None = None
        for document in documents:
            match = Match(document, finder_of(document), "content", ())
            found = [match.find(span) for span in own]
            count = sum(place.status != "missing" for place in found)
            if count > best_count:
                best, best_count = match._replace(found=found), count
        if best is not None:
            matches[source.id] = best
    return matches


def _check(span: _Span, found: Found, match: Match) -> SpanCheck:
    start, end, finder = found.start, found.end, match.finder
    if found.status == "ambiguous":
        places = ", ".join(f"{first}:{last}" for first, last in found.places)
        problem = f"its words are at {places}, and nothing around them tells which is meant"
        return _failed(span, problem, "ambiguous")
    if start is None or end is None:
        if span.evidence.anchor is not None:
            return _failed(span, "its words are not in this copy")
        if match.matched_by == "content":
            return _failed(span, "it has no anchor to find it by in a copy other than the source's own")
        stated = f"{span.evidence.start}:{span.evidence.end}"
        return _failed(span, f"span {stated} is outside the document's {len(finder.text)} characters")
    if span.quote_text is not None:
        first, last = finder.normalized.span(start, end)
        if finder.normalized.text[first:last] != normalize(span.quote_text).text:
            reads = normalize_whitespace(finder.text[start:end])
            shown = reads if len(reads) <= _SHOWN else reads[: _SHOWN - 1] + "…"
            return _failed(span, f"{_OTHER_WORDS}{shown!r}, not the quote's text")
    return SpanCheck(
        record_type=span.record_type,
        record_id=span.record_id,
        evidence_index=span.evidence_index,
        status=found.status,
        start=start,
        end=end,
    )


def text_differs(check: SpanCheck) -> bool:
    """Whether *check* failed because its quote's text is not the words at its offsets."""
    return check.problem.startswith(_OTHER_WORDS)


def _failed(span: _Span, problem: str, status: SpanStatus = "missing") -> SpanCheck:
    return SpanCheck(
        record_type=span.record_type,
        record_id=span.record_id,
        evidence_index=span.evidence_index,
        status=status,
        problem=problem,
    )
