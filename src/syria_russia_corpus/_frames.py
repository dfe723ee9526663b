"""Records as pandas DataFrames."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ._tables import TABLES
from .exceptions import MissingDependencyError

if TYPE_CHECKING:
    import pandas as pd


def to_pandas(
    records: Sequence[Any], kind: type[Any] | None, name_of: Callable[[str], str | None]
) -> pd.DataFrame:
    """One row per record, with the columns of the record kind's flat table.

    Records of several kinds (search results) share one frame: a
    ``record_type`` column says which kind each row is, and a kind's columns
    are empty on the other kinds' rows.
    """
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError("pandas", "pandas", "to_pandas()") from None
    kinds = list(dict.fromkeys(type(record) for record in records)) or ([kind] if kind else [])
    if not kinds:
        return pd.DataFrame()
    if len(kinds) == 1:
        table = TABLES[kinds[0]]
        frame = pd.DataFrame(table.rows(records, name_of), columns=[c.name for c in table.columns])
        date_columns = [c.name for c in table.columns if c.schema_type == "date"]
    else:
        rows = [
            {"record_type": type(r).__name__.lower(), **TABLES[type(r)].rows([r], name_of)[0]}
            for r in records
        ]
        frame = pd.DataFrame(rows)
        date_columns = sorted(
            {c.name for kind in kinds for c in TABLES[kind].columns if c.schema_type == "date"}
        )
    for column in date_columns:
        frame[column] = pd.to_datetime(frame[column])
    return frame
