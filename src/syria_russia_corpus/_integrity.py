"""Rules that span records: unique ids, resolvable references, sane spans and dates.

Each rule is written once and applied record by record, so a problem is
always reported with its file, record and field.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from ._loading import RecordSet
from ._records import Actor, Event, Quote
from ._schema import ACTORS, KINDS, RecordKind, kind_named
from .exceptions import CorpusDataError

Label = Callable[[str], str]


def find_problems(records: RecordSet, *, label: Label = str) -> list[str]:
    """Return one line per problem across *records*; empty if they are sound."""
    known = {kind.collection: {record.id for record in records[kind.collection]} for kind in KINDS}
    problems: list[str] = []
    for kind in KINDS:
        where = label(kind.file_name)
        kind_records = records[kind.collection]
        problems += [f"{where}: {p}" for p in _duplicate_ids([r.id for r in kind_records])]
        problems += [
            f"{where}: record {record.id!r}, {problem}"
            for record in kind_records
            for problem in _record_problems(kind, record, known)
        ]
    problems += [f"{label(ACTORS.file_name)}: {p}" for p in _affiliation_cycles(records[ACTORS.collection])]
    return problems


def _record_problems(kind: RecordKind[Any], record: Any, known: Mapping[str, set[str]]) -> Iterator[str]:
    for reference in kind.references:
        for value in reference.ids(record):
            if value not in known[reference.target]:
                target = kind_named(reference.target).name
                yield f"field {reference.field!r}: no {target} has the id {value!r}"
    if kind.has_evidence:
        yield from _evidence_problems(record, known["sources"])
    if isinstance(record, Quote):
        yield from _quote_problems(record)
    if isinstance(record, Event):
        yield from _event_problems(record)


def _evidence_problems(record: Any, sources: set[str]) -> Iterator[str]:
    for index, span in enumerate(record.evidence):
        if span.source_id not in sources:
            yield f"field 'evidence[{index}].source_id': no source has the id {span.source_id!r}"
        if not 0 <= span.start < span.end:
            yield (
                f"field 'evidence[{index}]': span {span.start}:{span.end} is not a span; "
                "it needs 0 <= start < end"
            )


def _quote_problems(quote: Quote) -> Iterator[str]:
    if quote.evidence and quote.evidence[0].source_id != quote.source_id:
        yield (
            "field 'evidence[0].source_id': the first span must be in the quote's own source "
            f"{quote.source_id!r}, not {quote.evidence[0].source_id!r}"
        )


def _event_problems(event: Event) -> Iterator[str]:
    if event.end_date is not None and event.end_date.latest < event.date.earliest:
        yield f"field 'end_date': {str(event.end_date)!r} is before the event's date {str(event.date)!r}"


def _duplicate_ids(ids: Sequence[str]) -> list[str]:
    return [
        f"field 'id': {record_id!r} is used by {count} records; ids must be unique"
        for record_id, count in Counter(ids).items()
        if count > 1
    ]


def _affiliation_cycles(actors: Sequence[Actor]) -> list[str]:
    """One problem per cycle of affiliations, found in one walk over every chain."""
    parent = {actor.id: actor.affiliation_id for actor in actors}
    walked: dict[str, int] = {}  # actor id -> the walk that first reached it
    problems = []
    for walk, actor in enumerate(actors):
        chain: list[str] = []
        current: str | None = actor.id
        while current is not None and current in parent and current not in walked:
            walked[current] = walk
            chain.append(current)
            current = parent[current]
        # A chain that runs into an actor of its own walk has closed a loop.
        if current is not None and walked.get(current) == walk and current in chain:
            cycle = chain[chain.index(current) :]
            path = " -> ".join([*cycle, current])
            problems.append(f"record {current!r}, field 'affiliation_id': affiliations form a cycle: {path}")
    return problems


@attrs.frozen
class ValidatedRecords:
    """Records that passed every rule: the only thing a :class:`Corpus` is built from.

    Attributes:
        collections: Each kind's records, by collection name.
    """

    collections: RecordSet


def validated(records: RecordSet, *, label: Label = str, problems: Sequence[str] = ()) -> ValidatedRecords:
    """Return *records* as validated, or raise one error naming every problem, earlier *problems* too.

    Raises:
        CorpusDataError: Any rule fails.
    """
    problems = [*problems, *find_problems(records, label=label)]
    if problems:
        raise CorpusDataError(problems)
    return ValidatedRecords(records)
