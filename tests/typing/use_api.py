"""Code that uses the public API as a user would: checked by mypy --strict, never run."""

from __future__ import annotations

import datetime

import syria_russia_corpus as src
from syria_russia_corpus import (
    Actor,
    Corpus,
    Event,
    EventType,
    PartialDate,
    Position,
    Quote,
    QuoteKind,
    Records,
    Stance,
    Topic,
)
from syria_russia_corpus.exceptions import CorpusDataError, CorpusError, UnknownActorError

corpus: Corpus = src.load()
putin: Actor = src.actor("Putin")
quotes: Records[Quote] = src.quotes_by(putin, kind=QuoteKind.DIRECT)
first: Quote = quotes[0]
text: str = first.text
said: PartialDate | None = first.date
if said is not None:
    day: datetime.date = said.earliest
topics: tuple[Topic, ...] = first.topics
part: Records[Quote] = quotes[1:]

events: Records[Event] = src.events_between(
    "2012-05", datetime.date(2012, 6, 30), type="massacre", involving="Assad"
)
kind: EventType = events[0].type
plover: str | None = kind.plover

positions: Records[Position] = src.positions_of("Russia", topic=Topic.SANCTIONS, include_affiliated=True)
stance: Stance = positions[0].stance
quote_ids: tuple[str, ...] = positions[0].quote_ids

mine: Corpus = Corpus.from_path("my_data")
ids: tuple[str, ...] = mine.quotes().ids
version: str = src.__version__

try:
    src.actor("nobody")
except UnknownActorError as error:
    suggestions: tuple[str, ...] = error.suggestions
except CorpusDataError as error:
    problems: tuple[str, ...] = error.problems
except CorpusError:
    pass
