"""Records[T]: the immutable, typed sequence every query returns."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, overload

if TYPE_CHECKING:
    import pandas as pd

NameOf = Callable[[str], "str | None"]


class _Printer(Protocol):
    """The part of IPython's pretty printer that Records uses."""

    def text(self, obj: str) -> None: ...


class Identified(Protocol):
    """Anything with an id: every record kind."""

    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=Identified)

_REPR_IDS = 3


class Records(Sequence[T], Generic[T]):
    """An immutable, ordered sequence of records.

    Queries return records ordered by date (earliest first), then by id, with
    undated records last. A ``Records`` indexes, slices (to another
    ``Records``), iterates and compares like a tuple.

    Example:
        >>> import syria_russia_corpus as src
        >>> quotes = src.quotes_by("Putin")
        >>> first = quotes[0]
        >>> quotes[:2]  # doctest: +ELLIPSIS
        Records[Quote](2 records: ...)
    """

    __slots__ = ("_items", "_kind", "_name_of")

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._items: tuple[T, ...] = tuple(items)
        self._kind: type[T] | None = None
        self._name_of: NameOf = _no_name

    @classmethod
    def _of(cls, items: Iterable[T], kind: type[T] | None, name_of: NameOf) -> Records[T]:
        """Records of one *kind* (None for a mix), showing actor names resolved by *name_of*.

        Knowing the kind lets an empty result still name its type and columns.
        """
        records = cls(items)
        object.__setattr__(records, "_kind", kind)
        object.__setattr__(records, "_name_of", name_of)
        return records

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Records[T]: ...

    def __getitem__(self, index: int | slice) -> T | Records[T]:
        if isinstance(index, slice):
            return Records._of(self._items[index], self._kind, self._name_of)
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __reversed__(self) -> Iterator[T]:
        return reversed(self._items)

    def __contains__(self, item: object) -> bool:
        return item in self._items

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Records):
            return self._items == other._items
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __setattr__(self, name: str, value: Any) -> None:
        if hasattr(self, name):
            raise AttributeError(f"Records is immutable: cannot set {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Records is immutable: cannot delete {name!r}")

    def __repr__(self) -> str:
        kind = self._kind or (type(self._items[0]) if self._items else None)
        kind_name = kind.__name__ if kind else "Any"
        count = len(self._items)
        noun = "record" if count == 1 else "records"
        ids = [repr(item.id) for item in self._items[:_REPR_IDS]]
        more = ", …" if count > _REPR_IDS else ""
        listing = f": {', '.join(ids)}{more}" if ids else ""
        return f"Records[{kind_name}]({count} {noun}{listing})"

    def filter(self, keep: Callable[[T], bool]) -> Records[T]:
        """The records for which *keep* returns true, in the same order.

        Example:
            >>> import syria_russia_corpus as src
            >>> direct = src.quotes().filter(lambda quote: quote.kind.value == "direct")
            >>> {quote.kind.value for quote in direct}
            {'direct'}
        """
        return Records._of((item for item in self._items if keep(item)), self._kind, self._name_of)

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the records, in order."""
        return tuple(item.id for item in self._items)

    def to_dicts(self) -> list[dict[str, Any]]:
        """The records as JSON-ready dicts, keyed like the package data files.

        Example:
            >>> import syria_russia_corpus as src
            >>> src.sources().to_dicts()[0]["id"]
            'csm-russia-no-asylum-for-assad-2012-03-08'
        """
        from ._loading import unstructure

        return [unstructure(item) for item in self._items]

    def to_pandas(self) -> pd.DataFrame:
        """The records as a pandas DataFrame, one row per record.

        Columns hold ids and resolved names; each date is its EDTF string plus
        ``_earliest`` and ``_latest`` columns of pandas timestamps; list fields
        are ``"; "``-separated. Needs the ``pandas`` extra.

        Raises:
            MissingDependencyError: pandas is not installed.

        Example:
            >>> import syria_russia_corpus as src
            >>> frame = src.quotes_by("Putin").to_pandas()
            >>> list(frame.columns[:4])
            ['id', 'text', 'speaker_id', 'speaker_name']
        """
        from ._frames import to_pandas

        return to_pandas(self._items, self._kind, self._name_of)

    def _repr_html_(self) -> str:
        from ._display import html_table

        return html_table(self._items, self._name_of)

    def _repr_pretty_(self, printer: _Printer, cycle: bool) -> None:
        from ._display import text_table

        printer.text(repr(self) if cycle else f"{self!r}\n{text_table(self._items, self._name_of)}")


def _no_name(_: str) -> None:
    return None
