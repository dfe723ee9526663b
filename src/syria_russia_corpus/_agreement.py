"""Intercoder agreement: two codings of the same documents, unit by unit, field by field."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from ._records import Event, Evidence, Position, Quote
from ._schema import EVENTS, POSITIONS, QUOTES
from .exceptions import ArgumentTypeError, MissingDependencyError

if TYPE_CHECKING:
    from ._corpus import Corpus

Unit = Quote | Event | Position
Side = Literal["a", "b"]

# The coded fields compared for each kind, by the name their alpha is reported under.
_FIELDS: Final[Mapping[type[Any], Mapping[str, Callable[[Any], str]]]] = {
    Quote: {
        "speaker": lambda q: q.speaker_id,
        "kind": lambda q: q.kind.value,
        "topics": lambda q: ";".join(sorted(t.value for t in q.topics)),
        "date": lambda q: "" if q.date is None else str(q.date),
    },
    Event: {"type": lambda e: e.type.value, "date": lambda e: str(e.date)},
    Position: {
        "stance": lambda p: p.stance.value,
        "basis": lambda p: p.basis.value,
        "date": lambda p: str(p.date),
    },
}


@attrs.frozen
class Disagreement:
    """Two matched records that code one field differently.

    Attributes:
        field: The field, as named in :attr:`AgreementReport.alpha`.
        a_id: The record's id in coding *a*.
        b_id: Its partner's id in coding *b*.
        a_value: The value coding *a* gives.
        b_value: The value coding *b* gives.
    """

    field: str
    a_id: str
    b_id: str
    a_value: str
    b_value: str


@attrs.frozen
class AgreementReport:
    """How far two codings of the same documents agree.

    Attributes:
        alpha: Krippendorff's alpha (nominal) of each coded field over the
            matched units: 1 is perfect agreement, 0 what chance gives. Every
            field has a value (``speaker``, ``kind``, ``topics``, ``date``,
            ``type``, ``stance``, ``basis``): NaN where no unit was matched
            or no value varies, so that alpha is undefined. ``date`` pools the
            dates of quotes, events and positions.
        matched: How many units of each kind were matched (``"quotes"``, …).
        disagreements: Every field on which two matched records differ.
        unmatched: The records of each side (``"a"``, ``"b"``) that found no partner.
    """

    alpha: Mapping[str, float]
    matched: Mapping[str, int]
    disagreements: tuple[Disagreement, ...]
    unmatched: Mapping[Side, tuple[Unit, ...]]

    def __str__(self) -> str:
        lines = ["field      alpha"] + [f"{field:<10} {value:.3f}" for field, value in self.alpha.items()]
        lines.append("matched: " + ", ".join(f"{count} {kind}" for kind, count in self.matched.items()))
        lines += [
            f"unmatched in {side}: {', '.join(r.id for r in units) or 'none'}"
            for side, units in self.unmatched.items()
        ]
        lines += [f"{d.field}: {d.a_id} {d.a_value!r} / {d.b_id} {d.b_value!r}" for d in self.disagreements]
        return "\n".join(lines)


def compare(a: Corpus, b: Corpus, *, base: Corpus | None = None) -> AgreementReport:
    """Measure agreement between two codings *a* and *b* of the same documents.

    Units are matched across the codings, one to one, best fit first: quotes
    by overlapping evidence (over all their spans) in the same source;
    events by overlapping evidence, an equal type breaking ties, so that two
    coders who type one event differently still make a pair; positions by
    actor, topic and a shared source, overlapping evidence breaking ties.

    For every coded field the report gives Krippendorff's alpha (nominal)
    over the matched units, computed with the ``krippendorff`` package (the
    ``agreement`` extra): ``speaker``, ``kind`` and ``topics`` of quotes,
    ``type`` of events, ``stance`` and ``basis`` of positions, and ``date``,
    which pools the dates of matched quotes, events and positions. Every
    field is always reported; its alpha is NaN when no unit was matched or
    no value varies, so that alpha is undefined.

    Args:
        a: One coding.
        b: The other coding of the same documents.
        base: A corpus both codings build on, whose records are left out so
            that only the coders' own records are compared. By default, the
            :attr:`~Corpus.base` that *a* and *b* were both built on, if they
            share one (two folders read with ``base=src.load()`` do);
            otherwise every record is compared.

    Raises:
        MissingDependencyError: ``krippendorff`` is not installed.
        ArgumentTypeError: *a*, *b* or *base* is not a :class:`Corpus`.

    Example:
        Two coders' folders, each built on the bundled corpus: only their own
        records are compared::

            import syria_russia_corpus as src

            first = src.Corpus.from_path("coder_a/", base=src.load())
            second = src.Corpus.from_path("coder_b/", base=src.load())
            report = src.compare(first, second)
            report.alpha["stance"]
    """
    from ._corpus import Corpus

    for name, value in (("a", a), ("b", b), ("base", base)):
        if not isinstance(value, Corpus) and not (name == "base" and value is None):
            raise ArgumentTypeError(f"{name} must be a Corpus, not {type(value).__name__}")
    try:
        import krippendorff
    except ImportError:
        raise MissingDependencyError("krippendorff", "agreement", "compare()") from None
    if base is None and a.base is b.base:
        base = a.base
    pairs: list[tuple[Unit, Unit]] = []
    unmatched: dict[Side, list[Unit]] = {"a": [], "b": []}
    matched: dict[str, int] = {}
    for collection, fits in (
        (QUOTES.collection, _quote_overlap),
        (EVENTS.collection, _event_fit),
        (POSITIONS.collection, _position_fit),
    ):
        left, right = (_own(getattr(corpus, collection)(), base, collection) for corpus in (a, b))
        found, alone_a, alone_b = _match(left, right, fits)
        pairs += found
        matched[collection] = len(found)
        unmatched["a"] += alone_a
        unmatched["b"] += alone_b
    return AgreementReport(
        alpha=_alphas(pairs, krippendorff.alpha),
        matched=matched,
        disagreements=tuple(
            Disagreement(field, x.id, y.id, read(x), read(y))
            for x, y in pairs
            for field, read in _FIELDS[type(x)].items()
            if read(x) != read(y)
        ),
        unmatched={side: tuple(units) for side, units in unmatched.items()},
    )


def _own(records: Sequence[Unit], base: Corpus | None, collection: str) -> list[Unit]:
    if base is None:
        return list(records)
    shared = set(getattr(base, collection)())
    return [record for record in records if record not in shared]


def _match(
    left: list[Unit], right: list[Unit], fits: Callable[[Any, Any], int]
) -> tuple[list[tuple[Unit, Unit]], list[Unit], list[Unit]]:
    """Pair records one to one, best fit first; a fit of 0 is no pair."""
    candidates = sorted(
        ((score, i, j) for i, x in enumerate(left) for j, y in enumerate(right) if (score := fits(x, y)) > 0),
        key=lambda candidate: (-candidate[0], candidate[1], candidate[2]),
    )
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            pairs.append((i, j))
    pairs.sort()
    return (
        [(left[i], right[j]) for i, j in pairs],
        [x for i, x in enumerate(left) if i not in used_left],
        [y for j, y in enumerate(right) if j not in used_right],
    )


def _overlap(one: Iterable[Evidence], other: Iterable[Evidence]) -> int:
    """How many characters the spans share, source by source."""
    others = list(other)
    return sum(
        max(0, min(x.end, y.end) - max(x.start, y.start))
        for x in one
        for y in others
        if x.source_id == y.source_id
    )


def _quote_overlap(x: Quote, y: Quote) -> int:
    return _overlap(x.evidence, y.evidence) if x.source_id == y.source_id else 0


def _event_fit(x: Event, y: Event) -> int:
    shared = _overlap(x.evidence, y.evidence)
    if not shared:
        return 0
    # Overlap decides; between equal overlaps, the partner of the same type is the better one.
    return 2 * shared + (x.type is y.type)


def _position_fit(x: Position, y: Position) -> int:
    if x.actor_id != y.actor_id or x.topic is not y.topic:
        return 0
    if not {e.source_id for e in x.evidence} & {e.source_id for e in y.evidence}:
        return 0
    # Same actor, topic and source: overlapping evidence makes the better partner.
    return 1 + _overlap(x.evidence, y.evidence)


def _alphas(pairs: Sequence[tuple[Unit, Unit]], alpha: Callable[..., float]) -> dict[str, float]:
    values: dict[str, list[tuple[str, str]]] = {field: [] for fields in _FIELDS.values() for field in fields}
    for x, y in pairs:
        for field, read in _FIELDS[type(x)].items():
            values[field].append((read(x), read(y)))
    result = {}
    for field, coded in values.items():
        codes = {value: index for index, value in enumerate(sorted({v for pair in coded for v in pair}))}
        if len(codes) < 2:
            result[field] = math.nan  # no unit, or no variation: alpha is undefined
            continue
        data = [[codes[x] for x, _ in coded], [codes[y] for _, y in coded]]
        result[field] = float(alpha(reliability_data=data, level_of_measurement="nominal"))
    return result
