"""The stance plot: one time axis cut where nothing is coded, markers and labels that can be read."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

import syria_russia_corpus as src
from syria_russia_corpus import Actor, ActorKind, Corpus, PositionBasis, Stance, Topic
from syria_russia_corpus._coverage import GAP_MONTHS
from syria_russia_corpus.exceptions import ArgumentTypeError, InvalidQueryError

from .test_timeline import corpus_of, position

pytest.importorskip("matplotlib")


@pytest.fixture
def moving() -> Corpus:
    """Russia's positions in 2012 and 2015, Lavrov's and Putin's beside them, on two topics."""
    return corpus_of([
        position("p1", "russia", Stance.OPPOSE, "2012-03"),
        position("p2", "lavrov", Stance.OPPOSE, "2012-05-30", basis=PositionBasis.STATED),
        position("p3", "russia", Stance.MIXED, "2012-06~", basis=PositionBasis.ANALYSIS),
        position("p4", "putin", Stance.SUPPORT, "2015-09"),
        position("p5", "russia", Stance.OPPOSE, "2015-09-15?"),
        position("p6", "russia", Stance.SUPPORT, "2015-09-15", Topic.COUNTERTERRORISM, PositionBasis.STATED),
    ])  # fmt: skip


def _markers(ax: Any) -> dict[str, Any]:
    """The marker of each position drawn, by position id."""
    return {line.get_gid(): line for line in ax.lines if line.get_gid()}


def _drawn(ax: Any) -> Any:
    ax.figure.canvas.draw()
    return ax


def _centre(ax: Any, line: Any) -> tuple[float, float]:
    x, y = ax.transData.transform((line.get_xdata()[0], line.get_ydata()[0]))
    return float(x), float(y)


def test_plot_is_one_axes_cut_where_nothing_is_coded(moving: Corpus):
    """2012 and 2015 share one Axes, a hatched cut between them named under the axis."""
    from matplotlib.axes import Axes

    ax = _drawn(moving.plot_stance_timeline("Russia", include_affiliated=True))
    assert isinstance(ax, Axes)
    assert ax.figure.axes == [ax]
    (cut,) = [patch for patch in ax.patches if patch.get_hatch()]
    box = cut.get_window_extent()
    x = {pid: _centre(ax, line)[0] for pid, line in _markers(ax).items()}
    assert max(x["p1"], x["p2"], x["p3"]) < box.x0 < box.x1 < min(x["p4"], x["p5"], x["p6"])
    assert "2012-07 to 2015-08" in ax.get_xlabel()


@pytest.mark.parametrize(("empty", "cuts"), [(GAP_MONTHS - 1, 0), (GAP_MONTHS, 1)])
def test_the_cut_follows_coverages_gap_rule(empty: int, cuts: int):
    """The axis is cut where GAP_MONTHS months in a row, coverage()'s rule, have no position."""
    later = f"2013-{2 + empty:02d}"
    corpus = corpus_of(
        [position("a", "russia", Stance.OPPOSE, "2013-01"), position("b", "russia", Stance.MIXED, later)]
    )
    ax = corpus.plot_stance_timeline("Russia")
    assert len([patch for patch in ax.patches if patch.get_hatch()]) == cuts


def test_flagged_dates_are_hollow(moving: Corpus):
    """A marker is hollow exactly when its position's date is flagged uncertain or approximate."""
    from matplotlib.colors import to_rgba

    from syria_russia_corpus._plot import FLAGGED_FILL

    ax = moving.plot_stance_timeline("Russia", include_affiliated=True)
    for pid, line in _markers(ax).items():
        date = moving.position(pid).date
        colour = to_rgba(line.get_color())
        hollow = to_rgba(line.get_markerfacecolor()) == to_rgba(FLAGGED_FILL) != colour
        assert hollow == (date.uncertain or date.approximate), pid


def test_each_basis_has_its_own_shape_in_the_legend(moving: Corpus):
    """Markers of one basis share a shape, other bases have others, and the legend shows each."""
    ax = moving.plot_stance_timeline("Russia", include_affiliated=True)
    legend = {
        text.get_text(): handle
        for text, handle in zip(ax.get_legend().get_texts(), ax.get_legend().legend_handles, strict=True)
    }
    shapes = {}
    for pid, line in _markers(ax).items():
        basis = moving.position(pid).basis
        assert line.get_marker() == legend[f"basis: {basis.value}"].get_marker(), pid
        shapes.setdefault(basis, set()).add(line.get_marker())
    assert all(len(shape) == 1 for shape in shapes.values())
    assert len(set.union(*shapes.values())) == len(shapes) == len(PositionBasis)


def test_rows_are_labelled_with_short_names_under_topic_headings(moving: Corpus):
    """With several actors, each topic has a heading and each actor a row labelled with a short name."""
    ax = moving.plot_stance_timeline("Russia", include_affiliated=True)
    assert [label.get_text() for label in ax.get_yticklabels()] == [
        "Russia",
        "S. Lavrov",
        "V. Putin",
        "Russia",
    ]
    assert [text.get_text() for text in ax.texts] == ["assad departure", "counterterrorism"]


def test_one_actor_rows_are_its_topics(moving: Corpus):
    """With one actor, the rows are its topics and the title names it."""
    ax = moving.plot_stance_timeline("Russia")
    assert [label.get_text() for label in ax.get_yticklabels()] == ["assad departure", "counterterrorism"]
    assert ax.get_title() == "Stances of Russia"


def test_short_names_are_each_actors_own():
    """People are named by initials and surname, other actors in full or cut, never two alike."""
    from syria_russia_corpus._plot import short_names

    def actor(aid: str, name: str, kind: ActorKind = ActorKind.PERSON) -> Actor:
        return Actor(id=aid, name=name, kind=kind)

    names = short_names([
        actor("putin", "Vladimir Putin"),
        actor("araby", "Nabil el-Araby"),
        actor("mfa", "Russian Foreign Ministry", ActorKind.GOVERNMENT_BODY),
        actor("un", "Permanent Mission of Russia to the United Nations", ActorKind.GOVERNMENT_BODY),
        actor("john", "John Smith"),
        actor("jane", "Jane Smith"),
    ])  # fmt: skip
    assert names == {
        "putin": "V. Putin",
        "araby": "N. el-Araby",
        "mfa": "Russian Foreign Ministry",
        "un": "Permanent Mission of…",
        "john": "J. Smith (john)",
        "jane": "J. Smith (jane)",
    }


def test_bundled_plot_keeps_every_marker_apart():
    """In the bundled plot of Russia and its officials, no two markers come within a marker's width."""
    ax = _drawn(src.plot_stance_timeline("Russia", include_affiliated=True))
    markers = list(_markers(ax).values())
    assert len(markers) == len(src.positions_of("Russia", include_affiliated=True))
    width = max(line.get_markersize() for line in markers) * ax.figure.dpi / 72
    for one, other in itertools.combinations(markers, 2):
        (x1, y1), (x2, y2) = _centre(ax, one), _centre(ax, other)
        assert max(abs(x1 - x2), abs(y1 - y2)) >= width, (one.get_gid(), other.get_gid())


def test_bundled_plot_labels_never_overlap():
    """In the bundled plot, no two row labels or headings overlap, and a topic names no actor twice."""
    ax = _drawn(src.plot_stance_timeline("Russia", include_affiliated=True))
    renderer = ax.figure.canvas.get_renderer()
    texts = [t for t in [*ax.get_yticklabels(), *ax.texts] if t.get_text()]
    for one, other in itertools.combinations(texts, 2):
        assert not one.get_window_extent(renderer).overlaps(other.get_window_extent(renderer)), (
            one.get_text(), other.get_text(),
        )  # fmt: skip
    headings = sorted((t.get_window_extent(renderer).y0, t.get_text()) for t in ax.texts)
    labels = [(t.get_window_extent(renderer).y0, t.get_text()) for t in ax.get_yticklabels()]
    for (top, _), (bottom, _) in itertools.pairwise([(float("inf"), ""), *reversed(headings)]):
        under = [text for y, text in labels if bottom < y < top]
        assert len(under) == len(set(under))


def test_plot_into_given_axes_keeps_the_cut(moving: Corpus):
    """Given an Axes, the plot draws into it, cut axis and all, and returns it."""
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    assert moving.plot_stance_timeline("Russia", ax=ax) is ax
    assert len([patch for patch in ax.patches if patch.get_hatch()]) == 1


def test_a_given_axes_too_small_is_refused():
    """An Axes too small for the rows gets an error that says how tall it must be, and stays empty."""
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(6, 2))
    with pytest.raises(InvalidQueryError, match=r"give it at least \d+\.\d in"):
        src.plot_stance_timeline("Russia", include_affiliated=True, ax=ax)
    assert not ax.lines


@pytest.mark.parametrize("bad", ["axes", object(), "figure"])
def test_ax_must_be_an_axes(moving: Corpus, bad: object):
    """ax= anything but a matplotlib Axes is an ArgumentTypeError naming what was given."""
    import matplotlib.pyplot as plt

    given = plt.figure() if bad == "figure" else bad
    with pytest.raises(ArgumentTypeError, match=f"not {type(given).__name__}"):
        moving.plot_stance_timeline("Russia", ax=given)


def test_plot_of_an_actor_without_positions(moving: Corpus):
    """An actor with no positions and no affiliates gets a clear error, without a hint it cannot use."""
    with pytest.raises(InvalidQueryError, match="has no positions") as caught:
        moving.plot_stance_timeline("Hollande")
    assert "include_affiliated" not in str(caught.value)


def test_no_positions_of_its_own_hints_at_affiliates_that_have_some():
    """A state without positions on a topic hears of include_affiliated only when its officials have some."""
    corpus = corpus_of([position("l", "lavrov", Stance.OPPOSE, "2012-05", Topic.SANCTIONS)])
    with pytest.raises(InvalidQueryError, match="affiliated actors have some: pass include_affiliated=True"):
        corpus.plot_stance_timeline("Russia", "sanctions")
    with pytest.raises(InvalidQueryError, match=r"has no positions on assad departure to plot$"):
        corpus.plot_stance_timeline("Russia", "assad_departure")


def test_plot_in_a_script_is_pyplots(moving: Corpus):
    """In a script, the figure belongs to pyplot, so that plt.show() shows it."""
    import matplotlib.pyplot as plt

    ax = moving.plot_stance_timeline("Russia")
    assert ax.figure.number in plt.get_fignums()


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
