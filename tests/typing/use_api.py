"""Code that uses the public API as a user would: checked by mypy --strict, never run."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

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
    VerificationReport,
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

hits: Records[Quote | Event | Position] = src.search("sanctions", kinds=["quotes", "events"])
timeline: Records[Position] = src.stance_timeline("Russia", topic="sanctions")
changes = src.stance_changes("Russia", start="2012", end=datetime.date(2015, 12, 31))
moved: Stance = changes[0].to_stance
written: list[Path] = src.export("out", format="datapackage", overwrite=True)
report: VerificationReport = src.verify("documents")
ok: bool = report.ok and report.sources[0].found
citation: str = src.cite(format="bibtex")
frame: pd.DataFrame = src.quotes_by("Putin").to_pandas()
rows: list[dict[str, Any]] = timeline.to_dicts()
direct: Records[Quote] = src.quotes().filter(lambda quote: quote.kind is QuoteKind.DIRECT)
figure: Figure = src.plot_stance_timeline("Russia")
