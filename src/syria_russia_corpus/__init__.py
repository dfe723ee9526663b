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
    coverage,
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
from ._records import Actor, Anchor, Event, Evidence, Fatalities, Position, Quote, Source
from ._version import DATA_VERSION
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

__all__ = [
    "Actor",
    "ActorKind",
    "AgreementReport",
    "Anchor",
    "Corpus",
    "DATA_VERSION",
    "DatePrecision",
    "Disagreement",
    "Event",
    "EventType",
    "Evidence",
    "Fatalities",
    "FatalityQualifier",
    "MonthCoverage",
    "PartialDate",
    "Position",
    "PositionBasis",
    "Quote",
    "QuoteKind",
    "RecordView",
    "Records",
    "SkippedFile",
    "Source",
    "SourceCheck",
    "SourceKind",
    "SpanCheck",
    "Stance",
    "StanceChange",
    "Topic",
    "VerificationReport",
    "actor",
    "actors",
    "check",
    "cite",
    "compare",
    "coverage",
    "events",
    "events_between",
    "export",
    "load",
    "locate",
    "new_source",
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
    from ._agreement import AgreementReport, Disagreement, compare
    from ._check import check
    from ._coverage import MonthCoverage
    from ._display import RecordView
    from ._documents import SkippedFile
    from ._locate import locate
    from ._new_source import new_source
    from ._stance import StanceChange
    from ._verify import SourceCheck, SpanCheck, VerificationReport

    __version__: str

# Names that only some sessions need, imported on first use.
_LAZY = {
    "AgreementReport": "_agreement",
    "Disagreement": "_agreement",
    "MonthCoverage": "_coverage",
    "RecordView": "_display",
    "SkippedFile": "_documents",
    "SourceCheck": "_verify",
    "SpanCheck": "_verify",
    "StanceChange": "_stance",
    "VerificationReport": "_verify",
    "check": "_check",
    "compare": "_agreement",
    "locate": "_locate",
    "new_source": "_new_source",
}


def __getattr__(name: str) -> Any:
    # The package version comes from the installed metadata, read only when asked.
    if name == "__version__":
        from ._version import package_version

        return package_version()
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
