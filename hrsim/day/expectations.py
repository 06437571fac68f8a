"""Expectations: what each resident expects of the office on each IKM element (E).

The component owns the residents' expectations. They move towards what a visitor met
(`learn`), what a neighbour met (`hear`), and what the office tells them (`inform`: a forum's
requirements); at the end of the burn-in each element is centred on what the office delivered
(`centre`). It has no daily part of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from hrsim.day.component import Component
from hrsim.elements import N_ELEMENTS
from hrsim.records import Encounters

CENTRED_SHARE = 0.1  # expectations are centred on elements at least this share of visits met [A]


class Expectations(Component):
    """Residents' expected performance per element (residents × 9, in `Citizens`)."""

    name = "expectations"
    params = ("expectations",)
    states = ("expectations",)

    def of(self, who: np.ndarray) -> np.ndarray:
        """Expectations of residents `who` (float64 copies, residents × 9)."""
        return self.world.citizens.expectations[who].astype(float)

    def learn(self, who: np.ndarray, expect: np.ndarray, met: np.ndarray) -> None:
        """Visitors `who`, who expected `expect`, move towards what they `met`."""
        self.world.citizens.expectations[who] = expect + self.p.expectation_learning * (
            met - expect)

    def hear(self, who: np.ndarray, met: np.ndarray) -> None:
        """Listeners `who` move towards what their teller met (NaN: nothing told)."""
        values = self.world.citizens.expectations
        e = values[who]
        values[who] = np.where(np.isnan(met), e, e + self.p.expectation_hearsay * (met - e))

    def inform(self, who: np.ndarray, elements: Sequence[int], level: float) -> None:
        """Residents `who` are told what to expect of `elements` (weight `standard_information`)."""
        values = self.world.citizens.expectations
        told = np.ix_(who, list(elements))
        values[told] += self.p.standard_information * (level - values[told])

    def centre(self, seen_before: Encounters) -> None:
        """Centre each element's expectations on the office's performance in `seen_before`.

        Residents' expectations of their own office are, in the steady state, what it delivers
        (each keeps their own deviation from the mean). Elements few visitors experienced (less
        than `CENTRED_SHARE`: complaint handling) stay as they are: residents know too little of
        them for the few who do to set everyone's expectation.
        """
        values = self.world.citizens.expectations
        for k in range(N_ELEMENTS):
            met = seen_before.perf[seen_before.seen[:, k], k]
            if len(met) and len(met) >= CENTRED_SHARE * len(seen_before.seen):
                column = values[:, k]
                column += np.float32(met.mean() - column.mean())
                np.clip(column, 0, 1, out=column)
