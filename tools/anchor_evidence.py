"""Compute the anchor of every evidence span of the bundled data from the source documents.

Run it after adding or moving a span, with the folder of the five documents:

    python tools/anchor_evidence.py ../shared/seeds [DATA_FOLDER]

It rewrites ``quotes.json``, ``events.json`` and ``positions.json`` of the
package data (or of DATA_FOLDER, laid out the same way) in place,
each span's ``anchor`` after its ``end``, in the layout the data files keep
(two-space indent, UTF-8, a final newline). It refuses, writing nothing, if a
source's document is not in the folder or a span holds no words; a quote
whose text is not its span is left for ``pytest`` (tests/test_provenance.py)
to report. The tests check every anchor against its span whenever
``SYRIA_RUSSIA_CORPUS_DOCUMENTS`` names the documents.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from syria_russia_corpus._anchors import anchor_of
from syria_russia_corpus._converter import unstructure
from syria_russia_corpus._documents import read_documents
from syria_russia_corpus._normalize import Normalized, normalize

DATA = Path(__file__).resolve().parent.parent / "src" / "syria_russia_corpus" / "data"
SPANNED = ("quotes.json", "events.json", "positions.json")


def main(documents_folder: str, data: Path = DATA) -> int:
    """Anchor every span of the files in *data*; return the exit status."""
    sources = json.loads((data / "sources.json").read_text(encoding="utf-8"))
    documents, _ = read_documents(documents_folder)
    by_hash = {document.sha256: normalize(document.text) for document in documents}
    missing = [source["id"] for source in sources if source["sha256"] not in by_hash]
    if missing:
        print(f"no document in {documents_folder} for: {', '.join(missing)}", file=sys.stderr)
        return 1
    texts = {source["id"]: by_hash[source["sha256"]] for source in sources}
    updated: dict[str, list[dict[str, Any]]] = {}
    for name in SPANNED:
        records = json.loads((data / name).read_text(encoding="utf-8"))
        for record in records:
            record["evidence"] = [anchored(span, texts, record["id"]) for span in record["evidence"]]
        updated[name] = records
    for name, records in updated.items():
        (data / name).write_text(json.dumps(records, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"anchored {sum(len(r['evidence']) for r in records)} spans in {name}")
    return 0


def anchored(span: dict[str, Any], texts: dict[str, Normalized], record_id: str) -> dict[str, Any]:
    """*span* with its anchor computed from its document."""
    anchor = anchor_of(texts[span["source_id"]], span["start"], span["end"])
    if anchor is None:
        raise SystemExit(f"{record_id}: span {span['start']}:{span['end']} holds no words")
    return {key: span[key] for key in ("source_id", "start", "end")} | {"anchor": unstructure(anchor)}


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        raise SystemExit(f"usage: python {sys.argv[0]} DOCUMENTS_FOLDER [DATA_FOLDER]")
    sys.exit(main(sys.argv[1], *map(Path, sys.argv[2:])))
