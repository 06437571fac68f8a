"""Agencies that process referred files.

The camat's signature desk, the kelurahan offices, the civil registry (Disdukcapil) and the one-stop
permit office (DPMPTSP).

Each agency takes up to its daily capacity of files in arrival order and returns each one after its
delay, stretched by poor coordination: delay × (2 − q). With probability ``bounce_max`` × (1 − q)
the file comes back incomplete and the citizen must come again (domain §8). Returns are Mesa events
on the morning of the due day.
"""

from __future__ import annotations

from typing import Any

import mesa
import numpy as np

from hrsim.streams import Stream
from hrsim.world.fifo import Fifo


class Agency(mesa.Agent):
    """An office a file passes through.

    Attributes:
        key: Stage name (``signature``, ``kelurahan``, ``disdukcapil``, ``dpmptsp``).
        kelurahan: For kelurahan offices, which kelurahan (else None).
        capacity: Files taken per day.
        delay_days: Processing delay at perfect coordination.
        coordination: Coordination quality q with the kantor camat.
        bounce_max: Chance a file comes back incomplete at no coordination (q = 0).
        availability: Chance the agency works on a given day (the camat may be out).
        inbox: Files waiting to be taken.
    """

    def __init__(self, model: Any, key: str, capacity: int, delay_days: float,
                 coordination: float, bounce_max: float, availability: float = 1.0,
                 kelurahan: int | None = None) -> None:
        super().__init__(model)
        self.key, self.kelurahan = key, kelurahan
        self.capacity, self.delay_days = capacity, delay_days
        self.coordination, self.bounce_max = coordination, bounce_max
        self.availability = availability
        self.inbox = Fifo()

    def coordinate(self, gap_share: float) -> None:
        """Shared information and agreed procedures close `gap_share` of the gap 1 − q."""
        self.coordination += (1 - self.coordination) * gap_share

    def deputise(self, share: float) -> None:
        """A deputy works on a `share` of the days the agency would otherwise be closed."""
        self.availability = 1 - (1 - self.availability) * (1 - share)

    @property
    def bounce_probability(self) -> float:
        """p_bounce = bounce_max · (1 − q)."""
        return self.bounce_max * (1 - self.coordination)

    def take(self) -> np.ndarray:
        """Files taken from the inbox today (none if the agency is closed today)."""
        model = self.model
        if not len(self.inbox) or (self.availability < 1 and model.streams.uniform(
                Stream.AVAILABLE, model.day, self.unique_id)[0] >= self.availability):
            return np.zeros(0, np.int64)
        return self.inbox.pop(self.capacity)

    @property
    def delay(self) -> float:
        """Mean processing delay in working days, stretched by poor coordination: d·(2 − q)."""
        return self.delay_days * (2 - self.coordination)
