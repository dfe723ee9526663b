"""Scale: long affiliation chains and cycles, and name suggestions among many names.

These assert behaviour only; benchmarks/benchmark.py times them.
"""

from __future__ import annotations

import json
import os
import random
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import syria_russia_corpus as src
from syria_russia_corpus import Actor, ActorKind, Corpus
from syria_russia_corpus._names import KeyIndex, closest_names, name_key
from syria_russia_corpus.exceptions import CorpusDataError, UnknownActorError

from .test_loading import write_corpus


def chain(count: int, *, closed: bool = False) -> list[dict[str, object]]:
    """Actors a-0 <- a-1 <- ... each affiliated with the one before; the first with the last if *closed*."""
    actors: list[dict[str, object]] = [
        {
            "id": f"a-{i}",
            "name": f"Actor {i}",
            "kind": "person",
            "affiliation_id": f"a-{i - 1}" if i else None,
        }
        for i in range(count)
    ]
    if closed:
        actors[0]["affiliation_id"] = f"a-{count - 1}"
    return actors


def test_a_chain_of_3200_actors_loads_and_answers(tmp_path: Path):
    """A 3,200-actor chain loads, and its head has every other actor as an affiliate."""
    write_corpus(tmp_path)
    (tmp_path / "actors.json").write_text(json.dumps(chain(3200)), encoding="utf-8")
    for name in ("quotes.json", "events.json", "positions.json"):
        (tmp_path / name).write_text("[]", encoding="utf-8")
    corpus = Corpus.from_path(tmp_path)
    assert len(corpus.affiliates("a-0")) == 3199
    assert corpus.affiliates("a-3198").ids == ("a-3199",)
    assert corpus.affiliates("a-3199").ids == ()
    assert len(corpus._index.affiliates) == len(set(corpus._index.affiliates)) == 3199


def test_a_cycle_of_1000_actors_is_reported_once(tmp_path: Path):
    """A 1,000-actor loop is one problem, its path shortened."""
    write_corpus(tmp_path)
    (tmp_path / "actors.json").write_text(json.dumps(chain(1000, closed=True)), encoding="utf-8")
    for name in ("quotes.json", "events.json", "positions.json"):
        (tmp_path / name).write_text("[]", encoding="utf-8")
    with pytest.raises(CorpusDataError) as info:
        Corpus.from_path(tmp_path)
    (problem,) = info.value.problems
    assert "affiliations form a cycle: a-0 -> a-999 -> a-998" in problem
    assert "(993 more)" in problem
    assert len(problem) < 300


def test_many_cycles_are_each_reported_once():
    """Three hundred separate two-actor loops are three hundred problems."""
    actors = [
        Actor(id=f"{side}-{i}", name=f"{side} {i}", kind=ActorKind.PERSON, affiliation_id=f"{other}-{i}")
        for i in range(300)
        for side, other in (("x", "y"), ("y", "x"))
    ]
    with pytest.raises(CorpusDataError) as info:
        Corpus.from_records(actors=actors)
    assert len(info.value.problems) == 300


# A population of names no two of which are close: random letters, fixed by a seed.
_RANDOM = random.Random(9)
POPULATION = ["".join(_RANDOM.choices(string.ascii_lowercase, k=_RANDOM.randint(8, 16))) for _ in range(5000)]
INDEX = KeyIndex.of(POPULATION)


@st.composite
def misspelt(draw: st.DrawFn) -> tuple[str, str]:
    """A name of the population and the name with one letter added, dropped, changed or swapped."""
    name = draw(st.sampled_from(POPULATION))
    at = draw(st.integers(0, len(name) - 2))
    letter = draw(st.sampled_from(string.ascii_lowercase))
    edits = {
        "add": name[:at] + letter + name[at:],
        "drop": name[:at] + name[at + 1 :],
        "change": name[:at] + letter + name[at + 1 :],
        "swap": name[:at] + name[at + 1] + name[at] + name[at + 2 :],
    }
    return name, edits[draw(st.sampled_from(sorted(edits)))]


@given(misspelt())
def test_suggestions_from_the_index_match_a_full_scan(pair: tuple[str, str]):
    """Among 5,000 names, the index suggests the name a full scan finds closest: the right one."""
    name, typo = pair
    found = INDEX.closest(typo)
    assert found[:1] == closest_names(typo, POPULATION)[:1]
    assert found[0] == name or typo in POPULATION


def test_a_misspelt_name_among_many_actors_is_suggested():
    """With 20,000 other actors, "Sergei Lavrof" still suggests Sergei Lavrov."""
    actors = [
        Actor(id=f"n-{i}", name=name.title(), kind=ActorKind.PERSON) for i, name in enumerate(POPULATION)
    ]
    actors += [Actor(id=f"m-{i}", name=f"Member {i}", kind=ActorKind.PERSON) for i in range(15_000)]
    actors.append(Actor(id="lavrov", name="Sergei Lavrov", kind=ActorKind.PERSON, aliases=("Sergey Lavrov",)))
    corpus = Corpus.from_records(actors=actors)
    with pytest.raises(UnknownActorError) as info:
        corpus.actor("Sergei Lavrof")
    assert info.value.suggestions[0] == "Sergei Lavrov"


@pytest.mark.parametrize("actor", src.actors(), ids=lambda actor: actor.id)
def test_bundled_suggestions_are_those_of_a_full_scan(actor: Actor):
    """For a misspelling of each bundled name, the index suggests what the full scan did."""
    corpus = src.load()
    typo = actor.name[:-1] + ("x" if actor.name[-1] != "x" else "y")
    if name_key(typo) in corpus._index.names:
        pytest.skip("the misspelling is itself a name")
    names = [name for a in corpus.actors() for name in (a.id, a.name, *a.aliases)]
    scanned = closest_names(typo, names, limit=6)
    ids = dict.fromkeys(i for name in scanned for i in corpus._index.names[name_key(name)])
    expected = [corpus.actor(i).name for i in ids][:3]
    assert corpus._suggest(typo) == expected


def test_suggestions_do_not_depend_on_the_hash_seed():
    """Names that share as many pieces with the query rank alike in every process."""
    import subprocess
    import sys

    code = "import syria_russia_corpus as s; print(s.load()._suggest('Germanx'))"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1, outputs
