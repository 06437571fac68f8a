"""Service requests (files) as columns of growable numpy arrays.

A request is born when a resident needs a service; it is submitted at the counter, passes the stages
of its route (back office, camat signature, agencies), and is picked up. Bounce-backs, documents
found missing, files not ready and failed visits send the citizen back another day.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np


class Where(IntEnum):
    """Where the file is."""

    WITH_CITIZEN = 0  # not yet (re)submitted
    IN_PROCESS = 1
    READY = 2
    DONE = 3
    ABANDONED = 4


class Purpose(IntEnum):
    """Why the citizen comes to the counter."""

    SUBMIT = 0
    PICKUP = 1


COLUMNS: dict[str, tuple[type, int]] = {
    "citizen": (np.int64, -1),
    "service": (np.int8, -1),
    "route": (np.int8, -1),
    "created": (np.int32, -1),
    "where": (np.int8, Where.WITH_CITIZEN),
    "stage": (np.int8, 0),
    "next_visit": (np.int32, -1),
    "purpose": (np.int8, Purpose.SUBMIT),
    "visits": (np.int16, 0),
    "failed_visits": (np.int16, 0),
    "bounces": (np.int16, 0),
    "returns": (np.int16, 0),  # pickups in vain: not ready, or an error to redo
    "error": (np.bool_, False),
    "work_min": (np.float32, 0.0),  # back-office minutes still needed
    "completed": (np.int32, -1),
}


class RequestBook:
    """All requests of a run; ``book.where[ids]`` etc. are plain numpy columns."""

    citizen: np.ndarray
    service: np.ndarray
    route: np.ndarray
    created: np.ndarray
    where: np.ndarray
    stage: np.ndarray
    next_visit: np.ndarray
    purpose: np.ndarray
    visits: np.ndarray
    failed_visits: np.ndarray
    bounces: np.ndarray
    returns: np.ndarray
    error: np.ndarray
    work_min: np.ndarray
    completed: np.ndarray

    def __init__(self, capacity: int = 1024) -> None:
        self.size = 0
        self._capacity = capacity
        for name, (dtype, fill) in COLUMNS.items():
            setattr(self, name, np.full(capacity, fill, dtype))
        self._open = np.empty(0, np.int64)  # ids not yet done or abandoned, refreshed daily

    def __len__(self) -> int:
        return self.size

    def add(self, citizen: np.ndarray, service: np.ndarray, route: np.ndarray,
            day: int) -> np.ndarray:
        """Open new requests that will be submitted today; returns their ids."""
        n = len(citizen)
        if self.size + n > self._capacity:
            self._grow(self.size + n)
        ids = np.arange(self.size, self.size + n)
        self.citizen[ids], self.service[ids], self.route[ids] = citizen, service, route
        self.created[ids] = day
        self.next_visit[ids] = day
        self.size += n
        self._open = np.concatenate([self._open, ids])
        return ids

    def visiting(self, day: int) -> np.ndarray:
        """Ids of requests whose citizen comes to the counter today."""
        self._open = self._open[self.where[self._open] < Where.DONE]
        return self._open[self.next_visit[self._open] == day]

    def _grow(self, need: int) -> None:
        self._capacity = max(need, 2 * self._capacity)
        for name, (dtype, fill) in COLUMNS.items():
            old = getattr(self, name)
            new = np.full(self._capacity, fill, dtype)
            new[:len(old)] = old
            setattr(self, name, new)
