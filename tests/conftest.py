"""Shared fixtures: a small hand-built corpus and the source documents."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from syria_russia_corpus import (
    Actor,
    ActorKind,
    Corpus,
    Event,
    EventType,
    Evidence,
    PartialDate,
    Position,
    PositionBasis,
    Quote,
    QuoteKind,
    Source,
    SourceKind,
    Stance,
    Topic,
)

# Speed is measured in benchmarks/, never asserted in tests: a property that holds must not fail
# because a loaded CI machine ran one example slowly.
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")

#: The environment variable naming a directory of the source documents.
DOCUMENTS_ENV = "SYRIA_RUSSIA_CORPUS_DOCUMENTS"


def span(start: int = 0, end: int = 10, source_id: str = "doc") -> tuple[Evidence, ...]:
    return (Evidence(source_id=source_id, start=start, end=end),)


def small_records() -> dict[str, list[object]]:
    """A corpus small enough to reason about: Russia, its ministry, two officials."""
    d = PartialDate.parse
    return {
        "sources": [
            Source(
                id="doc",
                title="A document",
                outlet=None,
                kind=SourceKind.NEWS_BLOG,
                published=d("2012-06-01"),
                author=None,
                sha256="0" * 64,
            )
        ],
        "actors": [
            Actor(id="russia", name="Russia", kind=ActorKind.STATE, aliases=("Russian Federation",)),
            Actor(
                id="mfa",
                name="Russian Foreign Ministry",
                kind=ActorKind.GOVERNMENT_BODY,
                affiliation_id="russia",
            ),
            Actor(
                id="lavrov",
                name="Sergei Lavrov",
                kind=ActorKind.PERSON,
                aliases=("Sergey Lavrov",),
                affiliation_id="mfa",
            ),
            Actor(id="putin", name="Vladimir Putin", kind=ActorKind.PERSON, affiliation_id="russia"),
            Actor(id="assad", name="Bashar al-Assad", kind=ActorKind.PERSON, aliases=("Bashar Assad",)),
            Actor(id="araby", name="Nabil el-Araby", kind=ActorKind.PERSON),
            Actor(id="hollande", name="François Hollande", kind=ActorKind.PERSON),
        ],
        "quotes": [
            Quote(
                id="q-putin-late",
                text="later words",
                speaker_id="putin",
                source_id="doc",
                kind=QuoteKind.DIRECT,
                date=d("2012-06-01"),
                evidence=span(),
                topics=(Topic.SANCTIONS,),
            ),
            Quote(
                id="q-putin-early",
                text="early words",
                speaker_id="putin",
                source_id="doc",
                kind=QuoteKind.REPORTED,
                date=d("2012-03-07?"),
                evidence=span(),
            ),
            Quote(
                id="q-putin-undated",
                text="some words",
                speaker_id="putin",
                source_id="doc",
                kind=QuoteKind.DIRECT,
                date=None,
                evidence=span(),
            ),
            Quote(
                id="q-lavrov",
                text="lavrov words",
                speaker_id="lavrov",
                source_id="doc",
                kind=QuoteKind.PARTIAL,
                date=d("2012-05"),
                evidence=span(),
            ),
            Quote(
                id="q-russia",
                text="state words",
                speaker_id="russia",
                source_id="doc",
                kind=QuoteKind.REPORTED,
                date=d("2012-05-30"),
                evidence=span(),
            ),
        ],
        "events": [
            Event(
                id="e-houla",
                title="Killings",
                type=EventType.MASSACRE,
                date=d("2012-05-25"),
                participant_ids=("assad",),
                evidence=span(),
            ),
            Event(
                id="e-paris",
                title="Meeting",
                type=EventType.CONSULT,
                date=d("2012-06-01"),
                participant_ids=("putin", "hollande"),
                evidence=span(),
            ),
            Event(
                id="e-june",
                title="A month",
                type=EventType.CONSULT,
                date=d("2012-06~"),
                participant_ids=("lavrov",),
                evidence=span(),
            ),
            Event(
                id="e-war",
                title="A long war",
                type=EventType.ASSAULT,
                date=d("2011-03"),
                end_date=d("2015"),
                participant_ids=("assad",),
                evidence=span(),
            ),
            Event(id="e-old", title="Long ago", type=EventType.MASSACRE, date=d("1943")),
        ],
        "positions": [
            Position(
                id="p-russia-sanctions",
                actor_id="russia",
                topic=Topic.SANCTIONS,
                stance=Stance.OPPOSE,
                date=d("2012-05-31"),
                basis=PositionBasis.REPORTED,
                evidence=span(),
            ),
            Position(
                id="p-lavrov-sanctions",
                actor_id="lavrov",
                topic=Topic.SANCTIONS,
                stance=Stance.OPPOSE,
                date=d("2012-05-30"),
                basis=PositionBasis.STATED,
                quote_ids=("q-lavrov",),
                evidence=span(),
            ),
            Position(
                id="p-putin-asylum",
                actor_id="putin",
                topic=Topic.ASYLUM_FOR_ASSAD,
                stance=Stance.OPPOSE,
                date=d("2012-03-07?"),
                basis=PositionBasis.STATED,
                evidence=span(),
            ),
        ],
    }


@pytest.fixture(autouse=True)
def _close_figures():
    """Figures made through pyplot by a test are closed after it, so they do not pile up."""
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture
def corpus() -> Corpus:
    return Corpus.from_records(**small_records())  # type: ignore[arg-type]


@pytest.fixture
def documents_dir() -> Path:
    """The directory of source documents; skip when it is not configured."""
    value = os.environ.get(DOCUMENTS_ENV)
    if not value:
        pytest.skip(f"set {DOCUMENTS_ENV} to the directory of the source documents (e.g. ../shared/seeds)")
    path = Path(value)
    if not path.is_dir():
        pytest.fail(f"{DOCUMENTS_ENV}={value} is not a directory")
    return path
