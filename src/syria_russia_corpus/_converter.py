"""The package's one cattrs converter: strict hooks that refuse what JSON should not hold."""

from __future__ import annotations

import enum
import functools
import re
import sys
from collections.abc import Callable
from typing import Any, Final, get_args, get_origin

import cattrs

from ._dates import PartialDate
from ._messages import brief as brief  # noqa: PLC0414 - re-exported: every message shortens values with it
from ._records import CONTEXT_DIGITS, DIGEST_DIGITS, HEAD_MODULUS, Anchor, Evidence
from ._vocabulary import ENUMS
from .exceptions import CorpusError


class BadValue(CorpusError, ValueError):
    """A value the converter's strict hooks refuse; caught and reported here."""


# The exports write integers as 64-bit; a count past them would load and then break every export.
_INT64: Final = range(-(2**63), 2**63)
_HEX_DIGITS: Final = "0123456789abcdef"

# JSON can spell half of a surrogate pair ("\ud800"); such a string loads, then no
# export or terminal can encode it.
_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def _structure_str(value: Any, _: type) -> str:
    if type(value) is not str:
        raise BadValue(f"expected a string, got {json_type(value)}")
    return _checked_text(value)


def _checked_text(value: str) -> str:
    # NUL is no text either: Python 3.10's CSV writer refuses it, and C readers stop at it.
    if "\x00" in value:
        raise BadValue("holds a NUL character (U+0000), which is not text")
    if not value.isascii():
        surrogate = _SURROGATE.search(value)
        if surrogate is not None:
            code = f"U+{ord(surrogate[0]):04X}"
            raise BadValue(
                f"holds a lone surrogate ({code}), which is not text and cannot be written as UTF-8"
            )
    return value


def _structure_int(value: Any, _: type) -> int:
    if type(value) is not int:
        raise BadValue(f"expected an integer, got {json_type(value)}")
    if value not in _INT64:
        raise BadValue("expected an integer that fits in 64 bits, as the exports store it")
    return value


def _structure_date(value: Any, _: type) -> PartialDate:
    if type(value) is not str:
        raise BadValue(f"expected an EDTF date string such as '2012-05-25', got {json_type(value)}")
    return PartialDate.parse(value)


def _enum_hook(enum_type: type[enum.Enum]) -> Callable[[Any, type], enum.Enum]:
    members = {member.value: member for member in enum_type}
    allowed = ", ".join(repr(value) for value in members)

    def structure(value: Any, _: type) -> enum.Enum:
        try:
            return members[value]
        except (KeyError, TypeError):
            raise BadValue(f"not a known {enum_type.__name__}; expected one of {allowed}") from None

    return structure


def is_tuple(type_: Any) -> bool:
    return get_origin(type_) is tuple


def _tuple_hook_factory(type_: Any, converter: cattrs.Converter) -> Callable[[Any, type], tuple[Any, ...]]:
    item_type = get_args(type_)[0]
    structure_item = converter.get_structure_hook(item_type)

    def structure(value: Any, _: type) -> tuple[Any, ...]:
        # A bare string is iterable too; accepting it would split "Interfax" into letters.
        if type(value) is not list:
            raise BadValue(f"expected a JSON array, got {json_type(value)}")
        return tuple([structure_item(item, item_type) for item in value])

    def structure_strings(value: Any, _: type) -> tuple[str, ...]:
        # Most list fields hold ids: checking them in one pass saves a call per item.
        if type(value) is not list or not all(type(item) is str for item in value):
            raise BadValue(f"expected a JSON array of strings, got {json_type(value)}")
        return tuple([_checked_text(item) for item in value])

    return structure_strings if item_type is str else structure


def _structure_optional_str(value: Any, _: type) -> str | None:
    if value is None:
        return None
    if type(value) is not str:
        raise BadValue(f"expected a string or null, got {json_type(value)}")
    return _checked_text(value)


def _structure_evidence(value: Any, _: type) -> Evidence:
    # Evidence is the most numerous object in a corpus; a hand-written hook
    # checks its fields without a call per field. The anchor is optional:
    # hand-written evidence of source_id, start and end alone is complete.
    if isinstance(value, dict):
        source_id, start, end = value.get("source_id"), value.get("start"), value.get("end")
        if (
            type(source_id) is str
            and type(start) is int
            and type(end) is int
            and start in _INT64
            and end in _INT64
        ):
            # Every span of a source repeats its id; JSON makes a new string each time.
            source_id = sys.intern(source_id)
            if len(value) == 3:
                return Evidence(source_id=source_id, start=start, end=end)
            if len(value) == 4 and "anchor" in value:
                anchor = value["anchor"]
                return Evidence(
                    source_id=source_id,
                    start=start,
                    end=end,
                    anchor=None if anchor is None else _structure_anchor(anchor, Anchor),
                )
    raise BadValue(
        "expected an object with source_id (a string), start and end (integers) and an optional anchor"
    )


def _structure_anchor(value: Any, _: type) -> Anchor:
    if isinstance(value, dict) and len(value) == 5:
        digest, length, head = value.get("digest"), value.get("length"), value.get("head")
        prefix, suffix = value.get("prefix"), value.get("suffix")
        if (
            type(digest) is str
            and type(prefix) is str
            and type(suffix) is str
            and type(length) is int
            and type(head) is int
            and len(digest) == DIGEST_DIGITS
            and len(prefix) == len(suffix) == CONTEXT_DIGITS
            # Lowercase hex digits only: an uppercase digest would load and then match nothing.
            and not (digest + prefix + suffix).strip(_HEX_DIGITS)
            and 0 < length < 2**63
            and 0 <= head < HEAD_MODULUS
        ):
            return Anchor(digest=digest, length=length, head=head, prefix=prefix, suffix=suffix)
    raise BadValue(
        f"expected an anchor as locate() writes it: digest ({DIGEST_DIGITS} lowercase hex digits), "
        f"prefix and suffix ({CONTEXT_DIGITS} each), length (a positive integer) and head "
        f"(an integer from 0 to {HEAD_MODULUS - 1})"
    )


@functools.cache
def converter() -> cattrs.Converter:
    """The package's one converter, built on first use rather than at import."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=False)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(PartialDate, _structure_date)
    converter.register_structure_hook_func(lambda type_: type_ == (str | None), _structure_optional_str)
    converter.register_structure_hook(Evidence, _structure_evidence)
    converter.register_structure_hook(Anchor, _structure_anchor)
    converter.register_unstructure_hook(PartialDate, str)
    for enum_type in ENUMS:
        converter.register_structure_hook(enum_type, _enum_hook(enum_type))
        # A plain string stands in for a member in a hand-built record; passing
        # it through lets structuring report it like a bad value in a file.
        converter.register_unstructure_hook(enum_type, lambda member: getattr(member, "value", member))
    converter.register_structure_hook_factory(is_tuple, _tuple_hook_factory)
    converter.register_unstructure_hook_factory(is_tuple, lambda _: _unstructure_items)
    return converter


def _unstructure_items(value: Any) -> Any:
    # A string in a hand-built record's list field stays a string, for structuring
    # to refuse: iterated, "Russian Federation" would become eighteen one-letter aliases.
    if not isinstance(value, (tuple, list)):
        return value
    return [converter().unstructure(item) for item in value]


def unstructure(record: Any) -> dict[str, Any]:
    """Return *record* as the JSON object the data files hold."""
    result: dict[str, Any] = converter().unstructure(record)
    return result


def json_type(value: Any) -> str:
    """What *value* is, in JSON's words: ``"an array"``, ``"the number 5"``."""
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    if type(value) in (int, float):
        return f"the number {brief(value)}"
    return names.get(type(value), type(value).__name__)
