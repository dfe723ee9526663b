"""The stance layer: timelines, changes per actor in an honest order, coverage and the plot."""

from __future__ import annotations

import re
from itertools import combinations, permutations
from random import Random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syria_russia_corpus import Corpus, PartialDate, Position, PositionBasis, Stance, StanceChange, Topic
from syria_russia_corpus.exceptions import InvalidQueryError

from .conftest import small_records, span

d = PartialDate.parse


def position(  # noqa: PLR0917 - a test's shorthand
    pid: str,
    actor: str,
    stance: Stance,
    date: str,
    topic: Topic = Topic.ASSAD_DEPARTURE,
    basis: PositionBasis = PositionBasis.REPORTED,
) -> Position:
    return Position(id=pid, actor_id=actor, topic=topic, stance=stance, date=d(date), basis=basis,
                    evidence=span())  # fmt: skip


def corpus_of(positions: list[Position]) -> Corpus:
    records = small_records()
    records["positions"] = positions  # type: ignore[assignment]
    return Corpus.from_records(**records)  # type: ignore[arg-type]


@pytest.fixture
def moving() -> Corpus:
    """Russia opposes, turns mixed, then opposes again; Lavrov and Putin hold positions in between."""
    return corpus_of([
        position("p1", "russia", Stance.OPPOSE, "2012-03"),
        position("p2", "lavrov", Stance.OPPOSE, "2012-05-30"),
        position("p3", "russia", Stance.MIXED, "2012-06~"),
        position("p4", "putin", Stance.SUPPORT, "2015-09"),
        position("p5", "russia", Stance.OPPOSE, "2015-09-15"),
        position("p6", "russia", Stance.SUPPORT, "2015-09-15", Topic.COUNTERTERRORISM, PositionBasis.STATED),
    ])  # fmt: skip


def test_timeline_is_the_actors_own_by_default(moving: Corpus):
    """A timeline holds the actor's own positions; include_affiliated adds its officials', in date order."""
    assert moving.stance_timeline("Russia").ids == ("p1", "p3", "p5", "p6")
    assert moving.stance_timeline("Russia", include_affiliated=True).ids == (
        "p1",
        "p2",
        "p3",
        "p4",
        "p5",
        "p6",
    )


def test_timeline_by_topic(moving: Corpus):
    """topic, positional or by keyword, keeps one topic's positions."""
    assert moving.stance_timeline("Russia", "counterterrorism").ids == ("p6",)


def test_changes_are_one_actors_moves(moving: Corpus):
    """Each move between consecutive positions of Russia itself is one change, with its actor."""
    changes = moving.stance_changes("Russia")
    assert [(c.before.id, c.after.id) for c in changes] == [("p1", "p3"), ("p3", "p5")]
    first = changes[0]
    assert (first.actor_id, first.topic, first.from_stance, first.to_stance) == (
        "russia", Topic.ASSAD_DEPARTURE, Stance.OPPOSE, Stance.MIXED,
    )  # fmt: skip
    assert first.date == d("2012-06~")
    assert first.id == "p1->p3"
    assert first.certain


def test_affiliates_never_compared_with_their_state(moving: Corpus):
    """With include_affiliated, officials bring their own changes, never a change to or from Russia's."""
    changes = moving.stance_changes("Russia", include_affiliated=True)
    assert all(c.before.actor_id == c.after.actor_id == c.actor_id for c in changes)
    assert [c.id for c in changes] == ["p1->p3", "p3->p5"]


def test_overlapping_dates_make_an_uncertain_change():
    """A month and a day inside it may come in either order: the change is flagged, not invented."""
    corpus = corpus_of([
        position("a", "russia", Stance.OPPOSE, "2012-06"),
        position("b", "russia", Stance.MIXED, "2012-06-01?"),
    ])  # fmt: skip
    (change,) = corpus.stance_changes("Russia")
    assert not change.certain
    assert (change.before.id, change.after.id) == ("b", "a"), "a day sorts before its month"


def test_same_dates_are_ordered_without_ids():
    """Two positions dated alike are ordered by their content, so renaming them changes nothing."""
    one = [
        position("x", "russia", Stance.SUPPORT, "2012-06"),
        position("y", "russia", Stance.OPPOSE, "2012-06"),
    ]
    other = [attrs.evolve(one[0], id="zz"), attrs.evolve(one[1], id="aa")]
    first = corpus_of(one).stance_changes("Russia")[0]
    second = corpus_of(other).stance_changes("Russia")[0]
    assert (first.from_stance, first.to_stance) == (second.from_stance, second.to_stance)
    assert not first.certain


def test_window_keeps_changes_whose_new_position_overlaps_it(moving: Corpus):
    """start/end select by the later position's possible dates, wherever the earlier one lies."""
    assert moving.stance_changes("Russia", start="2012-06-15", end="2012-06-20").ids == ("p1->p3",)
    assert moving.stance_changes("Russia", start="2015").ids == ("p3->p5",)
    assert moving.stance_changes("Russia", end="2012-05").ids == ()


def test_basis_keeps_changes_whose_two_positions_have_it():
    """basis= filters the full result: two positions of one basis are never paired across another."""
    corpus = corpus_of([
        position("a", "russia", Stance.OPPOSE, "2012-03", basis=PositionBasis.REPORTED),
        position("b", "russia", Stance.SUPPORT, "2012-04", basis=PositionBasis.ANALYSIS),
        position("c", "russia", Stance.SUPPORT, "2012-05", basis=PositionBasis.REPORTED),
        position("d", "russia", Stance.OPPOSE, "2012-06", basis=PositionBasis.REPORTED),
    ])  # fmt: skip
    assert corpus.stance_changes("Russia").ids == ("a->b", "c->d")
    assert corpus.stance_changes("Russia", basis="reported").ids == ("c->d",)
    assert corpus.stance_changes("Russia", basis="analysis").ids == ()


def test_changes_come_in_date_order_across_topics_and_actors():
    """Changes of several topics and actors are merged in the order of their new positions' dates."""
    corpus = corpus_of([
        position("r1", "russia", Stance.OPPOSE, "2012-03"),
        position("r2", "russia", Stance.MIXED, "2012-06-10"),
        position("s1", "russia", Stance.OPPOSE, "2012-03", Topic.SANCTIONS),
        position("s2", "russia", Stance.SUPPORT, "2012-05-20", Topic.SANCTIONS),
        position("l1", "lavrov", Stance.OPPOSE, "2012-03"),
        position("l2", "lavrov", Stance.SUPPORT, "2012-06-01"),
    ])  # fmt: skip
    changes = corpus.stance_changes("Russia", include_affiliated=True)
    assert changes.ids == ("s1->s2", "l1->l2", "r1->r2")


def test_a_change_next_to_a_tie_is_uncertain():
    """Two positions of one day with different stances make every change they touch uncertain."""
    corpus = corpus_of([
        position("a", "russia", Stance.MIXED, "2012-03"),
        position("b", "russia", Stance.SUPPORT, "2012-05-31?"),
        position("c", "russia", Stance.MIXED, "2012-05-31?"),
        position("e", "russia", Stance.NEUTRAL, "2012-06-15"),
    ])  # fmt: skip
    changes = corpus.stance_changes("Russia")
    assert (changes[-1].to_stance, changes[-1].certain) == (Stance.NEUTRAL, False)
    assert not any(c.certain for c in changes)


def test_a_tie_of_one_stance_leaves_the_next_change_certain():
    """Positions that overlap but share a stance leave no doubt about the move after them."""
    corpus = corpus_of([
        position("a", "russia", Stance.MIXED, "2012-06"),
        position("b", "russia", Stance.MIXED, "2012-06-03?"),
        position("c", "russia", Stance.SUPPORT, "2015-09"),
    ])  # fmt: skip
    (change,) = corpus.stance_changes("Russia")
    assert (change.from_stance, change.to_stance, change.certain) == (Stance.MIXED, Stance.SUPPORT, True)


def test_a_new_position_overlapping_another_is_uncertain():
    """A move whose new position may share a day with another is uncertain: when it came is not known."""
    corpus = corpus_of([
        position("a", "russia", Stance.OPPOSE, "2012-03"),
        position("b", "russia", Stance.SUPPORT, "2012-06-10"),
        position("c", "russia", Stance.SUPPORT, "2012-06"),
    ])  # fmt: skip
    (change,) = corpus.stance_changes("Russia")
    assert (change.from_stance, change.to_stance, change.certain) == (Stance.OPPOSE, Stance.SUPPORT, False)


def test_change_tables_show_how_sure_and_on_what_basis():
    """print() shows whether a change is certain; the Jupyter table also the bases of both positions."""
    corpus = corpus_of([
        position("a", "russia", Stance.OPPOSE, "2012-03"),
        position("b", "russia", Stance.MIXED, "2012-06~", basis=PositionBasis.ANALYSIS),
    ])  # fmt: skip
    changes = corpus.stance_changes("Russia")
    header, first = (re.split(r"\s{2,}", line) for line in str(changes).splitlines()[:2])
    assert (header[3:], first[3:]) == (["from", "to", "certain"], ["oppose", "mixed", "True"])
    html = changes._repr_html_()
    assert all(f">{name}</th>" in html for name in ("certain", "from basis", "to basis"))


def test_changes_reversed_dates(moving: Corpus):
    """end before start is refused."""
    with pytest.raises(InvalidQueryError, match="before start"):
        moving.stance_changes("Russia", start="2015", end="2012")


def test_unknown_basis_lists_the_values(moving: Corpus):
    """An unknown basis names the allowed values."""
    with pytest.raises(InvalidQueryError, match="'stated', 'reported', 'analysis'"):
        moving.stance_changes("Russia", basis="hearsay")


def test_no_changes_without_a_move(moving: Corpus):
    """An actor whose stance never moves has no changes."""
    assert len(moving.stance_changes("lavrov")) == 0


# -- properties -----------------------------------------------------------------------

ACTORS = ["russia", "lavrov", "putin"]
DATES = ["2012", "2012-05", "2012-05-30", "2012-06", "2012-06-01?", "2012-06~", "2015-09", "2015-09-15",
         "2012-05-25?/2012-06-01?"]  # fmt: skip


@st.composite
def position_sets(draw: st.DrawFn, most: int = 8) -> list[Position]:
    count = draw(st.integers(min_value=0, max_value=most))
    return [
        position(
            f"p{index}",
            draw(st.sampled_from(ACTORS)),
            draw(st.sampled_from(list(Stance))),
            draw(st.sampled_from(DATES)),
            draw(st.sampled_from([Topic.ASSAD_DEPARTURE, Topic.SANCTIONS])),
            draw(st.sampled_from(list(PositionBasis))),
        )
        for index in range(count)
    ]


def _content(c: StanceChange) -> tuple[object, ...]:
    return (c.actor_id, c.topic, str(c.before.date), str(c.after.date), c.from_stance, c.to_stance, c.certain)


@settings(max_examples=100)
@given(position_sets(), st.randoms(use_true_random=False))
def test_changes_are_invariant_under_renaming(positions: list[Position], random: Random):
    """Renaming every position id, in any order, gives the same changes in the same order."""
    names = [f"r{i}" for i in range(len(positions))]
    random.shuffle(names)
    renamed = [attrs.evolve(p, id=name) for p, name in zip(positions, names, strict=True)]
    before = [_content(c) for c in corpus_of(positions).stance_changes("Russia", include_affiliated=True)]
    after = [_content(c) for c in corpus_of(renamed).stance_changes("Russia", include_affiliated=True)]
    assert before == after


@settings(max_examples=60)
@given(position_sets())
def test_every_change_is_one_actors(positions: list[Position]):
    """Both positions of a change are its actor's, on its topic, with different stances."""
    for change in corpus_of(positions).stance_changes("Russia", include_affiliated=True):
        assert change.before.actor_id == change.after.actor_id == change.actor_id
        assert change.before.topic is change.after.topic is change.topic
        assert change.from_stance is not change.to_stance


def _orders(thread: list[Position]) -> list[tuple[Position, ...]]:
    """Every order of *thread* its dates allow: nothing placed after a position that ends before it starts."""
    return [
        order
        for order in permutations(thread)
        if not any(later.date.latest < earlier.date.earliest for earlier, later in combinations(order, 2))
    ]


def _certain_moves(thread: list[Position]) -> dict[str, Stance]:
    """Positions every allowed order puts in one place, right after one other stance: id -> that stance."""
    orders = _orders(thread)
    moves = {}
    for p in thread:
        places = {order.index(p) for order in orders}
        if len(places) == 1 and (place := places.pop()) > 0:
            previous = {order[place - 1].stance for order in orders}
            if len(previous) == 1 and (stance := previous.pop()) is not p.stance:
                moves[p.id] = stance
    return moves


@settings(max_examples=150)
@given(position_sets(most=6))
def test_certain_means_one_move_in_every_order_the_dates_allow(positions: list[Position]):
    """certain holds exactly for the moves every order the dates allow has, in the same place."""
    changes = corpus_of(positions).stance_changes("Russia", include_affiliated=True)
    for actor, topic in {(p.actor_id, p.topic) for p in positions}:
        thread = [p for p in positions if (p.actor_id, p.topic) == (actor, topic)]
        mine = [c for c in changes if (c.actor_id, c.topic) == (actor, topic)]
        assert {c.after.id: c.from_stance for c in mine if c.certain} == _certain_moves(thread)


@settings(max_examples=60)
@given(position_sets())
def test_certain_changes_never_overlap(positions: list[Position]):
    """A certain change's two positions cannot share a day."""
    for change in corpus_of(positions).stance_changes("Russia", include_affiliated=True):
        if change.certain:
            assert change.before.date.latest < change.after.date.earliest


@settings(max_examples=60)
@given(position_sets(), st.sampled_from(list(PositionBasis)))
def test_basis_is_a_filter_of_all(positions: list[Position], basis: PositionBasis):
    """basis= gives exactly the full result's changes whose two positions both have that basis."""
    corpus = corpus_of(positions)
    everything = corpus.stance_changes("Russia", include_affiliated=True)
    expected = tuple(c.id for c in everything if c.before.basis is c.after.basis is basis)
    assert corpus.stance_changes("Russia", include_affiliated=True, basis=basis).ids == expected


@settings(max_examples=60)
@given(position_sets(), st.sampled_from(DATES), st.sampled_from(DATES))
def test_windowed_changes_are_a_filter_of_all(positions: list[Position], start: str, end: str):
    """A window's changes are exactly the full result's changes whose new position overlaps it."""
    corpus = corpus_of(positions)
    first, last = d(start).earliest, d(end).latest
    if last < first:
        first, last, start, end = d(end).earliest, d(start).latest, end, start
    everything = corpus.stance_changes("Russia", include_affiliated=True)
    expected = [c.id for c in everything if c.after.date.overlaps(start, end)]
    assert (
        list(corpus.stance_changes("Russia", include_affiliated=True, start=start, end=end).ids) == expected
    )


# -- filters on quotes and positions -------------------------------------------------


def test_quotes_filter_by_topic_and_window(corpus: Corpus):
    """quotes_by keeps a topic's quotes and those overlapping a window; undated ones drop out of windows."""
    assert corpus.quotes_by("Putin", topic="sanctions").ids == ("q-putin-late",)
    assert corpus.quotes_by("Putin", start="2012-06").ids == ("q-putin-late",)
    assert corpus.quotes_by("Putin", end="2012-03-07").ids == ("q-putin-early",)
    assert "q-putin-undated" in corpus.quotes_by("Putin").ids


def test_positions_filter_by_basis_and_window(corpus: Corpus):
    """positions_of keeps one basis and the positions overlapping a window."""
    assert corpus.positions_of("Russia", basis="stated", include_affiliated=True).ids == (
        "p-putin-asylum", "p-lavrov-sanctions",
    )  # fmt: skip
    assert corpus.positions_of("Russia", start="2012-05-31", end="2012-05-31").ids == ("p-russia-sanctions",)
    with pytest.raises(InvalidQueryError, match="before start"):
        corpus.positions_of("Russia", start="2013", end="2012")


def test_include_affiliated_defaults_to_false_everywhere():
    """Every function that takes include_affiliated defaults it to False."""
    import inspect

    import syria_russia_corpus as src

    for name in ("quotes_by", "positions_of", "stance_timeline", "stance_changes", "plot_stance_timeline"):
        assert inspect.signature(getattr(src, name)).parameters["include_affiliated"].default is False, name


# -- coverage -----------------------------------------------------------------------------


def test_coverage_has_every_month_of_the_statements(corpus: Corpus):
    """coverage() runs month by month from the first to the last dated statement, empty months included."""
    months = corpus.coverage()
    assert months[0].month == "2012-03"
    assert months[-1].month == "2012-06"
    assert [m.month for m in months] == ["2012-03", "2012-04", "2012-05", "2012-06"]
    april = months[1]
    assert (april.quotes, april.events, april.positions) == (0, 0, 0)
    assert months[2].quotes == 2
    assert months[-1].events == 2


def test_a_statement_counts_in_its_earliest_month():
    """A position dated across two months counts in the first of them only."""
    corpus = corpus_of([position("a", "russia", Stance.OPPOSE, "2012-05-25?/2012-06-01?")])
    counts = {month.month: month.positions for month in corpus.coverage()}
    assert (counts["2012-05"], counts["2012-06"]) == (1, 0)


def test_coverage_to_pandas(corpus: Corpus):
    """coverage() converts to a DataFrame with its counts."""
    frame = corpus.coverage().to_pandas()
    assert list(frame.columns) == ["month", "quotes", "events", "positions"]
    assert frame["quotes"].sum() == 4


def test_bundled_coverage_shows_the_gap():
    """The bundled statements fall in 2012 and 2015, with the years between empty."""
    import syria_russia_corpus as src
    from syria_russia_corpus._coverage import gaps

    months = src.coverage()
    assert months[0].month.startswith("2012")
    assert months[-1].month.startswith("2015")
    assert any(first <= "2013-06" <= last for first, last in gaps(months))


# -- coverage periods ---------------------------------------------------------------------


def test_periods_are_the_runs_between_gaps():
    """Statement periods split at three or more months without a statement; one empty month does not."""
    from syria_russia_corpus import MonthCoverage
    from syria_russia_corpus._coverage import describe, periods

    def month(name: str, said: int) -> MonthCoverage:
        return MonthCoverage(month=name, quotes=said, events=0, positions=0)

    counts = {
        "2012-03": 1,
        "2012-04": 0,
        "2012-05": 2,
        "2012-06": 0,
        "2012-07": 0,
        "2012-08": 0,
        "2012-09": 1,
    }
    months = [month(name, said) for name, said in counts.items()]
    assert periods(months) == [("2012-03", "2012-05"), ("2012-09", "2012-09")]
    assert describe(months) == "2012-03 to 2012-05 and 2012-09"
    assert describe([]) == "none"


def test_the_stance_layer_loads_on_first_use():
    """Importing the package loads neither the stance logic, the plot nor matplotlib; a query does."""
    import subprocess
    import sys

    code = (
        "import sys, syria_russia_corpus as src\n"
        "names = ('syria_russia_corpus._stance', 'syria_russia_corpus._plot', 'matplotlib')\n"
        "print([name in sys.modules for name in names])\n"
        "src.stance_changes('Russia')\n"
        "print('syria_russia_corpus._stance' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.split("\n")[:2] == ["[False, False, False]", "True"]
