"""The cells of an SKM file: answers (1–4 or the questionnaire's texts), NRRs, respondent counts.

Each function takes one cell as read (a text from CSV; a number, text or true/false from XLSX or
TOML; None when blank) and returns its value or raises `CellError` saying what is allowed; the
reader adds the file, line and column.
"""

from __future__ import annotations

import difflib
import re
from fractions import Fraction

from hrsim.elements import ELEMENTS

# The answers of the Permen PANRB 14/2017 questionnaire, scoring 1 → 4 (skm-data.md §A1)
ANSWERS: dict[str, tuple[str, str, str, str]] = {
    "U1": ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    "U2": ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    "U3": ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    "U4": ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    "U5": ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    "U6": ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    "U7": ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah",
           "Sangat sopan dan ramah"),
    "U8": ("Buruk", "Cukup", "Baik", "Sangat baik"),
    "U9": ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal",
           "Dikelola dengan baik"),
}
# wordings seen in offices' forms besides the annex's (skm-data.md §A1)
VARIANTS: dict[str, dict[str, int]] = {
    "U4": {"Sangat murah/gratis": 4},
    "U7": {"Tidak sopan dan tidak ramah": 1},
    "U8": {"Cukup baik": 2},
}
NUMBERS = ("1", "2", "3", "4")
_SHOWN = 40  # characters of a cell quoted in a message


class CellError(ValueError):
    """A cell that is not what its column allows; the message says what is allowed."""


def normal(text: str) -> str:
    """`text` case-folded, with runs of spaces as one and no spaces around '/'."""
    return re.sub(r"\s*/\s*", "/", " ".join(text.casefold().split()))


_TEXTS = {e: {normal(text): text for text in (*ANSWERS[e], *VARIANTS.get(e, {}))}
          for e in ELEMENTS}  # normalised → as written
_SCORES = {e: {normal(text): k + 1 for k, text in enumerate(ANSWERS[e])}
           | {normal(text): k for text, k in VARIANTS.get(e, {}).items()} for e in ELEMENTS}


def shown(value: object) -> str:
    """A cell as quoted in a message, shortened if long."""
    if blank(value):
        return "an empty cell"
    text = repr(value)
    return text if len(text) <= _SHOWN else text[:_SHOWN - 4] + "…" + text[-3:]


def blank(value: object) -> bool:
    """Whether a cell is empty (None or only spaces)."""
    return value is None or (isinstance(value, str) and not value.strip())


def answer(value: object, element: str) -> int | None:
    """The score 1–4 of an answer to `element` (``"U3"``), None if blank.

    Raises:
        CellError: Not 1–4 nor one of the element's answer texts (case and spaces ignored).
    """
    if blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and value in (1, 2, 3, 4):
        return int(value)
    if isinstance(value, str):
        text = normal(value)
        if text in NUMBERS:
            return int(text)
        if text in _SCORES[element]:
            return _SCORES[element][text]
    raise CellError(f"{shown(value)} is not an answer to {element}{_hint(value, element)}; "
                    f"allowed: 1, 2, 3, 4 or {', '.join(map(repr, ANSWERS[element]))} (any case)")


def _hint(value: object, element: str) -> str:
    """Why a text may have been given: it answers another element, or is a misspelling."""
    if not isinstance(value, str):
        return ""
    text = normal(value)
    other = [e for e in ELEMENTS if text in _SCORES[e]]
    if other:
        return (f" but {'/'.join(other)} (if the file's columns hold the elements in another "
                "order, give --order)")
    close = difflib.get_close_matches(text, list(_TEXTS[element]), n=1, cutoff=0.8)
    return f" (did you mean {_TEXTS[element][close[0]]!r}?)" if close else ""


def nrr(value: object) -> Fraction:
    """A published element mean (NRR), exactly as written: a number from 1 to 4.

    Raises:
        CellError: Blank, not a number (a decimal point or comma is fine), or outside 1–4.
    """
    number = _decimal(value)
    if number is None or not 1 <= number <= 4:
        raise CellError(f"{shown(value)} is not an NRR; allowed: a number from 1 to 4 (e.g. 3.62)")
    return number


def _decimal(value: object) -> Fraction | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(repr(value))  # the decimal as written, not the binary float
    if isinstance(value, str) and re.fullmatch(r"\d+([.,]\d+)?", text := value.strip()):
        return Fraction(text.replace(",", "."))
    return None


def count(value: object) -> int:
    """A respondent count: a positive integer.

    Raises:
        CellError: Blank, true/false, a fraction, zero or negative.
    """
    number = _decimal(value)
    if number is None or number.denominator != 1 or number < 1:
        raise CellError(f"{shown(value)} is not a respondent count; allowed: a positive integer")
    return int(number)


def label(value: object) -> str | None:
    """A period or service name: a text or a whole number (a year), spaces trimmed; None if blank.

    Raises:
        CellError: A true/false, fractional or date value.
    """
    if blank(value):
        return None
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, int | float) and not isinstance(value, bool) and value == int(value):
        return str(int(value))
    raise CellError(f"{shown(value)} is not a name; allowed: a text such as '2023 Semester 1'")
