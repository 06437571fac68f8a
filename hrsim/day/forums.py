"""Community participation forums (forum konsultasi publik; co-production, domain §10).

Once a policy schedules them, a forum meets every `interval_days`. Invited residents attend with
a chance that rises with self-efficacy, trust in the office and how actively they are consulted.
Attending is an experience of valence `forum_valence`·(2r − 1), where r is the share of
citizens' input visibly acted on: forums whose input is ignored erode trust (Fledderus 2015).
Attendees learn the requirements and the office hears what is unclear, which narrows the U1/U2
gaps.
"""

from __future__ import annotations

import numpy as np

from hrsim.day.component import Component, World
from hrsim.elements import Element
from hrsim.streams import Stream


class Forums(Component):
    """Participation forums (none until a policy schedules them).

    Attributes:
        interval_days: Working days between forums (0: no forums).
        consulted: How actively residents are consulted, 0–1.
        cost_rp: Cost of one forum.
        acted_on_share: r — share of citizens' input visibly acted on (accountability).
    """

    name = "forums"
    params = ("participation", "trust")
    states = ("self_efficacy", "forums")
    streams = (Stream.FORUMS,)

    def __init__(self, world: World) -> None:
        super().__init__(world)
        self.interval_days, self.consulted, self.cost_rp = 0, 0.0, 0.0
        self.acted_on_share = self.p.acted_on_share
        self._next = 0

    def schedule(self, interval_days: int, consulted: float, cost_rp: float) -> None:
        """Hold forums from today on, every `interval_days`."""
        self.interval_days, self.consulted, self.cost_rp = interval_days, consulted, cost_rp
        self._next = self.world.day

    def act_on_input(self, target: float, weight: float) -> None:
        """The office acts visibly on more of citizens' input.

        r moves `weight` of the way to `target`.
        """
        self.acted_on_share += (target - self.acted_on_share) * weight

    def step(self) -> None:
        """Hold a forum when one is due."""
        if self.interval_days and self.world.day >= self._next:
            self.hold()
            self._next = self.world.day + self.interval_days

    def hold(self) -> int:
        """Hold one forum; returns the number of residents who attended."""
        world, p, pop = self.world, self.p, self.world.citizens
        rng = world.streams[Stream.FORUMS]
        invited = rng.choice(len(pop), size=min(p.forum_size, len(pop)), replace=False)
        attend_p = (p.forum_attend_base + p.forum_attend_efficacy * pop.self_efficacy[invited]
                    + p.forum_attend_consulted * self.consulted
                    + p.forum_attend_trust * (pop.trust_office[invited] - p.trust_threshold))
        came = invited[rng.random(len(invited)) < attend_p]
        r = self.acted_on_share
        world.component("trust").learn(came, np.full(len(came), p.forum_valence * (2 * r - 1)))
        efficacy = pop.self_efficacy[came] + p.forum_efficacy_effect * (r - 0.5)
        pop.self_efficacy[came] = np.clip(efficacy, 0, 1)
        pop.forums[came] += 1
        standards = world.component("standards")
        standards.clarify(p.forum_clarity_gain * r * len(came) / max(p.forum_size, 1))
        world.component("expectations").inform(
            came, [Element.REQUIREMENTS, Element.PROCEDURE], standards.requirement_clarity)
        world.spend(self.cost_rp)
        return len(came)
