"""The one notion of "the same words" that verify, locate and anchors share.

Two copies of a document differ in ways that leave their words alone: line
endings, re-wrapped lines, non-breaking spaces, curly or straight quotes, one
dash or another, compatibility characters, invisible marks. Both sides are
normalized before they are compared, so these differences vanish; an offset
map leads a match in the normalized text back to the characters of the copy
it came from, so that a span found in a user's copy is given in that copy's
own offsets.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from typing import Final

import attrs

# Invisible marks that web pages scatter in words (soft hyphen, zero-width
# space, word joiner, byte order mark) go first, so that a mark between a
# letter and its accent does not keep NFKC from composing them.
_INVISIBLE: Final = "\u00ad\u200b\u2060\ufeff"
_DROPPED: Final = dict.fromkeys(map(ord, _INVISIBLE))
# After NFKC (which already turns the non-breaking hyphen into a hyphen and the
# ellipsis into "..."), quotation marks and apostrophes become ' and ", the dash family -.
_UNIFIED: Final = {
    **dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u02bc"), "'"),
    **dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f"), '"'),
    **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-"),
}

# A run of non-ASCII characters, with the character before it when the run
# starts with a mark that NFKC may compose with it ("e" + U+0301).
_COMBINING: Final = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_NON_ASCII: Final = re.compile(rf"(?:[^\s](?=[{_COMBINING}{_INVISIBLE}]))?[^\x00-\x7f]+")
# What the last step rewrites, after the dashes are one "-": a line break after a letter and
# its hyphen, which re-wrapping puts inside a hyphenated word ("all-\nout"), is dropped; a run of
# hyphens, as plain-text copies write a dash ("--"), is one; only white space that changes, a run
# of two or more or one character that is not a space, is one space.
_REWRITTEN: Final = re.compile(
    r"(?P<joined>(?<=[^\W\d_]-)[^\S\n]*\n\s*(?=[^\W\d_]))|(?P<dashes>-{2,})|\s{2,}|[^\S ]"
)


@attrs.frozen(eq=False)
class Normalized:
    r"""A text in normalized form, with the way back to the original's offsets.

    Attributes:
        text: The normalized text.
        original_length: How many characters the original has.

    Example:
        >>> doc = normalize("He said:\r\n\u201cWe aren\u2019t\u00a0going.\u201d")
        >>> doc.text
        'He said: "We aren\'t going."'
        >>> start = doc.text.index("We")
        >>> doc.original(start, start + 17)
        (11, 28)
    """

    text: str
    original_length: int
    # For each normalized character, the original offsets of the first
    # character it comes from and one past the last: both never decrease.
    _starts: array[int] = attrs.field(repr=False)
    _ends: array[int] = attrs.field(repr=False)

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The offsets in the original of the normalized ``text[start:end]`` (not empty)."""
        return self._starts[start], self._ends[end - 1]

    def splits(self, position: int) -> bool:
        """Whether *position* falls inside what one original character became ("…" became "...")."""
        return 0 < position < len(self.text) and self._starts[position] == self._starts[position - 1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The normalized range of the original's ``[start:end]``, without spaces at its edges.

        A character counts as inside when everything it comes from is inside, so
        a range inside what one character became (a line break of a run of
        white space made one space) is empty.
        """
        first = bisect_left(self._starts, max(start, 0))
        last = max(bisect_right(self._ends, end), first)
        while first < last and self.text[first] == " ":
            first += 1
        while last > first and self.text[last - 1] == " ":
            last -= 1
        return first, last


def normalize(text: str) -> Normalized:
    r"""Normalize *text* the way every comparison of words in this package does.

    In order: Unicode NFKC (each character with its combining marks);
    quotation marks and apostrophes made straight (``‘ ’ ‚ ‛ ʼ`` to ``'``,
    ``“ ” „ ‟`` to ``"``); the dash family (``‐ ‑ ‒ – — ― −``) made ``-``;
    soft hyphens, zero-width spaces, word joiners and byte order marks
    removed; a line break after a letter and its hyphen removed; a run of
    hyphens made one; every other run of white space, line breaks and
    non-breaking spaces included, made one space. Letters, case and other
    punctuation are kept.

    Example:
        >>> normalize("Russia\u2019s \u2013 \u201cisolated\u201d\r\n  now\u2026").text
        'Russia\'s - "isolated" now...'
        >>> normalize("an all-\nout war -- or not").text
        'an all-out war - or not'
    """
    first, starts, ends = _characters(text)
    # Rewrite white space and dashes, composing the two offset maps.
    pieces: list[str] = []
    out_starts: array[int] = array("q")
    out_ends: array[int] = array("q")
    done = 0
    for match in _REWRITTEN.finditer(first):
        run_start, run_end = match.span()
        pieces.append(first[done:run_start])
        out_starts += starts[done:run_start]
        out_ends += ends[done:run_start]
        if not match["joined"]:
            pieces.append("-" if match["dashes"] else " ")
            out_starts.append(starts[run_start])
            out_ends.append(ends[run_end - 1])
        done = run_end
    pieces.append(first[done:])
    out_starts += starts[done:]
    out_ends += ends[done:]
    return Normalized("".join(pieces), len(text), out_starts, out_ends)


def _characters(text: str) -> tuple[str, array[int], array[int]]:
    """*text* after NFKC, unified marks and removals, with each character's original offsets."""
    if text.isascii():
        return text, array("q", range(len(text))), array("q", range(1, len(text) + 1))
    pieces: list[str] = []
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    done = 0
    for match in _NON_ASCII.finditer(text):
        run_start, run_end = match.span()
        pieces.append(text[done:run_start])
        starts += array("q", range(done, run_start))
        ends += array("q", range(done + 1, run_start + 1))
        run = match.group()
        if unicodedata.is_normalized("NFKC", run) and not any(char in _INVISIBLE for char in run):
            # The common case: each character stays one character.
            pieces.append(run.translate(_UNIFIED))
            starts += array("q", range(run_start, run_end))
            ends += array("q", range(run_start + 1, run_end + 1))
        else:
            for cluster_start, cluster in _clusters(run, run_start):
                made = unicodedata.normalize("NFKC", cluster.translate(_DROPPED)).translate(_UNIFIED)
                pieces.append(made)
                # Characters made from a cluster all come from the whole of it.
                starts += array("q", [cluster_start] * len(made))
                ends += array("q", [cluster_start + len(cluster)] * len(made))
        done = run_end
    pieces.append(text[done:])
    starts += array("q", range(done, len(text)))
    ends += array("q", range(done + 1, len(text) + 1))
    return "".join(pieces), starts, ends


def _clusters(run: str, offset: int) -> list[tuple[int, str]]:
    """Each character of *run* with the combining and invisible marks that follow it, and its offset."""
    clusters: list[tuple[int, str]] = []
    for index, char in enumerate(run):
        if clusters and (unicodedata.combining(char) or char in _INVISIBLE):
            start, cluster = clusters[-1]
            clusters[-1] = (start, cluster + char)
        else:
            clusters.append((offset + index, char))
    return clusters


def normalize_whitespace(text: str) -> str:
    r"""The rule by which a quote's text is written: runs of white space, NBSP included, as one space.

    Unlike :func:`normalize`, it keeps every other character as the document prints it.

    Example:
        >>> normalize_whitespace("  Russia\xa0is\n  isolated ")
        'Russia is isolated'
    """
    return " ".join(text.split())
