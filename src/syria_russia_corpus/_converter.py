"""The package's one cattrs converter: strict hooks that refuse what JSON should not hold."""

from __future__ import annotations

import enum
import functools
import re
import sys
from collections.abc import Callable, Mapping, Set
from typing import Any, Final, TypeVar, get_args, get_origin

import attrs
import cattrs

from ._dates import PartialDate
from ._messages import brief as brief  # noqa: PLC0414 - re-exported: every message shortens values with it
from ._records import CONTEXT_DIGITS, DIGEST_DIGITS, HEAD_MODULUS, Anchor, Evidence
from ._vocabulary import ENUMS
from .exceptions import CorpusError

T = TypeVar("T")


class BadValue(CorpusError, ValueError):
    """A value the converter's strict hooks refuse; caught and reported here.

    Attributes:
        field: The path of the field at fault within the refused object, such
            as ``"anchor.digest"``, or None when the object itself is at fault.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field

    def within(self, name: str) -> str:
        """The path of the field at fault, seen from the object that holds it under *name*."""
        return name if self.field is None else f"{name}.{self.field}"


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


#: What a field must hold: a test and, for the message when it fails, what it should be.
Rule = tuple[Callable[[Any], bool], str]


def _is_text(value: Any) -> bool:
    return type(value) is str


def _is_int64(value: Any) -> bool:
    return type(value) is int and value in _INT64


def _is_hex(digits: int) -> Callable[[Any], bool]:
    # Lowercase hex digits only: an uppercase digest would load and then match nothing.
    return lambda value: type(value) is str and len(value) == digits and not value.strip(_HEX_DIGITS)


# Evidence is the most numerous object in a corpus: its plain fields are tested
# inline instead of through a hook call each.
_EVIDENCE_RULES: Final[dict[str, Rule]] = {
    "source_id": (_is_text, "a string"),
    "start": (_is_int64, "an integer"),
    "end": (_is_int64, "an integer"),
}

# An anchor holds what locate() writes, or it would load and then find nothing.
_ANCHOR_RULES: Final[dict[str, Rule]] = {
    "digest": (_is_hex(DIGEST_DIGITS), f"{DIGEST_DIGITS} lowercase hex digits, as locate() writes them"),
    "length": (lambda value: type(value) is int and 0 < value < 2**63, "a positive integer"),
    "head": (
        lambda value: type(value) is int and 0 <= value < HEAD_MODULUS,
        f"an integer from 0 to {HEAD_MODULUS - 1}",
    ),
    "prefix": (_is_hex(CONTEXT_DIGITS), f"{CONTEXT_DIGITS} lowercase hex digits, as locate() writes them"),
    "suffix": (_is_hex(CONTEXT_DIGITS), f"{CONTEXT_DIGITS} lowercase hex digits, as locate() writes them"),
}


def ruled_hook(
    cls: type[T], rules: Mapping[str, Rule], converter: cattrs.Converter, *, interned: str | None = None
) -> Callable[[Any, type], T]:
    """A structure hook for the attrs class *cls* that tests the fields in *rules* inline.

    Which keys an object must and may hold is read from the fields of *cls*;
    a field without a rule is structured by its own type's hook. So a field
    added to the class needs no change here. The string field *interned* is
    interned: every span of a source repeats its id, and JSON makes a new
    string each time.
    """
    fields = attrs.fields(attrs.resolve_types(cls))  # type: ignore[type-var, arg-type]
    required = frozenset(field.name for field in fields if field.default is attrs.NOTHING)
    allowed = frozenset(field.name for field in fields)
    # A required field's test reads its key, so a missing key fails the test: no separate check.
    must = tuple((name, test) for name, (test, _) in rules.items() if name in required)
    may = tuple((name, test) for name, (test, _) in rules.items() if name not in required)
    hooked = tuple(
        _FieldHook.of(field.name, field.type, converter, field.name in required)
        for field in fields
        if field.name not in rules
    )
    unruled = tuple(field.name for field in hooked if field.required)

    def structure(value: Any, _: type) -> T:
        try:
            sound = (
                value.keys() <= allowed
                # Lists, not generators: a generator costs a frame, a microsecond per span.
                and all([test(value[name]) for name, test in must])  # noqa: C419
                and all([test(value[name]) for name, test in may if name in value])  # noqa: C419
                and all([name in value for name in unruled])  # noqa: C419
            )
        except (AttributeError, KeyError):  # not an object, or a required key missing
            sound = False
        if not sound:
            raise _refusal(value, required, allowed, rules)
        if not hooked and interned is None:
            return cls(**value)
        given = dict(value)
        for field in hooked:
            if field.required or field.name in given:
                given[field.name] = field.structure(given[field.name])
        if interned is not None:
            given[interned] = sys.intern(given[interned])
        return cls(**given)

    return structure


@attrs.frozen
class _FieldHook:
    """How to structure one field: its type's hook, with None let through for an optional type.

    The optional type is unwrapped once here: cattrs would dispatch on its
    other member at every call.
    """

    name: str
    hook: Callable[[Any, Any], Any]
    type: Any
    optional: bool
    required: bool

    @classmethod
    def of(cls, name: str, type_: Any, converter: cattrs.Converter, required: bool) -> _FieldHook:
        members = [arg for arg in get_args(type_) if arg is not type(None)]
        optional = len(members) == 1 and len(get_args(type_)) == 2 and not is_tuple(type_)
        inner = members[0] if optional else type_
        return cls(name, converter.get_structure_hook(inner), inner, optional, required)

    def structure(self, value: Any) -> Any:
        if value is None and self.optional:
            return None
        try:
            return self.hook(value, self.type)
        except BadValue as error:
            raise BadValue(str(error), field=error.within(self.name)) from None


def _refusal(value: Any, required: Set[str], allowed: Set[str], rules: Mapping[str, Rule]) -> BadValue:
    """Why *value* is not an object with the *required* and *allowed* keys that meets *rules*."""
    if not isinstance(value, dict):
        return BadValue(f"expected a JSON object, got {json_type(value)}")
    for name in sorted(required - value.keys()):
        return BadValue("missing; this field is required", field=name)
    for name in sorted(value.keys() - allowed):
        return BadValue(f"unknown field (value {brief(value[name])})", field=name)
    for name, (test, wanted) in rules.items():
        if name in value and not test(value[name]):
            return BadValue(f"expected {wanted} (value {brief(value[name])})", field=name)
    raise AssertionError("refused an object that meets every rule")  # pragma: no cover - a bug


def _subclass_of(base: type) -> Callable[[Any], bool]:
    return lambda type_: isinstance(type_, type) and issubclass(type_, base)


@functools.cache
def converter() -> cattrs.Converter:
    """The package's one converter, built on first use rather than at import."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=False)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(PartialDate, _structure_date)
    converter.register_structure_hook_func(lambda type_: type_ == (str | None), _structure_optional_str)
    # By factory, so that a subclass with a field more gets a hook of its own shape.
    converter.register_structure_hook_factory(
        _subclass_of(Anchor), lambda cls: ruled_hook(cls, _ANCHOR_RULES, converter)
    )
    converter.register_structure_hook_factory(
        _subclass_of(Evidence), lambda cls: ruled_hook(cls, _EVIDENCE_RULES, converter, interned="source_id")
    )
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
