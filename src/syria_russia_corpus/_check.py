"""The codebook's rules that loading does not enforce, checked over a coder's folder in one pass."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from ._converter import brief
from ._integrity import find_problems
from ._layering import layered, records_of
from ._loading import RecordSet, labels_in, read_directory
from ._names import build_name_index, name_key
from ._records import Actor, Position, Quote, Source
from ._schema import ACTORS, KINDS, QUOTES, SOURCES, RecordKind, kind_named, spanned_kinds
from ._vocabulary import PositionBasis, QuoteKind
from .exceptions import ArgumentTypeError, CorpusDataError

if TYPE_CHECKING:
    from ._corpus import Corpus
    from ._normalize import Normalized
    from ._records import Anchor
    from ._verify import VerificationReport

_SLUG: Final = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_OWN_WORDS: Final = (QuoteKind.DIRECT, QuoteKind.PARTIAL)

#: What ``new-source`` writes where a coder must look again; ``check`` reports it until replaced.
TO_CHECK: Final = "TO CHECK:"

Rule = Callable[[Any, "_Known"], Iterator[str]]


@attrs.frozen
class _Known:
    """What the rules look up, built once per check from all the records."""

    sources: Mapping[str, Source]
    quotes: Mapping[str, Quote]
    names: Mapping[str, tuple[str, ...]]

    @classmethod
    def of(cls, records: RecordSet) -> _Known:
        return cls(
            sources={s.id: s for s in records[SOURCES.collection]},
            quotes={q.id: q for q in records[QUOTES.collection]},
            names=build_name_index({a.id: (a.name, *a.aliases) for a in records[ACTORS.collection]}),
        )


def check(
    directory: str | Path,
    *,
    base: Corpus | None = None,
    documents: str | Path | None = None,
    fill_anchors: bool = False,
) -> tuple[str, ...]:
    """Every problem of a coder's folder: loading's, and the codebook rules loading leaves to coders.

    The folder is read as :meth:`Corpus.from_path` reads it, built on *base*
    (the bundled corpus is ``load()``). The rules are checked on the folder's
    own records: evidence on every quote, event and position; slug-shaped ids;
    no alias naming two actors; no quote dated after its source's
    publication; a ``stated`` position links a direct or partial quote by its
    own actor; no ``TO CHECK`` note left by ``new-source``. With *documents*,
    a folder of the source documents, every span of the folder's records must
    be found in its document and every quote must read as its span.

    Args:
        directory: The coder's folder.
        base: The corpus the folder builds on, or None to read it alone.
        documents: A folder of the documents the records are coded from.
        fill_anchors: With *documents*, write the anchor of every span that
            has none and is found at its offsets into the folder's files (so
            that it can be found again in other copies); each file is
            replaced whole or not at all.

    Returns:
        One line per problem, each naming the file, the record, the field and
        the problem; empty when the folder is clean.

    Example:
        >>> import syria_russia_corpus as src
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     _ = src.export(folder)
        ...     src.check(folder, base=src.load())
        ()
    """
    from ._corpus import Corpus

    if base is not None and not isinstance(base, Corpus):
        raise ArgumentTypeError(f"base must be a Corpus, such as load(), not {type(base).__name__}")
    try:
        parsed = read_directory(directory)
    except CorpusDataError as error:
        return error.problems
    own, label = parsed.records, parsed.label
    merged, conflicts = layered(records_of(base), own, label=label) if base is not None else (own, [])
    problems = [*parsed.problems, *conflicts, *find_problems(attrs.evolve(parsed, records=merged))]
    known = _Known.of(merged)
    for kind in KINDS:
        where = label(kind.file_name)
        problems += [
            f"{where}: record {brief(r.id)}, {p}"
            for r in own[kind.collection]
            for p in _rules(kind, r, known)
        ]
    if documents is not None and problems:
        problems.append(f"{documents}: the documents are checked once the problems above are mended")
    elif documents is not None:
        problems += _against_documents(Path(directory), own, merged, documents, fill_anchors=fill_anchors)
    return tuple(problems)


def _against_documents(
    root: Path, own: RecordSet, merged: RecordSet, documents: str | Path, *, fill_anchors: bool
) -> list[str]:
    """The folder's spans and quotes checked in *documents*, and their missing anchors filled in."""
    from ._corpus import Corpus
    from ._integrity import ValidatedRecords

    label = labels_in(root)
    problems: list[str] = []
    report = Corpus(ValidatedRecords(merged)).verify(documents)
    mine = {(kind.name, record.id) for kind in KINDS for record in own[kind.collection]}
    for source in report.sources:
        if (SOURCES.name, source.source_id) in mine and source.path is None:
            problems.append(
                f"{label(SOURCES.file_name)}: record {source.source_id!r}, field 'sha256': no document in "
                f"{documents} has this SHA-256 or holds the source's words"
            )
        problems += [
            f"{label(kind_named(span.record_type + 's').file_name)}: record {span.record_id!r}, "
            f"field 'evidence[{span.evidence_index}]': {span.status}: {span.problem}"
            for span in source.failing
            if (span.record_type, span.record_id) in mine
        ]
    if fill_anchors and not problems:
        _write_anchors(root, own, report, documents)
    return problems


def _write_anchors(root: Path, own: RecordSet, report: VerificationReport, documents: str | Path) -> None:
    from ._anchors import anchor_of
    from ._converter import unstructure
    from ._documents import read_document
    from ._export import write_atomically
    from ._normalize import normalize

    texts = {
        check.source_id: normalize(read_document(check.path).text)
        for check in report.sources
        if check.path is not None and check.matched_by == "sha256"
    }
    for kind in spanned_kinds():
        records = own[kind.collection]
        anchored = [_anchored(record, texts, anchor_of) for record in records]
        if anchored != list(records):
            text = json.dumps([unstructure(r) for r in anchored], indent=2, ensure_ascii=False) + "\n"
            write_atomically(root / kind.file_name, text.encode("utf-8"))


def _anchored(record: Any, texts: Mapping[str, Normalized], anchor_of: Callable[..., Anchor | None]) -> Any:
    spans = tuple(
        attrs.evolve(span, anchor=anchor_of(texts[span.source_id], span.start, span.end))
        if span.anchor is None and span.source_id in texts
        else span
        for span in record.evidence
    )
    return attrs.evolve(record, evidence=spans)


def _rules(kind: RecordKind[Any], record: Any, known: _Known) -> Iterator[str]:
    if not _SLUG.fullmatch(record.id):
        yield f"field 'id': {record.id!r} is not a slug; use lowercase letters, digits and single hyphens"
    if kind.has_evidence and not record.evidence:
        yield "field 'evidence': no evidence; every quote, event and position points at its words (locate())"
    for rule in _BY_CLASS.get(type(record), ()):
        yield from rule(record, known)


def _alias_shared(actor: Actor, known: _Known) -> Iterator[str]:
    for alias in actor.aliases:
        others = ", ".join(repr(i) for i in known.names.get(name_key(alias), ()) if i != actor.id)
        if others:
            yield f"field 'aliases': {alias!r} also names {others}; an alias names one actor"


def _quote_after_source(quote: Quote, known: _Known) -> Iterator[str]:
    source = known.sources.get(quote.source_id)
    if quote.date is not None and source is not None and quote.date.earliest > source.published.latest:
        yield (
            f"field 'date': {str(quote.date)!r} is after its source was published ({source.published}); "
            "a quote is dated when it was said"
        )


def _stated_without_words(position: Position, known: _Known) -> Iterator[str]:
    if position.basis is not PositionBasis.STATED:
        return
    quoted = [known.quotes[i] for i in position.quote_ids if i in known.quotes]
    if not any(q.speaker_id == position.actor_id and q.kind in _OWN_WORDS for q in quoted):
        yield (
            "field 'basis': 'stated' needs a direct or partial quote by the position's own actor in "
            "quote_ids; link one, or use 'reported' or 'analysis'"
        )


def _left_to_check(source: Source, _: _Known) -> Iterator[str]:
    if TO_CHECK in source.notes:
        yield "field 'notes': new-source left something to check; look again and rewrite the notes"


_BY_CLASS: Final[dict[type[Any], tuple[Rule, ...]]] = {
    Actor: (_alias_shared,),
    Quote: (_quote_after_source,),
    Position: (_stated_without_words,),
    Source: (_left_to_check,),
}
