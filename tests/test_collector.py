"""Loads pause the cyclic garbage collector, and leave it as the user had it."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

import syria_russia_corpus as src
from syria_russia_corpus import Corpus
from syria_russia_corpus._collector import collector_paused


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src.export(tmp_path)
    return tmp_path


def test_collector_is_off_during_a_load_and_on_after(folder: Path, monkeypatch: pytest.MonkeyPatch):
    """While a corpus is read the collector is paused; afterwards it runs again."""
    seen: list[bool] = []
    real = Corpus.__init__

    def spying(self: Corpus, *args: object, **kwargs: object) -> None:
        seen.append(gc.isenabled())
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Corpus, "__init__", spying)
    assert gc.isenabled()
    Corpus.from_path(folder)
    assert seen == [False]
    assert gc.isenabled()


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
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        Corpus.from_path(folder)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_a_failed_load_resumes_the_collector(tmp_path: Path):
    """A load that raises still leaves the collector running."""
    with pytest.raises(src.exceptions.CorpusDataError):
        Corpus.from_path(tmp_path)
    assert gc.isenabled()


def test_overlapping_loads_resume_it_once_the_last_ends():
    """With two loads under way, the first to end does not turn the collector back on."""
    first_in, second_done = threading.Event(), threading.Event()
    states: list[bool] = []

    def first() -> None:
        with collector_paused():
            first_in.set()
            second_done.wait(5)
            states.append(gc.isenabled())

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with collector_paused():
        pass
    second_done.set()
    thread.join()
    assert states == [False]
    assert gc.isenabled()
