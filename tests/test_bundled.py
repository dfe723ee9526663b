"""The module-level API over the bundled corpus: lazy, cached, thread-safe."""

from __future__ import annotations

import subprocess
import sys
import threading
from unittest import mock

import syria_russia_corpus as src
from syria_russia_corpus import _bundled
from syria_russia_corpus._corpus import Corpus


def test_import_reads_no_data_and_imports_nothing_heavy():
    """Importing the package parses nothing and imports neither pandas nor matplotlib."""
    code = (
        "import sys, syria_russia_corpus as s, syria_russia_corpus._bundled as b;"
        "assert b._corpus is None, 'corpus loaded at import';"
        "heavy = {'pandas', 'matplotlib', 'pyarrow', 'frictionless', 'json'} & set(sys.modules);"
        "assert not heavy - {'json'}, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_first_query_imports_only_what_it_needs():
    """Import and a first query import no module of a name imported on first use, nor importlib.resources."""
    code = (
        "import sys, syria_russia_corpus as s; s.quotes_by('Putin');"
        "lazy = {'syria_russia_corpus.' + name for name in s._LAZY.values()} | {'importlib.resources'};"
        "assert not lazy & set(sys.modules), lazy & set(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_load_is_cached():
    """load() returns the same corpus every time."""
    assert src.load() is src.load()


def test_first_load_from_many_threads_parses_once():
    """Threads that ask at once all get one corpus, parsed once."""
    threads_count = 16
    barrier = threading.Barrier(threads_count)
    results: list[Corpus] = []
    real = _bundled.bundled_corpus
    calls = []

    def counting() -> Corpus:
        calls.append(1)
        return real()

    def worker() -> None:
        barrier.wait()
        results.append(src.load())

    with (
        mock.patch.object(_bundled, "_corpus", None),
        mock.patch.object(_bundled, "bundled_corpus", counting),
    ):
        threads = [threading.Thread(target=worker) for _ in range(threads_count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(calls) == 1
    assert len(results) == threads_count
    assert all(result is results[0] for result in results)


def test_module_functions_answer_from_the_bundled_corpus():
    """Each module-level function answers as the bundled Corpus's method does."""
    corpus = src.load()
    assert src.sources() is corpus.sources()
    assert src.actors() is corpus.actors()
    assert src.quotes() is corpus.quotes()
    assert src.events() is corpus.events()
    assert src.positions() is corpus.positions()
    first = corpus.sources()[0]
    assert src.source(first.id) is first
    assert src.actor("Vladimir Putin").id == "vladimir-putin"
    assert src.quotes_by("Putin") == corpus.quotes_by("vladimir-putin")
    assert src.events_between("2012", "2012") == corpus.events_between("2012-01-01", "2012-12-31")
    assert src.positions_of("Russia", include_affiliated=True) == corpus.positions_of(
        "russia", include_affiliated=True
    )


def test_russia_with_affiliates_covers_its_officials():
    """quotes_by('Russia', include_affiliated=True) includes Putin's and Lavrov's quotes."""
    speakers = {q.speaker_id for q in src.quotes_by("Russia", include_affiliated=True)}
    assert {"vladimir-putin", "sergei-lavrov", "vitaly-churkin"} <= speakers


def test_version_comes_from_metadata():
    """__version__ is the installed distribution's version; DATA_VERSION is separate."""
    from importlib.metadata import version

    assert src.__version__ == version("syria-russia-corpus")
    assert isinstance(src.DATA_VERSION, str)


def test_unknown_module_attribute():
    """A missing attribute raises AttributeError naming it."""
    import pytest

    with pytest.raises(AttributeError, match="no_such_thing"):
        src.no_such_thing  # type: ignore[attr-defined]  # noqa: B018


def test_all_is_sorted_and_complete():
    """__all__ is sorted and every name in it exists."""
    assert src.__all__ == sorted(src.__all__)
    assert all(hasattr(src, name) for name in src.__all__)
