"""Word of mouth: residents tell neighbours what happened to them (validity §2, domain §6).

Each story of the day — a visit, a complaint's answer — is told with a probability that rises
with its valence, more steeply when it is bad (the dissatisfied talk more: Anderson 1998), to a
Poisson number of the teller's social ties. Listeners learn from the *experience*, not from the
teller's opinion: their trust moves by the story's valence at `hearsay_weight` of a first-hand
experience (Rosenbaum et al. 2005), so a bad day at the office spreads to residents who were never
there. Listeners also adjust their expectations towards what the teller met, and learn how
complaints are handled.
"""

from __future__ import annotations

import numpy as np

from hrsim.day.component import Component, World
from hrsim.records import Story, concat
from hrsim.streams import Stream, poisson_quantile


def talk_probability(valence: np.ndarray, talk_base: float, talk_satisfied: float,
                     talk_dissatisfied: float) -> np.ndarray:
    """Asymmetric U in the valence: p0 + a₊·max(v, 0) + a₋·max(−v, 0), capped at 1."""
    v = np.asarray(valence)
    return np.minimum(talk_base + talk_satisfied * np.maximum(v, 0)
                      + talk_dissatisfied * np.maximum(-v, 0), 1.0)


class WordOfMouth(Component):
    """Today's stories reach neighbours."""

    name = "word_of_mouth"
    params = ("word_of_mouth",)
    results = ("heard", "heard_good", "heard_bad")
    streams = (Stream.TALK, Stream.CONTACTS, Stream.LISTENER)

    def __init__(self, world: World) -> None:
        super().__init__(world)
        self._stories: list[Story] = []

    def tell(self, story: Story) -> None:
        """Residents have something to tell today (they may talk at the end of the day's part)."""
        self._stories.append(story)

    def step(self) -> None:
        """Tellers talk; listeners learn from what they hear."""
        world = self.world
        if not self._stories:
            return
        p, pop, streams, day = self.p, world.citizens, world.streams, world.day
        s = concat(Story, self._stories)
        self._stories = []
        talks = streams.uniform(Stream.TALK, s.teller, day, s.kind) < talk_probability(
            s.valence, p.talk_base, p.talk_satisfied, p.talk_dissatisfied)
        tellers, kinds = s.teller[talks], s.kind[talks]
        counts = poisson_quantile(streams.uniform(Stream.CONTACTS, tellers, day, kinds),
                                  p.contacts_mean)
        told, listener = pop.random_neighbours(
            tellers, counts,
            lambda j, slot: streams.uniform(Stream.LISTENER, tellers[j], day, kinds[j], slot))
        world.today.heard = len(listener)
        if not len(listener):
            return
        valence, perf, news = s.valence[talks][told], s.perf[talks][told], s.news[talks][told]
        world.today.heard_good = int(np.count_nonzero(valence > 0))
        world.today.heard_bad = int(np.count_nonzero(valence < 0))
        world.component("trust").learn(listener, valence, weight=p.hearsay_weight)
        world.component("expectations").hear(listener, perf)
        heard_news = news != 0
        world.component("complaints").hear(listener[heard_news], news[heard_news])
