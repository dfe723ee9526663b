"""The controlled vocabularies: every enum value is defined in docs/codebook.md."""

from __future__ import annotations

import enum


class SourceKind(str, enum.Enum):
    """What kind of publication a source document is."""

    NEWS_ARTICLE = "news_article"
    NEWS_BLOG = "news_blog"
    BROADCAST = "broadcast"
    VIDEO = "video"
    ANALYSIS = "analysis"


class ActorKind(str, enum.Enum):
    """What kind of actor speaks, acts or holds a position."""

    PERSON = "person"
    STATE = "state"
    GOVERNMENT_BODY = "government_body"
    INTERNATIONAL_ORGANIZATION = "international_organization"
    POLITICAL_ORGANIZATION = "political_organization"
    ARMED_GROUP = "armed_group"
    MILITARY_ALLIANCE = "military_alliance"
    NEWS_ORGANIZATION = "news_organization"
    RESEARCH_ORGANIZATION = "research_organization"


class QuoteKind(str, enum.Enum):
    """How closely a quote renders the speaker's words."""

    DIRECT = "direct"
    PARTIAL = "partial"
    REPORTED = "reported"


class Topic(str, enum.Enum):
    """What a quote or position is about."""

    MILITARY_INTERVENTION = "military_intervention"
    SANCTIONS = "sanctions"
    ARMING_OPPOSITION = "arming_opposition"
    ASSAD_DEPARTURE = "assad_departure"
    ASYLUM_FOR_ASSAD = "asylum_for_assad"
    ANNAN_PLAN = "annan_plan"
    UN_SECURITY_COUNCIL_ACTION = "un_security_council_action"
    SUPPORT_FOR_ASSAD = "support_for_assad"
    INTERNATIONAL_CONTACT_GROUP = "international_contact_group"
    OPPOSITION_DIALOGUE = "opposition_dialogue"
    HOULA_RESPONSIBILITY = "houla_responsibility"
    COUNTERTERRORISM = "counterterrorism"


class Stance(str, enum.Enum):
    """An actor's stance towards a topic."""

    SUPPORT = "support"
    OPPOSE = "oppose"
    NEUTRAL = "neutral"
    MIXED = "mixed"


class PositionBasis(str, enum.Enum):
    """Who attributes a position to its actor."""

    STATED = "stated"
    REPORTED = "reported"
    ANALYSIS = "analysis"


class FatalityQualifier(str, enum.Enum):
    """How a source qualifies a death toll."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    APPROXIMATELY = "approximately"


class EventType(str, enum.Enum):
    """What kind of event took place.

    The first sixteen members are the PLOVER event types; the rest cover what
    PLOVER lacks. :attr:`plover` gives the PLOVER type for each member.
    """

    AGREE = "agree"
    CONSULT = "consult"
    SUPPORT = "support"
    CONCEDE = "concede"
    COOPERATE = "cooperate"
    AID = "aid"
    RETREAT = "retreat"
    REQUEST = "request"
    REJECT = "reject"
    ACCUSE = "accuse"
    THREATEN = "threaten"
    PROTEST = "protest"
    SANCTION = "sanction"
    MOBILIZE = "mobilize"
    COERCE = "coerce"
    ASSAULT = "assault"
    MASSACRE = "massacre"
    ELECTION = "election"
    MANDATE_EXPIRY = "mandate_expiry"
    RESIGNATION = "resignation"

    @property
    def plover(self) -> str | None:
        """The PLOVER event type this maps to, upper-case, or None if none fits.

        Example:
            >>> EventType.MASSACRE.plover
            'ASSAULT'
            >>> EventType.ELECTION.plover is None
            True
        """
        return _PLOVER.get(self, self.value.upper())


# Types PLOVER lacks: a massacre is one-sided violence, which PLOVER codes as
# ASSAULT; an election, a mandate's end and a resignation are not interactions
# between actors at all.
_PLOVER: dict[EventType, str | None] = {
    EventType.MASSACRE: "ASSAULT",
    EventType.ELECTION: None,
    EventType.MANDATE_EXPIRY: None,
    EventType.RESIGNATION: None,
}


#: Every controlled vocabulary of the corpus.
ENUMS: tuple[type[enum.Enum], ...] = (
    SourceKind,
    ActorKind,
    QuoteKind,
    Topic,
    Stance,
    PositionBasis,
    FatalityQualifier,
    EventType,
)
