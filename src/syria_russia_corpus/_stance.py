"""Stance over time: where one actor's stance on a topic moved, and how sure that is."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby, pairwise
from typing import Any

import attrs

from ._dates import PartialDate
from ._records import Position
from ._rows import holds_rows
from ._vocabulary import PositionBasis, Stance, Topic


@holds_rows
@attrs.frozen(kw_only=True)
class StanceChange:
    """A move in one actor's stance on one topic, between two consecutive positions.

    Attributes:
        actor_id: The id of the actor whose stance moved; both positions are its own.
        topic: The topic whose stance moved.
        before: The actor's position before the move: the last one with the
            old stance in date order.
        after: The actor's first position with the new stance.
        certain: Whether the move is known whatever order the dates allow.
            True exactly when (1) *after*'s possible dates overlap those of no
            other position of the actor on the topic, so its place in the
            order is known (in particular, *before* cannot come after it), and
            (2) every position whose possible dates overlap *before*'s has
            *before*'s stance, so the stance just before *after* is known. In
            other words: in every order of the actor's positions on the topic
            that their possible dates allow, *after* sits in the same place,
            right after a position with the old stance. Where dates overlap,
            the order shown is chosen by a rule that ignores ids (dates, then
            stance, basis and wording), and every change next to such a tie is
            uncertain: flagged, not invented.

    Example:
        >>> import syria_russia_corpus as src
        >>> change = src.stance_changes("Russia", "support_for_assad")[-1]
        >>> f"{change.date}: {change.from_stance.value} -> {change.to_stance.value}"
        '2015-09-11?/2015-09-30?: mixed -> support'
    """

    actor_id: str
    topic: Topic
    before: Position
    after: Position
    certain: bool

    @property
    def id(self) -> str:
        """``"<before id>-><after id>"``: unique within a corpus."""
        return f"{self.before.id}->{self.after.id}"

    @property
    def date(self) -> PartialDate:
        """When the new stance is first evidenced."""
        return self.after.date

    @property
    def from_stance(self) -> Stance:
        """The stance before the move."""
        return self.before.stance

    @property
    def to_stance(self) -> Stance:
        """The stance after the move."""
        return self.after.stance


_STANCES = list(Stance)
_BASES = list(PositionBasis)


def _sequence(position: Position) -> tuple[Any, ...]:
    # Positions of one actor and topic in the order they were held. Dates decide;
    # where two are dated alike, their content does, never their ids, so that
    # renaming a record cannot change an answer.
    return (
        position.date.earliest,
        position.date.latest,
        str(position.date),
        _STANCES.index(position.stance),
        _BASES.index(position.basis),
        position.summary,
        position.notes,
        tuple((span.start, span.end) for span in position.evidence),
    )


def changes_in(positions: Iterable[Position]) -> list[StanceChange]:
    """Every move in stance between consecutive positions of one actor on one topic.

    The changes come in the order of their later positions' dates.
    """
    by_thread = sorted(positions, key=lambda p: (p.actor_id, p.topic.value, _sequence(p)))
    changes = [
        change
        for _, thread in groupby(by_thread, key=lambda p: (p.actor_id, p.topic))
        for change in _moves(list(thread))
    ]
    return sorted(changes, key=lambda c: (*_sequence(c.after), c.actor_id, c.topic.value))


def _moves(thread: Sequence[Position]) -> Iterator[StanceChange]:
    """The changes along one actor's positions on one topic, sorted by :func:`_sequence`."""
    # reach[stance]: the last day any position of that stance seen so far may be. Positions
    # come by earliest day, so an earlier one overlaps a later one exactly when it reaches it.
    reach: dict[Stance, datetime.date] = {}
    for index, (before, after) in enumerate(pairwise(thread), start=1):
        # Positions ahead of *before* that may share a day with it and hold another stance.
        rivals = any(day >= before.date.earliest for s, day in reach.items() if s is not before.stance)
        reach[before.stance] = max(reach.get(before.stance, datetime.date.min), before.date.latest)
        if before.stance is after.stance:
            continue
        following = thread[index + 1].date.earliest if index + 1 < len(thread) else datetime.date.max
        placed = max(reach.values()) < after.date.earliest and after.date.latest < following
        yield StanceChange(
            actor_id=before.actor_id,
            topic=before.topic,
            before=before,
            after=after,
            certain=placed and not rivals,
        )
