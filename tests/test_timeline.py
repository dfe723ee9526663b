"""The stance layer: timelines, changes per actor in an honest order, coverage and the plot."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syria_russia_corpus import Corpus, PartialDate, Position, PositionBasis, Stance, Topic
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


def test_basis_reads_only_positions_of_that_basis(moving: Corpus):
    """basis= keeps changes whose two positions both have it."""
    assert moving.stance_changes("Russia", basis="reported").ids == ("p1->p3", "p3->p5")
    assert moving.stance_changes("Russia", basis="stated").ids == ()


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
def position_sets(draw: st.DrawFn) -> list[Position]:
    count = draw(st.integers(min_value=0, max_value=8))
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


def _content(change: object) -> tuple[object, ...]:
    c = change
    return (c.actor_id, c.topic, str(c.before.date), str(c.after.date), c.from_stance, c.to_stance, c.certain)  # type: ignore[attr-defined]


@settings(max_examples=60)
@given(position_sets(), st.randoms(use_true_random=False))
def test_changes_are_invariant_under_renaming(positions: list[Position], random: object):
    """Renaming every position id, in any order, gives the same changes."""
    names = [f"r{i}" for i in range(len(positions))]
    random.shuffle(names)  # type: ignore[attr-defined]
    renamed = [attrs.evolve(p, id=name) for p, name in zip(positions, names, strict=True)]
    before = sorted(
        map(_content, corpus_of(positions).stance_changes("Russia", include_affiliated=True)), key=repr
    )
    after = sorted(
        map(_content, corpus_of(renamed).stance_changes("Russia", include_affiliated=True)), key=repr
    )
    assert before == after


@settings(max_examples=60)
@given(position_sets())
def test_every_change_is_one_actors_and_certain_means_apart(positions: list[Position]):
    """Both positions of a change are its actor's; certain holds exactly when their dates cannot overlap."""
    for change in corpus_of(positions).stance_changes("Russia", include_affiliated=True):
        assert change.before.actor_id == change.after.actor_id == change.actor_id
        apart = change.before.date.latest < change.after.date.earliest
        assert change.certain == apart


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


# -- the plot -------------------------------------------------------------------------------


def test_plot_returns_axes_with_a_panel_per_period(moving: Corpus):
    """The plot is a matplotlib Axes; 2012 and 2015 get panels of their own, topics in a fixed order."""
    from matplotlib.axes import Axes

    ax = moving.plot_stance_timeline("Russia", include_affiliated=True)
    assert isinstance(ax, Axes)
    assert len(ax.figure.axes) == 2
    assert [t.get_text() for t in ax.get_yticklabels()] == ["counterterrorism", "assad departure"]
    assert "Russia" in ax.figure.get_suptitle()


def test_plot_labels_each_marker_with_its_actor(moving: Corpus):
    """With several actors, every marker is labelled with whose position it is."""
    ax = moving.plot_stance_timeline("Russia", include_affiliated=True)
    labels = {text.get_text() for panel in ax.figure.axes for text in panel.texts}
    assert {"Russia", "Lavrov", "Putin"} <= labels


def test_plot_into_given_axes(moving: Corpus):
    """Given axes, the plot draws into them and returns them."""
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    assert moving.plot_stance_timeline("Russia", ax=ax) is ax


def test_plot_of_an_actor_without_positions(moving: Corpus):
    """An actor with no positions gets a clear error, not empty axes."""
    with pytest.raises(InvalidQueryError, match="has no positions"):
        moving.plot_stance_timeline("Hollande")


def test_plot_shows_itself_in_a_fresh_kernel():
    """As the last line of a cell in a new Jupyter kernel, the plot's output holds an image."""
    nbclient = pytest.importorskip("nbclient")
    nbformat = pytest.importorskip("nbformat")
    cell = nbformat.v4.new_code_cell(
        'import syria_russia_corpus as src\nsrc.plot_stance_timeline("Russia", include_affiliated=True)'
    )
    notebook = nbformat.v4.new_notebook(cells=[cell])
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    kinds = {kind for output in notebook.cells[0].outputs for kind in output.get("data", {})}
    assert "image/png" in kinds


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
