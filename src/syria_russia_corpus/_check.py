"""The codebook's rules that loading does not enforce, checked over a coder's folder in one pass."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from ._coercion import require_bool
from ._converter import brief
from ._dates import PartialDate
from ._integrity import find_problems
from ._layering import layered, records_of
from ._loading import RecordSet, labels_in, read_directory
from ._names import build_name_index, name_key
from ._normalize import normalize_whitespace
from ._records import Actor, Event, Position, Quote, Source
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
_URL: Final = re.compile(r"https?://\S+")
# What a source's notes say when it has no url: why its address is not known.
_NO_URL_REASON: Final = re.compile(r"\b(?:url|address)\b", re.IGNORECASE)

#: What ``new-source`` writes where a coder must look again; ``check`` reports it until replaced.
TO_CHECK: Final = "TO CHECK:"

Rule = Callable[[Any, "_Known"], Iterator[str]]


@attrs.frozen
class _Known:
    """What the rules look up, built once per check from all the records."""

    sources: Mapping[str, Source]
    quotes: Mapping[str, Quote]
    names: Mapping[str, tuple[str, ...]]
    documents: Mapping[str, tuple[str, ...]]  # each SHA-256 to the ids of the sources that have it

    @classmethod
    def of(cls, records: RecordSet) -> _Known:
        documents: dict[str, tuple[str, ...]] = {}
        for source in records[SOURCES.collection]:
            documents[source.sha256] = (*documents.get(source.sha256, ()), source.id)
        return cls(
            sources={s.id: s for s in records[SOURCES.collection]},
            quotes={q.id: q for q in records[QUOTES.collection]},
            names=build_name_index({a.id: (a.name, *a.aliases) for a in records[ACTORS.collection]}),
            documents=documents,
        )


def check(
    directory: str | Path,
    *,
    base: Corpus | None = None,
    documents: str | Path | None = None,
    fill_anchors: bool = False,
) -> tuple[str, ...]:
    """Every problem of a coder's folder: loading's, and the codebook rules loading leaves to coders.

    The folder is read as :meth:`Corpus.from_path` reads it: with
    ``base=None`` (the default) by itself, so that its records may refer only
    to each other; with ``base=src.load()`` on the bundled corpus, as the
    ``check`` command reads it (``--alone`` reads it by itself). A folder read
    alone that names bundled actors or sources is told to build on them.

    The rules are checked on the folder's own records: evidence on every
    quote, event and position; slug-shaped ids; no name or alias naming two
    actors; a one-line description for every actor; quote texts with their
    white space normalized; no quote dated after its source's publication; a
    ``stated`` position links a direct or partial quote by its own actor;
    every flagged (``?``, ``~``), interval or open-ended date explained in the
    record's notes; a source with an address, or notes that say why it has
    none; no two sources of one document (SHA-256); no ``TO CHECK`` note left
    by ``new-source``. With *documents*, a folder of the source documents,
    every span of the folder's records must be found in its document and
    every quote must read as its span; they are checked whenever the folder
    loads, whatever the rules found.

    Args:
        directory: The coder's folder.
        base: The corpus the folder builds on (the bundled one is
            ``src.load()``), or None to read the folder alone.
        documents: A folder of the documents the records are coded from.
        fill_anchors: With *documents* and no span problem, write the anchor
            of every span that has none into the folder's files (so that it
            can be found again in other copies); each file is replaced whole
            or not at all. The command's ``--fill-anchors``.

    Returns:
        One line per problem, each naming the file, the record, the field and
        the problem; empty when the folder is clean.

    Example:
        A coder's folder built on the bundled corpus, as the command reads it::

            import syria_russia_corpus as src

            for problem in src.check("my_coding/", base=src.load()):
                print(problem)

        A full export of the bundled corpus keeps every rule:

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
    fill_anchors = require_bool(fill_anchors, "fill_anchors")
    try:
        parsed = read_directory(directory)
    except CorpusDataError as error:
        return error.problems
    own, label = parsed.records, parsed.label
    merged, conflicts = layered(records_of(base), own, label=label) if base is not None else (own, [])
    loading = [
        *parsed.problems,
        *conflicts,
        *find_problems(attrs.evolve(parsed, records=merged), read_alone=base is None),
    ]
    known = _Known.of(merged)
    rules = [
        f"{label(kind.file_name)}: record {brief(r.id)}, {p}"
        for kind in KINDS
        for r in own[kind.collection]
        for p in _rules(kind, r, known)
    ]
    if documents is None:
        return (*loading, *rules)
    if loading:
        deferred = f"{documents}: the documents are checked once the folder loads (mend the problems above)"
        return (*loading, *rules, deferred)
    found = _against_documents(Path(directory), own, merged, documents, fill_anchors=fill_anchors)
    return (*rules, *found)


def _against_documents(
    root: Path, own: RecordSet, merged: RecordSet, documents: str | Path, *, fill_anchors: bool
) -> list[str]:
    """The folder's spans and quotes checked in *documents*, and their missing anchors filled in."""
    from ._corpus import Corpus
    from ._integrity import ValidatedRecords
    from ._verify import text_differs

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
            + (
                f"field 'text': evidence[{span.evidence_index}]: {span.problem}"
                if text_differs(span)
                else f"field 'evidence[{span.evidence_index}]': {span.status}: {span.problem}"
            )
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


def _name_shared(actor: Actor, known: _Known) -> Iterator[str]:
    for field, name in (("name", actor.name), *((f"aliases[{i}]", a) for i, a in enumerate(actor.aliases))):
        others = ", ".join(repr(i) for i in known.names.get(name_key(name), ()) if i != actor.id)
        if others:
            yield f"field {field!r}: {name!r} also names {others}; a name or alias names one actor"


def _undescribed(actor: Actor, _: _Known) -> Iterator[str]:
    if not actor.description.strip() or "\n" in actor.description:
        yield (
            f"field 'description': {brief(actor.description)} is not a one-line description; "
            "say in one line, in your own words, who the actor is"
        )


def _text_not_normalized(quote: Quote, _: _Known) -> Iterator[str]:
    if quote.text != normalize_whitespace(quote.text) or not quote.text:
        yield (
            f"field 'text': {brief(quote.text)} is not written as the codebook says: the span's words, "
            "white space collapsed to single spaces, none at either end"
        )


def _date_without_note(record: Any, _: _Known) -> Iterator[str]:
    if record.notes.strip():
        return
    for field in attrs.fields(type(record)):
        date = getattr(record, field.name)
        if not isinstance(date, PartialDate):
            continue
        if date.open_start or date.open_end:
            yield (
                f"field {field.name!r}: {str(date)!r} is open-ended, and the notes are empty; "
                "say in the notes why (an open end is for something still going on)"
            )
        elif date.uncertain or date.approximate or date.until is not None:
            yield (
                f"field {field.name!r}: {str(date)!r} is inferred (flagged or a range), and the notes are "
                "empty; a flag never stands in for a note: name the basis of the date in the notes"
            )


def _address_unexplained(source: Source, _: _Known) -> Iterator[str]:
    if source.url is not None and not _URL.fullmatch(source.url):
        yield f"field 'url': {brief(source.url)} is not an http(s) address; give the page's address, or null"
    elif not source.url and not _NO_URL_REASON.search(source.notes):
        yield (
            "field 'url': no address, and the notes do not say why; give the address where the "
            "document was published, or say in the notes why its url is not known"
        )


def _document_shared(source: Source, known: _Known) -> Iterator[str]:
    others = ", ".join(repr(i) for i in known.documents.get(source.sha256, ()) if i != source.id)
    if others:
        yield (
            f"field 'sha256': the source {others} is the same document; one document is one source, "
            "so code into the existing one"
        )


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
    Source: (_date_without_note, _address_unexplained, _document_shared, _left_to_check),
    Actor: (_name_shared, _undescribed),
    Quote: (_text_not_normalized, _quote_after_source, _date_without_note),
    Event: (_date_without_note,),
    Position: (_stated_without_words, _date_without_note),
}
