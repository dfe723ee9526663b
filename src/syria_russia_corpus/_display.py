"""How records look in a terminal and in Jupyter: text tables and escaped HTML."""

from __future__ import annotations

import functools
import html
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from ._records import Actor, Event, Evidence, Position, Quote, Source
from ._timeline import StanceChange

NameOf = Callable[[str], str | None]
Cell = Callable[[Any, NameOf], str]

#: Environment variable naming a directory of the source documents.
DOCUMENTS_ENV: Final = "SYRIA_RUSSIA_CORPUS_DOCUMENTS"

_HTML_ROWS: Final = 50
_CONTEXT: Final = 80


def _date(record: Any, _: NameOf) -> str:
    return "" if record.date is None else str(record.date)


def _value(name: str) -> Cell:
    def get(record: Any, _: NameOf) -> str:
        value = getattr(record, name)
        return "" if value is None else str(getattr(value, "value", value))

    return get


def _named(name: str) -> Cell:
    def get(record: Any, name_of: NameOf) -> str:
        actor_id = getattr(record, name)
        return "" if actor_id is None else name_of(actor_id) or actor_id

    return get


def _participants(record: Any, name_of: NameOf) -> str:
    return ", ".join(name_of(i) or i for i in record.participant_ids)


def _kind(record: Any, _: NameOf) -> str:
    return type(record).__name__.lower()


def _gist(record: Any, _: NameOf) -> str:
    if isinstance(record, Quote):
        return record.text
    if isinstance(record, Event):
        return record.title
    return str(record.summary)


_COLUMNS: Final[dict[type[Any], tuple[tuple[str, Cell], ...]]] = {
    Quote: (
        ("date", _date),
        ("speaker", _named("speaker_id")),
        ("kind", _value("kind")),
        ("text", _value("text")),
    ),
    Event: (
        ("date", _date),
        ("type", _value("type")),
        ("title", _value("title")),
        ("participants", _participants),
    ),
    Position: (
        ("date", _date),
        ("actor", _named("actor_id")),
        ("topic", _value("topic")),
        ("stance", _value("stance")),
        ("basis", _value("basis")),
        ("summary", _value("summary")),
    ),
    Actor: (
        ("id", _value("id")),
        ("name", _value("name")),
        ("kind", _value("kind")),
        ("affiliation", _named("affiliation_id")),
    ),
    Source: (("published", _value("published")), ("outlet", _value("outlet")), ("title", _value("title"))),
    StanceChange: (
        ("date", _date),
        ("topic", _value("topic")),
        ("from", _value("from_stance")),
        ("to", _value("to_stance")),
        ("actor", lambda change, name_of: name_of(change.after.actor_id) or change.after.actor_id),
        ("summary", lambda change, _: change.after.summary),
    ),
}
_MIXED: Final = (("record", _kind), ("date", _date), ("id", _value("id")), ("text", _gist))


def columns_for(records: Sequence[Any]) -> tuple[tuple[str, Cell], ...]:
    """The display columns for *records*: per kind, or a generic set for a mix."""
    kinds = {type(record) for record in records}
    return _COLUMNS[kinds.pop()] if len(kinds) == 1 else _MIXED


def cells(records: Sequence[Any], name_of: NameOf) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of display text for *records*."""
    columns = columns_for(records)
    return [header for header, _ in columns], [[get(r, name_of) for _, get in columns] for r in records]


def shorten(text: str, width: int) -> str:
    """Cut *text* to *width* characters, ending with an ellipsis if cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def text_table(records: Sequence[Any], name_of: NameOf, *, width: int = 100) -> str:
    """A plain-text table of *records* that fits in *width* columns."""
    if not records:
        return "(no records)"
    headers, rows = cells(records, name_of)
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    # The last column (the text) takes whatever width is left over.
    fixed = sum(widths[:-1]) + 2 * (len(widths) - 1)
    widths[-1] = max(min(widths[-1], width - fixed), 10)
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines += [
        "  ".join(shorten(c, w).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    return "\n".join(lines)


def html_table(records: Sequence[Any], name_of: NameOf) -> str:
    """An HTML table of *records*: key fields, names resolved, text shortened, all escaped."""
    count = len(records)
    noun = "record" if count == 1 else "records"
    if not records:
        return "<p><em>0 records</em></p>"
    shown = records[:_HTML_ROWS]
    headers, rows = cells(shown, name_of)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(shorten(cell, 160))}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    more = f", first {_HTML_ROWS} shown" if count > _HTML_ROWS else ""
    kind = html.escape(type(records[0]).__name__)
    return (
        f"<div><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        f"<p><small>{count} {noun} ({kind}{more})</small></p></div>"
    )


def record_html(record: Any) -> str:
    """An HTML view of one record: its fields, and its evidence with surrounding words."""
    rows = []
    for field in attrs.fields(type(record)):
        if field.name == "evidence":
            continue
        value = getattr(record, field.name)
        shown = ", ".join(str(getattr(v, "value", v)) for v in value) if isinstance(value, tuple) else value
        text = "" if shown is None else str(getattr(shown, "value", shown))
        rows.append(f"<tr><th>{html.escape(field.name)}</th><td>{html.escape(text)}</td></tr>")
    for index, span in enumerate(getattr(record, "evidence", ())):
        rows.append(f"<tr><th>evidence[{index}]</th><td>{_evidence_html(span)}</td></tr>")
    title = html.escape(f"{type(record).__name__} {getattr(record, 'id', '')}".strip())
    return f"<div><strong>{title}</strong><table>{''.join(rows)}</table></div>"


def _evidence_html(span: Evidence) -> str:
    where = html.escape(f"{span.source_id} [{span.start}:{span.end}]")
    text = _document_text(span.source_id)
    if text is None or span.end > len(text):
        return where
    before = text[max(span.start - _CONTEXT, 0) : span.start]
    after = text[span.end : span.end + _CONTEXT]
    words = (
        f"…{html.escape(shorten(before, _CONTEXT))} <mark>{html.escape(text[span.start : span.end])}</mark> "
        f"{html.escape(shorten(after, _CONTEXT))}…"
    )
    return f"{where}<br>{words}"


def _document_text(source_id: str) -> str | None:
    """The text of a bundled source's document, if the documents directory is set."""
    directory = os.environ.get(DOCUMENTS_ENV)
    if not directory:
        return None
    return _documents_in(directory).get(source_id)


@functools.lru_cache(maxsize=4)
def _documents_in(directory: str) -> dict[str, str]:
    from ._bundled import load
    from ._verify import find_documents

    root = Path(directory)
    if not root.is_dir():
        return {}
    by_hash = find_documents(root)
    return {
        source.id: by_hash[source.sha256].read_text(encoding="utf-8")
        for source in load().sources()
        if source.sha256 in by_hash
    }
