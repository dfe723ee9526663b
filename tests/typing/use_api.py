"""Code that uses the public API as a user would: checked by mypy --strict, never run.

Every public return type is pinned with ``assert_type``: if a function came to
return ``Any`` or another type, mypy fails here.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from typing_extensions import assert_type

import syria_russia_corpus as src
from syria_russia_corpus import (
    Actor,
    ActorKind,
    AgreementReport,
    Anchor,
    Corpus,
    DatePrecision,
    Disagreement,
    Event,
    EventType,
    Evidence,
    Fatalities,
    FatalityQualifier,
    MonthCoverage,
    PartialDate,
    Position,
    PositionBasis,
    Quote,
    QuoteKind,
    Records,
    RecordView,
    SkippedFile,
    Source,
    SourceCheck,
    SourceKind,
    SpanCheck,
    Stance,
    StanceChange,
    Topic,
    VerificationReport,
)
from syria_russia_corpus.exceptions import (
    AmbiguousWordsError,
    CorpusDataError,
    CorpusError,
    UnknownActorError,
    WordsNotFoundError,
)
from syria_russia_corpus.typing import ActorLike, DateLike, ExportFormat, SearchKind, SpanStatus

assert_type(src.load(), Corpus)
corpus = src.load()
assert_type(Corpus.from_path("my_data"), Corpus)
assert_type(Corpus.from_records(actors=[src.actor("Putin")]), Corpus)

assert_type(src.sources(), Records[Source])
assert_type(src.actors(), Records[Actor])
assert_type(src.quotes(), Records[Quote])
assert_type(src.events(), Records[Event])
assert_type(src.positions(), Records[Position])
assert_type(src.source("x"), Source)
assert_type(src.source("x").kind, SourceKind)
assert_type(src.actor("Putin"), Actor)
assert_type(src.actor("Putin").kind, ActorKind)
assert_type(corpus.quote("x"), Quote)
assert_type(corpus.event("x"), Event)
assert_type(corpus.position("x"), Position)
assert_type(corpus.affiliates("Russia"), Records[Actor])
assert_type(corpus.actor_name("vladimir-putin"), str | None)

who: ActorLike = src.actor("Putin")
assert_type(src.quotes_by(who, kind=QuoteKind.DIRECT), Records[Quote])
quotes = src.quotes_by(who, kind=QuoteKind.DIRECT)
assert_type(quotes[0], Quote)
assert_type(quotes[1:], Records[Quote])
assert_type(quotes.ids, tuple[str, ...])
assert_type(quotes.kind, type[Quote] | None)
assert_type(quotes.filter(lambda quote: quote.kind is QuoteKind.DIRECT), Records[Quote])
assert_type(quotes.to_dicts(), list[dict[str, Any]])
assert_type(quotes.to_pandas(), pd.DataFrame)
assert_type(quotes[0].date, PartialDate | None)
assert_type(quotes[0].topics, tuple[Topic, ...])

start: DateLike = "2012-05"
assert_type(src.events_between(start, datetime.date(2012, 6, 30)), Records[Event])
events = src.events_between(start, datetime.date(2012, 6, 30), type="massacre", involving="Assad")
assert_type(events[0].type, EventType)
assert_type(events[0].type.plover, str | None)
assert_type(events[0].fatalities, Fatalities | None)
toll = events[0].fatalities
if toll is not None:
    assert_type(toll.qualifier, FatalityQualifier)

assert_type(src.positions_of("Russia", topic=Topic.SANCTIONS, include_affiliated=True), Records[Position])
positions = src.positions_of("Russia", topic=Topic.SANCTIONS, include_affiliated=True)
assert_type(positions[0].stance, Stance)
assert_type(positions[0].basis, PositionBasis)
assert_type(src.stance_timeline("Russia", topic="sanctions"), Records[Position])

changes = src.stance_changes("Russia", start="2012", end=datetime.date(2015, 12, 31))
assert_type(changes, Records[StanceChange])
assert_type(changes[0].to_stance, Stance)

searched: list[SearchKind] = ["quotes", "event"]
assert_type(src.search("sanctions", kinds=searched), Records[Quote | Event | Position])
view = corpus.show(quotes[0])
assert_type(view, RecordView)
assert_type(view.record, Source | Actor | Quote | Event | Position)

day = PartialDate.parse("2012-05-25?")
assert_type(day, PartialDate)
assert_type(day.earliest, datetime.date)
assert_type(day.precision, DatePrecision)

export_format: ExportFormat = "datapackage"
assert_type(src.export("out", format=export_format, overwrite=True), list[Path])
assert_type(src.verify("documents"), VerificationReport)
report = src.verify("documents")
assert_type(report.ok, bool)
assert_type(report.sources, tuple[SourceCheck, ...])
assert_type(report.skipped, tuple[SkippedFile, ...])
assert_type(report.sources[0], SourceCheck)
assert_type(report.sources[0].path, Path | None)
assert_type(report.sources[0].spans[0], SpanCheck)
assert_type(report.sources[0].spans[0].status, SpanStatus)
assert_type(report.sources[0].spans[0].start, int | None)
assert_type(report.skipped[0], SkippedFile)
evidence = src.locate(Path("article.txt"), "the words", source_id="article", occurrence=2)
assert_type(evidence, Evidence)
assert_type(src.locate("article.txt", "the words", source_id="article").anchor, Anchor | None)
assert_type(src.cite(format="bibtex"), str)
assert_type(src.coverage(), Records[MonthCoverage])

coding = Corpus.from_path("coder_a", base=src.load())
assert_type(coding.base, Corpus | None)
assert_type(src.new_source("article.txt", into=Path("coder_a")), Source)
assert_type(src.check("coder_a", base=src.load(), documents="documents", fill_anchors=True), tuple[str, ...])
agreement = src.compare(coding, Corpus.from_path("coder_b", base=src.load()))
assert_type(agreement, AgreementReport)
assert_type(agreement.alpha["stance"], float)
assert_type(agreement.matched["quotes"], int)
assert_type(agreement.disagreements[0], Disagreement)
assert_type(agreement.disagreements[0].a_value, str)
assert_type(agreement.unmatched["a"][0], Quote | Event | Position)
assert_type(src.coverage()[0].month, str)
assert_type(src.coverage()[0].quotes, int)
assert_type(src.stance_changes("Russia")[0].certain, bool)
assert_type(src.plot_stance_timeline("Russia"), Axes)
assert_type(src.__version__, str)
assert_type(src.DATA_VERSION, str)

assert_type(src.check("my_data", documents="documents", fill_anchors=True), tuple[str, ...])
assert_type(src.new_source("article.txt", into="my_data"), Source)
assert_type(src.compare(corpus, Corpus.from_path("other_coding"), base=corpus), AgreementReport)
agreement = src.compare(corpus, Corpus.from_path("other_coding"))
assert_type(agreement.alpha, Mapping[str, float])
assert_type(agreement.matched, Mapping[str, int])
assert_type(agreement.disagreements, tuple[Disagreement, ...])
assert_type(agreement.disagreements[0].a_value, str)
assert_type(agreement.unmatched["a"], tuple[Quote | Event | Position, ...])

try:
    src.locate("article.txt", "the words", source_id="article")
except AmbiguousWordsError as error:
    assert_type(error.occurrences, tuple[tuple[int, int], ...])
except WordsNotFoundError as error:
    assert_type(error.closest, str)

try:
    src.actor("nobody")
except UnknownActorError as error:
    assert_type(error.suggestions, tuple[str, ...])
except CorpusDataError as error:
    assert_type(error.problems, tuple[str, ...])
except CorpusError:
    pass
