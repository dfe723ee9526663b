"""Name keys: how "Bashar al-Assad" and "bashar Al Assad" become one name."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping


def name_key(name: str) -> str:
    """Reduce a name to its letters and digits, accents stripped, case folded.

    Example:
        >>> name_key("Bashar-al-Assad") == name_key("bashar Al Assad")
        True
        >>> name_key("François Hollande")
        'francoishollande'
    """
    # Decompose before and after folding: compatibility forms such as a
    # mathematical bold letter only gain a case once decomposed.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", name).casefold())
    return "".join(char for char in decomposed if char.isalnum())


def closest_names(query: str, names: Iterable[str], *, limit: int = 3) -> list[str]:
    """Return up to *limit* of *names* whose keys are closest to *query*'s."""
    import difflib  # only an error message needs it; importing it costs more than a query

    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(name_key(name), name)
    keys = difflib.get_close_matches(name_key(query), by_key, n=limit, cutoff=0.6)
    return [by_key[key] for key in keys]


def build_name_index(names_by_id: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """Map every name key to the ids of the records it names, in id order."""
    index: dict[str, set[str]] = {}
    for record_id, names in names_by_id.items():
        for name in names:
            key = name_key(name)
            if key:
                index.setdefault(key, set()).add(record_id)
    return {key: tuple(sorted(ids)) for key, ids in index.items()}
