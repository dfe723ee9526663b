"""How records look to a person: text tables, HTML tables and single-record views.

Every cell comes from the one column model (:mod:`._columns`); this module
only chooses which columns a person reads and lays them out. Names and
documents come from the corpus a display is given, never from elsewhere.
"""

from __future__ import annotations

import datetime
import html
import os
import shutil
import textwrap
from collections.abc import Mapping, Sequence, Set
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import attrs

from ._columns import DELIMITER, MIXED, Cell, Names, Table, table_for, table_of
from ._normalize import normalize_whitespace
from ._records import Evidence, Fatalities
from ._schema import ACTORS, EVENTS, KINDS, POSITIONS, QUOTES, SOURCES, class_names, kind_of
from ._terminal import escape_controls
from .exceptions import ArgumentTypeError, DocumentError
from .typing import Record

if TYPE_CHECKING:
    from ._collection import Records
    from ._corpus import Corpus
    from ._verify import Match

#: Environment variable naming a directory of the source documents.
DOCUMENTS_ENV: Final = "SYRIA_RUSSIA_CORPUS_DOCUMENTS"

_HTML_ROWS: Final = 50
_CONTEXT: Final = 80
_NARROW: Final = 28  # widest a column other than the text column gets in a text table
_NARROWEST: Final = 6  # and the narrowest: "Russi…" still reads

# The columns a person reads, by table; the last one holds the text and takes the spare width.
_SHOWN: Final = {
    SOURCES.collection: ("published", "outlet", "title"),
    ACTORS.collection: ("id", "name", "kind", "affiliation_name"),
    QUOTES.collection: ("date", "speaker_name", "kind", "text"),
    EVENTS.collection: ("date", "type", "participant_names", "title"),
    POSITIONS.collection: ("date", "actor_name", "topic", "stance", "basis", "summary"),
    "stance_changes": (
        "date",
        "actor_name",
        "topic",
        "from_stance",
        "to_stance",
        "certain",
        "from_basis",
        "to_basis",
        "summary",
    ),
    MIXED.name: ("record_type", "date", "id", "text"),
}

# A terminal is narrower than a notebook: there, whether a change is certain, not its bases and
# summary, fills the last column, since at 80 columns an interval date leaves room for no more.
_SHOWN_IN_TEXT: Final = {
    "stance_changes": ("date", "actor_name", "topic", "from_stance", "to_stance", "certain"),
}
_TEXT_HEADERS: Final = {"from_stance": "from", "to_stance": "to"}

# Besides dates, the short values that say how sure a change is and on what basis are never cut.
_UNCUT: Final = frozenset(
    {"stance", "basis", "from", "to", "from stance", "to stance", "certain", "from basis", "to basis"}
)

_QUALIFIERS: Final = {
    "exact": "",
    "at_least": "at least ",
    "more_than": "more than ",
    "approximately": "about ",
}


def _no_names(_: str) -> None:
    return None


def _names(corpus: Corpus | None) -> Names:
    return _no_names if corpus is None else corpus.actor_name


def text_of(cell: Cell) -> str:
    """A cell as a person reads it."""
    if cell is None:
        return ""
    if isinstance(cell, tuple):
        return DELIMITER.join(cell)
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return str(cell)


def _shown(table: Table) -> list[str]:
    return list(_SHOWN.get(table.name, [column.name for column in table.columns]))


def _header(name: str) -> str:
    return name.removesuffix("_name").removesuffix("_names").replace("_", " ")


class _Grid(NamedTuple):
    """The cells of a display: headers, one row of text per record, and which columns hold dates."""

    headers: list[str]
    rows: list[list[str]]
    dates: list[bool]


def _grid(
    records: Records[Any], names: Sequence[str] | None = None, headers: Mapping[str, str] | None = None
) -> _Grid:
    table = table_for(records)
    shown = list(names) if names is not None else _shown(table)
    columns = [table.column(name) for name in shown if any(c.name == name for c in table.columns)]
    resolve = _names(records.corpus)
    rows = [[escape_controls(text_of(column.get(r, resolve))) for column in columns] for r in records]
    shown = [(headers or {}).get(column.name) or _header(column.name) for column in columns]
    return _Grid(shown, rows, [column.edtf for column in columns])


def text_table(records: Records[Any], *, width: int | None = None) -> str:
    """A plain-text table of *records* in *width* columns (the terminal's by default).

    Dates are never cut. The other columns but the last share what the dates
    leave, each up to its content or :data:`_NARROW` characters, so that the
    last, the text, keeps at least a third of the width; it wraps.
    """
    if not records:
        return "(no records)"
    width = width or shutil.get_terminal_size((100, 24)).columns
    table = table_for(records)
    headers, rows, dates = _grid(records, _SHOWN_IN_TEXT.get(table.name), _TEXT_HEADERS)
    natural = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers[:-1])]
    # A date is never cut: "2012-02-27~/2012-03…" would say something else.
    whole = [date or header in _UNCUT for header, date in zip(headers, dates, strict=False)]
    pairs = list(zip(natural, whole, strict=False))
    # The last column keeps a third of the width, or what it needs if that is less.
    last = max(len(headers[-1]), *(len(row[-1]) for row in rows))
    room = width - min(width // 3, last) - 2 * len(natural) - sum(n for n, kept in pairs if kept)
    shares = iter(_share([n for n, kept in pairs if not kept], room))
    widths = [n if kept else next(shares) for n, kept in pairs]
    text_width = max(width - sum(widths) - 2 * len(widths), 12)
    cut = [_shorten(h, w) for h, w in zip(headers, [*widths, text_width], strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(cut, [*widths, text_width], strict=True)).rstrip()]
    for row in rows:
        wrapped = textwrap.wrap(row[-1], text_width) or [""]
        lead = "  ".join(_shorten(cell, w).ljust(w) for cell, w in zip(row, widths, strict=False))
        indent = " " * len(lead)
        lines.append(f"{lead}  {wrapped[0]}".rstrip() if widths else wrapped[0])
        lines += [f"{indent}  {more}".rstrip() if widths else more for more in wrapped[1:]]
    return "\n".join(lines)


def _share(natural: Sequence[int], room: int) -> list[int]:
    """Widths for columns of *natural* widths in *room* characters, narrowest first.

    A column narrower than its share keeps its width and leaves the rest to
    the wider ones; none is wider than :data:`_NARROW` or narrower than
    :data:`_NARROWEST`.
    """
    widths = list(natural)
    for place, index in enumerate(sorted(range(len(natural)), key=natural.__getitem__)):
        share = room // (len(natural) - place)
        widths[index] = max(min(natural[index], share, _NARROW), _NARROWEST)
        room -= widths[index]
    return widths


def html_table(records: Records[Any]) -> str:
    """An HTML table of *records*: id first, names resolved, text left-aligned, all escaped."""
    count = len(records)
    if not records:
        return "<p><em>0 records</em></p>"
    table = table_for(records)
    shown = _shown(table)
    names = ["id", *(name for name in shown if name != "id")]
    headers, rows, dates = _grid(records[:_HTML_ROWS], names)
    sources = [_sources(record) for record in records[:_HTML_ROWS]]
    if any(sources):
        headers.append("source")
        dates.append(False)
        rows = [[*row, source] for row, source in zip(rows, sources, strict=True)]
    left = 'style="text-align:left;vertical-align:top"'
    head = "".join(f"<th {left}>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td {left}{' nowrap' if date else ''}>{html.escape(_shorten(cell, 240))}</td>"
            for date, cell in zip(dates, row, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    noun = "record" if count == 1 else "records"
    more = f", first {_HTML_ROWS} shown" if count > _HTML_ROWS else ""
    kind = html.escape(class_names(records.kind, records))
    return (
        f"<div><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        f"<p><small>{count} {noun} ({kind}{more})</small></p></div>"
    )


def _sources(record: Any) -> str:
    spans = getattr(record, "evidence", ())
    return ", ".join(dict.fromkeys(span.source_id for span in spans))


def _shorten(text: str, width: int) -> str:
    """Cut *text* to *width* characters, ending with an ellipsis if cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


class _Passage(NamedTuple):
    """An evidence span with the words around it, when the document is at hand."""

    where: str
    before: str = ""
    words: str = ""
    after: str = ""

    def __str__(self) -> str:
        text = f"{self.where}: …{self.before} [{self.words}] {self.after}…" if self.words else self.where
        return escape_controls(text)

    def html(self) -> str:
        if not self.words:
            return html.escape(self.where)
        return (
            f"{html.escape(self.where)}<br>…{html.escape(self.before)} "
            f"<mark>{html.escape(self.words)}</mark> {html.escape(self.after)}…"
        )


@attrs.frozen
class RecordView:
    """One record as a person reads it: fields with actors named, evidence in context.

    Attributes:
        record: The record shown.
        corpus: The corpus it belongs to: it names actors and finds documents.
    """

    record: Record = attrs.field(validator=lambda _, __, record: _require_record(record))
    corpus: Corpus

    def fields(self) -> list[tuple[str, str]]:
        """Label and text of each field shown, actors named, empty fields left out."""
        columns = table_of(type(self.record)).columns
        # A reference shows as the names it resolves to, not as ids.
        named = {
            c.name.removesuffix("_names").removesuffix("_name")
            for c in columns
            if c.name.endswith(("_name", "_names"))
        }
        names = self.corpus.actor_name
        lines = [
            (_header(column.name), escape_controls(text_of(column.get(self.record, names))))
            for column in columns
            if column.name != "evidence"
            and not column.name.endswith(("_earliest", "_latest"))
            and not column.name.startswith("fatalities")
            and column.name.removesuffix("_ids").removesuffix("_id") not in named
        ]
        fatalities = getattr(self.record, "fatalities", None)
        if isinstance(fatalities, Fatalities):
            lines.append(("fatalities", f"{_QUALIFIERS[fatalities.qualifier.value]}{fatalities.count:,}"))
        return [(label, text) for label, text in lines if text]

    def passages(self) -> list[_Passage]:
        """Each evidence span, with its words in context when the document is at hand.

        The document is the corpus's own copy: the file of the documents folder
        with the source's SHA-256, or else the one that holds its words. A span
        found elsewhere than its offsets say is shown where it was found.
        """
        evidence: tuple[Evidence, ...] = getattr(self.record, "evidence", ())
        matches = _matches(self.corpus, {span.source_id for span in evidence})
        passages = []
        for span in evidence:
            where = f"{span.source_id} [{span.start}:{span.end}]"
            match = matches.get(span.source_id)
            found = None if match is None else match.find(span)
            if match is None or found is None or found.start is None or found.end is None:
                passages.append(_Passage(where))
                continue
            start, end, text = found.start, found.end, match.finder.text
            if found.status == "moved":
                where += f", found at [{start}:{end}] of {match.document.path.name}"
            passages.append(
                _Passage(
                    where,
                    _shorten(text[max(start - _CONTEXT, 0) : start], _CONTEXT),
                    normalize_whitespace(text[start:end]),
                    _shorten(text[end : end + _CONTEXT], _CONTEXT),
                )
            )
        return passages

    def _title(self) -> str:
        return escape_controls(f"{type(self.record).__name__} {getattr(self.record, 'id', '')}".strip())

    def __str__(self) -> str:
        lines = [*self.fields(), *((f"evidence[{i}]", str(p)) for i, p in enumerate(self.passages()))]
        width = max((len(label) for label, _ in lines), default=0)
        return "\n".join([self._title(), *(f"  {label.ljust(width)}  {text}" for label, text in lines)])

    def _repr_html_(self) -> str:
        left = 'style="text-align:left;vertical-align:top"'
        rows = [
            f"<tr><th {left}>{html.escape(label)}</th><td {left}>{html.escape(text)}</td></tr>"
            for label, text in self.fields()
        ]
        rows += [
            f"<tr><th {left}>evidence[{i}]</th><td {left}>{passage.html()}</td></tr>"
            for i, passage in enumerate(self.passages())
        ]
        return f"<div><strong>{html.escape(self._title())}</strong><table>{''.join(rows)}</table></div>"


def _require_record(record: object) -> None:
    """Refuse what is not a record, such as an id passed in its place."""
    if kind_of(type(record)) is None:
        classes = ", ".join(kind.record_class.__name__ for kind in KINDS)
        hint = (
            "; look it up first, as corpus.actor(...) or corpus.quote(...)" if isinstance(record, str) else ""
        )
        raise ArgumentTypeError(f"show() takes a record ({classes}), not {type(record).__name__}{hint}")


def _matches(corpus: Corpus, source_ids: Set[str]) -> Mapping[str, Match]:
    """The file of the documents folder found for each of *source_ids*, sources of *corpus*."""
    directory = os.environ.get(DOCUMENTS_ENV)
    if not source_ids or not directory:
        return {}
    from ._documents import read_documents
    from ._verify import match_documents, spans_by_source

    try:
        documents, _ = read_documents(directory)
    except DocumentError:
        return {}  # a setting that names no folder of documents shows the record without them
    spans = {source_id: own for source_id, own in spans_by_source(corpus).items() if source_id in source_ids}
    sources = [source for source in corpus.sources() if source.id in source_ids]
    return match_documents(sources, documents, spans)
