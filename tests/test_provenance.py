"""Provenance: every span against the source documents (set SYRIA_RUSSIA_CORPUS_DOCUMENTS)."""

from __future__ import annotations

import re
from pathlib import Path

import syria_russia_corpus as src
from syria_russia_corpus._anchors import anchor_of
from syria_russia_corpus._documents import read_documents
from syria_russia_corpus._normalize import normalize, normalize_whitespace

# Our own words may share short phrases with a source, but never a run this long.
COPIED_RUN = 8


def documents_by_hash(documents_dir: Path) -> dict[str, str]:
    documents, _ = read_documents(documents_dir)
    return {document.sha256: document.text for document in documents}


def test_every_source_document_is_found(documents_dir: Path):
    """Each source's document is in the directory, found by SHA-256."""
    found = documents_by_hash(documents_dir)
    assert [s.id for s in src.sources() if s.sha256 not in found] == []


def test_every_span_holds(documents_dir: Path):
    """Every span of every source is found at its stated offsets, each quote reading as its span."""
    report = src.verify(documents_dir)
    assert report.ok, str(report)
    statuses = {span.status for check in report.sources for span in check.spans}
    assert statuses == {"exact"}
    checked = sum(len(check.spans) for check in report.sources)
    expected = sum(len(r.evidence) for r in [*src.quotes(), *src.events(), *src.positions()])
    assert checked == expected
    assert {check.matched_by for check in report.sources} == {"sha256"}


def test_every_anchor_matches_its_span(documents_dir: Path):
    """Each span's anchor is the one its document gives it (tools/anchor_evidence.py makes them)."""
    texts = documents_by_hash(documents_dir)
    normalized = {s.id: normalize(texts[s.sha256]) for s in src.sources()}
    wrong = [
        (record.id, index)
        for record in [*src.quotes(), *src.events(), *src.positions()]
        for index, span in enumerate(record.evidence)
        if span.anchor is None or anchor_of(normalized[span.source_id], span.start, span.end) != span.anchor
    ]
    assert wrong == []


def test_quote_texts_are_their_spans_verbatim(documents_dir: Path):
    """A quote's text is its first span with only white space collapsed: quotes and dashes as printed."""
    texts = documents_by_hash(documents_dir)
    by_id = {s.id: texts[s.sha256] for s in src.sources()}
    wrong = [
        q.id
        for q in src.quotes()
        if normalize_whitespace(by_id[q.source_id][q.evidence[0].start : q.evidence[0].end]) != q.text
    ]
    assert wrong == []


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", normalize_whitespace(text).casefold())


def test_our_words_are_our_own(documents_dir: Path):
    """No text field but those the codebook copies repeats a run of eight words of a source.

    A quote's text, a source's title and address and a speaker's title are the
    document's own; everything else (titles, summaries, descriptions, notes)
    is ours, so the package holds no more of the documents than its quotes.
    """
    from syria_russia_corpus._converter import unstructure
    from syria_russia_corpus._schema import KINDS

    copied_by_rule = {("quote", "text"), ("source", "title"), ("source", "url"), ("quote", "speaker_title")}
    runs: set[tuple[str, ...]] = set()
    for text in documents_by_hash(documents_dir).values():
        tokens = words(text)
        runs.update(tuple(tokens[i : i + COPIED_RUN]) for i in range(len(tokens) - COPIED_RUN + 1))
    copied = []
    for kind in KINDS:
        for record in getattr(src, kind.collection)():
            for field, value in unstructure(record).items():
                if not isinstance(value, str) or (kind.name, field) in copied_by_rule:
                    continue
                tokens = words(value)
                starts = range(len(tokens) - COPIED_RUN + 1)
                if any(tuple(tokens[i : i + COPIED_RUN]) in runs for i in starts):
                    copied.append((record.id, field))
    assert copied == []


def test_the_curation_tool_computes_the_bundled_anchors(documents_dir: Path, tmp_path: Path):
    """tools/anchor_evidence.py, run on the data with its anchors taken out, writes the files we ship."""
    import json
    import runpy
    import shutil

    bundled = Path(src.__file__).parent / "data"
    data = tmp_path / "data"
    shutil.copytree(bundled, data)
    for name in ("quotes.json", "events.json", "positions.json"):
        records = json.loads((data / name).read_text(encoding="utf-8"))
        for record in records:
            for span in record["evidence"]:
                del span["anchor"]
        (data / name).write_text(json.dumps(records), encoding="utf-8")
    tool = runpy.run_path(str(Path(__file__).parent.parent / "tools" / "anchor_evidence.py"))
    assert tool["main"](str(documents_dir), data) == 0
    for name in ("quotes.json", "events.json", "positions.json"):
        assert (data / name).read_bytes() == (bundled / name).read_bytes(), name
