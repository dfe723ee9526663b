"""Speed and memory of syria_russia_corpus, as ratios against floors and baselines taken in the same run.

Run ``python benchmarks/benchmark.py`` (pandas is needed for the query
baselines; set ``SYRIA_RUSSIA_CORPUS_DOCUMENTS`` to time ``verify``;
``--help`` lists the options, ``--quick`` runs a small corpus in about a
minute). It replicates the bundled records into a synthetic corpus of
100,000 quotes (``--quotes N``), with actors, events and positions in
proportion, in the package-data layout.
Every copy of a dated record is moved in time by its copy number in units of
its own precision (days, months or years), so that the copies spread over the
years as real records would, and no multi-year event is piled hundreds of
times onto one window.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import hashlib
import json
import math
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import syria_russia_corpus as src
from syria_russia_corpus import Actor, ActorKind, Corpus
from syria_russia_corpus._names import closest_names
from syria_russia_corpus._schema import ACTORS, KINDS, spanned_kinds
from syria_russia_corpus.exceptions import CorpusDataError, UnknownActorError

QUOTES = 100_000
QUOTES_PER_ACTOR = 10
CHAIN = 3_200
ALIASED_ACTORS, ALIASES_PER_ACTOR = 100_000, 10

_PART = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%]?)")


def machine() -> str:
    """One line naming the machine the figures were measured on."""
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    system = f"{platform.system()} {platform.machine()}"
    return f"{system}, {model}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


# -- the synthetic corpus ---------------------------------------------------------------------


def shifted(date: str | None, k: int) -> str | None:
    """*date* moved *k* units of its first part's precision later (an interval's ends alike)."""
    if date is None:
        return None
    first = _PART.match(date.lstrip("./"))
    assert first is not None, date
    unit = "day" if first[3] else "month" if first[2] else "year"
    return "/".join(end if end == ".." else _shift(end, k, unit) for end in date.split("/"))


def _shift(part: str, k: int, unit: str) -> str:
    match = _PART.fullmatch(part)
    assert match is not None, part
    year, month, day, flag = int(match[1]), match[2], match[3], match[4]
    moved = datetime.date(year, int(month or 1), int(day or 1))
    if unit == "day":
        moved += datetime.timedelta(days=k)
    elif unit == "month":
        months = moved.year * 12 + moved.month - 1 + k
        moved = moved.replace(year=months // 12, month=months % 12 + 1, day=min(moved.day, 28))
    else:
        moved = moved.replace(year=moved.year + k, day=min(moved.day, 28))
    text = f"{moved.year:04d}"
    if month:
        text += f"-{moved.month:02d}"
    if day:
        text += f"-{moved.day:02d}"
    return text + flag


def synthetic(quotes: int) -> dict[str, list[dict[str, Any]]]:
    """Copies of the bundled records, renamed so that ids are unique and references hold."""
    base = {kind.collection: getattr(src, kind.collection)().to_dicts() for kind in KINDS}
    actor_copies = -(-max(quotes // QUOTES_PER_ACTOR, 1) // len(base["actors"]))

    def actor(actor_id: str | None, k: int) -> str | None:
        return None if actor_id is None else f"{actor_id}-{k % actor_copies}"

    def copies(
        name: str, wanted: int, change: Callable[[dict[str, Any], int], dict[str, Any]]
    ) -> list[dict[str, Any]]:
        records = base[name]
        made = [
            {**r, **change(r, k), "id": f"{r['id']}-{k}"}
            for k in range(-(-wanted // len(records)))
            for r in records
        ]
        return made[:wanted]

    data = {"sources": base["sources"]}
    data["actors"] = copies("actors", actor_copies * len(base["actors"]), lambda a, k: {
        "affiliation_id": actor(a["affiliation_id"], k),
        "aliases": [f"{alias} {k}" for alias in a["aliases"]],
        "name": f"{a['name']} {k}",
    })  # fmt: skip
    data["quotes"] = copies("quotes", quotes, lambda q, k: {
        "speaker_id": actor(q["speaker_id"], k), "via": [actor(v, k) for v in q["via"]],
        "date": shifted(q["date"], k),
    })  # fmt: skip
    data["events"] = copies("events", quotes // 2, lambda e, k: {
        "participant_ids": [actor(p, k) for p in e["participant_ids"]],
        "date": shifted(e["date"], k), "end_date": shifted(e["end_date"], k),
    })  # fmt: skip
    quote_ids = {q["id"] for q in data["quotes"]}
    data["positions"] = copies("positions", quotes // 2, lambda p, k: {
        "actor_id": actor(p["actor_id"], k), "date": shifted(p["date"], k),
        "quote_ids": [f"{q}-{k}" for q in p["quote_ids"] if f"{q}-{k}" in quote_ids],
    })  # fmt: skip
    return data


def write(data: dict[str, list[dict[str, Any]]], directory: Path) -> None:
    """Write the five files."""
    for kind in KINDS:
        (directory / kind.file_name).write_text(
            json.dumps(data[kind.collection], ensure_ascii=False), "utf-8"
        )


CYCLE = 1_000


def chain(length: int, *, linked: bool = True, closed: bool = False) -> dict[str, list[dict[str, Any]]]:
    """A corpus of *length* actors, each affiliated with the one before (or, not *linked*, with none).

    *closed*: the first is affiliated with the last, so that the chain is one cycle.
    """
    actors = [{"id": f"a{i}", "name": f"Actor {i}", "kind": "person",
               "affiliation_id": f"a{i - 1}" if i and linked else None} for i in range(length)]  # fmt: skip
    if closed:
        actors[0]["affiliation_id"] = f"a{length - 1}"
    return {kind.collection: actors if kind is ACTORS else [] for kind in KINDS}


def aliased_actors(count: int, aliases: int) -> list[Actor]:
    """*count* actors with *aliases* aliases each, names made of syllables, and Sergei Lavrov."""
    syllables = ["ser", "gei", "lav", "rov", "vla", "di", "mir", "pu", "tin", "ba", "shar", "al", "as",
                 "sad", "ka", "ri", "mo", "na", "le", "ksan", "dr", "ov", "ich", "ev", "ko"]  # fmt: skip
    chooser = random.Random(0)

    def name() -> str:
        return " ".join("".join(chooser.choices(syllables, k=chooser.randint(2, 4))).title() for _ in "ab")

    made = [Actor(id=f"a{i}", name=name(), kind=ActorKind.PERSON,
                  aliases=tuple(name() for _ in range(aliases))) for i in range(count)]  # fmt: skip
    return [
        *made,
        Actor(id="lavrov", name="Sergei Lavrov", kind=ActorKind.PERSON, aliases=("Sergey Lavrov",)),
    ]


# -- measuring --------------------------------------------------------------------------------


def best(function: Callable[[], object], repeat: int = 5, number: int = 1) -> float:
    """Best time of *repeat* runs of *number* calls, per call, in seconds."""
    return min(timeit.repeat(function, repeat=repeat, number=number)) / number


@contextmanager
def collector(enabled: bool) -> Iterator[None]:
    """Run with the cyclic garbage collector on or off, as asked; restore it after."""
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        yield
    finally:
        (gc.enable if was else gc.disable)()


def process_seconds(code: str, repeat: int = 9) -> float:
    """Best wall-clock time of a fresh interpreter running *code*, with its bytecode cached."""
    # A first run writes the bytecode, even where PYTHONDONTWRITEBYTECODE is set:
    # pip compiles an installed package, and the floor's packages are installed.
    writing = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", code], check=True, env=writing)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return min(times)


def report(label: str, ratio: float, target: str, passed: bool, detail: str) -> None:
    print(f"  {label:<58} {ratio:8.2f}x  target {target:<8} {'PASS' if passed else 'MISS'}  {detail}")


WINDOW = ("2012-05-28", "2012-06-03")


def first_queries(corpus: Corpus, speaker: str) -> str:
    """The three queries of the load figures; what they found."""
    quotes = corpus.quotes_by(speaker)
    events = corpus.events_between(*WINDOW)
    positions = corpus.positions_of(speaker)
    return f"{len(quotes)} quotes, {len(events)} events, {len(positions)} positions"


def bench_import() -> None:
    """Import plus first query, against importing what the package builds on."""
    ours = process_seconds("import syria_russia_corpus as s; s.quotes_by('Putin')")
    floor = process_seconds("import attrs, cattrs, json, datetime, importlib.resources")
    ratio = ours / floor
    report("import + first quotes_by vs import attrs, cattrs, json...", ratio, "<= 1.2", ratio <= 1.2,
           f"{ours * 1000:.0f} ms vs {floor * 1000:.0f} ms")  # fmt: skip


def bench_load(directory: Path, speaker: str, collecting: bool, repeat: int) -> None:
    """from_path plus the first queries, against reading and json.loads of the same files."""
    found: list[str] = []

    def load() -> None:
        found.append(first_queries(Corpus.from_path(directory), speaker))

    def floor() -> None:
        for kind in KINDS:
            json.loads((directory / kind.file_name).read_text("utf-8"))

    with collector(collecting):
        # Alternated, so that neither side inherits a heap the other left in a better state,
        # and each run's garbage (a corpus is cyclic) collected between runs, untimed.
        ours, baseline = math.inf, math.inf
        for _ in range(repeat):
            gc.collect()
            baseline = min(baseline, best(floor, repeat=1))
            gc.collect()
            ours = min(ours, best(load, repeat=1))
        gc.collect()
    target = 2.0 if collecting else 3.5
    label = "from_path + first queries vs json.loads" + ("" if collecting else " (collector off)")
    report(label, ours / baseline, f"<= {target}", ours / baseline <= target,
           f"{ours:.2f} s vs {baseline:.2f} s; found {found[-1]}")  # fmt: skip


def bench_queries(corpus: Corpus, directory: Path, speaker: str) -> None:
    """quotes_by and a seven-day events_between against the pandas boolean mask a researcher would write."""
    import pandas as pd

    quotes = pd.DataFrame(json.loads((directory / "quotes.json").read_text("utf-8")))
    events = pd.DataFrame({
        "earliest": pd.to_datetime([e.date.earliest for e in corpus.events()]),
        "latest": pd.to_datetime([max(e.date.latest, (e.end_date or e.date).latest)
                                  for e in corpus.events()]),
    }).clip(upper=pd.Timestamp.max.floor("D"))  # fmt: skip
    start, end = (pd.Timestamp(day) for day in WINDOW)

    ours = best(lambda: corpus.quotes_by(speaker), number=2000)
    mask = best(lambda: quotes[quotes["speaker_id"] == speaker], number=20)
    found = len(corpus.quotes_by(speaker))
    report("quotes_by: pandas mask time / ours", mask / ours, ">= 300", mask / ours >= 300,
           f"{ours * 1e6:.2f} us vs {mask * 1e6:.0f} us, {found} quotes")  # fmt: skip

    ours = best(lambda: corpus.events_between(*WINDOW), number=200)
    mask = best(lambda: events[(events["earliest"] <= end) & (events["latest"] >= start)], number=20)
    found = len(corpus.events_between(*WINDOW))
    report("7-day events_between: pandas mask time / ours", mask / ours, ">= 50", mask / ours >= 50,
           f"{ours * 1e6:.1f} us vs {mask * 1e6:.0f} us, {found} events")  # fmt: skip

    ours = best(lambda: corpus.positions_of(speaker), number=2000)
    found = len(corpus.positions_of(speaker))
    print(f"  positions_of, without a target: {ours * 1e6:.2f} us, {found} positions")


_MEMORY = """
import gc, json, sys, tracemalloc
from pathlib import Path
from syria_russia_corpus._schema import KINDS
directory, speaker = Path(sys.argv[1]), sys.argv[2]
sys.path.insert(0, sys.argv[3])
from benchmark import Corpus, first_queries
tracemalloc.start()
parsed = [json.loads((directory / kind.file_name).read_text("utf-8")) for kind in KINDS]
json_bytes = tracemalloc.get_traced_memory()[0]
tracemalloc.stop()
records = sum(len(items) for items in parsed)
del parsed
gc.collect()
tracemalloc.start()
corpus = Corpus.from_path(directory)
first_queries(corpus, speaker)
print(json_bytes, tracemalloc.get_traced_memory()[0], records)
"""


def bench_memory(directory: Path, speaker: str) -> None:
    """Memory of a loaded, queried corpus against the parsed JSON it came from, in a fresh process.

    Fresh, as a user's first load is: the cache of parsed dates starts empty, so
    every date object the corpus holds, and the cache itself, are counted.
    """
    child = [sys.executable, "-c", _MEMORY, str(directory), speaker, str(Path(__file__).parent)]
    output = subprocess.run(child, check=True, capture_output=True, text=True).stdout
    json_bytes, corpus_bytes, records = map(int, output.split())
    ratio = corpus_bytes / json_bytes
    report("memory of a loaded, queried corpus vs the parsed JSON", ratio, "<= 0.7", ratio <= 0.7,
           f"{corpus_bytes / 2**20:.0f} MiB vs {json_bytes / 2**20:.0f} MiB, "
           f"{corpus_bytes / records:.0f} B/record, first load of a process")  # fmt: skip


def bench_misspelt(count: int) -> None:
    """A name that matches no actor, among *count* actors' names, against comparing it with every name."""
    actors = aliased_actors(count, ALIASES_PER_ACTOR)
    corpus = Corpus.from_records(actors=actors)
    names = [name for actor in actors for name in (actor.name, *actor.aliases)]

    def miss() -> tuple[str, ...]:
        try:
            corpus.actor("Sergei Lavrof")
        except UnknownActorError as error:
            return error.suggestions
        raise AssertionError("a misspelt name was found")

    corpus.actor("Sergei Lavrov")  # the first query builds the corpus's indexes
    start = time.perf_counter()
    suggested = miss()  # the first miss builds the index of names by their letter pairs
    first = time.perf_counter() - start
    ours = best(miss, repeat=5)
    scan = best(lambda: closest_names("Sergei Lavrof", names, limit=6), repeat=1)
    report(f"misspelt name among {len(names) / 1e6:.1f}M: full scan / ours", scan / ours, ">= 10",
           scan / ours >= 10, f"{ours * 1000:.0f} ms vs {scan:.2f} s; first miss {first:.2f} s, "
           f"suggesting {suggested[0]!r}")  # fmt: skip


def bench_chain(directory: Path) -> None:
    """A long affiliation chain and a cycle: loading looks for cycles in both, and walks the chain."""
    write(chain(CHAIN, linked=False), directory)
    unlinked = best(lambda: Corpus.from_path(directory).affiliates("a0"), repeat=3)
    write(chain(CHAIN), directory)
    seconds = best(lambda: Corpus.from_path(directory).affiliates("a0"), repeat=3)
    print(f"  load of a {CHAIN:,}-actor affiliation chain, and its affiliates: {seconds * 1000:.0f} ms "
          f"({unlinked * 1000:.0f} ms unaffiliated)")  # fmt: skip
    write(chain(CYCLE, closed=True), directory)
    problems: list[str] = []

    def refused() -> None:
        try:
            Corpus.from_path(directory)
        except CorpusDataError as error:
            problems[:] = error.problems
        else:
            raise AssertionError("a cycle of affiliations loaded")

    cycle = best(refused, repeat=3)
    print(f"  load of a {CYCLE:,}-actor affiliation cycle, refused: {cycle * 1000:.0f} ms "
          f"({len(problems)} problem, {len(problems[0])} characters)")  # fmt: skip


def altered(text: str) -> str:
    """A user's copy: a menu and a footer, straight quotes, CRLF line endings."""
    straight = text.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}))
    return ("Home | World | Search\n\n" + straight + "\n\nAll rights reserved\n").replace("\n", "\r\n")


def bench_verify(folder: str) -> None:
    """verify() of the five documents, ours and altered copies, against reading and hashing them."""
    paths = sorted(Path(folder).glob("*.txt"))
    baseline = best(lambda: [hashlib.sha256(path.read_bytes()).hexdigest() for path in paths], number=20)
    ours = best(lambda: src.verify(folder))
    print(f"  verify, our copies (all exact): {ours * 1000:.1f} ms ({ours / baseline:.0f}x hashing them)")
    with tempfile.TemporaryDirectory() as copies:
        for path in paths:
            (Path(copies) / path.name).write_bytes(altered(path.read_text(encoding="utf-8")).encode())
        moved = best(lambda: src.verify(copies))
        assert src.verify(copies).ok
    print(
        f"  verify, altered copies (all moved): {moved * 1000:.1f} ms ({moved / baseline:.0f}x hashing them)"
    )


def anchor_sizes() -> None:
    """The bytes an anchor adds to a span: as compact JSON, and in the data files as they are laid out."""
    records = [r for kind in spanned_kinds() for r in getattr(src, kind.collection)().to_dicts()]
    spans = [span for record in records for span in record["evidence"]]
    compact = sum(len(json.dumps({"anchor": span["anchor"]}, separators=(",", ":"))) - 2 for span in spans)
    laid_out = len(json.dumps(records, indent=2, ensure_ascii=False))
    for span in spans:
        del span["anchor"]
    without = len(json.dumps(records, indent=2, ensure_ascii=False))
    print(f"  anchors: {compact / len(spans):.0f} bytes per span as compact JSON, "
          f"{(laid_out - without) / len(spans):.0f} in the data files' layout, "
          f"no document text ({len(spans)} spans)")  # fmt: skip


def arguments() -> argparse.Namespace:
    """The command line's options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, default=QUOTES, metavar="N",
                        help=f"quotes in the synthetic corpus (default {QUOTES:,})")  # fmt: skip
    parser.add_argument("--quick", action="store_true",
                        help="a quick look: 10,000 quotes, 10,000 aliased actors, fewer repeats")  # fmt: skip
    options = parser.parse_args()
    if options.quotes < 2:
        parser.error("--quotes needs at least 2")
    if options.quick:
        options.quotes = min(options.quotes, 10_000)
    return options


def main() -> None:
    """Print every figure."""
    options = arguments()
    repeat = 2 if options.quick else 3
    print(f"Machine: {machine()}")
    bench_import()
    data = synthetic(options.quotes)
    speaker = "sergei-lavrov-0"
    counts = ", ".join(f"{len(items):,} {name}" for name, items in data.items())
    total = sum(map(len, data.values())) + sum(
        len(r.get("evidence", ())) for items in data.values() for r in items
    )
    print(f"Synthetic corpus: {counts} ({total:,} records and evidence spans)")
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        write(data, directory)
        # The generator's own records would weigh on every collection both sides pay for.
        del data
        gc.collect()
        bench_load(directory, speaker, collecting=True, repeat=repeat)
        bench_load(directory, speaker, collecting=False, repeat=repeat)
        corpus = Corpus.from_path(directory)
        first_queries(corpus, speaker)
        bench_queries(corpus, directory, speaker)
        del corpus
        gc.collect()
        bench_memory(directory, speaker)
    bench_misspelt(ALIASED_ACTORS // 10 if options.quick else ALIASED_ACTORS)
    print("Without a target:")
    with tempfile.TemporaryDirectory() as folder:
        bench_chain(Path(folder))
    documents = os.environ.get("SYRIA_RUSSIA_CORPUS_DOCUMENTS")
    if documents:
        bench_verify(documents)
    else:
        print("  verify: set SYRIA_RUSSIA_CORPUS_DOCUMENTS to the five documents to time it")
    anchor_sizes()


if __name__ == "__main__":
    main()
