"""Provenance: every span against the source documents (set SYRIA_RUSSIA_CORPUS_DOCUMENTS)."""

from __future__ import annotations

import re
from pathlib import Path

import syria_russia_corpus as src
from syria_russia_corpus._verify import find_documents, normalize_whitespace

# Our own words may share short phrases with a source, but never a run this long.
COPIED_RUN = 8


def test_every_source_document_is_found(documents_dir: Path):
    """Each source's document is in the directory, found by SHA-256."""
    found = find_documents(documents_dir)
    assert [s.id for s in src.sources() if s.sha256 not in found] == []


def test_every_span_holds(documents_dir: Path):
    """Every span is in bounds, and every quote's text is its span, whitespace normalized."""
    report = src.verify(documents_dir)
    assert report.ok, str(report)
    checked = sum(check.spans_checked for check in report.sources)
    expected = sum(len(r.evidence) for r in [*src.quotes(), *src.events(), *src.positions()])
    assert checked == expected


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", normalize_whitespace(text).casefold())


def test_our_words_are_our_own(documents_dir: Path):
    """No title, summary or description repeats a run of eight words of a source."""
    runs: set[tuple[str, ...]] = set()
    for path in find_documents(documents_dir).values():
        tokens = words(path.read_text(encoding="utf-8"))
        runs.update(tuple(tokens[i : i + COPIED_RUN]) for i in range(len(tokens) - COPIED_RUN + 1))
    ours = [(e.id, e.title + " | " + e.summary) for e in src.events()]
    ours += [(p.id, p.summary) for p in src.positions()]
    ours += [(a.id, a.description) for a in src.actors()]
    copied = []
    for record_id, text in ours:
        for part in text.split(" | "):
            tokens = words(part)
            if any(tuple(tokens[i : i + COPIED_RUN]) in runs for i in range(len(tokens) - COPIED_RUN + 1)):
                copied.append(record_id)
    assert copied == []
