"""Records[T]: the immutable, typed sequence every query returns."""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final, Generic, Protocol, TypeVar, overload

import attrs

from ._messages import brief
from ._rows import row_classes
from ._schema import class_names
from .exceptions import ArgumentTypeError

if TYPE_CHECKING:
    import pandas as pd

    from ._corpus import Corpus


class _Printer(Protocol):
    """The part of IPython's pretty printer that Records uses."""

    def text(self, obj: str) -> None: ...


class Identified(Protocol):
    """Anything with an id: every record kind."""

    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=Identified)

_REPR_IDS = 3


def _record_tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise ArgumentTypeError(f"Records needs an iterable of records, not {type(items).__name__}")
    records = tuple(items)
    classes = row_classes()
    _require_all(records, classes, f"Records holds the package's records ({_names(classes)})")
    return records


def _require_all(records: tuple[Any, ...], classes: type[Any] | tuple[type[Any], ...], holds: str) -> None:
    for index, item in enumerate(records):
        if not isinstance(item, classes):
            raise ArgumentTypeError(f"{holds}; item {index} is a {type(item).__name__}")


def _checked_kind(kind: object, records: tuple[Any, ...]) -> type[Any] | None:
    """*kind*, None or a class of the package's records that every one of *records* is."""
    if kind is None:
        return None
    classes = row_classes()
    if not isinstance(kind, type) or kind not in classes:
        raise ArgumentTypeError(f"Records' kind must be None or one of {_names(classes)}, not {brief(kind)}")
    _require_all(records, kind, f"Records of kind {kind.__name__} holds only {kind.__name__} records")
    return kind


class CorpusABC(abc.ABC):  # noqa: B024 - a class to register, with nothing to implement
    """What a Records' corpus is: :class:`Corpus` registers itself.

    Declared here rather than imported: the corpus module imports this one.
    """


def _checked_corpus(corpus: Corpus | None) -> Corpus | None:
    if corpus is not None and not isinstance(corpus, CorpusABC):
        raise ArgumentTypeError(f"Records' corpus must be None or a Corpus, not {type(corpus).__name__}")
    return corpus


def _names(classes: tuple[type[Any], ...]) -> str:
    return ", ".join(cls.__name__ for cls in classes)


def _uniform_kind(records: tuple[Any, ...]) -> type[Any] | None:
    kinds = {type(item) for item in records}
    return kinds.pop() if len(kinds) == 1 else None


class _Infer:
    """The default of ``kind``: the records' own class when they share one."""


_INFER: Final = _Infer()


@attrs.frozen(init=False, eq=False, repr=False)
class Records(Sequence[T], Generic[T]):
    """An immutable, ordered sequence of records.

    Queries return records ordered by ``(date.earliest, date.latest, id)``:
    a day before the month that holds it, undated records last. A
    ``Records`` indexes, slices (to another ``Records``), iterates and
    compares like a tuple; ``print()`` shows it as a table.

    Attributes:
        items: The records, in order.
        kind: The class of the records, or None for a mix (search results).
        corpus: The corpus they come from, which names their actors in
            tables, or None.

    Example:
        >>> import syria_russia_corpus as src
        >>> quotes = src.quotes_by("Putin")
        >>> quotes.kind.__name__
        'Quote'
        >>> quotes[:2]  # doctest: +ELLIPSIS
        Records[Quote](2 records: ...)
    """

    items: tuple[T, ...]
    kind: type[T] | None
    corpus: Corpus | None

    def __init__(
        self, items: Iterable[T] = (), *, kind: type[T] | _Infer | None = _INFER, corpus: Corpus | None = None
    ) -> None:
        records = _record_tuple(items)
        kind = _uniform_kind(records) if isinstance(kind, _Infer) else _checked_kind(kind, records)
        self.__attrs_init__(records, kind, _checked_corpus(corpus))

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Records[T]: ...

    def __getitem__(self, index: int | slice) -> T | Records[T]:
        if isinstance(index, slice):
            return trusted_records(self.items[index], self.kind, self.corpus)
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __reversed__(self) -> Iterator[T]:
        return reversed(self.items)

    def __contains__(self, item: object) -> bool:
        return item in self.items

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Records):
            return self.items == other.items
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.items)

    def __repr__(self) -> str:
        kind_name = class_names(self.kind, self.items)
        count = len(self.items)
        noun = "record" if count == 1 else "records"
        ids = [repr(item.id) for item in self.items[:_REPR_IDS]]
        more = ", …" if count > _REPR_IDS else ""
        listing = f": {', '.join(ids)}{more}" if ids else ""
        return f"Records[{kind_name}]({count} {noun}{listing})"

    def __str__(self) -> str:
        from ._display import text_table

        return text_table(self)

    def filter(self, keep: Callable[[T], bool]) -> Records[T]:
        """The records for which *keep* returns true, in the same order.

        Example:
            >>> import syria_russia_corpus as src
            >>> direct = src.quotes().filter(lambda quote: quote.kind.value == "direct")
            >>> {quote.kind.value for quote in direct}
            {'direct'}
        """
        return trusted_records(tuple(item for item in self.items if keep(item)), self.kind, self.corpus)

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the records, in order."""
        return tuple(item.id for item in self.items)

    def to_dicts(self) -> list[dict[str, Any]]:
        """The records as JSON-ready dicts, keyed like the package data files.

        Example:
            >>> import syria_russia_corpus as src
            >>> src.sources().to_dicts()[0]["id"]
            'csm-russia-no-asylum-for-assad-2012-03-08'
        """
        from ._converter import unstructure

        return [unstructure(item) for item in self.items]

    def to_pandas(self) -> pd.DataFrame:
        """The records as a pandas DataFrame, one row per record.

        The columns are those of the exports: ids with resolved names, each
        date as its EDTF string plus ``_earliest`` and ``_latest``
        ``datetime64`` columns, enums as ordered categoricals, counts as
        ``Int64`` and list fields as lists. Needs the ``pandas`` extra.

        Raises:
            MissingDependencyError: pandas is not installed.

        Example:
            >>> import syria_russia_corpus as src
            >>> frame = src.quotes_by("Putin").to_pandas()
            >>> list(frame.columns[:4])
            ['id', 'text', 'speaker_id', 'speaker_name']
        """
        from ._frames import to_pandas

        return to_pandas(self)

    def _repr_html_(self) -> str:
        from ._display import html_table

        return html_table(self)

    def _repr_pretty_(self, printer: _Printer, cycle: bool) -> None:
        printer.text(repr(self) if cycle else f"{self!r}\n{self}")


def trusted_records(items: tuple[T, ...], kind: type[T] | None, corpus: Corpus | None) -> Records[T]:
    """Records of *items* the package built itself: no check, for queries that answer in microseconds."""
    records: Records[T] = Records.__new__(Records)
    records.__attrs_init__(items, kind, corpus)
    return records
