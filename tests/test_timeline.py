"""stance_timeline, stance_changes and the stance plot."""

from __future__ import annotations

import pytest

from syria_russia_corpus import Corpus, PartialDate, Position, PositionBasis, Stance, Topic
from syria_russia_corpus.exceptions import InvalidQueryError

from .conftest import small_records, span


@pytest.fixture
def moving() -> Corpus:
    """Russia opposes, turns mixed, then opposes again on one topic; Lavrov speaks in between."""
    records = small_records()
    d = PartialDate.parse

    def position(
        pid: str, actor: str, stance: Stance, date: str, topic: Topic = Topic.ASSAD_DEPARTURE
    ) -> Position:
        return Position(id=pid, actor_id=actor, topic=topic, stance=stance, date=d(date),
                        basis=PositionBasis.REPORTED, evidence=span())  # fmt: skip

    records["positions"] = [
        position("p1", "russia", Stance.OPPOSE, "2012-03"),
        position("p2", "lavrov", Stance.OPPOSE, "2012-05-30"),
        position("p3", "russia", Stance.MIXED, "2012-06~"),
        position("p4", "putin", Stance.OPPOSE, "2015-09"),
        position("p5", "russia", Stance.SUPPORT, "2015-09-15", Topic.COUNTERTERRORISM),
    ]
    return Corpus.from_records(**records)  # type: ignore[arg-type]


def test_timeline_includes_affiliates_by_default(moving: Corpus):
    """The timeline of Russia includes its officials' positions, in date order."""
    assert moving.stance_timeline("Russia").ids == ("p1", "p2", "p3", "p4", "p5")
    assert moving.stance_timeline("Russia", include_affiliated=False).ids == ("p1", "p3", "p5")


def test_timeline_by_topic(moving: Corpus):
    """topic keeps one topic's positions."""
    assert moving.stance_timeline("Russia", topic="counterterrorism").ids == ("p5",)


def test_changes_list_each_move(moving: Corpus):
    """Each move in stance on a topic is one change, in date order."""
    changes = moving.stance_changes("Russia")
    assert [(c.before.id, c.after.id) for c in changes] == [("p2", "p3"), ("p3", "p4")]
    first = changes[0]
    assert (first.topic, first.from_stance, first.to_stance) == (
        Topic.ASSAD_DEPARTURE,
        Stance.OPPOSE,
        Stance.MIXED,
    )
    assert first.date == PartialDate.parse("2012-06~")
    assert first.id == "p2->p3"


def test_changes_within_dates(moving: Corpus):
    """start and end keep the positions dated within them."""
    assert moving.stance_changes("Russia", start="2012", end="2012").ids == ("p2->p3",)
    assert moving.stance_changes("Russia", start="2015").ids == ()


def test_changes_reversed_dates(moving: Corpus):
    """end before start is refused."""
    with pytest.raises(InvalidQueryError, match="before start"):
        moving.stance_changes("Russia", start="2015", end="2012")


def test_no_changes_without_a_move(moving: Corpus):
    """An actor whose stance never moves has no changes."""
    assert moving.stance_changes(
        "Russia", include_affiliated=False, topic="counterterrorism"
    ) == moving.stance_changes("lavrov")
    assert len(moving.stance_changes("lavrov")) == 0


def test_plot_returns_a_figure(moving: Corpus):
    """The plot is a matplotlib Figure with one tick per topic, titled with the actor."""
    from matplotlib.figure import Figure

    figure = moving.plot_stance_timeline("Russia")
    assert isinstance(figure, Figure)
    (axes,) = figure.axes
    assert [t.get_text() for t in axes.get_yticklabels()] == ["assad departure", "counterterrorism"]
    assert "Russia" in axes.get_title()
