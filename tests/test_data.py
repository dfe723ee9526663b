"""Integrity of the bundled data: ids, evidence, dates, vocabulary, counts."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import syria_russia_corpus as src
from syria_russia_corpus import PartialDate
from syria_russia_corpus._vocabulary import ENUMS

# What a record's notes say when its date has an open end: the thing was still going on.
ONGOING = re.compile(r"still (?:going on|under way)|ongoing", re.IGNORECASE)
CODEBOOK = Path(__file__).parent.parent / "docs" / "codebook.md"
DATA = Path(src.__file__).parent / "data"
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


def test_the_bundled_data_keeps_every_rule_check_applies():
    """check, read on the package's own data folder by itself, finds no problem.

    check applies the codebook's mechanical rules (slug ids, evidence everywhere,
    notes for every inferred or open-ended date, normalized quote texts, one-line
    actor descriptions, an address or the reason for none, one source per
    document, unambiguous names, quotes dated no later than their sources,
    stated positions resting on the actor's own words); the tests below check
    what it does not.
    """
    assert src.check(DATA) == ()


def dated_records() -> list[tuple[str, PartialDate]]:
    """Every date in the data, with the id of the record that holds it."""
    dates = [(s.id, s.published) for s in src.sources()]
    dates += [(q.id, q.date) for q in src.quotes() if q.date is not None]
    dates += [(e.id, e.date) for e in src.events()]
    dates += [(e.id, e.end_date) for e in src.events() if e.end_date is not None]
    dates += [(p.id, p.date) for p in src.positions()]
    return dates


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


def test_every_enum_value_is_in_the_codebook():
    """Each enum value is defined in docs/codebook.md, in backticks."""
    text = CODEBOOK.read_text(encoding="utf-8")
    missing = [f"{e.__name__}.{m.value}" for e in ENUMS for m in e if f"`{m.value}`" not in text]
    assert missing == []


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
