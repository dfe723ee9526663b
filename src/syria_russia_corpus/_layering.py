"""A user's folder built on another corpus: shared records once, conflicting ids refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

import attrs

from ._converter import converter
from ._loading import RecordSet
from ._schema import KINDS

if TYPE_CHECKING:
    from ._corpus import Corpus

# The most characters of a value a conflict shows: enough to tell two values apart.
_SHOWN: Final = 80


def layered(
    base: RecordSet, folder: RecordSet, *, label: Callable[[str], str]
) -> tuple[RecordSet, list[str]]:
    """The records of *base* and *folder* together, and a problem for each id they both use differently.

    A folder record equal to the base's record of that id is the same record:
    a coder may copy a bundled actor, and a full export builds on the bundled
    corpus cleanly. One that differs is never allowed to override the base.
    """
    merged: dict[str, tuple[Any, ...]] = {}
    problems: list[str] = []
    for kind in KINDS:
        known = {record.id: record for record in base[kind.collection]}
        added = []
        for record in folder[kind.collection]:
            original = known.get(record.id)
            if original is None:
                added.append(record)
            elif original != record:
                differing = _differing(original, record)
                fields = ", ".join(repr(name) for name in differing)
                values = "; ".join(
                    f"{name}: base {_shown(getattr(original, name))}, yours {_shown(getattr(record, name))}"
                    for name in differing
                )
                problems.append(
                    f"{label(kind.file_name)}: record {record.id!r}, field(s) {fields}: the base corpus "
                    f"holds this {kind.name} id with other values ({values}); give yours another id, or "
                    "copy the base's record exactly"
                )
        merged[kind.collection] = (*base[kind.collection], *added)
    return merged, problems


def records_of(corpus: Corpus) -> RecordSet:
    """The records of *corpus*, kind by kind."""
    return {kind.collection: tuple(getattr(corpus, kind.collection)()) for kind in KINDS}


def _differing(one: Any, other: Any) -> list[str]:
    return [
        field.name
        for field in attrs.fields(type(one))
        if getattr(one, field.name) != getattr(other, field.name)
    ]


def _shown(value: Any) -> str:
    """*value* as its file holds it, cut short."""
    text = json.dumps(converter().unstructure(value), ensure_ascii=False)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
