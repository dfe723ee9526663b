"""Drawing an actor's stances over time with matplotlib."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ._records import Position
from ._vocabulary import Stance

if TYPE_CHECKING:
    from matplotlib.figure import Figure


_STANCE_STYLE = {
    Stance.SUPPORT: ("#1b7837", "^"),
    Stance.OPPOSE: ("#b2182b", "v"),
    Stance.MIXED: ("#e08214", "D"),
    Stance.NEUTRAL: ("#4d4d4d", "o"),
}


def plot(positions: Sequence[Position], title: str) -> Figure:
    """Draw *positions* as a timeline: one row per topic, one marker per position."""
    try:
        from matplotlib.dates import date2num
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
    except ImportError:
        from .exceptions import MissingDependencyError

        raise MissingDependencyError("matplotlib", "plot", "plot_stance_timeline") from None
    topics = sorted({p.topic for p in positions}, key=lambda t: t.value)
    rows = {topic: index for index, topic in enumerate(topics)}
    figure = Figure(figsize=(10, 1.2 + 0.45 * max(len(topics), 1)), layout="constrained")
    axes = figure.subplots()
    for position in positions:
        colour, marker = _STANCE_STYLE[position.stance]
        start, end = date2num([position.date.earliest, position.date.latest])  # type: ignore[no-untyped-call]
        y = rows[position.topic]
        axes.plot([start, end], [y, y], color=colour, linewidth=3, alpha=0.4, solid_capstyle="butt")
        filled = "none" if position.date.uncertain or position.date.approximate else colour
        axes.plot(
            [start], [y], marker=marker, color=colour, markerfacecolor=filled, markersize=9, linestyle=""
        )
    axes.xaxis_date()
    axes.set_yticks(range(len(topics)), [t.value.replace("_", " ") for t in topics])
    axes.set_ylim(-0.7, max(len(topics), 1) - 0.3)
    axes.grid(axis="x", alpha=0.3)
    axes.set_title(title)
    handles = [
        Line2D([], [], color=colour, marker=marker, linestyle="", label=stance.value)
        for stance, (colour, marker) in _STANCE_STYLE.items()
    ]
    handles.append(
        Line2D([], [], color="grey", marker="o", markerfacecolor="none", linestyle="", label="date inferred")
    )
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return figure
