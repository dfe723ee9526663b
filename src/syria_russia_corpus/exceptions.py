"""Every error this package raises derives from :class:`CorpusError`.

Each also derives from the built-in that fits, so ``except LookupError`` or
``except ValueError`` work as a user expects.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._messages import brief


class CorpusError(Exception):
    """Base class of every error raised by ``syria_russia_corpus``."""


class UnknownActorError(CorpusError, LookupError):
    """No actor has the given id, name or alias.

    Attributes:
        query: What the caller asked for.
        suggestions: The closest known names, best first (may be empty).
    """

    def __init__(self, query: str, suggestions: Sequence[str] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        hint = (
            f"; did you mean {_quoted_list(self.suggestions)}?"
            if self.suggestions
            else "; see actors() for the known names"
        )
        super().__init__(f"no actor is called {brief(query)}{hint}")


class AmbiguousActorError(CorpusError, LookupError):
    """A name or alias fits more than one actor.

    Attributes:
        query: What the caller asked for.
        candidates: The ids of every actor the name fits.
    """

    def __init__(self, query: str, candidates: Sequence[str]) -> None:
        self.query = query
        self.candidates = tuple(candidates)
        super().__init__(
            f"{brief(query)} is ambiguous: it names {_quoted_list(self.candidates)}; "
            "pass one of these ids instead"
        )


class RecordNotFoundError(CorpusError, LookupError):
    """No record of the asked-for kind has the given id.

    Attributes:
        kind: The record kind, such as ``"quote"``.
        record_id: The id that was asked for.
    """

    def __init__(self, kind: str, record_id: str, suggestions: Sequence[str] = ()) -> None:
        self.kind = kind
        self.record_id = record_id
        hint = f"; did you mean {_quoted_list(suggestions)}?" if suggestions else ""
        super().__init__(f"no {kind} has the id {brief(record_id)}{hint}")


class SourceNotFoundError(RecordNotFoundError):
    """No source has the given id."""

    def __init__(self, record_id: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__("source", record_id, suggestions)


class WordsNotFoundError(CorpusError, LookupError):
    """:func:`~syria_russia_corpus.locate` did not find the words in the document.

    Attributes:
        words: The words looked for.
        document: The document they were looked for in.
        closest: The passage of the document that comes closest, as it reads there.
        closest_start: Offset of that passage in the document.
        closest_end: Offset one past it.
    """

    def __init__(self, words: str, document: str, closest: str, closest_start: int, closest_end: int) -> None:
        self.words = words
        self.document = document
        self.closest = closest
        self.closest_start = closest_start
        self.closest_end = closest_end
        where = (
            f"; the closest passage is at {closest_start}:{closest_end}: {closest!r}; "
            "copy the words from there"
            if closest
            else ""
        )
        super().__init__(f"{brief(words)} is not in {document}{where}")


class AmbiguousWordsError(CorpusError, LookupError):
    """:func:`~syria_russia_corpus.locate` found the words more than once.

    Attributes:
        words: The words looked for.
        document: The document they were looked for in.
        occurrences: The ``(start, end)`` offsets of every occurrence, in order.
        contexts: Each occurrence with the words around it, the words in brackets.
    """

    def __init__(
        self, words: str, document: str, occurrences: Sequence[tuple[int, int]], contexts: Sequence[str]
    ) -> None:
        self.words = words
        self.document = document
        self.occurrences = tuple(occurrences)
        self.contexts = tuple(contexts)
        listed = "; ".join(
            f"({number}) at {start}:{end}: {context}"
            for number, ((start, end), context) in enumerate(zip(occurrences, contexts, strict=True), 1)
        )
        super().__init__(
            f"{brief(words)} occurs {len(self.occurrences)} times in {document}: {listed}; "
            "add words before or after it to make it unique, or pass occurrence=N to take the Nth"
        )


class DocumentError(CorpusError, OSError):
    """A document, or the folder of documents, that was asked for cannot be read.

    It does not exist, is not a folder (or not a file), or is not UTF-8 text
    of at most the size a document may have.
    """


class InvalidDateError(CorpusError, ValueError):
    """A date is not in the supported EDTF subset, or does not exist."""


class InvalidQueryError(CorpusError, ValueError):
    """A query argument has the right type but an unusable value."""


class ArgumentTypeError(CorpusError, TypeError):
    """A query argument has a type the function does not accept."""


class CorpusDataError(CorpusError, ValueError):
    """Corpus data is missing or invalid; nothing was loaded.

    Attributes:
        problems: One line per problem, each naming the file, the record
            (its id, or its index where it has none), the field and the value.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        header = "1 problem" if count == 1 else f"{count} problems"
        super().__init__(f"corpus data is invalid ({header}):\n" + "\n".join(f"  {p}" for p in self.problems))


class ExportError(CorpusError, OSError):
    """An export would overwrite files, or cannot write where it was asked to."""


class MissingDependencyError(CorpusError, ImportError):
    """An optional feature needs a package that is not installed."""

    def __init__(self, package: str, extra: str, feature: str) -> None:
        from ._version import package_version

        wheel = f"syria_russia_corpus-{package_version()}-py3-none-any.whl"
        super().__init__(
            f"{feature} needs {package}, which is not installed; install the {extra!r} extra "
            f'from a checkout of the project (python -m pip install "path/to/checkout[{extra}]") '
            f'or from its wheel (python -m pip install "{wheel}[{extra}]")',
            name=package,
        )


def _quoted_list(items: Sequence[str]) -> str:
    quoted = [repr(item) for item in items]
    if len(quoted) <= 2:
        return " or ".join(quoted)
    return ", ".join(quoted[:-1]) + f" or {quoted[-1]}"
