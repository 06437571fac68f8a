"""What happened, day by day: the raw record that measures read (no indicator is computed here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from hrsim.office.counter import CounterDay


@dataclass
class Encounters:
    """Today's counter visits as the citizens experienced them (arrays over visitors)."""

    citizen: np.ndarray
    served: np.ndarray
    perf: np.ndarray  # (n, 9) performance P
    expect: np.ndarray  # (n, 9) expectations E before the visit
    ratings: np.ndarray  # (n, 9) SKM answers 1–4
    satisfaction: np.ndarray  # overall s in [0, 1]

    @cached_property
    def rating_totals(self) -> tuple[np.ndarray, int]:
        """Sum of the answers per element over served visits, and how many were served."""
        rated = self.ratings[self.served]
        return rated.sum(axis=0, dtype=np.int64), len(rated)

    @classmethod
    def empty(cls) -> Encounters:
        """No visits."""
        z = np.zeros((0, 9))
        return cls(np.zeros(0, np.int64), np.zeros(0, bool), z, z, z.astype(np.int8),
                   np.zeros(0))


@dataclass
class DayRecord:
    """One working day."""

    day: int
    counter: CounterDay | None = None
    encounters: Encounters = field(default_factory=Encounters.empty)
    new_requests: int = 0
    completed_days: np.ndarray = field(default_factory=lambda: np.zeros(0))  # end-to-end
    completed_on_time: int = 0
    completed_bounced: int = 0
    bounces: int = 0
    abandoned: int = 0
    complaints_filed: int = 0
    complaints_on_time: int = 0
    complaints_late: int = 0
    open_desks: int = 0
    backlog: int = 0
    spent_rp: float = 0.0
    leavers: int = 0


class History:
    """Every `DayRecord` of a run, with helpers to look back over a window of days."""

    def __init__(self) -> None:
        self.days: list[DayRecord] = []

    def append(self, record: DayRecord) -> None:
        """Add a finished day."""
        self.days.append(record)

    def last(self, n_days: int) -> list[DayRecord]:
        """The most recent `n_days` days."""
        return self.days[-n_days:] if n_days > 0 else []

    def encounters(self, n_days: int) -> Encounters:
        """All encounters of the last `n_days` days, concatenated."""
        chunks = [d.encounters for d in self.last(n_days)]
        if not chunks:
            return Encounters.empty()
        return Encounters(*(np.concatenate([getattr(c, f) for c in chunks])
                            for f in Encounters.__dataclass_fields__))

    def counter_values(self, name: str, n_days: int | None = None) -> np.ndarray:
        """A `CounterDay` attribute over days, concatenated (all days when `n_days` is None)."""
        days = self.days if n_days is None else self.last(n_days)
        parts = [getattr(d.counter, name) for d in days if d.counter is not None]
        return np.concatenate(parts) if parts else np.zeros(0)

    def total(self, name: str) -> float:
        """Sum of a scalar `DayRecord` field over the run."""
        return float(sum(getattr(d, name) for d in self.days))
