"""Full-text search over quote texts, event titles and summaries, and position summaries."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Final

from ._records import Event, Position, Quote
from .exceptions import ArgumentTypeError, InvalidQueryError

Searchable = Quote | Event | Position

#: What ``kinds`` accepts, singular or plural.
KINDS: Final = ("quotes", "events", "positions")


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
    """The folded text a record is searched by."""
    if isinstance(record, Quote):
        return search_key(record.text)
    if isinstance(record, Event):
        return search_key(f"{record.title} {record.summary}")
    return search_key(record.summary)


def wanted_kinds(kinds: str | Iterable[str]) -> frozenset[str]:
    """Normalize the ``kinds`` argument to a set of plural kind names."""
    names = [kinds] if isinstance(kinds, str) else kinds
    if not isinstance(names, Iterable):
        raise ArgumentTypeError(f"kinds must be a string or strings from {KINDS}, not {type(kinds).__name__}")
    result = set()
    for name in names:
        plural = name if isinstance(name, str) and name.endswith("s") else f"{name}s"
        if plural not in KINDS:
            raise InvalidQueryError(f"kinds: {name!r} is not one of {', '.join(map(repr, KINDS))}")
        result.add(plural)
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
