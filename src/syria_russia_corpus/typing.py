"""The argument types the API accepts, for annotating your own code.

Example:
    >>> from syria_russia_corpus.typing import ActorLike
    >>> def speaks(who: ActorLike) -> int:
    ...     import syria_russia_corpus as src
    ...     return len(src.quotes_by(who))
    >>> speaks("Putin") > 0
    True
"""

from __future__ import annotations

import datetime
from typing import Literal, Union

from ._dates import PartialDate
from ._records import Actor, Event, Position, Quote, Source

#: An :class:`Actor`, or an actor's id, name or alias.
ActorLike = Union[Actor, str]  # noqa: UP007 - a runtime alias must work on Python 3.10

#: A :class:`datetime.date`, a :class:`PartialDate`, or an ISO or EDTF string such as ``"2012-05"``.
DateLike = Union[datetime.date, PartialDate, str]  # noqa: UP007

#: A record of any of the five kinds: what :meth:`Corpus.show` takes.
Record = Union[Source, Actor, Quote, Event, Position]  # noqa: UP007

#: The formats :meth:`Corpus.export` writes.
ExportFormat = Literal["json", "csv", "jsonl", "parquet", "datapackage"]

#: The kinds :meth:`Corpus.search` searches, by collection name or in the singular.
SearchKind = Literal["quotes", "events", "positions", "quote", "event", "position"]

#: The formats :func:`cite` writes.
CitationFormat = Literal["text", "bibtex"]

#: Where :func:`verify` found an evidence span's words in a copy of its document:
#: ``"exact"`` at the stated offsets, ``"moved"`` elsewhere, ``"ambiguous"`` in
#: several places, ``"missing"`` nowhere.
SpanStatus = Literal["exact", "moved", "ambiguous", "missing"]

__all__ = ["ActorLike", "CitationFormat", "DateLike", "ExportFormat", "Record", "SearchKind", "SpanStatus"]
