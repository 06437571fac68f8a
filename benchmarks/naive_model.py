"""The same model written the naive Mesa way: every resident a Mesa agent that steps every day.

Only the population changes: each resident is a `mesa.Agent` whose daily `step` draws whether they
need a service and returns their own three trust stocks towards their targets, with the very same
rule (`hrsim.day.trust.relax`). Every other component — service points, files, agencies, staff,
experience, word of mouth, complaints — is the model's own code, so the two designs run identical
mechanisms; only the cost of "nothing happening" differs.
"""

from __future__ import annotations

import mesa
import numpy as np

from hrsim.calendar import WORKING_DAYS_PER_YEAR
from hrsim.day.component import Component
from hrsim.day.demand import Demand
from hrsim.day.trust import Trust, relax
from hrsim.model import HRModel


class Resident(mesa.Agent):
    """One resident as a Mesa agent; its state lives in the shared arrays at `index`."""

    def __init__(self, model: NaiveHRModel, index: int) -> None:
        super().__init__(model)
        self.index = index

    def step(self) -> None:
        """Daily trust relaxation and need for a service, for this resident alone."""
        m, i = self.model, self.index
        pop, trust = m.citizens, m.trust
        one = slice(i, i + 1)
        scratch = pop.scratch[one]
        relax(pop.trust_office[one], pop.predisposition[one], trust.state_decay, scratch)
        relax(pop.trust_government[one], pop.predisposition[one], trust.state_decay, scratch)
        relax(pop.predisposition[one], pop.cultural_trust[one], trust.predisposition_decay,
              scratch)
        if self.random.random() < m.p.service_need_rate / WORKING_DAYS_PER_YEAR:
            m.needs.append(i)


class ResidentsDemand(Demand):
    """Needs come from the residents' own steps (which also relax their trust)."""

    def in_need(self) -> np.ndarray:
        """Every resident steps; those in need are today's new requests."""
        model = self.model
        model.needs = []
        model.agents_by_type[Resident].shuffle_do("step")
        return np.array(model.needs, dtype=np.int64)


class ResidentsTrust(Trust):
    """Trust learns as in the model; its daily relaxation is done by each resident."""

    def step(self) -> None:
        """Nothing: the residents relaxed their own trust."""


class NaiveHRModel(HRModel):
    """`HRModel` with one stepping Mesa agent per resident."""

    def working_day(self) -> list[Component]:
        """The model's day with the residents' own steps in place of two vectorised ones."""
        self.needs: list[int] = []
        Resident.create_agents(self, len(self.citizens), list(range(len(self.citizens))))
        swap = {"demand": ResidentsDemand(self), "trust": ResidentsTrust(self)}
        return [swap.get(c.name, c) for c in super().working_day()]
