"""CSV tables that are safe to open in a spreadsheet.

A text cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one)
would be run as a formula by Excel or LibreOffice (CSV injection, e.g. ``=HYPERLINK(...)`` in a
scenario's name). Such cells get a leading single quote, which spreadsheets show as text. Numbers
are left as they are: a negative effect stays a number.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """`value`, with a quote before it if it is text a spreadsheet would take as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(table: pd.DataFrame, path: Path) -> Path:
    """Write `table` as CSV (no index), its text cells and column names neutralised."""
    safe = table.rename(columns=neutralise)
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    safe.to_csv(path, index=False)
    return path
