"""Stance over time: where an actor's stance on a topic moved."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ._dates import PartialDate
from ._records import Position
from ._vocabulary import Stance, Topic


@attrs.frozen(kw_only=True)
class StanceChange:
    """A move in stance on one topic between two consecutive positions.

    Attributes:
        topic: The topic whose stance moved.
        before: The last position before the move.
        after: The first position after it.

    Example:
        >>> import syria_russia_corpus as src
        >>> change = src.stance_changes("Russia", topic="support_for_assad")[-1]
        >>> f"{change.date}: {change.from_stance.value} -> {change.to_stance.value}"
        '2015-09-11?/2015-09-30?: mixed -> support'
    """

    topic: Topic
    before: Position
    after: Position

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


def changes_in(positions: Sequence[Position]) -> list[StanceChange]:
    """Walk date-ordered *positions* topic by topic; keep each move in stance."""
    last: dict[Topic, Position] = {}
    changes = []
    for position in positions:
        previous = last.get(position.topic)
        if previous is not None and previous.stance is not position.stance:
            changes.append(StanceChange(topic=position.topic, before=previous, after=position))
        last[position.topic] = position
    return changes
