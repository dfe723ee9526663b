"""Stance over time: where one actor's stance on a topic moved, and how sure that is."""

from __future__ import annotations

from collections.abc import Iterable
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
        before: The actor's position before the move.
        after: The actor's first position with the new stance.
        certain: Whether the order of the two positions is known: False when
            their possible dates overlap, so that either may have come first.

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
        StanceChange(
            actor_id=before.actor_id,
            topic=before.topic,
            before=before,
            after=after,
            certain=before.date.latest < after.date.earliest,
        )
        for _, thread in groupby(by_thread, key=lambda p: (p.actor_id, p.topic))
        for before, after in pairwise(thread)
        if before.stance is not after.stance
    ]
    return sorted(changes, key=lambda c: (*_sequence(c.after), c.actor_id, c.topic.value))
