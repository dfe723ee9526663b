"""Name keys: how "Bashar al-Assad" and "bashar Al Assad" become one name."""

from __future__ import annotations

import operator
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Final

import attrs

# How many keys, sharing the most two-letter pieces with a query, difflib
# compares: enough that the names it finds close are among them, and few
# enough to compare in a millisecond or two.
_CANDIDATES: Final = 256
_NOT_ASCII_ALNUM: Final = re.compile(r"[^a-z0-9]+")


def name_key(name: str) -> str:
    """Reduce a name to its letters and digits, accents stripped, case folded.

    Example:
        >>> name_key("Bashar-al-Assad") == name_key("bashar Al Assad")
        True
        >>> name_key("François Hollande")
        'francoishollande'
    """
    if name.isascii():
        # Most names: no accents to strip, and lower() is casefold() for ASCII.
        return _NOT_ASCII_ALNUM.sub("", name.lower())
    # Decompose before and after folding: compatibility forms such as a
    # mathematical bold letter only gain a case once decomposed.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", name).casefold())
    return "".join(char for char in decomposed if char.isalnum())


def closest_names(query: str, names: Iterable[str], *, limit: int = 3) -> list[str]:
    """Return up to *limit* of *names* whose keys are closest to *query*'s."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(name_key(name), name)
    return [by_key[key] for key in _close_keys(name_key(query), by_key, limit)]


def _close_keys(key: str, keys: Iterable[str], limit: int) -> list[str]:
    import difflib  # only an error message needs it; importing it costs more than a query

    return difflib.get_close_matches(key, keys, n=limit, cutoff=0.6)


def _pieces(key: str) -> set[str]:
    # Pairs of letters, not triples: two names difflib finds close nearly always
    # share a pair, and a key's ends are marked so that its first and last
    # letters count, and a key of one letter has pieces too.
    padded = f"^{key}$"
    return set(map(operator.add, padded, padded[1:]))


@attrs.frozen(eq=False)
class KeyIndex:
    """Name keys found by likeness without comparing a query with every key.

    A key is filed under each two-letter piece of it. A query's candidates
    are the keys sharing the most pieces with it; difflib then ranks only
    those, so a miss costs the pieces' postings, not a scan of every name.

    Example:
        >>> index = KeyIndex.of(["sergeilavrov", "vladimirputin", "vitalychurkin"])
        >>> index.closest(name_key("Sergei Lavrof"))
        ['sergeilavrov']
    """

    keys: Sequence[str]
    postings: Mapping[str, Sequence[int]]

    @classmethod
    def of(cls, keys: Iterable[str]) -> KeyIndex:
        """Index *keys*, each a :func:`name_key`."""
        unique = tuple(dict.fromkeys(keys))
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for number, key in enumerate(unique):
            for piece in _pieces(key):
                postings[piece].append(number)
        # Read-only, of tuples: the bundled corpus's index is shared by the whole process.
        return cls(unique, MappingProxyType({piece: tuple(numbers) for piece, numbers in postings.items()}))

    def closest(self, key: str, *, limit: int = 3) -> list[str]:
        """Up to *limit* indexed keys closest to *key*, closest first."""
        shared: Counter[int] = Counter()
        # In sorted order, so that keys sharing as many pieces rank the same in every process.
        for piece in sorted(_pieces(key)):
            shared.update(self.postings.get(piece, ()))
        candidates = [self.keys[number] for number, _ in shared.most_common(_CANDIDATES)]
        return _close_keys(key, candidates, limit)


def build_name_index(names_by_id: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """Map every name key to the ids of the records it names, in id order."""
    index: defaultdict[str, set[str]] = defaultdict(set)  # a set per key, not one made per name
    for record_id, names in names_by_id.items():
        for key in map(name_key, names):
            index[key].add(record_id)
    index.pop("", None)  # a name with no letter or digit names nothing
    return {key: tuple(sorted(ids)) for key, ids in index.items()}
