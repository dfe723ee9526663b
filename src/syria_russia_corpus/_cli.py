"""The ``syria-russia-corpus`` command line."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence

from . import _bundled
from .exceptions import CorpusError


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (2 for bad input)."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except CorpusError as error:
        print(f"syria-russia-corpus: error: {str(error).splitlines()[0]}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="syria-russia-corpus",
        description="Russia's stance on the Syrian conflict, 2012-2015: a curated dataset.",
    )
    parser.set_defaults(run=_info)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    info = commands.add_parser("info", help="summarize the bundled corpus (the default)")
    info.set_defaults(run=_info)
    return parser


def _info(_: argparse.Namespace) -> int:
    from . import DATA_VERSION

    corpus = _bundled.load()
    quotes = corpus.quotes()
    events = corpus.events()
    dated = [q.date for q in quotes if q.date is not None] + [e.date for e in events]
    span = f"{min(dated).earliest} to {max(dated).latest}" if dated else "no dated records"
    kinds = Counter(q.kind.value for q in quotes)
    print(f"syria_russia_corpus: data version {DATA_VERSION}")
    print(f"  {len(corpus.sources())} sources, {len(corpus.actors())} actors, covering {span}")
    print(f"  {len(quotes)} quotes (" + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + ")")
    print(f"  {len(events)} events, {len(corpus.positions())} positions")
    print("Sources:")
    for source in corpus.sources():
        print(f"  {source.published!s:<12} {source.outlet or 'unknown outlet'}: {source.title}")
    top = Counter(q.speaker_id for q in quotes).most_common(5)
    if top:
        print("Most quoted:")
        for speaker_id, count in top:
            print(f"  {count:>3}  {corpus.actor(speaker_id).name}")
    return 0
