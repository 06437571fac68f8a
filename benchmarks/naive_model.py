"""The same model written the naive Mesa way: every resident a Mesa agent that steps every day.

Only the population changes: each resident is a `mesa.Agent` whose daily `step` draws whether they
need a service and applies the daily trust drift to their own state, with the very same rule
functions (`hrsim.agents.rules`). The counter, files, agencies, staff, ratings and measures are the
model's own code, so the two designs run identical mechanisms; only the cost of "nothing happening"
differs.
"""

from __future__ import annotations

import mesa
import numpy as np

from hrsim.agents import rules
from hrsim.calendar import WORKING_DAYS_PER_YEAR
from hrsim.model import HRModel
from hrsim.office import services


class Resident(mesa.Agent):
    """One resident as a Mesa agent; its state lives in the shared arrays at `index`."""

    def __init__(self, model: NaiveHRModel, index: int) -> None:
        super().__init__(model)
        self.index = index

    def step(self) -> None:
        """Daily trust drift and need for a service, for this resident alone."""
        m, i = self.model, self.index
        pop, p = m.citizens, m.p
        pop.trust_government[i] = rules.relax(pop.trust_government[i], pop.trust_office[i],
                                              p.trust_learning_government)
        pop.trust_government[i] = rules.relax(pop.trust_government[i], pop.predisposition[i],
                                              p.trust_relaxation)
        pop.trust_office[i] = rules.relax(pop.trust_office[i], pop.predisposition[i],
                                          p.trust_relaxation)
        if self.random.random() < p.service_need_rate / WORKING_DAYS_PER_YEAR:
            m.needs.append(i)


class NaiveHRModel(HRModel):
    """`HRModel` with one stepping Mesa agent per resident."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.needs: list[int] = []
        Resident.create_agents(self, len(self.citizens), list(range(len(self.citizens))))

    def _new_requests(self) -> None:
        self.needs = []
        self.agents_by_type[Resident].shuffle_do("step")
        who = np.array(self.needs, dtype=np.int64)
        service = services.draw(self.streams["needs"], len(who))
        self.requests.add(who, service, self.files.route_for(service), self.day)
        self.today.new_requests = len(who)

    def _drift(self) -> None:
        """Done by each resident's own step."""
