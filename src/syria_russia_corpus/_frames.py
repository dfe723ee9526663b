"""Records as pandas DataFrames, typed column by column from the column model."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._columns import Cell, Column, table_for
from .exceptions import MissingDependencyError

if TYPE_CHECKING:
    import pandas as pd

    from ._collection import Records


def to_pandas(records: Records[Any]) -> pd.DataFrame:
    """One row per record, with the columns of the records' table.

    Records of several kinds (search results) share the mixed table: a
    ``record_type`` column says which kind each row is.
    """
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError("pandas", "pandas", "to_pandas()") from None
    table = table_for(records)
    names = records.corpus.actor_name if records.corpus is not None else (lambda _: None)
    cells = [[column.get(record, names) for record in records] for column in table.columns]
    return pd.DataFrame(
        {
            column.name: _series(pd, column, values)
            for column, values in zip(table.columns, cells, strict=True)
        },
        columns=[column.name for column in table.columns],
    )


def _series(pd: Any, column: Column, values: list[Cell]) -> Any:
    if column.cell_type in ("integer", "boolean"):
        return pd.array(values, dtype="Int64" if column.cell_type == "integer" else "boolean")
    if column.cell_type == "date":
        # Second resolution reaches from year 1 to 9999; pandas' default nanoseconds stop at 1677.
        return pd.Series(pd.array(values, dtype="datetime64[s]"))
    if column.cell_type == "list":
        return pd.Series([list(value) if isinstance(value, tuple) else [] for value in values], dtype=object)
    if column.enum is not None:
        return pd.Categorical(values, categories=[member.value for member in column.enum], ordered=True)
    return pd.Series(values, dtype=object)
