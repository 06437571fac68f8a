"""Trust: the one component that changes residents' trust (validity §2).

Three stocks per resident. *State trust* in the office T moves with every experience — one's own
visit, what a neighbour tells, a complaint's answer, a forum — and returns to the
*predisposition* T₀ with a half-life of months. T₀, the slow, generalised trust, takes a share of
every change of T and itself returns, over years, to the resident's *political-cultural trust* G,
which never changes (political-cultural factors dominate trust in government: Christensen &
Lægreid 2005; shocks revert in a few years: Devine & Valgarðsson).

An experience of valence v in [−1, 1] moves T a share η·v of the way to 1 when good, and
λ·η·|v| of the way to 0 when bad (negativity bias λ: Skogan 2006; Kampen et al. 2006), so trust
stays in [0, 1]. Trust in government takes a share of every change of trust in the office and
returns, with the state half-life, to G — its own predisposition, not the office's (patterns P5:
it moves at most a fifth as much as trust in the office).
"""

from __future__ import annotations

import numpy as np

from hrsim.day.component import Component, World


def trust_change(trust: np.ndarray, valence: np.ndarray, learning: float,
                 negativity_bias: float) -> np.ndarray:
    """How far an experience of `valence` moves trust `trust`.

    η·v·(1 − t) when good, λ·η·v·t when bad: a share of the way to 1, or to 0.
    """
    return learning * np.where(valence > 0, valence * (1 - trust), negativity_bias * valence
                               * trust)


def half_life_decay(half_life_days: float) -> float:
    """Daily multiplier of a stock that halves every `half_life_days`."""
    return float(np.exp(-np.log(2) / half_life_days))


class Trust(Component):
    """Learning from experiences, and the daily return towards predispositions."""

    name = "trust"
    params = ("trust",)
    states = ("cultural_trust", "predisposition", "trust_office", "trust_government")

    def __init__(self, world: World) -> None:
        super().__init__(world)
        p = self.p
        self.state_decay = np.float32(half_life_decay(p.trust_half_life_days))
        self.predisposition_decay = np.float32(half_life_decay(p.predisposition_half_life_days))

    def learn(self, who: np.ndarray, valence: np.ndarray, weight: float = 1.0,
              cap: np.ndarray | None = None) -> None:
        """Residents `who` learn from experiences of the given valence.

        Args:
            who: Residents (may repeat: each experience counts).
            valence: Each experience's valence in [−1, 1].
            weight: Weight of these experiences against one's own visit (hearsay < 1).
            cap: Optional ceiling per experience (a recovery restores trust at most to this).
        """
        if not len(who):
            return
        p, pop = self.p, self.world.citizens
        v = weight * np.asarray(valence, float)
        t = pop.trust_office[who].astype(float)
        change = trust_change(t, v, p.trust_learning_office, p.negativity_bias)
        if cap is not None:
            change = np.minimum(change, np.maximum(cap - t, 0.0))
        self._move(who, change)

    def _move(self, who: np.ndarray, change: np.ndarray) -> None:
        p, pop = self.p, self.world.citizens
        for stock, share in ((pop.trust_office, 1.0),
                             (pop.predisposition, p.predisposition_learning),
                             (pop.trust_government, p.trust_learning_government)):
            np.add.at(stock, who, (share * change).astype(np.float32))
            stock[who] = np.clip(stock[who], 0, 1)

    def step(self) -> None:
        """Trust returns: in the office towards T₀, T₀ towards G, in government towards G."""
        pop = self.world.citizens
        for stock, target, decay in ((pop.trust_office, pop.predisposition, self.state_decay),
                                     (pop.trust_government, pop.cultural_trust,
                                      self.state_decay),
                                     (pop.predisposition, pop.cultural_trust,
                                      self.predisposition_decay)):
            relax(stock, target, decay, pop.scratch)


def relax(value: np.ndarray, target: np.ndarray, decay: np.float32,
          scratch: np.ndarray) -> None:
    """One day of ``value ← target + decay·(value − target)``, in place, without temporaries."""
    np.subtract(value, target, out=scratch)
    scratch *= decay
    np.add(target, scratch, out=value)
