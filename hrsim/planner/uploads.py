"""Uploaded files: checked before anything reads them, then kept inside a job folder.

The rules, each refused with one sentence naming the file:

- at most `MAX_BYTES` (20 MB), checked on the size the browser announces, before reading;
- only ``.csv``, ``.xlsx`` and ``.toml`` (`ACCEPTED`), and the content must be what the name
  says: text files are UTF-8 (a BOM is fine) without NUL or other control bytes; an XLSX file is
  a ZIP archive holding a workbook, not over `MAX_UNPACKED` once unpacked (no ZIP bomb);
- no formula: a CSV cell, or an XLSX text or formula cell, starting with ``=``, ``+``, ``@`` or
  ``-`` followed by a non-number (``=HYPERLINK(...)``, ``@SUM(...)``) is refused, as it could run
  in the spreadsheet of whoever opens the file later;
- nothing is executed: text is decoded, CSV split by Python's csv module, XLSX read by openpyxl
  (which never evaluates formulas), TOML by tomllib.

An accepted file is stored as ``inputs/<generated folder>/<name>``: the folder name is random,
and the name is the original one reduced to letters, digits, ``-`` and ``_`` (at most
`NAME_CHARS` characters) with the checked extension, because ``hrsim ikm`` names a period after
its file. No path of the user's is ever used. Files are written under a temporary name and
renamed into place only once every check (and the caller's, e.g. reading the SKM data) passes:
nothing is kept from a refused file.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import secrets
import shutil
import tomllib
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from hrsim.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024
ACCEPTED = (".csv", ".xlsx", ".toml")
NAME_CHARS = 60
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PATH_BEFORE_FILE = re.compile(r"[^\s,:'\"]*/(?=[^/\s,:]+\.(?:csv|xlsx|toml)\b)")
FORMULA = re.compile(r"\s*(?:[=@]|[+-](?!\s*(?:\d*[.,]?\d+)?\s*$))")  # a lone - or -2 is not


def shown(message: str) -> str:
    """A message with the folders before file names taken out (the app's paths stay private)."""
    return PATH_BEFORE_FILE.sub("", message)


def safe_name(name: str, extension: str) -> str:
    """The original name reduced to safe characters, with `extension`."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(name).stem).strip("-_")[:NAME_CHARS]
    return (stem or "upload") + extension


def check_size(name: str, size: int) -> None:
    """Refuse a file over `MAX_BYTES` before reading it.

    Raises:
        InputError: The file is too large.
    """
    if size > MAX_BYTES:
        raise InputError(f"{name}: {size / 2**20:.1f} MB is too large; at most "
                         f"{MAX_BYTES // 2**20} MB is accepted")


def extension_of(name: str) -> str:
    """The file's extension if it is accepted.

    Raises:
        InputError: Another type of file.
    """
    extension = Path(name).suffix.lower()
    if extension not in ACCEPTED:
        raise InputError(f"{name}: only {', '.join(ACCEPTED)} files are accepted "
                         f"(this one is {extension or 'without an extension'})")
    return extension


def check_content(name: str, data: bytes, extension: str) -> None:
    """Refuse content that is not what the extension says, or that holds a formula.

    Raises:
        InputError: One sentence naming the file (and the row and column of a formula).
    """
    check_size(name, len(data))
    if extension == ".xlsx":
        _check_xlsx(name, data)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not a text file in UTF-8 (a binary file, or another "
                         "encoding); save it as CSV UTF-8 or TOML") from None
    if CONTROL.search(text):
        raise InputError(f"{name}: holds control characters, so it is not a plain text file")
    if extension == ".toml":
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"{name}: not valid TOML ({exc})") from None
    else:
        _check_cells(name, _csv_cells(text))


def _csv_cells(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, column, text) of every cell, split on ``;`` or ``,`` as the file uses."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    for line, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        for column, cell in enumerate(row, start=1):
            yield line, column, cell


def _check_cells(name: str, cells: Iterator[tuple[int, int, str]]) -> None:
    for line, column, cell in cells:
        if FORMULA.match(cell):
            shown = cell.strip()[:30]
            raise InputError(f"{name}, row {line}, column {column}: '{shown}' looks like a "
                             "spreadsheet formula; formulas are refused (give the value)")


def _check_xlsx(name: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            unpacked = sum(m.file_size for m in members)
    except zipfile.BadZipFile:
        raise InputError(f"{name}: not an XLSX workbook (an .xlsx file is a ZIP archive; an "
                         "old .xls or a renamed file is not)") from None
    if "xl/workbook.xml" not in names:
        raise InputError(f"{name}: a ZIP archive but not an Excel workbook")
    if unpacked > MAX_UNPACKED:
        raise InputError(f"{name}: unpacks to {unpacked / 2**20:.0f} MB; at most "
                         f"{MAX_UNPACKED // 2**20} MB is accepted")
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise InputError(f"{name}: the workbook cannot be read ({type(exc).__name__})") from None
    try:
        _check_cells(name, ((r, c, str(v)) for sheet in book.worksheets
                            for r, row in enumerate(sheet.iter_rows(values_only=True), start=1)
                            for c, v in enumerate(row, start=1) if isinstance(v, str)))
    finally:
        book.close()


def store(folder: Path, name: str, data: bytes,
          check: Callable[[Path], None] = lambda _: None) -> Path:
    """Check an upload and keep it in `folder` under a generated folder; return its path.

    Args:
        folder: Where to keep it (a job's inputs).
        name: The file's name in the browser (only its safe characters are kept).
        data: Its content.
        check: A further check of the stored file (e.g. reading it as SKM data); if it raises,
            the file is removed.

    Raises:
        InputError: The file is refused; nothing is kept.
    """
    extension = extension_of(name)
    check_content(name, data, extension)
    home = folder / f"u-{secrets.token_hex(6)}"
    incoming = folder / f".incoming-{secrets.token_hex(6)}"
    incoming.mkdir(parents=True)
    path = incoming / safe_name(name, extension)
    try:
        path.write_bytes(data)
        check(path)
        incoming.rename(home)
    finally:
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(incoming)
    return home / path.name
