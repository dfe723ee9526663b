"""The ``syria-russia-corpus`` command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, NoReturn

from . import _bundled
from ._citation import FORMATS as CITATION_FORMATS
from ._citation import cite
from ._coercion import coerce_enum
from ._collection import Records
from ._columns import table_for
from ._corpus import Corpus
from ._coverage import MonthCoverage, describe, gaps, month_of
from ._display import text_table
from ._export import FORMATS as EXPORT_FORMATS
from ._export import csv_bytes
from ._schema import KINDS as KINDS_OF_RECORDS
from ._schema import record_kind
from ._search import KINDS
from ._terminal import escape_controls, json_for_terminal
from ._version import DATA_VERSION, package_version
from ._vocabulary import ActorKind, QuoteKind, Topic
from .exceptions import CorpusDataError, CorpusError

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

LISTING_FORMATS = ("table", "json", "csv")


class _OutputError(CorpusError):
    """Standard output is closed, or refuses what is written to it."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (2 for bad input)."""
    _escape_what_cannot_be_encoded()
    try:
        args = _arguments(argv)
        status = int(args.run(args))
        _flush()  # here, not at exit: a full disk shows only when the output is flushed
    except BrokenPipeError:
        # The reader (head, less) went away: not an error worth a traceback.
        _discard_output()
        return 0
    except CorpusError as error:
        if isinstance(error, _OutputError):
            _discard_output()
        # One line, the library's own message with its suggestion; never a traceback.
        print(f"syria-russia-corpus: error: {escape_controls(_one_line(error), keep='')}", file=sys.stderr)
        return 2
    return status


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The parsed arguments; --help and --version print and exit here, their output flushed first.

    Flushed here, so that output that cannot be written is the one-line error,
    not a message from Python as it exits.
    """
    try:
        parser = _parser()
        args = parser.parse_args(argv)
        _refuse_unused_flags(parser, args)
    except SystemExit:
        _flush()
        raise
    return args


def _escape_what_cannot_be_encoded() -> None:
    # An ASCII or Latin-1 terminal (LANG=C, PYTHONIOENCODING=ascii) gets "\u2019"
    # for a character it cannot show, instead of a UnicodeEncodeError.
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")


def _write(text: str) -> None:
    if sys.stdout is None:
        raise _OutputError("standard output is closed; redirect it to a file or a pipe")
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _cannot_write(error) from None


def _flush() -> None:
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _cannot_write(error) from None


def _cannot_write(error: OSError) -> _OutputError:
    return _OutputError(f"cannot write the output: {error.strerror or error}")


def _discard_output() -> None:
    """Point standard output at the null device, so that flushing it at exit cannot fail again.

    Python flushes standard output once more as it exits; with the unwritten
    output still buffered, that would fail again and print a traceback.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass  # no file behind it (closed, or captured): nothing is flushed at exit


def _one_line(error: CorpusError) -> str:
    if isinstance(error, CorpusDataError):
        more = len(error.problems) - 1
        return error.problems[0] + (f" (and {more} more problems)" if more else "")
    return str(error)


def _parser() -> argparse.ArgumentParser:
    parser = _OneLineErrors(
        prog="syria-russia-corpus",
        description="Russia's stance on the Syrian conflict, 2012-2015: a curated dataset.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {package_version()} (data version {DATA_VERSION})",
    )
    parser.add_argument(
        "--data",
        metavar="DIR",
        type=_directory,
        help="add the records of DIR to the bundled corpus (they may refer to its records)",
    )
    parser.add_argument(
        "--alone",
        action="store_true",
        help="with --data (or check, compare), read the folder by itself, without the bundled corpus",
    )
    # What a command reads: the corpus (--data applies), folders of its own (check, compare), or neither.
    parser.set_defaults(run=_info, format="table", reads="corpus")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_OneLineErrors)

    info = commands.add_parser("info", help="summarize the corpus (the default)")
    info.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    info.set_defaults(run=_info)

    actors = _listing(commands, "actors", "list actors", _actors)
    actors.add_argument("--kind", help="only actors of this kind, e.g. person or state")

    quotes = _listing(commands, "quotes", "list quotes", _quotes)
    quotes.add_argument("--by", metavar="NAME", help="only quotes by this actor (id, name or alias)")
    quotes.add_argument("--kind", help="direct, partial or reported")
    quotes.add_argument(
        "--include-affiliated", action="store_true", help="with --by, add affiliated actors' quotes"
    )

    events = _listing(commands, "events", "list events", _events)
    events.add_argument("--between", nargs=2, metavar=("START", "END"), help="dates, e.g. 2012-05 2012-06-30")
    events.add_argument("--type", help="event type, e.g. massacre or consult")
    events.add_argument("--involving", metavar="NAME", help="only events this actor took part in")

    positions = _listing(commands, "positions", "list positions", _positions)
    positions.add_argument("--of", metavar="NAME", help="only positions of this actor")
    positions.add_argument("--topic", help="only positions on this topic, e.g. sanctions")
    positions.add_argument(
        "--include-affiliated", action="store_true", help="with --of, add affiliated actors"
    )

    search = _listing(commands, "search", "search quotes, events and positions", _search)
    search.add_argument("text", help="words to find (case, accents and punctuation ignored)")
    search.add_argument("--kinds", default=",".join(KINDS), help="comma-separated: quotes,events,positions")

    export = commands.add_parser("export", help="write the corpus as files")
    export.add_argument("directory", metavar="DIR")
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="json",
        help="json (the --data layout, the default), csv, ...",
    )
    export.add_argument("--overwrite", action="store_true", help="replace files that already exist")
    export.set_defaults(run=_export)

    verify = commands.add_parser(
        "verify", help="find every evidence span in your copies of the documents (exit 1 if any is not found)"
    )
    verify.add_argument("directory", metavar="DIR", help="folder of your copies of the documents (*.txt)")
    verify.set_defaults(run=_verify)

    _coding_commands(commands)

    citation = commands.add_parser("cite", help="print how to cite the dataset")
    citation.add_argument("--format", choices=CITATION_FORMATS, default="text")
    citation.set_defaults(run=lambda args: _print(cite(args.format)), reads="nothing")
    return parser


def _coding_commands(commands: Any) -> None:
    """The commands of a coder: new-source, check and compare, which read folders of their own."""
    check = commands.add_parser("check", help="check a coder's folder against every codebook rule")
    check.add_argument("directory", metavar="DIR", help="the folder of JSON files to check")
    check.add_argument("--documents", metavar="DOCS", help="also find every span in these documents")
    check.add_argument(
        "--fill-anchors",
        action="store_true",
        help="with --documents, write the anchor of every span found that has none into DIR's files",
    )
    _alone_flag(check)
    check.set_defaults(run=_check, reads="folders")

    compare = commands.add_parser("compare", help="intercoder agreement between two folders")
    compare.add_argument("first", metavar="DIR_A")
    compare.add_argument("second", metavar="DIR_B")
    _alone_flag(compare)
    compare.set_defaults(run=_compare, reads="folders")

    new_source = commands.add_parser("new-source", help="start coding a document: write its source record")
    new_source.add_argument("document", metavar="DOCUMENT", help="the document, a UTF-8 text file")
    new_source.add_argument("--into", metavar="DIR", required=True, help="the folder to code it in")
    new_source.set_defaults(run=_new_source, reads="nothing")


def _listing(
    commands: Any, name: str, help: str, run: Callable[[argparse.Namespace], Records[Any]]
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(name, help=help)
    parser.add_argument(
        "--format",
        choices=LISTING_FORMATS,
        default="table",
        help=(
            "table (the default); json: each record as the data files hold it, with its "
            "record_type when kinds mix; csv: the columns of the exports' tables"
        ),
    )
    parser.set_defaults(run=lambda args: _emit(run(args), args))
    return parser


def _alone_flag(command: argparse.ArgumentParser) -> None:
    # SUPPRESS: a default here would undo an --alone given before the command.
    command.add_argument(
        "--alone",
        action="store_true",
        default=argparse.SUPPRESS,
        help="read the folders by themselves, without the bundled corpus",
    )


def _refuse_unused_flags(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """A flag the command would ignore is a usage error, not a silent no-op."""
    if args.reads != "corpus" and args.data is not None:
        also = "; --alone reads them without the bundled corpus" if args.reads == "folders" else ""
        parser.error(f"--data does not apply to this command: it reads the folders it is given{also}")
    if args.reads != "folders" and args.alone and args.data is None:
        parser.error("--alone reads the folder of --data by itself: give --data DIR too")
    if getattr(args, "fill_anchors", False) and args.documents is None:
        parser.error("--fill-anchors needs --documents DOCS: anchors are read from the documents")


def _directory(value: str) -> str:
    # An empty --data would read the working directory, or, tested for truth, the bundled corpus.
    if not value:
        raise argparse.ArgumentTypeError("needs a directory; leave --data out to use the bundled corpus")
    return value


def _corpus(args: argparse.Namespace) -> Corpus:
    # Read once per run: several steps of one command need the corpus.
    if getattr(args, "corpus", None) is None:
        args.corpus = _bundled.load() if args.data is None else _read(args.data, args)
    corpus: Corpus = args.corpus
    return corpus


def _read(directory: str, args: argparse.Namespace) -> Corpus:
    """The folder *directory*, on the bundled corpus unless ``--alone``."""
    return Corpus.from_path(directory, base=None if args.alone else _bundled.load())


def _where(records: Records[Any], enum_type: type[Enum], value: str | None, field: str) -> Records[Any]:
    """The records whose *field* is the *enum_type* member *value* names; all of them if None."""
    if value is None:
        return records
    wanted = coerce_enum(enum_type, value, field)
    return records.filter(lambda record: getattr(record, field) is wanted)


def _actors(args: argparse.Namespace) -> Records[Any]:
    return _where(_corpus(args).actors(), ActorKind, args.kind, "kind")


def _quotes(args: argparse.Namespace) -> Records[Any]:
    corpus = _corpus(args)
    if args.by is not None:
        return corpus.quotes_by(args.by, kind=args.kind, include_affiliated=args.include_affiliated)
    return _where(corpus.quotes(), QuoteKind, args.kind, "kind")


def _events(args: argparse.Namespace) -> Records[Any]:
    start, end = args.between or ("0001", "9999")
    return _corpus(args).events_between(start, end, type=args.type, involving=args.involving)


def _positions(args: argparse.Namespace) -> Records[Any]:
    corpus = _corpus(args)
    if args.of is not None:
        return corpus.positions_of(args.of, topic=args.topic, include_affiliated=args.include_affiliated)
    return _where(corpus.positions(), Topic, args.topic, "topic")


def _search(args: argparse.Namespace) -> Records[Any]:
    kinds = [kind.strip() for kind in args.kinds.split(",") if kind.strip()]
    return _corpus(args).search(args.text, kinds=kinds)


def _emit(records: Records[Any], args: argparse.Namespace) -> int:
    if args.format == "json":
        return _print(json_for_terminal(_json_objects(records)))
    if args.format == "csv":
        # Data, written as it is: escaping a cell would change it for the program that reads it.
        table = table_for(records)
        _write(csv_bytes(table, table.rows(records, _corpus(args).actor_name)).decode("utf-8"))
        return 0
    return _print(text_table(records))


def _json_objects(records: Records[Any]) -> list[dict[str, Any]]:
    objects = records.to_dicts()
    if records.kind is None:  # search results: say which kind each record is
        return [{"record_type": record_kind(r).name, **o} for r, o in zip(records, objects, strict=True)]
    return objects


def _export(args: argparse.Namespace) -> int:
    written = _corpus(args).export(args.directory, format=args.format, overwrite=args.overwrite)
    return _print("\n".join(str(path) for path in written))


def _verify(args: argparse.Namespace) -> int:
    report = _corpus(args).verify(args.directory)
    _print(str(report))
    return 0 if report.ok else 1


def _check(args: argparse.Namespace) -> int:
    from ._check import check

    base = None if args.alone else _bundled.load()
    problems = check(args.directory, base=base, documents=args.documents, fill_anchors=args.fill_anchors)
    count = f"{len(problems)} problem{'' if len(problems) == 1 else 's'}" if problems else "no problems"
    _print("\n".join([*problems, count]))
    return 1 if problems else 0


def _compare(args: argparse.Namespace) -> int:
    from ._agreement import compare

    # Both folders are read on the bundled corpus (unless --alone): compare leaves its records out.
    first, second = (_read(directory, args) for directory in (args.first, args.second))
    return _print(str(compare(first, second)))


def _new_source(args: argparse.Namespace) -> int:
    from ._new_source import new_source

    source = new_source(args.document, into=args.into)
    return _print(
        f"{source.id}: written to {args.into}; edit its notes, then: syria-russia-corpus check {args.into}"
    )


def _print(text: str) -> int:
    """Write *text* and a line break, its control characters escaped; return 0."""
    _write(escape_controls(text) + "\n")
    return 0


def _info(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    summary = _summary(corpus)
    if args.format == "json":
        return _print(json_for_terminal(summary))
    counts, period = summary["counts"], summary["statements"]
    kinds = ", ".join(f"{n} {k}" for k, n in summary["quote_kinds"].items())
    earlier = (
        f", {summary['events_before']} of them historical events before the statements" if period else ""
    )
    lines = [
        f"syria_russia_corpus: data version {summary['data_version']}",
        f"  {counts['sources']} sources, {counts['actors']} actors",
        *(
            ["  no dated statements"]
            if period is None
            else [
                f"  statements (quotes and positions) dated {period['periods']}",
                *(
                    f"  no statement coded from {gap['first']} to {gap['last']} ({gap['months']} months)"
                    for gap in period["gaps"]
                ),
            ]
        ),
        f"  {counts['quotes']} quotes ({kinds}), {counts['positions']} positions",
        f"  {counts['events']} events{earlier}",
        "Sources:",
        *(
            f"  {source['published']:<12} {source['outlet'] or 'unknown outlet'}: {source['title']}"
            for source in summary["sources"]
        ),
    ]
    if summary["most_quoted"]:
        lines += ["Most quoted:", *(f"  {s['quotes']:>3}  {s['name']}" for s in summary["most_quoted"])]
    # The titles, outlets and names come from the data: escaped, like every line shown.
    return _print("\n".join(lines))


def _summary(corpus: Corpus) -> dict[str, Any]:
    quotes = corpus.quotes()
    months = corpus.coverage()
    top = Counter(q.speaker_id for q in quotes).most_common(5)
    return {
        "data_version": DATA_VERSION,
        "counts": {kind.collection: len(getattr(corpus, kind.collection)()) for kind in KINDS_OF_RECORDS},
        "statements": _period(months) if months else None,
        "events_before": sum(1 for e in corpus.events() if months and month_of(e.date) < months[0].month),
        "quote_kinds": dict(sorted(Counter(q.kind.value for q in quotes).items())),
        "sources": [
            {"id": s.id, "published": str(s.published), "outlet": s.outlet, "title": s.title}
            for s in corpus.sources()
        ],
        "most_quoted": [
            {"id": speaker_id, "name": corpus.actor(speaker_id).name, "quotes": count}
            for speaker_id, count in top
        ],
    }


def _period(months: Records[MonthCoverage]) -> dict[str, Any]:
    """The statements' first and last month, and every gap of three months or more."""
    spans = gaps(months)
    return {
        "first": months[0].month,
        "last": months[-1].month,
        "periods": describe(months),
        "gaps": [{"first": first, "last": last, "months": _between(first, last)} for first, last in spans],
    }


def _between(first: str, last: str) -> int:
    return (int(last[:4]) - int(first[:4])) * 12 + int(last[5:]) - int(first[5:]) + 1


class _OneLineErrors(argparse.ArgumentParser):
    """Usage errors in one line, like every other error of the command."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse drops a failed write of --help or --version silently (3.12 on)
        # or raises it raw (3.10); written like every other output, it is the one-line error.
        if message and file is sys.stdout:
            _write(message)
        else:
            super()._print_message(message, file)

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog.split()[0]} --help)\n")
