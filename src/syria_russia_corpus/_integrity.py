"""Rules that span records: unique ids, resolvable references, sane spans and dates.

Each rule is written once and applied record by record, so a problem is
always reported with its file, record and field.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

import attrs

from ._converter import brief
from ._loading import Parsed, RecordSet, read_bundled
from ._records import Actor, Event, Quote, Source
from ._schema import (
    ACTORS,
    EVENTS,
    EVIDENCE_SOURCE,
    KINDS,
    QUOTES,
    SOURCES,
    RecordKind,
    Reference,
    kind_named,
)
from .exceptions import CorpusDataError

#: Ids known per collection; None where a file could not be read, so nothing is known missing.
Known = Mapping[str, set[str] | None]

_SHA256: Final = re.compile("[0-9a-f]{64}")

# The most actors a cycle's message names; a longer cycle shows its ends.
_CYCLE_SHOWN: Final = 8

# How alike a dangling id and a known one must be (difflib's ratio) to suggest the known one.
_CLOSE_ENOUGH: Final = 0.8

# The most "did you mean"s one check gives: each compares the id with every id of its kind.
_SUGGESTIONS: Final = 20

_BUILD_ON_BUNDLED: Final = (
    "; the bundled corpus has it: build on it with base=src.load() (command line: drop --alone)"
)

# Past this length an id is no mistyped slug, and comparing it costs what its length squared does.
_LONGEST_SUGGESTED: Final = 200


def find_problems(parsed: Parsed, *, read_alone: bool = False) -> list[str]:
    """Return one line per problem across the records *parsed* holds; empty if they are sound.

    Records that could not be read count too, from the items the files hold:
    such a record (its own problems are reported where it was read) still
    exists, counts towards duplicates and closes affiliation cycles, and its
    fields that could be read meet every rule that needs only them.

    A dangling reference suggests the closest id of its kind; with
    *read_alone* (a user's folder read without a base), one the bundled
    corpus holds says to build on it instead.
    """
    ids = {kind.collection: _ids(parsed, kind.collection) for kind in KINDS}
    known = {name: None if found is None else set(found) for name, found in ids.items()}
    hint = _Hint(read_alone=read_alone)
    problems: list[str] = []
    for kind in KINDS:
        where = parsed.label(kind.file_name)
        rules = _rules(kind, known, hint)
        problems += [f"{where}: {p}" for p in _duplicate_ids(ids[kind.collection] or ())]
        problems += [
            f"{where}: record {brief(record.id)}, {problem}"
            for record in parsed.records[kind.collection]
            for _, rule in rules
            for problem in rule(record)
        ]
        problems += [
            f"{where}: record {item.label}, {problem}"
            for item in parsed.unread[kind.collection] or ()
            for fields, rule in rules
            if fields <= item.fields.keys()
            for problem in rule(_Partial(item.fields))
        ]
    actors_file = parsed.label(ACTORS.file_name)
    problems += [f"{actors_file}: {p}" for p in _affiliation_cycles(_parents(parsed))]
    return problems


def _ids(parsed: Parsed, collection: str) -> list[str] | None:
    """Every id of *collection*, read or not; None when its file could not be read."""
    unread = parsed.unread[collection]
    if unread is None:
        return None
    return [r.id for r in parsed.records[collection]] + [
        u.item["id"] for u in unread if isinstance(u.item, dict) and type(u.item.get("id")) is str
    ]


def _parents(parsed: Parsed) -> dict[str, str | None]:
    """Each actor's id to its affiliation's: readable or not, an actor closes a cycle."""
    parents: dict[str, str | None] = {a.id: a.affiliation_id for a in parsed.records[ACTORS.collection]}
    for unread in parsed.unread[ACTORS.collection] or ():
        item = unread.item
        if isinstance(item, dict) and type(item.get("id")) is str:
            parent = item.get("affiliation_id")
            parents[item["id"]] = parent if type(parent) is str else None
    return parents


class _Partial:
    """The fields of a record that could be read, as attributes, for the rules that need only them."""

    def __init__(self, fields: Mapping[str, Any]) -> None:
        self.__dict__.update(fields)


#: A rule: the fields it reads, and the problems it finds in a record (or in those fields of one).
Rule = tuple[frozenset[str], Callable[[Any], Iterator[str]]]


def _rules(kind: RecordKind[Any], known: Known, hint: _Hint) -> list[Rule]:
    """Every rule a record of *kind* meets, each with the fields it reads."""
    rules: list[Rule] = [(frozenset({"id"}), _id_problems)]
    for reference in kind.references:
        check = functools.partial(_reference_problems, reference, known[reference.target], hint)
        rules.append((frozenset({reference.field}), check))
    if kind.has_evidence:
        sources = known[EVIDENCE_SOURCE.target]
        rules.append((frozenset({"evidence"}), functools.partial(_evidence_problems, sources, hint)))
    return [*rules, *_KIND_RULES.get(kind.collection, ())]


def _id_problems(record: Any) -> Iterator[str]:
    if _is_blank(record.id):
        yield f"field 'id': {brief(record.id)} is blank; an id needs at least one visible character"


def _reference_problems(
    reference: Reference, targets: set[str] | None, hint: _Hint, record: Any
) -> Iterator[str]:
    if targets is None:
        return
    for value in reference.ids(record):
        if value not in targets:
            target = kind_named(reference.target).name
            yield (
                f"field {reference.field!r}: no {target} has the id {brief(value)}"
                f"{hint(reference.target, value, targets)}"
            )


def _evidence_problems(sources: set[str] | None, hint: _Hint, record: Any) -> Iterator[str]:
    for index, span in enumerate(record.evidence):
        value = EVIDENCE_SOURCE.ids(span)[0]
        if sources is not None and value not in sources:
            target = kind_named(EVIDENCE_SOURCE.target).name
            yield (
                f"field 'evidence[{index}].{EVIDENCE_SOURCE.field}': no {target} has the id {brief(value)}"
                f"{hint(EVIDENCE_SOURCE.target, value, sources)}"
            )
        if not 0 <= span.start < span.end:
            yield (
                f"field 'evidence[{index}]': span {span.start}:{span.end} is not a span; "
                "it needs 0 <= start < end"
            )


@attrs.define
class _Hint:
    """What a dangling reference's problem adds after "no actor has the id 'x'": how to mend it."""

    read_alone: bool
    suggestions_left: int = _SUGGESTIONS

    def __call__(self, collection: str, value: str, known: set[str]) -> str:
        bundled = _bundled_ids()[collection] if self.read_alone else frozenset()
        # A folder read by itself that names bundled records wants the bundled corpus as its base.
        if value in bundled:
            return _BUILD_ON_BUNDLED
        if self.suggestions_left <= 0 or len(value) > _LONGEST_SUGGESTED:
            return ""
        self.suggestions_left -= 1
        import difflib  # only an error message needs it

        close = difflib.get_close_matches(value, known | bundled, n=1, cutoff=_CLOSE_ENOUGH)
        if not close:
            return ""
        return f"; did you mean {brief(close[0])}?" + (_BUILD_ON_BUNDLED if close[0] not in known else "")


@functools.cache
def _bundled_ids() -> Mapping[str, frozenset[str]]:
    # Read from the package data, not through load(), which is built on this module; only an
    # error pays for it, once.
    records = read_bundled().records
    return {kind.collection: frozenset(r.id for r in records[kind.collection]) for kind in KINDS}


def _sha256_problems(source: Source) -> Iterator[str]:
    if _SHA256.fullmatch(source.sha256) is None:
        yield (
            f"field 'sha256': {brief(source.sha256)} is not a SHA-256; "
            "it needs 64 lowercase hexadecimal digits"
        )


def _name_problems(actor: Actor) -> Iterator[str]:
    if _is_blank(actor.name):
        yield f"field 'name': {brief(actor.name)} is blank; an actor needs a name"


def _alias_problems(actor: Actor) -> Iterator[str]:
    for index, alias in enumerate(actor.aliases):
        if _is_blank(alias):
            yield f"field 'aliases[{index}]': {brief(alias)} is blank; leave out an alias with no name"


def _first_span_problems(quote: Quote) -> Iterator[str]:
    if quote.evidence and quote.evidence[0].source_id != quote.source_id:
        yield (
            "field 'evidence[0].source_id': the first span must be in the quote's own source "
            f"{brief(quote.source_id)}, not {brief(quote.evidence[0].source_id)}"
        )


def _end_date_problems(event: Event) -> Iterator[str]:
    if event.end_date is not None and event.end_date.latest < event.date.earliest:
        yield f"field 'end_date': {str(event.end_date)!r} is before the event's date {str(event.date)!r}"


def _fatality_problems(event: Event) -> Iterator[str]:
    if event.fatalities is not None and event.fatalities.count < 0:
        yield f"field 'fatalities.count': {event.fatalities.count} is negative; a death toll is 0 or more"


# Each kind's own rules, by collection, with the fields each reads.
_KIND_RULES: Final[Mapping[str, tuple[Rule, ...]]] = {
    SOURCES.collection: ((frozenset({"sha256"}), _sha256_problems),),
    ACTORS.collection: ((frozenset({"name"}), _name_problems), (frozenset({"aliases"}), _alias_problems)),
    QUOTES.collection: ((frozenset({"evidence", "source_id"}), _first_span_problems),),
    EVENTS.collection: (
        (frozenset({"date", "end_date"}), _end_date_problems),
        (frozenset({"fatalities"}), _fatality_problems),
    ),
}


def _is_blank(text: str) -> bool:
    """Whether *text* shows nothing: white space and invisible format characters alone."""
    if text.isascii():
        return not text.strip()
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in text)


def _duplicate_ids(ids: Sequence[str]) -> list[str]:
    return [
        f"field 'id': {brief(record_id)} is used by {count} records; ids must be unique"
        for record_id, count in Counter(ids).items()
        if count > 1
    ]


def _affiliation_cycles(parent: Mapping[str, str | None]) -> list[str]:
    """One problem per cycle of affiliations, found in one walk over every chain."""
    walked: dict[str, int] = {}  # actor id -> the walk that first reached it
    problems = []
    for walk, actor_id in enumerate(parent):
        chain: list[str] = []
        current: str | None = actor_id
        while current is not None and current in parent and current not in walked:
            walked[current] = walk
            chain.append(current)
            current = parent[current]
        # A chain that runs into an actor of its own walk has closed a loop.
        if current is not None and walked.get(current) == walk and current in chain:
            cycle = chain[chain.index(current) :]
            path = _cycle_path(cycle)
            problems.append(
                f"record {brief(current)}, field 'affiliation_id': affiliations form a cycle: {path}"
            )
    return problems


def _cycle_path(cycle: Sequence[str]) -> str:
    """The cycle as ``a -> b -> a``, its middle left out when it is long."""
    shown = [brief(actor_id)[1:-1] for actor_id in cycle]
    if len(shown) > _CYCLE_SHOWN:
        left_out = len(shown) - _CYCLE_SHOWN + 1
        shown = [*shown[: _CYCLE_SHOWN - 2], f"({left_out} more)", shown[-1]]
    return " -> ".join([*shown, shown[0]])


@attrs.frozen
class ValidatedRecords:
    """Records that passed every rule: the only thing a :class:`Corpus` is built from.

    Attributes:
        collections: Each kind's records, by collection name.
    """

    collections: RecordSet


def validated(parsed: Parsed, *, read_alone: bool = False) -> ValidatedRecords:
    """Return the records *parsed* holds as validated, or raise one error naming every problem.

    *read_alone* is as for :func:`find_problems`.

    Raises:
        CorpusDataError: Reading found a problem, or any rule fails.
    """
    problems = [*parsed.problems, *find_problems(parsed, read_alone=read_alone)]
    if problems:
        raise CorpusDataError(problems)
    # Read-only: the bundled corpus's records are shared by the whole process.
    return ValidatedRecords(MappingProxyType(dict(parsed.records)))
