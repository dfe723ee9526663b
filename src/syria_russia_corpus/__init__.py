"""Russia's stance on the Syrian conflict, 2012-2015: a curated, typed dataset.

Example:
    >>> import syria_russia_corpus as src
    >>> src.actor("Lavrov").name
    'Sergei Lavrov'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._bundled import (
    actor,
    actors,
    events,
    events_between,
    export,
    load,
    plot_stance_timeline,
    positions,
    positions_of,
    quotes,
    quotes_by,
    search,
    source,
    sources,
    stance_changes,
    stance_timeline,
    verify,
)
from ._citation import cite
from ._collection import Records
from ._corpus import Corpus
from ._dates import DatePrecision, PartialDate
from ._records import Actor, Event, Evidence, Fatalities, Position, Quote, Source
from ._timeline import StanceChange
from ._verify import SourceCheck, SpanMismatch, VerificationReport
from ._vocabulary import (
    ActorKind,
    EventType,
    FatalityQualifier,
    PositionBasis,
    QuoteKind,
    SourceKind,
    Stance,
    Topic,
)

#: The version of the curated data, apart from the package's own version.
DATA_VERSION = "1.0.0"

__all__ = [
    "Actor",
    "ActorKind",
    "Corpus",
    "DATA_VERSION",
    "DatePrecision",
    "Event",
    "EventType",
    "Evidence",
    "Fatalities",
    "FatalityQualifier",
    "PartialDate",
    "Position",
    "PositionBasis",
    "Quote",
    "QuoteKind",
    "Records",
    "Source",
    "SourceCheck",
    "SourceKind",
    "SpanMismatch",
    "Stance",
    "StanceChange",
    "Topic",
    "VerificationReport",
    "actor",
    "actors",
    "cite",
    "events",
    "events_between",
    "export",
    "load",
    "plot_stance_timeline",
    "positions",
    "positions_of",
    "quotes",
    "quotes_by",
    "search",
    "source",
    "sources",
    "stance_changes",
    "stance_timeline",
    "verify",
]


if TYPE_CHECKING:
    __version__: str


def __getattr__(name: str) -> Any:
    # The package version comes from the installed metadata, read only when asked.
    if name == "__version__":
        from importlib.metadata import version

        return version("syria-russia-corpus")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
