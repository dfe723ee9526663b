"""The bundled corpus: loaded on first use, once, whichever thread asks first."""

from __future__ import annotations

import threading

from ._collection import Records
from ._corpus import ActorLike, Corpus, DateLike
from ._records import Actor, Event, Position, Quote, Source
from ._vocabulary import EventType, QuoteKind, Topic

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
    type: EventType | str | None = None,  # noqa: A002 - the contract's name
    involving: ActorLike | None = None,
) -> Records[Event]:
    """Bundled events overlapping ``[start, end]``; see :meth:`Corpus.events_between`."""
    return load().events_between(start, end, type=type, involving=involving)


def positions_of(
    actor: ActorLike, *, topic: Topic | str | None = None, include_affiliated: bool = False
) -> Records[Position]:
    """Bundled positions of *actor*; see :meth:`Corpus.positions_of`."""
    return load().positions_of(actor, topic=topic, include_affiliated=include_affiliated)
