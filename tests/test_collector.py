"""Loads pause the cyclic garbage collector, and leave it as the user had it."""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any

import pytest

import syria_russia_corpus as src
from syria_russia_corpus import Corpus, _corpus
from syria_russia_corpus._collector import collector_paused


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src.export(tmp_path)
    return tmp_path


def paused() -> bool:
    """Whether automatic collection is paused, as a load pauses it."""
    return gc.get_threshold()[0] == 0


def test_collection_is_paused_during_a_load_and_resumed_after(folder: Path, monkeypatch: pytest.MonkeyPatch):
    """While a corpus is read automatic collection is paused; afterwards it runs again as before."""
    seen: list[bool] = []
    real = Corpus.__init__
    before = gc.get_threshold()

    def spying(self: Corpus, *args: object, **kwargs: object) -> None:
        seen.append(paused())
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Corpus, "__init__", spying)
    assert not paused()
    Corpus.from_path(folder)
    assert seen == [True]
    assert gc.get_threshold() == before
    assert gc.isenabled()


def test_loaded_records_end_in_the_oldest_generation(folder: Path):
    """A load leaves what it built in the oldest generation, where young collections skip it."""
    before = gc.get_threshold()
    gc.set_threshold(1_000_000, *before[1:])  # no collection of its own between the load and the check
    try:
        corpus = Corpus.from_path(folder)
        oldest = gc.get_objects(generation=2)
        assert any(item is corpus for item in oldest)
        assert not any(item is corpus for item in gc.get_objects(generation=0))
    finally:
        gc.set_threshold(*before)


def test_a_collector_disabled_during_a_load_stays_disabled(folder: Path, monkeypatch: pytest.MonkeyPatch):
    """A gc.disable() from another thread while a load runs is not undone when the load ends."""
    loading, disabled = threading.Event(), threading.Event()
    real = _corpus.validated

    def waiting(*args: Any, **kwargs: Any) -> Any:
        loading.set()
        disabled.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(_corpus, "validated", waiting)
    worker = threading.Thread(target=Corpus.from_path, args=(folder,))
    worker.start()
    try:
        loading.wait(5)
        gc.disable()
        disabled.set()
        worker.join()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_thresholds_set_during_a_load_stand(folder: Path, monkeypatch: pytest.MonkeyPatch):
    """Thresholds the user sets while a load runs are kept when it ends."""
    before = gc.get_threshold()
    real = _corpus.validated

    def setting(*args: Any, **kwargs: Any) -> Any:
        gc.set_threshold(5_000, 20, 20)
        return real(*args, **kwargs)

    monkeypatch.setattr(_corpus, "validated", setting)
    try:
        Corpus.from_path(folder)
        assert gc.get_threshold() == (5_000, 20, 20)
    finally:
        gc.set_threshold(*before)


def test_a_disabled_collector_stays_disabled(folder: Path):
    """A user who turned the collector off finds it off after a load."""
    gc.disable()
    try:
        Corpus.from_path(folder)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_frozen_objects_stay_frozen(folder: Path):
    """Objects the user froze are not unfrozen by a load."""
    held = {"frozen": []}
    gc.freeze()
    try:
        Corpus.from_path(folder)
        assert not any(item is held for item in gc.get_objects())
    finally:
        gc.unfreeze()


def test_a_failed_load_resumes_the_collector(tmp_path: Path):
    """A load that raises still leaves the collector running."""
    with pytest.raises(src.exceptions.CorpusDataError):
        Corpus.from_path(tmp_path)
    assert not paused()
    assert gc.isenabled()


def test_overlapping_loads_resume_it_once_the_last_ends():
    """With two loads under way, the first to end does not turn the collector back on."""
    first_in, second_done = threading.Event(), threading.Event()
    states: list[bool] = []

    def first() -> None:
        with collector_paused():
            first_in.set()
            second_done.wait(5)
            states.append(paused())

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with collector_paused():
        pass
    second_done.set()
    thread.join()
    assert states == [True]
    assert not paused()
