"""Values shown in messages, cut short: no error echoes a megabyte of what it was given."""

from __future__ import annotations

import math
import reprlib
from typing import Any, Final

# Past 4,300 digits Python will not write an integer out at all; long before
# that, its digits say nothing a reader can use.
_MOST_DIGITS: Final = 80


class _Brief(reprlib.Repr):
    def repr_int(self, x: int, level: int) -> str:
        # About 0.30103 decimal digits per bit: an estimate, as the message says.
        digits = math.floor(x.bit_length() * math.log10(2)) + 1
        if digits > _MOST_DIGITS:
            return f"<an integer of about {digits:,} digits>"
        return super().repr_int(x, level)


_BRIEF: Final = _Brief()
_BRIEF.maxstring = _BRIEF.maxother = _BRIEF.maxlong = 80
_BRIEF.maxlist = _BRIEF.maxdict = 6


def brief(value: Any) -> str:
    """The repr of *value*, cut short in the middle past about 80 characters, for messages.

    Example:
        >>> brief("x" * 1000)
        "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'"
        >>> brief("Lavrov")
        "'Lavrov'"
        >>> brief(10**5000)
        '<an integer of about 5,001 digits>'
    """
    return _BRIEF.repr(value)
