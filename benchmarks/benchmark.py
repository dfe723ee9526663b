"""Speed and memory of syria_russia_corpus, measured against simple baselines.

Run ``python benchmarks/benchmark.py`` (pandas needed for the query baselines).
It replicates the bundled records into synthetic corpora of 10,000 and 100,000
quotes, with actors, events and positions in proportion, in the package-data
layout, and prints each figure as a ratio against its baseline and target.
With ``SYRIA_RUSSIA_CORPUS_DOCUMENTS`` naming the five source documents it also
times ``verify()`` on them and on altered copies, and says what anchors cost.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import syria_russia_corpus as src
from syria_russia_corpus import Corpus
from syria_russia_corpus._schema import KINDS

SIZES = (10_000, 100_000)
QUOTES_PER_ACTOR = 10


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


def bundled() -> dict[str, list[dict[str, Any]]]:
    """The bundled records as package-data JSON objects."""
    corpus = src.load()
    kinds = {
        "sources.json": corpus.sources(),
        "actors.json": corpus.actors(),
        "quotes.json": corpus.quotes(),
        "events.json": corpus.events(),
        "positions.json": corpus.positions(),
    }
    return {name: records.to_dicts() for name, records in kinds.items()}


def synthetic(quotes: int) -> dict[str, list[dict[str, Any]]]:
    """Copies of the bundled records, renamed so ids are unique and references hold.

    Copy ``k`` of an actor is ``<id>-<k>``; quotes, events and positions of copy
    ``k`` point at copy ``k`` of their actors and are moved ``k`` years later.
    """
    base = bundled()
    actor_copies = -(-max(quotes // QUOTES_PER_ACTOR, 1) // len(base["actors.json"]))

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

    data = {"sources.json": base["sources.json"]}
    data["actors.json"] = copies(
        "actors.json",
        actor_copies * len(base["actors.json"]),
        lambda a, k: {
            "affiliation_id": actor(a["affiliation_id"], k),
            "aliases": [],
            "name": f"{a['name']} {k}",
        },
    )
    data["quotes.json"] = copies(
        "quotes.json",
        quotes,
        lambda q, k: {
            "speaker_id": actor(q["speaker_id"], k),
            "via": [actor(v, k) for v in q["via"]],
            "date": shifted(q["date"], k),
        },
    )
    data["events.json"] = copies(
        "events.json",
        quotes // 2,
        lambda e, k: {
            "participant_ids": [actor(p, k) for p in e["participant_ids"]],
            "date": shifted(e["date"], k),
            "end_date": shifted(e["end_date"], k),
        },
    )
    quote_ids = {q["id"] for q in data["quotes.json"]}
    data["positions.json"] = copies(
        "positions.json",
        quotes // 2,
        lambda p, k: {
            "actor_id": actor(p["actor_id"], k),
            "date": shifted(p["date"], k),
            "quote_ids": [f"{q}-{k}" for q in p["quote_ids"] if f"{q}-{k}" in quote_ids],
        },
    )
    return data


def shifted(date: str | None, years: int) -> str | None:
    """*date*, or each end of an interval, moved *years* later (the bundled data has no 29 February)."""
    if date is None:
        return None
    return "/".join(end if end == ".." else f"{int(end[:4]) + years:04d}{end[4:]}" for end in date.split("/"))


def write(data: dict[str, list[dict[str, Any]]], directory: Path) -> dict[str, str]:
    """Write the five files; return their text."""
    texts = {kind.file_name: json.dumps(data[kind.file_name], ensure_ascii=False) for kind in KINDS}
    for name, text in texts.items():
        (directory / name).write_text(text, encoding="utf-8")
    return texts


def best(function: Callable[[], object], repeat: int = 5, number: int = 1) -> float:
    """Best time of *repeat* runs of *number* calls, per call, in seconds."""
    return min(timeit.repeat(function, repeat=repeat, number=number)) / number


def process_seconds(code: str, repeat: int = 7) -> float:
    """Best wall-clock time of a fresh interpreter running *code*."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return min(times)


def report(label: str, ratio: float, target: str, passed: bool, detail: str) -> None:
    print(f"  {label:<44} {ratio:8.2f}x  target {target:<12} {'PASS' if passed else 'MISS'}   {detail}")


def bench_import() -> None:
    """Import plus first query, against importing attrs and cattrs."""
    ours = process_seconds("import syria_russia_corpus as s; s.quotes_by('Putin')")
    baseline = process_seconds("import attrs, cattrs")
    ratio = ours / baseline
    report("import + first query vs import attrs, cattrs", ratio, "<= 1.25x", ratio <= 1.25,
           f"{ours * 1000:.0f} ms vs {baseline * 1000:.0f} ms")  # fmt: skip


def bench_load(directory: Path, texts: dict[str, str]) -> None:
    """Corpus.from_path against json.loads of the same files."""
    ours = best(lambda: Corpus.from_path(directory), repeat=3)
    baseline = best(lambda: [json.loads(text) for text in texts.values()], repeat=3)
    ratio = ours / baseline
    report("Corpus.from_path vs json.loads", ratio, "<= 3x", ratio <= 3, f"{ours:.3f} s vs {baseline:.3f} s")


def bench_queries(corpus: Corpus, data: dict[str, list[dict[str, Any]]]) -> None:
    """quotes_by and a seven-day events_between against a pandas boolean mask."""
    import pandas as pd

    quotes = pd.DataFrame(data["quotes.json"])
    events = pd.DataFrame(data["events.json"])
    events["earliest"] = [e.date.earliest for e in corpus.events()]
    events["latest"] = [
        max(e.date.latest, e.end_date.latest if e.end_date else e.date.latest) for e in corpus.events()
    ]
    events["earliest"] = pd.to_datetime(events["earliest"])
    events["latest"] = pd.to_datetime(events["latest"])
    speaker = "sergei-lavrov-0"
    start, end = pd.Timestamp("2012-05-28"), pd.Timestamp("2012-06-03")

    ours = best(lambda: corpus.quotes_by(speaker), number=200)
    baseline = best(lambda: quotes[quotes["speaker_id"] == speaker], number=20)
    found = len(corpus.quotes_by(speaker))
    report("quotes_by vs pandas mask (times faster)", baseline / ours, ">= 50x", baseline / ours >= 50,
           f"{ours * 1e6:.1f} us vs {baseline * 1e6:.1f} us, {found} quotes")  # fmt: skip

    ours = best(lambda: corpus.events_between("2012-05-28", "2012-06-03"), number=50)
    baseline = best(lambda: events[(events["earliest"] <= end) & (events["latest"] >= start)], number=20)
    found = len(corpus.events_between("2012-05-28", "2012-06-03"))
    report("7-day events_between vs pandas (times faster)", baseline / ours, ">= 20x", baseline / ours >= 20,
           f"{ours * 1e6:.1f} us vs {baseline * 1e6:.1f} us, {found} events")  # fmt: skip


def bench_memory(directory: Path, texts: dict[str, str]) -> None:
    """Memory of a loaded corpus against the parsed JSON it came from."""
    gc.collect()
    tracemalloc.start()
    parsed = [json.loads(text) for text in texts.values()]
    json_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    records = sum(len(items) for items in parsed)
    del parsed
    gc.collect()
    tracemalloc.start()
    corpus = Corpus.from_path(directory)
    corpus_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del corpus
    ratio = corpus_bytes / json_bytes
    sizes = f"{corpus_bytes / 2**20:.1f} MiB vs {json_bytes / 2**20:.1f} MiB"
    report("memory of a loaded corpus vs parsed JSON", ratio, "<= 1.0x", ratio <= 1.0,
           f"{sizes}, {corpus_bytes / records:.0f} B/record")  # fmt: skip


def altered(text: str) -> str:
    """A user's copy: a menu and a footer, straight quotes, CRLF line endings."""
    straight = text.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}))
    return ("Home | World | Search\n\n" + straight + "\n\nAll rights reserved\n").replace("\n", "\r\n")


def bench_verify(folder: str) -> None:
    """verify() of the five documents, ours and altered copies, against reading and hashing them."""
    paths = sorted(Path(folder).glob("*.txt"))
    baseline = best(lambda: [hashlib.sha256(path.read_bytes()).hexdigest() for path in paths], number=20)
    ours = best(lambda: src.verify(folder))
    report("verify, our copies (all exact) vs hashing them", ours / baseline, "< 1 s", ours < 1,
           f"{ours * 1000:.1f} ms vs {baseline * 1000:.2f} ms")  # fmt: skip
    with tempfile.TemporaryDirectory() as copies:
        for path in paths:
            (Path(copies) / path.name).write_bytes(altered(path.read_text(encoding="utf-8")).encode())
        moved = best(lambda: src.verify(copies))
        assert src.verify(copies).ok
    report("verify, altered copies (all moved) vs hashing", moved / baseline, "< 1 s", moved < 1,
           f"{moved * 1000:.1f} ms vs {baseline * 1000:.2f} ms")  # fmt: skip


def anchor_sizes() -> None:
    """The bytes an anchor adds to a span: as compact JSON, and in the data files as they are laid out."""
    records = [r for kind in ("quotes", "events", "positions") for r in bundled()[f"{kind}.json"]]
    spans = [span for record in records for span in record["evidence"]]
    compact = sum(len(json.dumps({"anchor": span["anchor"]}, separators=(",", ":"))) - 2 for span in spans)
    laid_out = len(json.dumps(records, indent=2, ensure_ascii=False))
    for span in spans:
        del span["anchor"]
    without = len(json.dumps(records, indent=2, ensure_ascii=False))
    print(f"  anchors: {compact / len(spans):.0f} bytes per span as compact JSON, "
          f"{(laid_out - without) / len(spans):.0f} in the data files' layout, "
          f"no document text ({len(spans)} spans)")  # fmt: skip


def main() -> None:
    """Print every figure, for each corpus size."""
    print(f"Machine: {machine()}")
    print("Whole process:")
    bench_import()
    print("Provenance:")
    folder = os.environ.get("SYRIA_RUSSIA_CORPUS_DOCUMENTS")
    if folder:
        bench_verify(folder)
    else:
        print("  verify: set SYRIA_RUSSIA_CORPUS_DOCUMENTS to the five documents to time it")
    anchor_sizes()
    for size in SIZES:
        data = synthetic(size)
        counts = ", ".join(f"{len(items):,} {name.removesuffix('.json')}" for name, items in data.items())
        print(f"Synthetic corpus: {counts}")
        with tempfile.TemporaryDirectory() as folder:
            directory = Path(folder)
            texts = write(data, directory)
            bench_load(directory, texts)
            bench_queries(Corpus.from_path(directory), data)
            bench_memory(directory, texts)


if __name__ == "__main__":
    main()
