"""Drawing an actor's positions over time with matplotlib, one panel per covered period."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final

from ._records import Position
from ._vocabulary import PositionBasis, Stance, Topic
from .exceptions import MissingDependencyError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

_STANCE_COLOURS: Final = {
    Stance.SUPPORT: "#1b7837",
    Stance.OPPOSE: "#b2182b",
    Stance.MIXED: "#e08214",
    Stance.NEUTRAL: "#4d4d4d",
}
_BASIS_MARKERS: Final = {PositionBasis.STATED: "o", PositionBasis.REPORTED: "s", PositionBasis.ANALYSIS: "D"}

# Three months with nothing coded split the time axis: the coding is dense in a few
# periods years apart, and one axis would squeeze each into a sliver.
_GAP: Final = datetime.timedelta(days=91)
_PAD: Final = datetime.timedelta(days=12)


def _bounds(position: Position) -> tuple[datetime.date, datetime.date]:
    date = position.date
    earliest = date.latest if date.earliest == datetime.date.min else date.earliest
    latest = date.earliest if date.latest == datetime.date.max else date.latest
    return earliest, latest


def periods(positions: Sequence[Position]) -> list[tuple[datetime.date, datetime.date]]:
    """The spans of days covered by *positions*, split wherever nothing is coded for three months."""
    spans = sorted(_bounds(p) for p in positions)
    merged: list[tuple[datetime.date, datetime.date]] = []
    for first, last in spans:
        if merged and first - merged[-1][1] < _GAP:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def plot(
    positions: Sequence[Position], title: str, name_of: Callable[[str], str | None], ax: Axes | None
) -> Axes:
    """Draw *positions*: a row per topic, a marker per position, a panel per covered period."""
    try:
        import matplotlib.pyplot as plt
        from matplotlib.dates import date2num
        from matplotlib.lines import Line2D
    except ImportError:
        raise MissingDependencyError("matplotlib", "plot", "plot_stance_timeline()") from None
    topics = [topic for topic in Topic if any(p.topic is topic for p in positions)]
    actors = list(dict.fromkeys(p.actor_id for p in positions))
    spans = periods(positions)
    if ax is None:
        widths = [max((last - first).days, 45) for first, last in spans]
        _, grid = plt.subplots(
            1, len(spans), sharey=True, squeeze=False, width_ratios=widths,
            figsize=(11, 1.8 + 0.55 * len(topics)), layout="constrained",
        )  # fmt: skip
        panels: list[Axes] = list(grid[0])
    else:
        panels, spans = [ax], [(spans[0][0], spans[-1][1])]
    for panel, span in zip(panels, spans, strict=True):
        _draw(panel, [p for p in positions if _in(p, span)], topics, actors, name_of)
        panel.set_xlim(date2num(span[0] - _PAD), date2num(span[1] + _PAD))  # type: ignore[no-untyped-call]
    _decorate(panels, topics, title)
    handles = [
        Line2D([], [], color=c, marker="o", linestyle="", label=s.value) for s, c in _STANCE_COLOURS.items()
    ]
    handles += [
        Line2D([], [], color="grey", marker=m, linestyle="", label=f"basis: {b.value}")
        for b, m in _BASIS_MARKERS.items()
    ]
    handles.append(Line2D([], [], color="grey", marker="o", markerfacecolor="none", linestyle="",
                          label="date uncertain or approximate"))  # fmt: skip
    panels[-1].legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1), frameon=False, fontsize="small"
    )
    return panels[0]


def _in(position: Position, span: tuple[datetime.date, datetime.date]) -> bool:
    first, last = _bounds(position)
    return first <= span[1] and last >= span[0]


def _draw(
    panel: Any,
    positions: Sequence[Position],
    topics: list[Topic],
    actors: list[str],
    name_of: Callable[[str], str | None],
) -> None:
    rows = {topic: len(topics) - 1 - index for index, topic in enumerate(topics)}
    # Each actor keeps its own lane within a topic's row, so markers of one day do not hide each other.
    lanes = {
        actor: (index - (len(actors) - 1) / 2) * min(0.6 / max(len(actors), 1), 0.2)
        for index, actor in enumerate(actors)
    }
    for position in positions:
        first, last = _bounds(position)
        y = rows[position.topic] + lanes[position.actor_id]
        colour = _STANCE_COLOURS[position.stance]
        middle = first + (last - first) / 2
        panel.plot([first, last], [y, y], color=colour, linewidth=4, alpha=0.3, solid_capstyle="butt")
        flagged = position.date.uncertain or position.date.approximate
        face = "none" if flagged else colour
        marker = _BASIS_MARKERS[position.basis]
        panel.plot(
            [middle], [y], marker=marker, color=colour, markerfacecolor=face, markersize=8, linestyle=""
        )
        if len(actors) > 1:
            label = (name_of(position.actor_id) or position.actor_id).split()[-1]
            panel.annotate(label, (middle, y), xytext=(5, 3), textcoords="offset points", fontsize="x-small")


def _decorate(panels: list[Any], topics: list[Topic], title: str) -> None:
    from matplotlib.dates import DateFormatter, MonthLocator

    first = panels[0]
    first.set_yticks(range(len(topics)), [t.value.replace("_", " ") for t in reversed(topics)])
    first.set_ylim(-0.7, len(topics) - 0.3)
    first.set_ylabel("topic")
    for index, panel in enumerate(panels):
        panel.xaxis.set_major_locator(MonthLocator())  # type: ignore[no-untyped-call]
        panel.xaxis.set_major_formatter(DateFormatter("%b %Y"))  # type: ignore[no-untyped-call]
        panel.tick_params(axis="x", labelrotation=30, labelsize="small")
        panel.grid(axis="x", alpha=0.3)
        # Diagonal cut marks say the time axis is broken between panels.
        if index > 0:
            panel.spines["left"].set_visible(False)
            panel.tick_params(axis="y", left=False)
            panel.plot(
                [0, 0], [0, 1], transform=panel.transAxes, color="k", linestyle=(0, (2, 2)), clip_on=False
            )
        if index < len(panels) - 1:
            panel.spines["right"].set_visible(False)
    first.figure.suptitle(title)
