"""A value built once, however many threads ask for it first at the same time."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Once(Generic[T]):
    """Holds the value of one lazily built index of one object, and the lock that guards its build.

    A query reads the built value from a cached property's slot without a
    lock; only the first queries, which find the slot empty, come here. The
    first of them builds the value; the others wait for it and get the same
    object, so a large index is never built twice.

    Example:
        >>> once: Once[list[int]] = Once()
        >>> once.get(lambda: [1, 2]) is once.get(lambda: [3])
        True
    """

    __slots__ = ("_building", "_value")

    def __init__(self) -> None:
        self._building = threading.Lock()
        self._value: T | None = None

    def get(self, build: Callable[[], T]) -> T:
        """The value, built by *build* if no call has built it yet."""
        with self._building:
            if self._value is None:
                self._value = build()
            return self._value
