"""Reading an SKM file — CSV, XLSX or TOML — into a header and rows that know where they are.

Every row keeps its place in the file (``line 12``, ``sheet 'Data', row 12``, the line of a TOML
``[[period]]`` table) and every column how to name it, so that any problem can be reported as one
line naming the file, line and column.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl.utils import get_column_letter

from hrsim.elements import ELEMENTS
from hrsim.errors import InputError
from hrsim.validation import parse_toml, suggest

_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"  # XLSX (a zip), old binary XLS
TOML_KEYS = ("period", "respondents", *ELEMENTS)  # of a published table's [[period]]
ELEMENT_NAME = re.compile(r"(?:u|unsur)\s*([1-9])\b")  # U1, u 1, Unsur 1, "U1. Persyaratan"


@dataclass(frozen=True)
class Row:
    """A row of cells and where it is (``line 12``)."""

    where: str
    cells: tuple[object, ...]


@dataclass(frozen=True)
class Sheet:
    """A file's header and data rows.

    Attributes:
        origin: The file, as messages name it.
        header: The header row (its cells are the column names).
        labels: How messages name each column (``column U3``, ``column D (U3)``, ``key U3``).
        rows: The data rows below the header, blank rows left out.
    """

    origin: str
    header: Row
    labels: tuple[str, ...]
    rows: tuple[Row, ...]

    def at(self, row: Row, column: int) -> str:
        """Where a cell is: ``file, line 12, column U3``."""
        return f"{self.origin}, {row.where}, {self.labels[column]}"


def load(path: Path, sheet: str | None = None) -> Sheet:
    """Read an SKM file: XLSX (`sheet` or the first), TOML (by its suffix) or CSV.

    Raises:
        InputError: Missing, a folder, empty, binary, old XLS, not UTF-8, or malformed.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: a folder; expected a CSV, XLSX or TOML file") from None
    if data.startswith(_ZIP):
        return _xlsx(path, data, sheet)
    if data.startswith(_OLE):
        raise InputError(f"{path}: an old Excel .xls workbook (or a password-protected one); "
                         "save it as .xlsx without a password, or as CSV UTF-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: UTF-16 text; save the file as CSV UTF-8 (or XLSX)")
    if b"\0" in data:
        raise InputError(f"{path}: a binary file; expected a CSV (UTF-8), XLSX or TOML file")
    text = _decode(path, data)
    if not text.strip():
        raise InputError(f"{path}: the file is empty; expected a header with U1..U9 and one row "
                         "per respondent (or period, respondents, U1..U9 for a published table)")
    return _toml(path, text) if path.suffix.lower() == ".toml" else _csv(path, text)


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(f"{path}, line {line}: not UTF-8 text; save the file as CSV UTF-8 "
                         "(or XLSX)") from None


def is_element(name: str) -> bool:
    """Whether a column name names an element (``U3``, ``u 3``, ``Unsur 3``, ``U3. Biaya``)."""
    return ELEMENT_NAME.match(name.strip().casefold()) is not None


def _sheet(origin: str, rows: list[Row], label: Callable[[int, str], str]) -> Sheet:
    """A sheet of `rows`: its header is the first row naming an element, else the first row.

    Title rows above the header are left out.
    """
    if not rows:
        raise InputError(f"{origin}: only blank cells; expected a header with U1..U9")
    at = next((i for i, row in enumerate(rows) if any(is_element(str(c)) for c in row.cells)), 0)
    header = Row(rows[at].where, tuple("" if c is None else str(c).strip()
                                       for c in rows[at].cells))
    labels = tuple(label(j, name) for j, name in enumerate(header.cells))
    return Sheet(origin, header, labels, tuple(rows[at + 1:]))


def _csv(path: Path, text: str) -> Sheet:
    lines = text.splitlines()
    first = next((line for line in lines if _names_u1(line)),
                 next(line for line in lines if line.strip()))
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(first, ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows, end = [], 0
    try:
        for cells in reader:
            where, end = f"line {end + 1}", reader.line_num
            if any(c.strip() for c in cells):
                rows.append(Row(where, tuple(cells)))
    except csv.Error as exc:
        raise InputError(f"{path}, line {reader.line_num}: not valid CSV ({exc})") from None
    return _sheet(str(path), rows, lambda j, name: f"column {name or j + 1}")


def _names_u1(line: str) -> bool:
    """Whether a line of text names an element column anywhere (to find the CSV header)."""
    return re.search(r"(?<![a-z0-9])(?:u|unsur)\s*1\b", line.casefold()) is not None


def _xlsx(path: Path, data: bytes, sheet: str | None) -> Sheet:
    try:
        book = pd.ExcelFile(io.BytesIO(data), engine="openpyxl")
    except Exception as exc:  # a zip that is no workbook: zipfile, openpyxl and XML errors
        raise InputError(f"{path}: not a readable XLSX workbook ({type(exc).__name__})") from None
    name = book.sheet_names[0] if sheet is None else sheet
    if name not in book.sheet_names:
        raise InputError(f"{path}: no sheet {name!r}; --sheet is one of "
                         f"{', '.join(repr(s) for s in book.sheet_names)}")
    table = pd.read_excel(book, sheet_name=name, header=None, dtype=object)
    rows = [Row(f"sheet {name!r}, row {i + 1}", tuple(_cell(c) for c in values))
            for i, values in zip(table.index, table.itertuples(index=False, name=None),
                                 strict=True)]
    rows = [row for row in rows if any(c is not None and str(c).strip() for c in row.cells)]
    return _sheet(str(path), rows, lambda j, text: f"column {get_column_letter(j + 1)}" +
                  (f" ({text})" if text else ""))


def _cell(value: object) -> object:
    return None if isinstance(value, float) and math.isnan(value) else value


def _toml(path: Path, text: str) -> Sheet:
    data = parse_toml(text, str(path))
    tables = data.get("period")
    if set(data) != {"period"} or not isinstance(tables, list) or \
            not all(isinstance(t, dict) for t in tables):
        raise InputError(f"{path}: expected only [[period]] tables, each with period, "
                         "respondents and U1..U9 (the published NRR, 1–4)")
    names = list(dict.fromkeys(key for table in tables for key in table))
    starts = [i + 1 for i, line in enumerate(text.splitlines())
              if re.match(r"\s*\[\[\s*period\s*\]\]", line)]
    places = [f"line {n}" for n in starts] if len(starts) == len(tables) else \
        [f"[[period]] {k + 1}" for k in range(len(tables))]
    rows = [Row(where, tuple(table.get(key) for key in names))
            for where, table in zip(places, tables, strict=True)]
    for row in rows:
        _check_toml(path, row, names)
    return Sheet(str(path), Row("the [[period]] tables", tuple(names)),
                 tuple(f"key {name}" for name in names), tuple(rows))


def _check_toml(path: Path, row: Row, names: list[str]) -> None:
    """A TOML table's keys are period, respondents and U1..U9, its numbers without quotes."""
    for key, value in zip(names, row.cells, strict=True):
        if key not in TOML_KEYS and value is not None:
            raise InputError(f"{path}, {row.where}: unknown key {key!r}"
                             f"{suggest(key, TOML_KEYS)}; allowed: {', '.join(TOML_KEYS)}")
        if key != "period" and isinstance(value, str):
            raise InputError(f"{path}, {row.where}, key {key}: {value!r} is a text; write the "
                             "number without quotes")
