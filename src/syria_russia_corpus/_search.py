"""Full-text search over quote texts, event titles and summaries, and position summaries."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final, cast

from ._records import Event, Position, Quote
from ._schema import SEARCHED, record_kind
from .exceptions import ArgumentTypeError, InvalidQueryError

if TYPE_CHECKING:
    from .typing import SearchKind

Searchable = Quote | Event | Position

#: The collections ``kinds`` names, each also accepted in the singular.
KINDS: Final = cast("tuple[SearchKind, ...]", tuple(kind.collection for kind in SEARCHED))

_COLLECTIONS: Final = {name: kind.collection for kind in SEARCHED for name in (kind.name, kind.collection)}


def search_key(text: str) -> str:
    """Fold *text* for matching: case folded, accents stripped, punctuation as spaces.

    Example:
        >>> search_key("Assad’s  régime—“unacceptable”")
        ' assad s regime unacceptable '
    """
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    # Padding with spaces lets a query match at either end without special cases.
    return " " + " ".join(kept.split()) + " "


def searchable_text(record: Searchable) -> str:
    """The folded text a record is searched by: its kind's searched fields."""
    fields = record_kind(record).searched_fields
    return search_key(" ".join(getattr(record, field) for field in fields))


def wanted_kinds(kinds: str | Iterable[str]) -> frozenset[str]:
    """Normalize the ``kinds`` argument to a set of plural kind names."""
    names = [kinds] if isinstance(kinds, str) else kinds
    if not isinstance(names, Iterable):
        raise ArgumentTypeError(f"kinds must be a string or strings from {KINDS}, not {type(kinds).__name__}")
    result = set()
    for name in names:
        collection = _COLLECTIONS.get(name) if isinstance(name, str) else None
        if collection is None:
            raise InvalidQueryError(f"kinds: {name!r} is not one of {', '.join(map(repr, KINDS))}")
        result.add(collection)
    return frozenset(result)


def matches(query: str, index: Sequence[tuple[str, Searchable]]) -> list[Searchable]:
    """The records of *index* whose folded text holds the folded *query*."""
    if not isinstance(query, str):
        raise ArgumentTypeError(f"search text must be a str, not {type(query).__name__}")
    needle = search_key(query).strip()
    if not needle:
        raise InvalidQueryError(f"search text {query!r} has no letters or digits to search for")
    # A match starts at a word's start: "sanction" finds "sanctions", "ssad" does not find "Assad".
    padded = " " + needle
    return [record for text, record in index if padded in text]
