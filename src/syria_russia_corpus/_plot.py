"""Drawing an actor's positions over time with matplotlib, on a time axis cut where nothing is coded."""

from __future__ import annotations

import datetime
import math
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from ._coverage import gaps, known_days, month_of, monthly, months_between, periods
from ._dates import PartialDate
from ._records import Actor, Position
from ._vocabulary import ActorKind, PositionBasis, Stance, Topic
from .exceptions import ArgumentTypeError, InvalidQueryError, MissingDependencyError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

_STANCE_COLOURS: Final = {
    Stance.SUPPORT: "#1b7837",
    Stance.OPPOSE: "#b2182b",
    Stance.MIXED: "#e08214",
    Stance.NEUTRAL: "#2166ac",
}
_BASIS_MARKERS: Final = {PositionBasis.STATED: "o", PositionBasis.REPORTED: "s", PositionBasis.ANALYSIS: "D"}
#: The fill of a marker whose date is flagged uncertain or approximate: hollow.
FLAGGED_FILL: Final = "white"

_LABEL_WIDTH: Final = 24  # longest label in characters; longer names are cut
_LANE_INCHES: Final = 0.2  # height of one lane in a new figure
_AXES_INCHES: Final = 6.0  # width of the plotting area of a new figure, at most, before its layout
_MARKER_POINTS: Final = 7.0  # largest marker diameter
_FONT_POINTS: Final = 8.0  # largest size of the labels of rows
_THINNEST_ROW: Final = 6.5  # points: the least height of a row that keeps labels apart and legible
_PAD: Final = datetime.timedelta(days=4)  # room before and after each period
_NARROWEST: Final = 45  # days: a short period is drawn as wide as this many days of a long one's
_CUT: Final = 0.04  # the axis's share each cut between periods takes


def short_names(actors: Iterable[Actor]) -> dict[str, str]:
    """A short label per actor id, each actor's own.

    A person is named by the initials of the given names and the surname
    (``"V. Putin"``); any other actor by its name, cut after a word to
    :data:`_LABEL_WIDTH` characters. Two actors that would share a label get
    their ids added.
    """
    short = {actor.id: _short_name(actor) for actor in actors}
    shared = Counter(short.values())
    return {i: label if shared[label] == 1 else f"{label} ({i})" for i, label in short.items()}


def _short_name(actor: Actor) -> str:
    words = actor.name.split()
    if actor.kind is ActorKind.PERSON and len(words) > 1:
        return " ".join([*(f"{word[0]}." for word in words[:-1]), words[-1]])
    return textwrap.shorten(actor.name, _LABEL_WIDTH, placeholder="…")


@attrs.frozen
class _Segment:
    """One covered period on the cut time axis: its days and where they sit on the axis."""

    first: datetime.date
    last: datetime.date
    offset: float
    scale: float  # axis units per day

    def x(self, day: datetime.date) -> float:
        return self.offset + (day - self.first).days * self.scale

    @property
    def end(self) -> float:
        return self.x(self.last)


@attrs.frozen
class _Block:
    """The lanes of one actor on one topic; positions that would hide each other get lanes of their own."""

    label: str
    lanes: tuple[tuple[Position, ...], ...]


@attrs.frozen
class _Layout:
    """Where everything goes: the time axis's periods and, per topic, its blocks from the top."""

    segments: tuple[_Segment, ...]
    segment_of: dict[str, _Segment]  # by month, "YYYY-MM"
    gaps: tuple[tuple[str, str], ...]
    topics: tuple[tuple[Topic, tuple[_Block, ...]], ...]
    headings: bool  # several actors: each topic has a heading row and a block per actor

    @property
    def rows(self) -> int:
        lanes = sum(len(block.lanes) for _, blocks in self.topics for block in blocks)
        return lanes + (len(self.topics) if self.headings else 0)

    def span(self, position: Position) -> tuple[float, float, float]:
        """Where *position*'s first possible day, middle and last possible day sit on the axis."""
        first, last = known_days(position.date)
        segment = self.segment_of[month_of(position.date)]
        start, stop = segment.x(first), segment.x(last)
        return start, (start + stop) / 2, stop


def plot(
    positions: Sequence[Position], title: str, main: str, actor_of: Callable[[str], Actor], ax: Any
) -> Axes:
    """Draw *positions* of *main* (an actor id) and others: a row per topic and actor, a marker per position.

    The time axis is cut wherever no position is coded for
    :data:`._coverage.GAP_MONTHS` months or more, the rule :func:`coverage` uses.
    """
    try:
        import matplotlib.pyplot as plt
        from matplotlib.axes import Axes
    except ImportError:
        raise MissingDependencyError("matplotlib", "plot", "plot_stance_timeline()") from None
    if ax is not None and not isinstance(ax, Axes):
        raise ArgumentTypeError(
            f"ax must be a matplotlib Axes, as plt.subplots() returns second, not {type(ax).__name__}"
        )
    width = _AXES_INCHES if ax is None else _inches(ax).width
    layout = _layout(positions, main, actor_of, width)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 1.6 + _LANE_INCHES * layout.rows), layout="constrained")
    axes: Axes = ax
    # Markers and labels shrink to fit the rows of a given Axes, so that they never touch,
    # down to a size still read; an Axes too small for that is refused, not filled with a blur.
    row = _inches(axes).height * 72 / layout.rows
    if row < _THINNEST_ROW:
        need = layout.rows * _THINNEST_ROW / 72
        raise InvalidQueryError(
            f"the Axes is {_inches(axes).height:.1f} in tall, too little for the {layout.rows} rows of this "
            f"plot: give it at least {need:.1f} in, e.g. plt.subplots(figsize=(11, {math.ceil(need) + 2})), "
            "or plot one topic"
        )
    marker = min(_MARKER_POINTS, 0.6 * row)
    _draw(axes, layout, marker, min(_FONT_POINTS, 0.85 * row))
    _time_axis(axes, layout)
    axes.set_title(title)
    axes.legend(
        handles=_legend(marker), loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize="small"
    )
    return axes


def _inches(ax: Axes) -> Any:
    """The box of *ax* in inches, as its figure lays it out now."""
    return ax.get_window_extent().transformed(ax.figure.dpi_scale_trans.inverted())


def _layout(
    positions: Sequence[Position], main: str, actor_of: Callable[[str], Actor], width: float
) -> _Layout:
    """Periods, topics, actors' blocks and lanes; *width*, in inches, sets how close markers may come."""
    segments, segment_of = _segments(positions)
    labels = short_names(actor_of(i) for i in dict.fromkeys(p.actor_id for p in positions))
    several = len(labels) > 1
    # The time axis first: the lanes depend on where positions fall on it.
    unplaced = _Layout(tuple(segments), segment_of, tuple(gaps(monthly((), (), positions))), (), several)
    # Two markers closer than twice a marker's width, in axis units, would touch.
    clash = 2 * _MARKER_POINTS / 72 / width * segments[-1].end
    topics = []
    for topic in Topic:
        mine = [p for p in positions if p.topic is topic]
        if not mine:
            continue
        actors = sorted(dict.fromkeys(p.actor_id for p in mine), key=lambda i: (i != main, labels[i]))
        blocks = tuple(
            _Block(
                labels[actor] if several else _topic_label(topic),
                _lanes([p for p in mine if p.actor_id == actor], unplaced.span, clash),
            )
            for actor in actors
        )
        topics.append((topic, blocks))
    return attrs.evolve(unplaced, topics=tuple(topics))


def _segments(positions: Sequence[Position]) -> tuple[list[_Segment], dict[str, _Segment]]:
    """The covered periods of *positions* on one axis, each as wide as its days, with a cut between."""
    spans = []
    for first_month, last_month in periods(monthly((), (), positions)):
        inside = [known_days(p.date) for p in positions if first_month <= month_of(p.date) <= last_month]
        last = max(PartialDate.parse(last_month).latest, *(day for _, day in inside))
        spans.append((PartialDate.parse(first_month).earliest - _PAD, last + _PAD, first_month, last_month))
    widths = [max((last - first).days, _NARROWEST) for first, last, _, _ in spans]
    cut = _CUT * sum(widths)
    segments, segment_of, offset = [], {}, 0.0
    for (first, last, first_month, last_month), width in zip(spans, widths, strict=True):
        segment = _Segment(first, last, offset, width / (last - first).days)
        segments.append(segment)
        segment_of.update(dict.fromkeys(months_between(first_month, last_month), segment))
        offset += width + cut
    return segments, segment_of


_STANCES: Final = list(Stance)
_BASES: Final = list(PositionBasis)


def _lanes(
    positions: Sequence[Position], span: Callable[[Position], tuple[float, float, float]], clash: float
) -> tuple[tuple[Position, ...], ...]:
    """*positions* in lanes, each in the first lane where it keeps *clash* from the marker before it."""
    lanes: list[list[Position]] = []
    ends: list[float] = []

    def extent(position: Position) -> tuple[float, float]:
        start, middle, stop = span(position)
        return min(start, middle - clash / 2), max(stop, middle + clash / 2)

    # Content decides the order, never ids, so that renaming a record moves nothing.
    ordered = sorted(
        positions,
        key=lambda p: (extent(p), _STANCES.index(p.stance), _BASES.index(p.basis), p.summary),
    )
    for position in ordered:
        start, stop = extent(position)
        lane = next((index for index, end in enumerate(ends) if end < start), len(lanes))
        if lane == len(lanes):
            lanes.append([])
            ends.append(stop)
        lanes[lane].append(position)
        ends[lane] = stop
    return tuple(tuple(lane) for lane in lanes)


def _topic_label(topic: Topic) -> str:
    return topic.value.replace("_", " ")


def _draw(ax: Any, layout: _Layout, marker: float, font: float) -> None:
    """Headings, lanes and markers from the top down, one unit of y per row."""
    ticks: list[float] = []
    labels: list[str] = []
    y = 0
    for topic, blocks in layout.topics:
        if layout.headings:
            ax.text(0.005, y, _topic_label(topic), transform=ax.get_yaxis_transform(), fontsize=font,
                    fontweight="bold", va="center", ha="left")  # fmt: skip
            y -= 1
        for block in blocks:
            ticks.append(y - (len(block.lanes) - 1) / 2)
            labels.append(block.label)
            for lane in block.lanes:
                for position in lane:
                    _mark(ax, layout, position, y, marker)
                y -= 1
            ax.axhline(y + 0.5, color="0.85", linewidth=0.5)
        ax.axhline(y + 0.5, color="0.55", linewidth=0.8)
    ax.set_yticks(ticks, labels, fontsize=font)
    ax.set_ylim(y + 0.4, 0.6)


def _mark(ax: Any, layout: _Layout, position: Position, y: float, marker: float) -> None:
    start, middle, stop = layout.span(position)
    colour = _STANCE_COLOURS[position.stance]
    if stop > start:
        ax.plot([start, stop], [y, y], color=colour, linewidth=marker / 2, alpha=0.35, solid_capstyle="butt")
    flagged = position.date.uncertain or position.date.approximate
    ax.plot(
        [middle], [y], marker=_BASIS_MARKERS[position.basis], markersize=marker, linestyle="", color=colour,
        markerfacecolor=FLAGGED_FILL if flagged else colour, markeredgewidth=1.2, gid=position.id,
    )  # fmt: skip


def _time_axis(ax: Any, layout: _Layout) -> None:
    """Month ticks within each period, and a hatched band for each cut between periods."""
    ticks: list[float] = []
    labels: list[str] = []
    for segment in layout.segments:
        months = months_between(f"{segment.first:%Y-%m}", f"{segment.last:%Y-%m}")
        starts = [PartialDate.parse(month).earliest for month in months]
        inside = [day for day in starts if segment.first <= day <= segment.last]
        for day in inside[:: math.ceil(len(inside) / 6)]:
            ticks.append(segment.x(day))
            labels.append(day.strftime("%b %Y"))
    ax.set_xticks(ticks, labels, rotation=30, ha="right", fontsize="small")
    ax.grid(axis="x", color="0.9", linewidth=0.6)
    ax.set_axisbelow(True)
    for before, after in zip(layout.segments, layout.segments[1:], strict=False):
        ax.axvspan(before.end, after.offset, facecolor="0.95", edgecolor="0.7", hatch="//", linewidth=0)
    ax.set_xlim(0, layout.segments[-1].end)
    cuts = "; ".join(f"{first} to {last}" for first, last in layout.gaps)
    ax.set_xlabel(f"date (hatched: axis cut, no position coded {cuts})" if cuts else "date")


def _legend(marker: float) -> list[Any]:
    from matplotlib.lines import Line2D

    def key(label: str, **style: Any) -> Line2D:
        return Line2D([], [], linestyle="", markersize=marker, label=label, **style)

    handles = [key(stance.value, color=c, marker="o") for stance, c in _STANCE_COLOURS.items()]
    handles += [key(f"basis: {b.value}", color="black", marker=m) for b, m in _BASIS_MARKERS.items()]
    handles.append(key("date uncertain (?) or approximate (~)", color="black", marker="o",
                       markerfacecolor=FLAGGED_FILL))  # fmt: skip
    handles.append(
        Line2D([], [], color="black", alpha=0.35, linewidth=marker / 2, label="the days a date may be")
    )
    return handles
