"""Indexes built on first use: once per corpus, however many threads query it first at once."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import syria_russia_corpus as src
from syria_russia_corpus import Corpus, _corpus, _indexes
from syria_russia_corpus._once import Once
from syria_russia_corpus.exceptions import UnknownActorError

THREADS = 8


@pytest.fixture
def fresh(tmp_path: Path) -> Corpus:
    """A corpus no query has touched yet."""
    src.export(tmp_path)
    return Corpus.from_path(tmp_path)


def slowed(calls: list[object], build: Callable[..., Any]) -> Callable[..., Any]:
    """*build*, counting its calls into *calls*, its first call slow enough for threads to overlap."""

    def counting(*args: Any) -> Any:
        calls.append(args)
        if len(calls) == 1:
            time.sleep(0.05)
        return build(*args)

    return counting


def at_once(query: Callable[[], object]) -> list[object]:
    """What *query* returns in each of THREADS threads released together."""
    barrier = threading.Barrier(THREADS)
    results: list[object] = []

    def run() -> None:
        barrier.wait()
        results.append(query())

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == THREADS
    return results


def test_first_queries_from_many_threads_build_the_index_once(fresh: Corpus, monkeypatch: pytest.MonkeyPatch):
    """Threads that query a fresh corpus at once build its index once and get the same answer."""
    calls: list[object] = []
    monkeypatch.setattr(_corpus, "build_index", slowed(calls, _corpus.build_index))
    results = at_once(lambda: fresh.quotes_by("Putin"))
    assert len(calls) == 1
    assert all(result is results[0] for result in results)
    assert fresh.quotes_by("Putin") is results[0]


def test_first_searches_from_many_threads_build_the_texts_once(
    fresh: Corpus, monkeypatch: pytest.MonkeyPatch
):
    """Threads that search a fresh corpus at once fold its texts once and find the same records."""
    fresh.quotes()  # the corpus index itself is built already
    calls: list[object] = []
    monkeypatch.setattr(_indexes, "searchable_text", slowed(calls, _indexes.searchable_text))
    results = at_once(lambda: fresh.search("chemical").ids)
    records = len(fresh.quotes()) + len(fresh.events()) + len(fresh.positions())
    assert len(calls) == records
    assert results == [results[0]] * THREADS


def test_first_misses_from_many_threads_build_the_suggestions_once(
    fresh: Corpus, monkeypatch: pytest.MonkeyPatch
):
    """Threads that misspell a name at once index the names by likeness once and suggest the same."""
    fresh.quotes()
    calls: list[object] = []
    monkeypatch.setattr(_indexes.KeyIndex, "of", slowed(calls, _indexes.KeyIndex.of))

    def miss() -> tuple[str, ...]:
        with pytest.raises(UnknownActorError) as raised:
            fresh.actor("Sergei Lavrof")
        return raised.value.suggestions

    results = at_once(miss)
    assert len(calls) == 1
    assert results == [results[0]] * THREADS
    assert "Sergei Lavrov" in results[0]


def test_once_builds_only_on_the_first_call():
    """A value held by Once is built by the first call; later calls get that object back."""
    once: Once[list[int]] = Once()
    first = once.get(lambda: [1])
    assert once.get(lambda: [2]) is first
