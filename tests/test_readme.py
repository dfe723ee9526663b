"""The README's quick start prints what the README says it prints."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

README = Path(__file__).parent.parent / "README.md"


def test_quick_start_output_is_real():
    """Running the quick start code gives exactly the output shown under it."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    shown = re.search(r"prints\n\n```text\n(.*?)```", section, re.DOTALL)
    assert code, "the quick start needs a python block"
    assert shown, "the python block needs 'prints' and a text block after it"
    command = [sys.executable, "-c", code[1]]
    result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout == shown[1]


def test_readme_says_where_each_document_was_published():
    """The README gives each source's address, or says it has none, as the data does."""
    import syria_russia_corpus as src

    text = README.read_text(encoding="utf-8")
    section = text.split("## Getting the documents", 1)[1].split("\n## ", 1)[0]
    for source in src.sources():
        if source.url:
            assert f"<{source.url}>" in section, source.id
        else:
            assert f"| {source.outlet}, " in section, source.id
    assert section.count("no known address") == sum(1 for source in src.sources() if not source.url)


def test_duckdb_example_joins_the_parquet_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The README's DuckDB code runs as written; its joins give the top speakers and massacres' actors."""
    duckdb = pytest.importorskip("duckdb")
    import syria_russia_corpus as src

    section = README.read_text(encoding="utf-8").split("### Beyond one machine", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert code, "the section needs a python block"
    relations: list[Any] = []
    real = duckdb.sql

    def recording(query: str) -> Any:
        relations.append(real(query))
        return relations[-1]

    monkeypatch.setattr(duckdb, "sql", recording)
    monkeypatch.chdir(tmp_path)
    exec(compile(code[1], "README.md", "exec"), {})  # the README's own code, as a reader runs it

    top, massacres = (relation.fetchall() for relation in relations)
    counts = Counter(src.actor(q.speaker_id).name for q in src.quotes())
    assert top == sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:3]
    wanted = [
        (e.title, src.actor(a).name) for e in src.events() if e.type == "massacre" for a in e.participant_ids
    ]
    assert wanted
    assert sorted(massacres) == sorted(wanted)
