"""Turning what a caller passes into what a query needs, or a clear error."""

from __future__ import annotations

import enum
import os
from pathlib import Path
from typing import TypeVar

from ._names import closest_names, name_key
from .exceptions import ArgumentTypeError, InvalidQueryError

E = TypeVar("E", bound=enum.Enum)


def require_str(value: object, argument: str, expected: str = "a string id") -> str:
    """Return *value* if it is a string; *argument* and *expected* word the error."""
    if not isinstance(value, str):
        raise ArgumentTypeError(f"{argument} must be {expected}, not {type(value).__name__}")
    return value


def require_bool(value: object, argument: str) -> bool:
    """Return *value* if it is a real bool: ``"no"`` must not count as true."""
    if not isinstance(value, bool):
        raise ArgumentTypeError(f"{argument} must be True or False, not {value!r}")
    return value


def require_path(
    value: object, argument: str, *, naming: str = "a directory ('.' for the working directory)"
) -> Path:
    """Return *value*, a non-empty string or path, as a :class:`~pathlib.Path`.

    An empty string would silently mean the working directory, which is never
    what a caller who passed a blank setting meant. *naming* says what the
    path should name, for the error.

    Example:
        >>> require_path("corpus/", "directory").name
        'corpus'
    """
    path = os.fspath(value) if isinstance(value, (str, os.PathLike)) else None
    if not isinstance(path, str):
        raise ArgumentTypeError(f"{argument} must be a str or a path, not {type(value).__name__}")
    if not path:
        raise InvalidQueryError(f"{argument} is empty; name {naming}")
    return Path(path)


def coerce_enum(enum_type: type[E], value: object, argument: str) -> E:
    """Return the member of *enum_type* that *value* is or names; *argument* names it in errors.

    A member of another enum is refused even when its value is spelled the same:
    ``Stance.SUPPORT`` is not ``EventType.SUPPORT``.
    """
    if isinstance(value, enum_type):
        return value
    if isinstance(value, str) and not isinstance(value, enum.Enum):
        wanted = name_key(value)
        for member in enum_type:
            if name_key(member.value) == wanted:
                return member
        allowed = ", ".join(repr(member.value) for member in enum_type)
        close = closest_names(value, [member.value for member in enum_type], limit=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise InvalidQueryError(
            f"{argument} {value!r} is not a known {enum_type.__name__}{hint}; expected one of {allowed}"
        )
    raise ArgumentTypeError(
        f"{argument} must be a {enum_type.__name__} or its string value, not {type(value).__name__}"
    )


def coerce_optional_enum(enum_type: type[E], value: object, argument: str) -> E | None:
    """Like :func:`coerce_enum`, with None meaning "any"."""
    return None if value is None else coerce_enum(enum_type, value, argument)
