"""An office's SKM data (Permen PANRB 14/2017) as offices hold it, read into one typed structure.

Two forms, in CSV (``,`` or ``;``), XLSX or TOML, any number of files:

- **respondent files**: a row per respondent, columns U1..U9 (``u1``, ``U 1``, ``Unsur 1``…),
  answers 1–4 or the questionnaire's answer texts (`answers.ANSWERS`); a blank answer is missing
  for that element only. Optional columns ``periode``/``period`` and ``layanan``/``service``;
  other columns are ignored.
- **published tables**: a row per period with a ``respondents`` column and the NRR (1–4) of
  U1..U9.

A file without a period column is one period named after the file. Periods are put in time order
when every label names a year (`periods.start`); the IKM is `hrsim.measures.ikm.ikm_from_nrr` of
each period's (and service's) element means.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from hrsim.elements import ELEMENTS, N_ELEMENTS
from hrsim.errors import InputError
from hrsim.measures.ikm import IKM, ikm_from_nrr
from hrsim.skm import answers
from hrsim.skm.periods import chronological
from hrsim.skm.sheets import ELEMENT_NAME, Row, Sheet, load

_VALUES = np.arange(1, 5)  # the answers 1–4
_ROLES = {"periode": "period", "period": "period", "layanan": "service",
          "jenis layanan": "service", "jenis pelayanan": "service", "service": "service",
          "respondents": "respondents", "responden": "respondents",
          "jumlah responden": "respondents"}
_ORDER_EXAMPLE = "U1,U2,U3,U4,U5,U6,U7,U9,U8"


@dataclass(frozen=True)
class Survey:
    """The SKM results of one period, or of one service in a period.

    Attributes:
        respondents: Respondents (rows with at least one answer; a published table's count).
        answered: Respondents who answered each element U1..U9.
        nrr: Each element's mean answer (NRR) as an exact fraction; None if nobody answered it.
        distribution: How many answered 1, 2, 3 and 4 per element (None for a published table).
    """

    respondents: int
    answered: dict[str, int]
    nrr: dict[str, Fraction | None]
    distribution: dict[str, tuple[int, int, int, int]] | None = None

    @classmethod
    def of_counts(cls, counts: np.ndarray, respondents: int) -> Survey:
        """The results of answer counts: one row per element, columns the answers 1–4."""
        n = counts.sum(axis=1)
        totals = counts @ _VALUES
        return cls(respondents,
                   answered={e: int(k) for e, k in zip(ELEMENTS, n, strict=True)},
                   nrr={e: Fraction(int(t), int(k)) if k else None
                        for e, t, k in zip(ELEMENTS, totals, n, strict=True)},
                   distribution={e: tuple(int(c) for c in row)
                                 for e, row in zip(ELEMENTS, counts, strict=True)})

    @property
    def means(self) -> dict[str, float | None]:
        """Each element's mean answer (1–4), None if nobody answered it."""
        return {e: None if v is None else float(v) for e, v in self.nrr.items()}

    @property
    def ikm(self) -> IKM | None:
        """The official IKM and grade, None unless every element was answered."""
        nrr = list(self.nrr.values())
        return None if None in nrr else ikm_from_nrr(nrr, self.respondents)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: the IKM fields, per-element counts and the answer distribution."""
        ikm = self.ikm
        base = ikm.to_dict() if ikm else dict.fromkeys(f.name for f in fields(IKM)) | {
            "elements": self.means, "respondents": self.respondents}
        return base | {"answered": self.answered, "distribution": self.distribution}


@dataclass(frozen=True)
class Period:
    """One survey period of an office.

    Attributes:
        label: The period's name (``2023 Semester 1``; the file name if the file has no period).
        survey: All its respondents.
        services: The same per service (None: rows that name none), if the data name services.
        files: The files it was read from.
    """

    label: str
    survey: Survey
    services: dict[str | None, Survey]
    files: tuple[str, ...]

    @property
    def ikm(self) -> IKM:
        """The period's official IKM (every element has answers: `read` checks)."""
        ikm = self.survey.ikm
        assert ikm is not None
        return ikm

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {"period": self.label, "files": list(self.files), **self.survey.to_dict(),
                "services": [{"service": name, **s.to_dict()} for name, s in
                             self.services.items()]}


@dataclass(frozen=True)
class SKM:
    """An office's SKM periods in time order."""

    periods: tuple[Period, ...]

    @property
    def latest(self) -> Period:
        """The last period."""
        return self.periods[-1]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: the latest period's IKM fields, and every period."""
        return self.latest.ikm.to_dict() | {"periods": [p.to_dict() for p in self.periods]}


def parse_order(text: str) -> tuple[str, ...]:
    """Parse ``--order``: the element that each of the file's columns U1..U9 holds.

    Example:
        >>> parse_order("U1,U2,U3,U4,U5,U6,U7,U9,U8")[7]
        'U9'

    Raises:
        InputError: Not the nine elements, each once.
    """
    names = [ELEMENT_NAME.fullmatch(part.strip().casefold()) for part in text.split(",")]
    order = tuple(f"U{m.group(1)}" if m else "" for m in names)
    if sorted(order) != sorted(ELEMENTS):
        raise InputError(f"--order: {text!r} is not U1..U9 each once in some order; give the "
                         f"element each of the file's columns U1..U9 holds, e.g. {_ORDER_EXAMPLE}")
    return order


@dataclass(frozen=True)
class Columns:
    """Which column of a sheet holds each element and the optional period, service, count."""

    elements: tuple[int, ...]
    period: int | None = None
    service: int | None = None
    respondents: int | None = None


def columns(sheet: Sheet, order: Sequence[str] = ELEMENTS) -> Columns:
    """Find the columns of a sheet by their names; `order[k]` is what column U(k+1) holds.

    Raises:
        InputError: An element column is missing, or a role is named by two columns.
    """
    found: dict[str, int] = {}
    for j, name in enumerate(sheet.header.cells):
        role = _role(name, order)
        if role is None:
            continue
        if role in found:
            raise InputError(f"{sheet.origin}, {sheet.header.where}: {sheet.labels[found[role]]} "
                             f"and {sheet.labels[j]} both give {role}; name each column once")
        found[role] = j
    missing = [e for e in ELEMENTS if e not in found]
    if missing:
        raise InputError(f"{sheet.origin}, {sheet.header.where}: missing column(s) "
                         f"{', '.join(missing)}; the header must name U1..U9 (found: "
                         f"{', '.join(n for n in sheet.header.cells if n) or 'nothing'})")
    return Columns(tuple(found[e] for e in ELEMENTS), found.get("period"), found.get("service"),
                   found.get("respondents"))


def _role(name: str, order: Sequence[str]) -> str | None:
    text = name.strip().casefold()
    match = ELEMENT_NAME.match(text)
    if match:
        return order[int(match.group(1)) - 1]
    return _ROLES.get(" ".join(re.sub(r"[_-]", " ", text).split()))


def _cell[T](sheet: Sheet, row: Row, column: int, parse: Callable[..., T], *args: object) -> T:
    """`parse(cell, *args)`, an error naming the file, line and column if it fails."""
    try:
        return parse(row.cells[column], *args)
    except answers.CellError as exc:
        raise InputError(f"{sheet.at(row, column)}: {exc}") from None


@dataclass
class _Counts:
    """Answer counts while reading: one row per element, columns the answers 1–4."""

    name: str | None = None
    counts: np.ndarray = field(default_factory=lambda: np.zeros((N_ELEMENTS, 4), np.int64))
    respondents: int = 0

    def add(self, scores: list[int | None]) -> None:
        """Count one respondent's answers (None: blank)."""
        for k, score in enumerate(scores):
            if score is not None:
                self.counts[k, score - 1] += 1
        self.respondents += 1

    def survey(self) -> Survey:
        """The results so far."""
        return Survey.of_counts(self.counts, self.respondents)


@dataclass
class _Tally:
    """One period while reading: its answer counts and each service's, or a published table."""

    label: str
    files: list[str] = field(default_factory=list)
    total: _Counts = field(default_factory=_Counts)
    services: dict[str | None, _Counts] = field(default_factory=dict)
    table: Survey | None = None

    def add(self, scores: list[int | None], service: str | None) -> None:
        """Count one respondent, unless every answer is blank."""
        if all(s is None for s in scores):
            return
        key = None if service is None else service.casefold()
        self.services.setdefault(key, _Counts(service)).add(scores)
        self.total.add(scores)

    def period(self) -> Period:
        """The finished period."""
        order = sorted(self.services, key=lambda key: (key is None, key or ""))
        services = {self.services[key].name: self.services[key].survey() for key in order} \
            if any(key is not None for key in order) else {}
        return Period(self.label, self.table or self.total.survey(), services, tuple(self.files))


class _Reader:
    """Reads files into periods, checking that no published period is given twice."""

    def __init__(self, order: Sequence[str]) -> None:
        self.order = order
        self.tallies: dict[str, _Tally] = {}

    def tally(self, label: str, sheet: Sheet, row: Row, *, table: bool) -> _Tally:
        """The period named `label`, new or already begun by respondents."""
        tally = self.tallies.setdefault(label.casefold(), _Tally(label))
        if tally.table is not None or (table and tally.files):
            raise InputError(f"{sheet.origin}, {row.where}: period {label!r} is also in "
                             f"{', '.join(tally.files)}; a published table's period must be "
                             "given once")
        if sheet.origin not in tally.files:
            tally.files.append(sheet.origin)
        return tally

    def read(self, sheet: Sheet, default: str) -> None:
        """Read a sheet's rows: respondents, or a published table if it counts respondents."""
        cols = columns(sheet, self.order)
        if not sheet.rows:
            raise InputError(f"{sheet.origin}: no respondents (only a header)")
        width = len(sheet.header.cells)
        for row in sheet.rows:
            if len(row.cells) != width:
                raise InputError(f"{sheet.origin}, {row.where}: {len(row.cells)} fields but the "
                                 f"header has {width}")
            label = default if cols.period is None else _cell(sheet, row, cols.period, _period)
            if cols.respondents is None:
                self._respondent(sheet, row, cols, label)
            else:
                self._published(sheet, row, cols, label)

    def _respondent(self, sheet: Sheet, row: Row, cols: Columns, label: str) -> None:
        scores = [_cell(sheet, row, j, answers.answer, e)
                  for e, j in zip(ELEMENTS, cols.elements, strict=True)]
        service = None if cols.service is None else \
            _cell(sheet, row, cols.service, answers.label)
        self.tally(label, sheet, row, table=False).add(scores, service)

    def _published(self, sheet: Sheet, row: Row, cols: Columns, label: str) -> None:
        n = _cell(sheet, row, cols.respondents, answers.count)
        nrr = {e: _cell(sheet, row, j, answers.nrr)
               for e, j in zip(ELEMENTS, cols.elements, strict=True)}
        self.tally(label, sheet, row, table=True).table = Survey(n, dict.fromkeys(ELEMENTS, n),
                                                                 nrr)

    def result(self) -> SKM:
        """The periods read, in time order."""
        periods = [t.period() for t in self.tallies.values()]
        for p in periods:
            unanswered = [e for e, v in p.survey.nrr.items() if v is None]
            if unanswered:
                raise InputError(f"{', '.join(p.files)}: period {p.label!r}: nobody answered "
                                 f"{', '.join(unanswered)}; the IKM needs every element")
        return SKM(tuple(periods[i] for i in chronological([p.label for p in periods])))


def _period(value: object) -> str:
    label = answers.label(value)
    if label is None:
        raise answers.CellError("an empty cell is not a period; every row needs one "
                                "(e.g. '2023 Semester 1')")
    return label


def read(paths: Sequence[str | Path], *, sheet: str | None = None,
         order: Sequence[str] = ELEMENTS) -> SKM:
    """Read an office's SKM files (respondent files and published tables) into periods.

    Args:
        paths: CSV, XLSX or TOML files; each one period unless it has a period column.
        sheet: The XLSX sheet to read (default: the first).
        order: The element each of the files' columns U1..U9 holds (`parse_order`).

    Raises:
        InputError: One line naming the file, line and column of the first problem.
    """
    if not paths:
        raise InputError("no SKM file given")
    seen = [str(Path(p).resolve()) for p in paths]
    twice = next((p for k, p in enumerate(paths) if seen[k] in seen[:k]), None)
    if twice is not None:
        raise InputError(f"{twice}: given twice; each file once")
    reader = _Reader(order)
    for path in map(Path, paths):
        reader.read(load(path, sheet), default=path.stem)
    return reader.result()
