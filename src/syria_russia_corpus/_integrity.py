"""Checks that span records: unique ids, resolvable references, sane spans."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from ._loading import RecordSet
from ._records import Actor, Event, Evidence, Position, Quote

Label = Callable[[str], str]
R = TypeVar("R", Actor, Quote, Event, Position)


def find_problems(records: RecordSet, *, label: Label = str) -> list[str]:
    """Return one line per problem across *records*; empty if they are sound."""
    known = _Known(records)
    problems: list[str] = []
    for name, kind_records in (
        ("sources.json", records.sources),
        ("actors.json", records.actors),
        ("quotes.json", records.quotes),
        ("events.json", records.events),
        ("positions.json", records.positions),
    ):
        problems += [f"{label(name)}: {p}" for p in _duplicate_ids([r.id for r in kind_records])]
    problems += [f"{label('actors.json')}: {p}" for p in _affiliation_cycles(records.actors)]
    if _all_sound(records, known):
        return problems
    problems += _each(label("actors.json"), records.actors, known.actor_problems)
    problems += _each(label("quotes.json"), records.quotes, known.quote_problems)
    problems += _each(label("events.json"), records.events, known.event_problems)
    problems += _each(label("positions.json"), records.positions, known.position_problems)
    return problems


def _all_sound(records: RecordSet, known: _Known) -> bool:
    """Whether every reference resolves and every span is one, checked set by set.

    The fast path of loading: only when it fails are records checked one by one
    to say which record and field are wrong.
    """
    spans = [
        span
        for kind in (records.quotes, records.events, records.positions)
        for r in kind
        for span in r.evidence
    ]
    return (
        {a.affiliation_id for a in records.actors if a.affiliation_id is not None} <= known.actors
        and {q.speaker_id for q in records.quotes} <= known.actors
        and {q.source_id for q in records.quotes} <= known.sources
        and {v for q in records.quotes for v in q.via} <= known.actors
        and all(q.evidence[0].source_id == q.source_id for q in records.quotes if q.evidence)
        and {i for e in records.events for i in e.participant_ids} <= known.actors
        and all(e.end_date is None or e.end_date.latest >= e.date.earliest for e in records.events)
        and {p.actor_id for p in records.positions} <= known.actors
        and {i for p in records.positions for i in p.quote_ids} <= known.quotes
        and {span.source_id for span in spans} <= known.sources
        and all(0 <= span.start < span.end for span in spans)
    )


def _each(where: str, records: Sequence[R], check: Callable[[R], list[str]]) -> list[str]:
    return [f"{where}: record {record.id!r}, {problem}" for record in records for problem in check(record)]


class _Known:
    """The ids of a record set, and the reference checks of each record kind."""

    def __init__(self, records: RecordSet) -> None:
        self.sources = {source.id for source in records.sources}
        self.actors = {actor.id for actor in records.actors}
        self.quotes = {quote.id for quote in records.quotes}

    def actor_problems(self, actor: Actor) -> list[str]:
        affiliation = [] if actor.affiliation_id is None else [actor.affiliation_id]
        return _dangling("affiliation_id", affiliation, self.actors, "actor")

    def quote_problems(self, quote: Quote) -> list[str]:
        problems = (
            _dangling("speaker_id", [quote.speaker_id], self.actors, "actor")
            + _dangling("source_id", [quote.source_id], self.sources, "source")
            + _dangling("via", quote.via, self.actors, "actor")
            + _evidence_problems(quote.evidence, self.sources)
        )
        if quote.evidence and quote.evidence[0].source_id != quote.source_id:
            problems.append(
                "field 'evidence[0].source_id': the first span must be in the quote's own source "
                f"{quote.source_id!r}, not {quote.evidence[0].source_id!r}"
            )
        return problems

    def event_problems(self, event: Event) -> list[str]:
        problems = _dangling("participant_ids", event.participant_ids, self.actors, "actor")
        problems += _evidence_problems(event.evidence, self.sources)
        if event.end_date is not None and event.end_date.latest < event.date.earliest:
            problems.append(
                f"field 'end_date': {str(event.end_date)!r} is before the event's date {str(event.date)!r}"
            )
        return problems

    def position_problems(self, position: Position) -> list[str]:
        return (
            _dangling("actor_id", [position.actor_id], self.actors, "actor")
            + _dangling("quote_ids", position.quote_ids, self.quotes, "quote")
            + _evidence_problems(position.evidence, self.sources)
        )


def _dangling(field: str, ids: Iterable[str], known: set[str], kind: str) -> list[str]:
    return [f"field {field!r}: no {kind} has the id {value!r}" for value in ids if value not in known]


def _duplicate_ids(ids: Sequence[str]) -> list[str]:
    return [
        f"field 'id': {record_id!r} is used by {count} records; ids must be unique"
        for record_id, count in Counter(ids).items()
        if count > 1
    ]


def _evidence_problems(evidence: Sequence[Evidence], sources: set[str]) -> list[str]:
    problems = []
    for index, span in enumerate(evidence):
        problems += _dangling(f"evidence[{index}].source_id", [span.source_id], sources, "source")
        if not 0 <= span.start < span.end:
            problems.append(
                f"field 'evidence[{index}]': span {span.start}:{span.end} is not a span; "
                "it needs 0 <= start < end"
            )
    return problems


def _affiliation_cycles(actors: Sequence[Actor]) -> list[str]:
    parent = {actor.id: actor.affiliation_id for actor in actors}
    reported: set[str] = set()
    problems = []
    for actor in actors:
        chain = [actor.id]
        current = parent.get(actor.id)
        while current is not None and current in parent and current not in chain:
            chain.append(current)
            current = parent[current]
        if current is not None and current in chain:
            cycle = chain[chain.index(current) :]
            if not reported.intersection(cycle):
                reported.update(cycle)
                path = " -> ".join([*cycle, current])
                problems.append(
                    f"record {current!r}, field 'affiliation_id': affiliations form a cycle: {path}"
                )
    return problems
