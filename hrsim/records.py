"""What happened, day by day: the raw record that measures read (no indicator is computed here).

Every record type of the model is here: a service point's queue of the day (`QueueDay`), the facts
of its visits (`Visit`), the visits as experienced and rated (`Encounters`), the stories residents
tell (`Story`), and the day (`DayRecord`) that holds them with each component's counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import IntEnum
from functools import cache, cached_property
from typing import Any

import numpy as np

from hrsim.elements import N_ELEMENTS


def concat(cls: type[Any], parts: list[Any]) -> Any:
    """Records of the same array dataclass (days, service points, stories) joined into one.

    A single part is the result itself, not a copy: records are read, never changed, once made
    (and most days have one service point).
    """
    if len(parts) == 1:
        return parts[0]
    return cls(*(np.concatenate([getattr(part, name) for part in parts])
                 for name in _field_names(cls)))


@cache
def _field_names(cls: type[Any]) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


class Outcome(IntEnum):
    """What happened to a citizen at the counter."""

    SERVED = 0
    GAVE_UP = 1  # left the queue when patience ran out
    SENT_HOME = 2  # still waiting at closing time: "come back tomorrow"
    TURNED_AWAY = 3  # rationing by coping staff: "queue numbers are finished"


@dataclass
class QueueDay:
    """One day (or validation stream) of a service point's queue.

    Arrays per customer in arrival order.
    """

    arrival: np.ndarray
    start: np.ndarray  # NaN if not served
    left: np.ndarray  # when an unserved citizen left (gave up, closing time, turned away)
    desk: np.ndarray
    outcome: np.ndarray
    queue_on_arrival: np.ndarray
    busy_min: np.ndarray  # per desk

    @property
    def served(self) -> np.ndarray:
        """Boolean mask of customers who were served."""
        return self.outcome == Outcome.SERVED

    @property
    def wait(self) -> np.ndarray:
        """Minutes each served citizen waited before service (NaN if not served)."""
        return self.start - self.arrival

    @property
    def time_in_queue(self) -> np.ndarray:
        """Minutes each citizen spent in the queue, served or not."""
        return np.where(self.served, self.start, self.left) - self.arrival


@dataclass
class Visit:
    """Facts about today's visits at one service point (arrays over visitors)."""

    ids: np.ndarray  # request ids
    citizen: np.ndarray
    point: np.ndarray  # index of the service point
    served: np.ndarray
    wait: np.ndarray  # minutes in the queue (until served, giving up or closing)
    travel: np.ndarray  # one-way travel to the service point (minutes)
    queue_on_arrival: np.ndarray
    facilities: np.ndarray  # the point's waiting room and queue system, 0–1
    competence: np.ndarray  # of the clerk who served (0 if not served)
    courtesy: np.ndarray
    turned_away_by_staff: np.ndarray
    pickup: np.ndarray
    rejected_documents: np.ndarray
    completed_ok: np.ndarray
    product_error: np.ndarray
    route_stages: np.ndarray
    returns: np.ndarray
    elapsed_days: np.ndarray  # since the need arose
    promised_days: np.ndarray  # completion time the office promises for this service
    free: np.ndarray  # the service's official tariff is nothing
    above_tariff: np.ndarray  # paid an unofficial fee or a calo

    @property
    def achieved(self) -> np.ndarray:
        """Whether the visit achieved its purpose: a file accepted, or a correct document."""
        return self.served & np.where(self.pickup, self.completed_ok, ~self.rejected_documents)


@dataclass
class Encounters:
    """Visits as the citizens experienced them (arrays over visitors)."""

    request: np.ndarray  # request id of the visit
    citizen: np.ndarray
    served: np.ndarray
    point: np.ndarray  # index of the service point in the day's order of points
    perf: np.ndarray  # (n, 9) performance P (the expectation where not experienced)
    seen: np.ndarray  # (n, 9) elements experienced
    expect: np.ndarray  # (n, 9) expectations E before the visit
    ratings: np.ndarray  # (n, 9) SKM answers 1–4
    valence: np.ndarray  # the visit's valence in [−1, 1] (delight minus disappointment)
    trust_before: np.ndarray  # the visitor's trust in the office before the visit

    @cached_property
    def rating_totals(self) -> tuple[np.ndarray, int]:
        """Sum of the answers per element over served visits, and how many were served."""
        rated = self.ratings[self.served]
        return rated.sum(axis=0, dtype=np.int64), len(rated)

    @classmethod
    def empty(cls) -> Encounters:
        """No visits."""
        z = np.zeros((0, N_ELEMENTS))
        return cls(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, bool),
                   np.zeros(0, np.int8), z, z.astype(bool), z, z.astype(np.int8), np.zeros(0),
                   np.zeros(0))


@dataclass
class Story:
    """What residents tell their neighbours today: one row per teller.

    Attributes:
        teller: The resident who may talk.
        kind: What about (0 a visit, 1 a complaint's answer), a key of their random draws.
        valence: How good or bad it was, in [−1, 1].
        perf: What the teller met per element (NaN where nothing was experienced).
        news: +1 a complaint answered in time, −1 ignored, 0 no news about complaints.
    """

    teller: np.ndarray
    kind: np.ndarray
    valence: np.ndarray
    perf: np.ndarray
    news: np.ndarray


@dataclass
class DayRecord:
    """One working day: what each component recorded of it (each field has one writer)."""

    day: int
    # the demand component
    new_requests: int = 0
    # service points (the counter and any other)
    points: dict[str, QueueDay] = field(default_factory=dict)  # queue of each service point
    visits: list[Visit] = field(default_factory=list)  # facts of the visits at each point
    open_desks: int = 0
    completed_days: np.ndarray = field(default_factory=lambda: np.zeros(0))  # end-to-end
    completed_on_time: int = 0
    completed_bounced: int = 0
    abandoned: int = 0
    # the file flow
    bounces: int = 0
    # the experience component
    encounters: Encounters = field(default_factory=Encounters.empty)
    # the complaint desk
    complaints_filed: int = 0
    complaints_on_time: int = 0
    complaints_late: int = 0
    # word of mouth
    heard: int = 0  # residents told about an experience today
    heard_good: int = 0  # … of a good one (valence > 0)
    heard_bad: int = 0  # … of a bad one (valence < 0)
    # the staff
    leavers: int = 0
    # the model: money spent through policies, files in process at the end of the day
    spent_rp: float = 0.0
    backlog: int = 0

    @property
    def counter(self) -> QueueDay | None:
        """The office counter's queue today (None before it opened)."""
        return self.points.get("counter")


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
        days = self.last(n_days)
        return concat(Encounters, [d.encounters for d in days]) if days else Encounters.empty()

    def total(self, name: str) -> float:
        """Sum of a scalar `DayRecord` field over the run."""
        return float(sum(getattr(d, name) for d in self.days))
