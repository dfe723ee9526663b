"""locate(): a coder's words found in a document, as evidence with offsets and an anchor."""

from __future__ import annotations

import os

from ._coercion import require_str
from ._records import Evidence
from .exceptions import AmbiguousWordsError, ArgumentTypeError, InvalidQueryError, WordsNotFoundError

_AROUND = 40  # characters of context shown on either side of an occurrence


def locate(
    document: str | os.PathLike[str], words: str, *, source_id: str, occurrence: int | None = None
) -> Evidence:
    r"""Find *words* in a document and return them as evidence, with offsets and anchor.

    The words are compared as :func:`verify` compares them (see
    "Normalization and anchors" in the codebook): they may be typed with
    straight quotes, other dashes, line breaks or spacing than the
    document's. The offsets are those of the document's own characters, so
    ``text[evidence.start:evidence.end]`` is the passage as the document
    prints it.

    Args:
        document: The path of the document's file, UTF-8 text, as a ``str`` or
            :class:`~pathlib.Path` (the file a coder has, not its text).
        words: The words to find, as they read in the document.
        source_id: The id of the document's :class:`Source`, which the
            evidence names.
        occurrence: Which occurrence to take, counting from 1, when the words
            occur more than once; by default they must occur once.

    Raises:
        AmbiguousWordsError: The words occur more than once (and no
            *occurrence* was given); the error lists every occurrence with
            the words around it.
        WordsNotFoundError: The words are not in the document; the error
            names the closest passage.
        DocumentError: The file does not exist or is not UTF-8 text.
        InvalidQueryError: *words* holds no words, or there is no such *occurrence*.

    Example:
        >>> import pathlib, tempfile
        >>> import syria_russia_corpus as src
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder, "article.txt")
        ...     text = "Moscow said: \u201cWe are not\nholding on to Assad.\u201d"
        ...     _ = path.write_text(text, encoding="utf-8")
        ...     evidence = src.locate(path, '"We are not holding on to Assad."', source_id="my-article")
        >>> evidence.start, evidence.end
        (13, 46)
        >>> evidence.anchor.length
        33
    """
    from ._anchors import anchor_of
    from ._documents import read_document
    from ._normalize import normalize, normalize_whitespace

    source_id = require_str(source_id, "source_id")
    if occurrence is not None and (type(occurrence) is not int or occurrence < 1):
        raise ArgumentTypeError(f"occurrence must be a whole number from 1, not {occurrence!r}")
    wanted = normalize(require_str(words, "words", "a string")).text.strip()
    if not wanted:
        raise InvalidQueryError("words holds no words; pass the words to find, as they read in the document")
    text = read_document(document).text
    normalized = normalize(text)
    places = _occurrences(normalized.text, wanted)
    spans = [normalized.original(place, place + len(wanted)) for place in places]
    name = os.fspath(document)
    if not spans:
        start, end = _closest(normalized.text, wanted)
        if start == end:
            raise WordsNotFoundError(words, name, "", 0, 0)
        start, end = normalized.original(start, end)
        raise WordsNotFoundError(words, name, normalize_whitespace(text[start:end]), start, end)
    if occurrence is None and len(spans) > 1:
        contexts = [
            "…"
            + normalize_whitespace(
                f"{text[max(start - _AROUND, 0) : start]}[{text[start:end]}]{text[end : end + _AROUND]}"
            )
            + "…"
            for start, end in spans
        ]
        raise AmbiguousWordsError(words, name, spans, contexts)
    if occurrence is not None and occurrence > len(spans):
        raise InvalidQueryError(f"occurrence={occurrence}, but the words occur {len(spans)} times in {name}")
    start, end = spans[(occurrence or 1) - 1]
    return Evidence(source_id=source_id, start=start, end=end, anchor=anchor_of(normalized, start, end))


def _occurrences(text: str, wanted: str) -> list[int]:
    """Where *wanted* starts in *text*, overlapping occurrences included."""
    places = []
    place = text.find(wanted)
    while place >= 0:
        places.append(place)
        place = text.find(wanted, place + 1)
    return places


def _closest(text: str, wanted: str) -> tuple[int, int]:
    """The passage of *text* as long as *wanted* around their longest run in common, in whole words."""
    import difflib

    matcher = difflib.SequenceMatcher(None, text, wanted, autojunk=False)
    match = matcher.find_longest_match(0, len(text), 0, len(wanted))
    if match.size == 0:
        return 0, 0
    start = max(match.a - match.b, 0)
    end = min(start + len(wanted), len(text))
    start = text.rfind(" ", 0, start + 1) + 1
    space = text.find(" ", end - 1)
    return start, len(text) if space < 0 else space
