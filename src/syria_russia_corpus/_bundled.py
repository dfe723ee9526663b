"""The bundled corpus: loaded on first use, once, whichever thread asks first."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ._collection import Records
from ._corpus import ActorLike, Corpus, DateLike
from ._records import Actor, Event, Position, Quote, Source
from ._search import KINDS, Searchable
from ._timeline import StanceChange
from ._verify import VerificationReport
from ._vocabulary import EventType, QuoteKind, Topic

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_lock = threading.Lock()
_corpus: Corpus | None = None


def load() -> Corpus:
    """Return the bundled corpus, reading and validating it on the first call.

    Later calls return the same :class:`Corpus`. Safe to call from many
    threads at once: the data is parsed exactly once.

    Example:
        >>> import syria_russia_corpus as src
        >>> src.load() is src.load()
        True
    """
    global _corpus  # noqa: PLW0603 - the one cache of the module
    corpus = _corpus
    if corpus is None:
        with _lock:
            if _corpus is None:
                _corpus = Corpus._bundled()
            corpus = _corpus
    return corpus


def sources() -> Records[Source]:
    """All sources of the bundled corpus, oldest first."""
    return load().sources()


def actors() -> Records[Actor]:
    """All actors of the bundled corpus, by id."""
    return load().actors()


def quotes() -> Records[Quote]:
    """All quotes of the bundled corpus, by date then id."""
    return load().quotes()


def events() -> Records[Event]:
    """All events of the bundled corpus, by date then id."""
    return load().events()


def positions() -> Records[Position]:
    """All positions of the bundled corpus, by date then id."""
    return load().positions()


def source(source_id: str) -> Source:
    """The bundled source with *source_id*; see :meth:`Corpus.source`."""
    return load().source(source_id)


def actor(name_or_id: ActorLike) -> Actor:
    """The bundled actor with this id, name or alias; see :meth:`Corpus.actor`."""
    return load().actor(name_or_id)


def quotes_by(
    speaker: ActorLike, *, kind: QuoteKind | str | None = None, include_affiliated: bool = False
) -> Records[Quote]:
    """Bundled quotes by *speaker*; see :meth:`Corpus.quotes_by`."""
    return load().quotes_by(speaker, kind=kind, include_affiliated=include_affiliated)


def events_between(
    start: DateLike,
    end: DateLike,
    *,
    type: EventType | str | None = None,
    involving: ActorLike | None = None,
) -> Records[Event]:
    """Bundled events overlapping ``[start, end]``; see :meth:`Corpus.events_between`."""
    return load().events_between(start, end, type=type, involving=involving)


def positions_of(
    actor: ActorLike, *, topic: Topic | str | None = None, include_affiliated: bool = False
) -> Records[Position]:
    """Bundled positions of *actor*; see :meth:`Corpus.positions_of`."""
    return load().positions_of(actor, topic=topic, include_affiliated=include_affiliated)


def search(text: str, *, kinds: str | Iterable[str] = KINDS) -> Records[Searchable]:
    """Search the bundled quotes, events and positions; see :meth:`Corpus.search`."""
    return load().search(text, kinds=kinds)


def stance_timeline(
    actor: ActorLike, *, topic: Topic | str | None = None, include_affiliated: bool = True
) -> Records[Position]:
    """Positions of *actor* and its affiliates in date order; see :meth:`Corpus.stance_timeline`."""
    return load().stance_timeline(actor, topic=topic, include_affiliated=include_affiliated)


def stance_changes(
    actor: ActorLike,
    *,
    topic: Topic | str | None = None,
    include_affiliated: bool = True,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> Records[StanceChange]:
    """Where *actor*'s stance moved; see :meth:`Corpus.stance_changes`."""
    return load().stance_changes(
        actor, topic=topic, include_affiliated=include_affiliated, start=start, end=end
    )


def plot_stance_timeline(
    actor: ActorLike, *, topic: Topic | str | None = None, include_affiliated: bool = True
) -> Figure:
    """A matplotlib Figure of *actor*'s stances; see :meth:`Corpus.plot_stance_timeline`."""
    return load().plot_stance_timeline(actor, topic=topic, include_affiliated=include_affiliated)


def export(directory: str | Path, *, format: str = "csv", overwrite: bool = False) -> list[Path]:
    """Write the bundled corpus to *directory* as flat tables; return the paths written.

    One file per record kind (``quotes.csv``, ``quotes.parquet``, …) plus link
    tables for list fields: ``evidence``, ``event_participants``,
    ``position_quotes`` and ``quote_via``.

    Args:
        directory: Where to write; created if missing. Nothing is written
            outside it.
        format: ``"csv"``, ``"jsonl"`` (one JSON object per line, keyed like
            the package data), ``"parquet"`` (needs the ``parquet`` extra) or
            ``"datapackage"`` (the CSV files plus a Frictionless Data Package
            v2 ``datapackage.json`` with types, keys and enum constraints).
        overwrite: Replace files that already exist; without it an export
            that would overwrite raises :class:`ExportError` and writes nothing.

    CSV cells that begin with ``=``, ``+``, ``-`` or ``@`` get a leading ``'``
    so that a spreadsheet shows them as text instead of running them.

    Example:
        >>> import syria_russia_corpus as src
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     sorted(path.name for path in src.export(folder))[:3]
        ['actors.csv', 'event_participants.csv', 'events.csv']
    """
    return load().export(directory, format=format, overwrite=overwrite)


def verify(directory: str | Path) -> VerificationReport:
    """Check every evidence span of the bundled corpus against your copies of the documents.

    Documents are the ``*.txt`` files of *directory*, matched to sources by
    the SHA-256 of their bytes, whatever their names. The report says, per
    source, whether its document was found, how many spans were checked and
    which do not hold (out of bounds, or a quote that does not read as its span).

    Example:
        With the documents in ``documents/``::

            import syria_russia_corpus as src

            report = src.verify("documents/")
            print(report)        # one line per source: OK, MISMATCH or MISSING
            assert report.ok
    """
    return load().verify(directory)
