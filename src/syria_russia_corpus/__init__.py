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
    load,
    positions,
    positions_of,
    quotes,
    quotes_by,
    source,
    sources,
)
from ._collection import Records
from ._corpus import Corpus
from ._dates import DatePrecision, PartialDate
from ._records import Actor, Event, Evidence, Fatalities, Position, Quote, Source
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
DATA_VERSION = "0.1.0"

__all__ = [
    "DATA_VERSION",
    "Actor",
    "ActorKind",
    "Corpus",
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
    "SourceKind",
    "Stance",
    "Topic",
    "actor",
    "actors",
    "events",
    "events_between",
    "load",
    "positions",
    "positions_of",
    "quotes",
    "quotes_by",
    "source",
    "sources",
]


if TYPE_CHECKING:
    __version__: str


def __getattr__(name: str) -> Any:
    # The package version comes from the installed metadata, read only when asked.
    if name == "__version__":
        from importlib.metadata import version

        return version("syria-russia-corpus")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
