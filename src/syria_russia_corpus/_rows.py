"""The classes a Records may hold: the record kinds, and the rows of the tables derived from them."""

from __future__ import annotations

from typing import Any, Final, TypeVar

from ._schema import KINDS

# The modules that define the rows of derived tables (stance changes, coverage months) add their
# classes as they are imported, so that checking a Records imports none of them.
_ROW_CLASSES: Final[list[type[Any]]] = [kind.record_class for kind in KINDS]

Row = TypeVar("Row", bound=type[Any])


def holds_rows(cls: Row) -> Row:
    """Let a Records hold instances of *cls*, the row class of a derived table (a class decorator)."""
    _ROW_CLASSES.append(cls)
    return cls


def row_classes() -> tuple[type[Any], ...]:
    """Every class whose instances a Records may hold."""
    return tuple(_ROW_CLASSES)
