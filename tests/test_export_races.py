"""Exports racing into one directory, from threads and from processes: never both, never mixed."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from syria_russia_corpus import Corpus
from syria_russia_corpus.exceptions import ExportError

from .test_export import listing, other_corpus
from .test_loading import write_corpus

ROUNDS = 15
RACERS = 6


def race(corpora: list[Corpus], target: Path, *, overwrite: bool) -> list[str]:
    """Start one export per corpus into *target* at once; return 'ok' or 'refused' for each."""
    start = threading.Barrier(len(corpora))
    outcomes = ["" for _ in corpora]

    def run(number: int) -> None:
        start.wait()
        try:
            corpora[number].export(target, format="jsonl", overwrite=overwrite)
        except ExportError as error:
            outcomes[number] = "refused" if "already holds" in str(error) else str(error)
        else:
            outcomes[number] = "ok"

    threads = [threading.Thread(target=run, args=(number,)) for number in range(len(corpora))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, bytes]]:
    """What a lone export of each of the two corpora leaves."""
    found = []
    for number, corpus in enumerate(corpora_of_two()):
        target = tmp_path_factory.mktemp(f"alone-{number}")
        corpus.export(target, format="jsonl")
        found.append(listing(target))
    return found


def corpora_of_two() -> list[Corpus]:
    """The small corpus and one that differs from it in one actor's description."""
    from .conftest import small_records

    return [Corpus.from_records(**small_records()), other_corpus()]  # type: ignore[arg-type]


def test_racing_exports_never_both_succeed(tmp_path: Path, expected: list[dict[str, bytes]]):
    """Without overwrite, exactly one racer wins each round; the folder is wholly the winner's."""
    pair = corpora_of_two()
    for round_ in range(ROUNDS):
        corpora = [pair[number % 2] for number in range(RACERS)]
        target = tmp_path / f"round-{round_}"
        outcomes = race(corpora, target, overwrite=False)
        assert outcomes.count("ok") == 1, outcomes
        winner = outcomes.index("ok") % 2
        assert listing(target) == expected[winner]


def test_racing_overwrites_never_mix(tmp_path: Path, expected: list[dict[str, bytes]]):
    """With overwrite, every racer succeeds and the folder ends wholly one corpus's."""
    pair = corpora_of_two()
    for round_ in range(ROUNDS):
        target = tmp_path / f"round-{round_}"
        outcomes = race([pair[number % 2] for number in range(RACERS)], target, overwrite=True)
        assert outcomes == ["ok"] * RACERS
        assert listing(target) in expected


EXPORT = """
import sys
from syria_russia_corpus import Corpus
from syria_russia_corpus.exceptions import ExportError
corpus = Corpus.from_path(sys.argv[1])
sys.stdin.readline()  # start together
try:
    corpus.export(sys.argv[2], format="jsonl")
except ExportError:
    print("refused")
else:
    print("ok")
"""


def test_racing_processes_never_both_succeed(tmp_path: Path):
    """Processes race like threads: one export wins, the folder holds its files only."""
    data = [tmp_path / "a", tmp_path / "b"]
    for number, directory in enumerate(data):
        directory.mkdir()
        write_corpus(directory)
        if number:
            text = (directory / "actors.json").read_text(encoding="utf-8")
            (directory / "actors.json").write_text(text.replace('"description": ""', '"description": "b"', 1))
    for round_ in range(3):
        target = tmp_path / f"round-{round_}"
        racers = [
            subprocess.Popen(
                [sys.executable, "-c", EXPORT, str(data[number % 2]), str(target)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for number in range(4)
        ]
        outputs = [racer.communicate("go\n", timeout=60)[0].strip() for racer in racers]
        assert sorted(outputs) == ["ok", "refused", "refused", "refused"], outputs
        winner = data[outputs.index("ok") % 2]
        alone = tmp_path / f"alone-{round_}"
        Corpus.from_path(winner).export(alone, format="jsonl")
        assert listing(target) == listing(alone)
