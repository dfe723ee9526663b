"""The codebook's rules that loading does not enforce, checked over a coder's folder in one pass."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from ._integrity import find_problems
from ._layering import layered, records_of
from ._loading import RecordSet, labels_in, read_directory
from ._names import build_name_index, name_key
from ._records import Actor, Position, Quote, Source
from ._schema import KINDS, RecordKind
from ._vocabulary import PositionBasis, QuoteKind
from .exceptions import ArgumentTypeError, CorpusDataError

if TYPE_CHECKING:
    from ._corpus import Corpus

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
            sources={s.id: s for s in records["sources"]},
            quotes={q.id: q for q in records["quotes"]},
            names=build_name_index({a.id: (a.name, *a.aliases) for a in records["actors"]}),
        )


def check(directory: str | Path, *, base: Corpus | None = None) -> tuple[str, ...]:
    """Every problem of a coder's folder: loading's, and the codebook rules loading leaves to coders.

    The folder is read as :meth:`Corpus.from_path` reads it, built on *base*
    (the bundled corpus is ``load()``). The rules are checked on the folder's
    own records: evidence on every quote, event and position; slug-shaped ids;
    no alias naming two actors; no quote dated after its source's
    publication; a ``stated`` position links a direct or partial quote by its
    own actor; no ``TO CHECK`` note left by ``new-source``.

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
    root = Path(directory)
    try:
        own = read_directory(root)
    except CorpusDataError as error:
        return error.problems
    label = labels_in(root)
    merged, problems = layered(records_of(base), own, label=label) if base is not None else (own, [])
    problems += find_problems(merged, label=label)
    known = _Known.of(merged)
    for kind in KINDS:
        where = label(kind.file_name)
        problems += [
            f"{where}: record {r.id!r}, {p}" for r in own[kind.collection] for p in _rules(kind, r, known)
        ]
    return tuple(problems)


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
