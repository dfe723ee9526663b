"""The record classes: plain, frozen values whose references are ids."""

from __future__ import annotations

from typing import Final

import attrs

from ._dates import PartialDate
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

#: Hex digits kept of the SHA-256 of a span's text, and of the text on either side of it.
DIGEST_DIGITS: Final = 16
CONTEXT_DIGITS: Final = 8
#: The prime modulus of the rolling hash: every head is at least 0 and below it.
HEAD_MODULUS: Final = 2_147_483_647


@attrs.frozen(kw_only=True)
class Anchor:
    """What finds a span's words again in another copy of its document.

    After the W3C Web Annotation model: the evidence's offsets are the
    position selector, tried first; the anchor stands in for the quote
    selector, to recover from. It holds hashes, never the document's words.
    Every hash is of the *normalized* text (see "Normalization and anchors" in
    the codebook).

    Attributes:
        digest: First 16 hex digits of the SHA-256 of the span's text (UTF-8).
            A candidate holds the span only if its digest is this.
        length: Length of the span's text, in characters.
        head: Rabin–Karp rolling hash of the span's first 8 characters (all of
            them if it has fewer). It finds candidates in one pass over a document.
        prefix: First 8 hex digits of the SHA-256 of the 16 characters before
            the span (fewer at the document's start). It tells apart copies of
            the same words.
        suffix: First 8 hex digits of the SHA-256 of the 16 characters after the span.

    Example:
        >>> import syria_russia_corpus as src
        >>> quote = src.load().quote("putin-not-discussing-asylum-2012-03-07")
        >>> quote.text
        'We aren’t even discussing the issue'
        >>> anchor = quote.evidence[0].anchor
        >>> anchor.length, len(anchor.digest), len(anchor.prefix), len(anchor.suffix)
        (35, 16, 8, 8)
    """

    digest: str
    length: int
    head: int
    prefix: str
    suffix: str


@attrs.frozen(kw_only=True)
class Evidence:
    """Where a record stands in a source document.

    Attributes:
        source_id: The id of the :class:`Source` whose text holds the span.
        start: Offset of the span's first character. It is a Python ``str``
            index into the document's text.
        end: Offset one past the span's last character.
        anchor: What finds the span's words again in another copy of the
            document, or None. A span without one is checked at its offsets
            only; :func:`locate` fills it in.

    Example:
        >>> ev = Evidence(source_id="csm-russia-no-asylum-for-assad-2012-03-08", start=10, end=42)
        >>> ev.end - ev.start
        32
    """

    source_id: str
    start: int
    end: int
    anchor: Anchor | None = None


@attrs.frozen(kw_only=True)
class Fatalities:
    """A death toll as a source states it.

    Attributes:
        count: The number the source gives.
        qualifier: How the source qualifies it ("more than 100" is
            ``FatalityQualifier.MORE_THAN`` with a count of 100).
    """

    count: int
    qualifier: FatalityQualifier


@attrs.frozen(kw_only=True)
class Source:
    """A source document the corpus is curated from.

    Attributes:
        id: Stable slug, e.g. ``"csm-russia-no-asylum-for-assad-2012-03-08"``.
        title: The headline as the document prints it.
        outlet: The publishing outlet, or None if it is not known.
        kind: What kind of publication it is.
        published: When it was published, flagged if inferred.
        author: The author as stated, or None if the document names none.
        sha256: Hex SHA-256 of the document's UTF-8 text; finds the document
            whatever its file name.
        url: The address where the document was published, or None if it
            cannot be found (the notes say why).
        notes: How outlet, date, author and address were established.
    """

    id: str
    title: str
    outlet: str | None
    kind: SourceKind
    published: PartialDate
    author: str | None
    sha256: str
    url: str | None = None
    notes: str = ""


@attrs.frozen(kw_only=True)
class Actor:
    """A person, state, organization or group that speaks, acts or relays.

    Attributes:
        id: Stable slug, e.g. ``"sergei-lavrov"``.
        name: Canonical name.
        kind: What kind of actor it is.
        aliases: Other spellings the documents use, and common transliterations.
        affiliation_id: The id of the actor this one belongs to (a minister's
            ministry, a ministry's state), or None.
        description: One line in the curators' words.
    """

    id: str
    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    affiliation_id: str | None = None
    description: str = ""


@attrs.frozen(kw_only=True)
class Quote:
    """Words a source attributes to an actor.

    Attributes:
        id: Stable slug.
        text: The source's exact words at the first evidence span, with
            whitespace normalized; the only verbatim text in the corpus.
        speaker_id: The id of the :class:`Actor` who said it.
        source_id: The id of the :class:`Source` that reports it.
        kind: Direct quotation, quoted fragment, or reported speech.
        date: When it was said (not when it was published), or None.
        speaker_title: The speaker's title as the source gives it at the time.
        via: Ids of the actors that relayed it, nearest the speaker first.
        topics: What it is about.
        evidence: Where it stands; the first span is the quote itself.
        notes: The basis of any inferred date or attribution.
    """

    id: str
    text: str
    speaker_id: str
    source_id: str
    kind: QuoteKind
    date: PartialDate | None
    speaker_title: str | None = None
    via: tuple[str, ...] = ()
    topics: tuple[Topic, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    notes: str = ""


@attrs.frozen(kw_only=True)
class Event:
    """Something that happened, as the sources report it.

    Attributes:
        id: Stable slug.
        title: A short title in the curators' words.
        type: What kind of event, mapped onto PLOVER where one fits.
        date: When it happened, or began.
        end_date: When it ended, or None for a single-day or open event.
        location: Where, or None.
        participant_ids: Ids of the actors that took part.
        fatalities: The death toll as a source states it, or None.
        summary: What happened, in the curators' words.
        evidence: Every span, in every source, that mentions it.
        notes: The basis of any inferred date.
    """

    id: str
    title: str
    type: EventType
    date: PartialDate
    end_date: PartialDate | None = None
    location: str | None = None
    participant_ids: tuple[str, ...] = ()
    fatalities: Fatalities | None = None
    summary: str = ""
    evidence: tuple[Evidence, ...] = ()
    notes: str = ""


@attrs.frozen(kw_only=True)
class Position:
    """An actor's stance on a topic at a time.

    Attributes:
        id: Stable slug.
        actor_id: The id of the :class:`Actor` that holds it.
        topic: What it is about.
        stance: Support, opposition, neutrality or a mixed stance.
        date: When the actor held it.
        basis: Stated by the actor, reported by a source, or an analyst's reading.
        summary: The position in the curators' words.
        quote_ids: Ids of the quotes that evidence it.
        evidence: Where it stands in the sources.
        notes: The basis of any inferred date.
    """

    id: str
    actor_id: str
    topic: Topic
    stance: Stance
    date: PartialDate
    basis: PositionBasis
    summary: str = ""
    quote_ids: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    notes: str = ""
