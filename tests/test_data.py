"""Integrity of the bundled data: ids, evidence, dates, vocabulary, counts."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import syria_russia_corpus as src
from syria_russia_corpus import PartialDate, PositionBasis, QuoteKind
from syria_russia_corpus._names import name_key
from syria_russia_corpus._normalize import normalize_whitespace
from syria_russia_corpus._vocabulary import ENUMS

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# What a record's notes say when its date has an open end: the thing was still going on.
ONGOING = re.compile(r"still (?:going on|under way)|ongoing", re.IGNORECASE)
# What a source's notes say when it has no url: why its address is not known.
NO_URL_REASON = re.compile(r"\b(?:url|address)\b", re.IGNORECASE)
CODEBOOK = Path(__file__).parent.parent / "docs" / "codebook.md"
CHANGELOG = Path(__file__).parent.parent / "CHANGELOG.md"
# A record entry of the changelog's data lists, "- `position/some-id` ...", and the heading above it.
CHANGELOG_RECORD = re.compile(r"^\s+- `(source|actor|quote|event|position)/([a-z0-9-]+)`")
CHANGELOG_HEADING = re.compile(r"^\s+- (Added|Changed|Removed):$")

# The size of the curated dataset. A change here is a deliberate change to the data:
# update the CHANGELOG and DATA_VERSION with it.
EXPECTED_COUNTS = {"sources": 5, "actors": 87, "quotes": 55, "events": 34, "positions": 63}
EXPECTED_QUOTE_KINDS = {"direct": 15, "partial": 7, "reported": 33}


def all_records() -> list[Any]:
    return [*src.sources(), *src.actors(), *src.quotes(), *src.events(), *src.positions()]


@pytest.mark.parametrize("kind", ["sources", "actors", "quotes", "events", "positions"])
def test_ids_are_slugs(kind: str):
    """Every id is a lowercase slug."""
    records = getattr(src, kind)()
    assert [r.id for r in records if not SLUG.fullmatch(r.id)] == []


def test_every_quote_event_and_position_has_evidence():
    """Quotes, events and positions all point at their words."""
    bare = [r.id for r in [*src.quotes(), *src.events(), *src.positions()] if not r.evidence]
    assert bare == []


def test_no_quote_is_dated_after_its_source():
    """Nothing was said after the document reporting it was published."""
    late = [
        q.id
        for q in src.quotes()
        if q.date is not None and q.date.earliest > src.source(q.source_id).published.latest
    ]
    assert late == []


def dated_records() -> list[tuple[str, PartialDate]]:
    """Every date in the data, with the id of the record that holds it."""
    dates = [(s.id, s.published) for s in src.sources()]
    dates += [(q.id, q.date) for q in src.quotes() if q.date is not None]
    dates += [(e.id, e.date) for e in src.events()]
    dates += [(e.id, e.end_date) for e in src.events() if e.end_date is not None]
    dates += [(p.id, p.date) for p in src.positions()]
    return dates


def test_stated_positions_rest_on_the_actors_own_quoted_words():
    """A `stated` position links at least one direct or partial quote by its own actor."""
    quoted = {QuoteKind.DIRECT, QuoteKind.PARTIAL}
    by_id = {q.id: q for q in src.quotes()}
    unfounded = [
        p.id
        for p in src.positions()
        if p.basis is PositionBasis.STATED
        and not any(by_id[q].speaker_id == p.actor_id and by_id[q].kind in quoted for q in p.quote_ids)
    ]
    assert unfounded == []


def test_dates_run_forward():
    """No date, interval or single, has its earliest day after its latest."""
    assert [i for i, d in dated_records() if d.earliest > d.latest] == []


def test_interval_ends_parse_on_their_own():
    """Each stated end of an interval date is a valid EDTF date by itself."""
    bad = []
    for record_id, date in dated_records():
        text = str(date)
        if "/" not in text:
            continue
        start, end = text.split("/")
        for part in (start, end):
            if part == "..":
                continue
            try:
                single = PartialDate.parse(part)
            except ValueError:
                bad.append(record_id)
                continue
            if "/" in str(single):
                bad.append(record_id)
    assert bad == []


def test_open_ends_only_for_things_still_going_on():
    """A date with an open end belongs to a record whose notes say the thing was ongoing."""
    notes = {r.id: r.notes for r in [*src.sources(), *src.quotes(), *src.events(), *src.positions()]}
    open_ended = [i for i, d in dated_records() if d.open_end]
    assert [i for i in open_ended if not ONGOING.search(notes[i])] == []
    assert open_ended, "the data should code the ongoing war with an open end"


def test_every_source_has_a_url_or_says_why_not():
    """A source gives the address it was published at, or its notes say why none is known."""
    missing = [s.id for s in src.sources() if not s.url and not NO_URL_REASON.search(s.notes)]
    malformed = [s.id for s in src.sources() if s.url and not re.match(r"https?://\S+$", s.url)]
    assert missing == malformed == []


def test_inferred_dates_say_why():
    """A date flagged uncertain or approximate comes with a note naming its basis."""
    unexplained = []
    for record in [*src.quotes(), *src.events(), *src.positions()]:
        if (
            record.date is not None
            and (record.date.uncertain or record.date.approximate)
            and not record.notes
        ):
            unexplained.append(record.id)
    unexplained += [
        s.id for s in src.sources() if (s.published.uncertain or s.published.approximate) and not s.notes
    ]
    assert unexplained == []


def test_quote_texts_are_whitespace_normalized():
    """A quote's text is stored with its whitespace already normalized."""
    assert [q.id for q in src.quotes() if q.text != normalize_whitespace(q.text) or not q.text] == []


def test_no_alias_is_ambiguous():
    """No name or alias of one actor is also a name or alias of another."""
    owners: dict[str, set[str]] = {}
    for actor in src.actors():
        for name in (actor.name, *actor.aliases):
            owners.setdefault(name_key(name), set()).add(actor.id)
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}


def test_every_actor_is_described():
    """Every actor has a one-line description."""
    assert [a.id for a in src.actors() if not a.description.strip() or "\n" in a.description] == []


def test_every_enum_value_is_in_the_codebook():
    """Each enum value is defined in docs/codebook.md, in backticks."""
    text = CODEBOOK.read_text(encoding="utf-8")
    missing = [f"{e.__name__}.{m.value}" for e in ENUMS for m in e if f"`{m.value}`" not in text]
    assert missing == []


def test_sources_have_distinct_documents():
    """Each source names a different document by SHA-256."""
    hashes = [s.sha256 for s in src.sources()]
    assert len(set(hashes)) == len(hashes) == EXPECTED_COUNTS["sources"]
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes)


def test_counts():
    """The dataset holds exactly the curated number of records of each kind."""
    counts = {kind: len(getattr(src, kind)()) for kind in EXPECTED_COUNTS}
    assert counts == EXPECTED_COUNTS
    assert dict(Counter(q.kind.value for q in src.quotes())) == EXPECTED_QUOTE_KINDS


def test_russia_stance_is_answerable_across_2012_and_2015():
    """Russia's positions, with its officials', span 2012 and 2015: the documents' question."""
    years = {p.date.earliest.year for p in src.stance_timeline("Russia")}
    assert {2012, 2015} <= years


def removed_in_changelog() -> set[tuple[str, str]]:
    """The (kind, id) of every record the changelog lists under a "Removed:" heading."""
    removed, heading = set(), None
    for line in CHANGELOG.read_text(encoding="utf-8").splitlines():
        if found := CHANGELOG_HEADING.match(line):
            heading = found.group(1)
        elif (record := CHANGELOG_RECORD.match(line)) and heading == "Removed":
            removed.add((record.group(1), record.group(2)))
    return removed


def test_no_removed_id_is_in_the_data():
    """An id the changelog lists as removed is not in the data: ids are never reused."""
    removed = removed_in_changelog()
    assert removed, "the changelog should list the records removed from the data"
    present = {
        (kind, r.id)
        for kind in ("source", "actor", "quote", "event", "position")
        for r in getattr(src, kind + "s")()
    }
    assert sorted(removed & present) == []


def test_codebook_examples_are_real_records():
    """Every record id the codebook cites as an example exists in the data."""
    text = CODEBOOK.read_text(encoding="utf-8")
    known = {r.id for r in all_records()}
    cited = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`", text))
    assert sorted(cited - known) == []
