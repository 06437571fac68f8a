"""Community participation forums (forum konsultasi publik; co-production, domain §10).

Once a policy schedules them, a forum meets every `interval_days`. Invited residents attend with
a chance that rises with self-efficacy, trust in the office and how actively they are consulted.
Attending is an experience of valence `forum_valence`·(2r − 1), where r is the share of
citizens' input visibly acted on: forums whose input is ignored erode trust (Fledderus 2015).
Attendees learn the requirements and the office hears what is unclear, which narrows the U1/U2
gaps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from hrsim.components import Component
from hrsim.elements import Element
from hrsim.streams import Stream

if TYPE_CHECKING:
    from hrsim.model import HRModel

MAX_CLARITY = 0.95  # forums cannot make requirements clearer than this [A]


class Forums(Component):
    """Participation forums (none until a policy schedules them).

    Attributes:
        interval_days: Working days between forums (0: no forums).
        consulted: How actively residents are consulted, 0–1.
        cost_rp: Cost of one forum.
    """

    name = "forums"

    def __init__(self, model: HRModel) -> None:
        super().__init__(model)
        self.interval_days, self.consulted, self.cost_rp = 0, 0.0, 0.0
        self._next = 0

    def schedule(self, interval_days: int, consulted: float, cost_rp: float) -> None:
        """Hold forums from today on, every `interval_days`."""
        self.interval_days, self.consulted, self.cost_rp = interval_days, consulted, cost_rp
        self._next = self.model.day

    def step(self) -> None:
        """Hold a forum when one is due."""
        if self.interval_days and self.model.day >= self._next:
            self.hold()
            self._next = self.model.day + self.interval_days

    def hold(self) -> int:
        """Hold one forum; returns the number of residents who attended."""
        model = self.model
        p, pop, office = model.p, model.citizens, model.office
        rng = model.streams[Stream.FORUMS]
        invited = rng.choice(len(pop), size=min(p.forum_size, len(pop)), replace=False)
        attend_p = (p.forum_attend_base + p.forum_attend_efficacy * pop.self_efficacy[invited]
                    + p.forum_attend_consulted * self.consulted
                    + p.forum_attend_trust * (pop.trust_office[invited] - p.trust_threshold))
        came = invited[rng.random(len(invited)) < attend_p]
        r = office.acted_on_share
        model.trust.learn(came, np.full(len(came), p.forum_valence * (2 * r - 1)))
        efficacy = pop.self_efficacy[came] + p.forum_efficacy_effect * (r - 0.5)
        pop.self_efficacy[came] = np.clip(efficacy, 0, 1)
        pop.forums[came] += 1
        office.requirement_clarity = min(
            office.requirement_clarity
            + p.forum_clarity_gain * r * len(came) / max(p.forum_size, 1), MAX_CLARITY)
        told = np.ix_(came, [Element.REQUIREMENTS, Element.PROCEDURE])
        pop.expectations[told] += p.standard_information * (office.requirement_clarity
                                                            - pop.expectations[told])
        model.spend(self.cost_rp)
        return len(came)
