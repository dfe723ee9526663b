"""Records[T]: the immutable, typed sequence every query returns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Generic, Protocol, TypeVar, overload


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_Identified)

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

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._items: tuple[T, ...] = tuple(items)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Records[T]: ...

    def __getitem__(self, index: int | slice) -> T | Records[T]:
        if isinstance(index, slice):
            return Records(self._items[index])
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
        if hasattr(self, "_items"):
            raise AttributeError(f"Records is immutable: cannot set {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Records is immutable: cannot delete {name!r}")

    def __repr__(self) -> str:
        kind = type(self._items[0]).__name__ if self._items else "Any"
        count = len(self._items)
        noun = "record" if count == 1 else "records"
        ids = [repr(item.id) for item in self._items[:_REPR_IDS]]
        more = ", …" if count > _REPR_IDS else ""
        listing = f": {', '.join(ids)}{more}" if ids else ""
        return f"Records[{kind}]({count} {noun}{listing})"

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the records, in order."""
        return tuple(item.id for item in self._items)
