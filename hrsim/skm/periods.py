"""Putting survey periods in time order from their labels ("2023 Semester II", "TW 3 2024", …)."""

from __future__ import annotations

import re
from collections.abc import Sequence

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_PART = re.compile(r"\b(semester|sem|smt|s|triwulan|tw|kuartal|quarter|q)[\s._-]*"
                   r"(iv|iii|ii|i|[1-4])\b")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_MONTHS_PER = {"semester": 6, "sem": 6, "smt": 6, "s": 6}  # others: quarters of 3 months


def start(label: str) -> tuple[int, int] | None:
    """The (year, first month) a period label names, or None if it names no single year.

    Example:
        >>> start("Semester II 2023"), start("2024-TW3"), start("2022"), start("baseline")
        ((2023, 7), (2024, 7), (2022, 1), None)
    """
    text = label.casefold()
    years = set(_YEAR.findall(text))
    if len(years) != 1:
        return None
    part = _PART.search(_YEAR.sub(" ", text))
    if part is None:
        return int(years.pop()), 1
    kind, number = part.groups()
    k = _ROMAN.get(number) or int(number)
    months = _MONTHS_PER.get(kind, 3)
    if k * months > 12:
        return None
    return int(years.pop()), 1 + (k - 1) * months


def chronological(labels: Sequence[str]) -> list[int]:
    """Indices of `labels` in time order if every label names a year, else in the given order.

    Labels that start at the same time keep their given order.
    """
    starts = [start(label) for label in labels]
    if any(s is None for s in starts):
        return list(range(len(labels)))
    return sorted(range(len(labels)), key=lambda i: starts[i])
