"""Anchors: making them from a document, and finding their words again in any copy of it.

A span is first looked for at its stated offsets (the position selector). If
its words are not there, every place in the copy whose first characters have
the anchor's rolling hash is a candidate (Rabin–Karp: one pass over the copy
finds the candidates of every span at once), and a candidate holds the span
if its SHA-256 digest is the anchor's. When the words occur more than once,
the hashes of the text on either side choose between them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence, Set
from typing import Final, NamedTuple

from ._normalize import Normalized, normalize
from ._records import CONTEXT_DIGITS, DIGEST_DIGITS, HEAD_MODULUS, Anchor, Evidence
from .typing import SpanStatus

#: How many characters the rolling hash of a span's start covers.
HEAD: Final = 8
#: How many characters on either side of a span its prefix and suffix hash.
CONTEXT: Final = 16
# The rolling hash: a polynomial in the code points, modulo a prime below 2**31.
_BASE: Final = 1_000_003


class Found(NamedTuple):
    """Where a span's words are in a copy of its document.

    Attributes:
        status: ``"exact"`` at the stated offsets, ``"moved"`` found once
            elsewhere, ``"ambiguous"`` found in several places no context
            tells apart, ``"missing"`` not found.
        start: Offset of the words in the copy, or None unless exact or moved.
        end: Offset one past them, or None unless exact or moved.
        places: Every place the words were found, as ``(start, end)`` offsets in the copy.
    """

    status: SpanStatus
    start: int | None = None
    end: int | None = None
    places: tuple[tuple[int, int], ...] = ()


def digest(text: str, digits: int = DIGEST_DIGITS) -> str:
    """The first *digits* hex digits of the SHA-256 of *text* in UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:digits]


def rolling_hash(text: str) -> int:
    """The rolling hash of *text*, the value :class:`Finder` computes over every window of its length."""
    value = 0
    for char in text:
        value = (value * _BASE + ord(char)) % HEAD_MODULUS
    return value


def anchor_of(document: Normalized, start: int, end: int) -> Anchor | None:
    """The anchor of the original's ``[start:end]``, or None if it holds no words."""
    first, last = document.span(start, end)
    if first == last:
        return None
    text = document.text
    return Anchor(
        digest=digest(text[first:last]),
        length=last - first,
        head=rolling_hash(text[first : min(first + HEAD, last)]),
        prefix=digest(text[max(first - CONTEXT, 0) : first], CONTEXT_DIGITS),
        suffix=digest(text[last : last + CONTEXT], CONTEXT_DIGITS),
    )


class Finder:
    """One copy of a document, normalized once, in which the anchors it is given are found.

    Each window width gets its index of rolling hashes on first use: every
    span of eight characters or more shares the one index of width
    :data:`HEAD`. The index keeps only the places whose hash is the head of
    one of the anchors, so that a large copy costs one pass and little memory.
    """

    def __init__(self, text: str, anchors: Iterable[Anchor]) -> None:
        self.text = text
        self.normalized = normalize(text)
        self._heads: dict[int, set[int]] = {}
        for anchor in anchors:
            self._heads.setdefault(min(anchor.length, HEAD), set()).add(anchor.head)
        self._indexes: dict[int, dict[int, list[int]]] = {}

    def find(self, evidence: Evidence) -> Found:
        """Where *evidence*'s words are in this copy; by position only if it has no anchor."""
        anchor = evidence.anchor
        if anchor is None:
            if 0 <= evidence.start < evidence.end <= len(self.text):
                return Found("exact", evidence.start, evidence.end)
            return Found("missing")
        if evidence.end <= len(self.text) and self.holds(anchor, evidence.start, evidence.end):
            return Found("exact", evidence.start, evidence.end)
        return self.search(anchor)

    def holds(self, anchor: Anchor, start: int, end: int) -> bool:
        """Whether the copy's ``[start:end]`` holds the anchor's words."""
        first, last = self.normalized.span(start, end)
        return last - first == anchor.length and digest(self.normalized.text[first:last]) == anchor.digest

    def search(self, anchor: Anchor) -> Found:
        """Every place in the copy that holds the anchor's words, told apart by context if need be."""
        text = self.normalized.text
        size = anchor.length
        # A hit must begin and end on whole characters of the copy: "." is not in "…".
        hits = [
            place
            for place in self._index(min(size, HEAD)).get(anchor.head, ())
            if place + size <= len(text)
            and not self.normalized.splits(place)
            and not self.normalized.splits(place + size)
            and digest(text[place : place + size]) == anchor.digest
        ]
        places = tuple(self.normalized.original(place, place + size) for place in hits)
        if len(hits) > 1:
            hits = _best_context(text, hits, anchor)
        if len(hits) != 1:
            return Found("missing" if not places else "ambiguous", places=places)
        start, end = self.normalized.original(hits[0], hits[0] + size)
        return Found("moved", start, end, places)

    def _index(self, width: int) -> dict[int, list[int]]:
        """Where each wanted rolling hash of *width* characters starts in the normalized copy."""
        index = self._indexes.get(width)
        if index is None:
            heads = self._heads.get(width, set())
            index = self._indexes[width] = _windows(self.normalized.text, width, heads) if heads else {}
        return index


def _windows(text: str, width: int, heads: Set[int]) -> dict[int, list[int]]:
    """The start of every window of *width* characters of *text* whose rolling hash is in *heads*."""
    index: dict[int, list[int]] = {}
    if len(text) < width:
        return index
    codes = [ord(char) for char in text]
    value = rolling_hash(text[:width])
    if value in heads:
        index[value] = [0]
    # The weight of the character that leaves the window as it slides on by one.
    leaving = pow(_BASE, width - 1, HEAD_MODULUS)
    for place, (left, entering) in enumerate(zip(codes, codes[width:], strict=False), 1):
        value = ((value - left * leaving) * _BASE + entering) % HEAD_MODULUS
        if value in heads:
            index.setdefault(value, []).append(place)
    return index


def _best_context(text: str, hits: Sequence[int], anchor: Anchor) -> list[int]:
    """The hits whose surroundings match the anchor's prefix and suffix best."""

    def score(place: int) -> int:
        before = digest(text[max(place - CONTEXT, 0) : place], CONTEXT_DIGITS) == anchor.prefix
        end = place + anchor.length
        after = digest(text[end : end + CONTEXT], CONTEXT_DIGITS) == anchor.suffix
        return before + after

    scores = {place: score(place) for place in hits}
    best = max(scores.values())
    return [place for place in hits if scores[place] == best]
