"""Integrity of the bundled data: ids, evidence, dates, vocabulary, counts."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import syria_russia_corpus as src
from syria_russia_corpus._names import name_key
from syria_russia_corpus._verify import normalize_whitespace
from syria_russia_corpus._vocabulary import ENUMS

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
CODEBOOK = Path(__file__).parent.parent / "docs" / "codebook.md"

# The size of the curated dataset. A change here is a deliberate change to the data:
# update the CHANGELOG and DATA_VERSION with it.
EXPECTED_COUNTS = {"sources": 5, "actors": 87, "quotes": 55, "events": 34, "positions": 62}
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


def test_codebook_examples_are_real_records():
    """Every record id the codebook cites as an example exists in the data."""
    text = CODEBOOK.read_text(encoding="utf-8")
    known = {r.id for r in all_records()}
    cited = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`", text))
    assert sorted(cited - known) == []
