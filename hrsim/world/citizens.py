"""Residents as columns of numpy arrays (the Covasim/Starsim design), with a per-citizen view.

At 100,000 residents one Mesa agent per citizen costs ~0.1 s per day just to activate them all; as
arrays, a resident with nothing happening costs nothing but a share of a few vectorised updates.
``citizens[i]`` gives a read-only `Citizen` view of one resident.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from hrsim.elements import ELEMENTS, N_ELEMENTS
from hrsim.params import Params
from hrsim.world.network import small_world

EFFICACY_PRIOR = (2.0, 3.0)  # Beta(a, b) of self-efficacy, mean 0.4 [A] domain §10


class Citizens:
    """The resident population.

    Attributes:
        kelurahan: Kelurahan index of each resident (contiguous blocks, ordered by distance).
        travel_min: One-way travel to the office from each kelurahan (minutes).
        cultural_trust: G, political-cultural trust, fixed (the predisposition returns to it).
        predisposition: T0, slow generalised trust (state trust returns to it).
        trust_office: T_off, state trust in the kantor camat.
        trust_government: T_gov, trust in government in general.
        expectations: E, expected performance per IKM element (residents × 9).
        self_efficacy: Belief in one's ability to influence the office (drives participation).
        complaint_news: What a resident last learnt of complaint handling, first-hand or from a
            neighbour: +1 answered within standard, −1 ignored, 0 nothing.
        encounters, complaints, forums: Counts per resident over the recorded run.
        indptr, ties: The social network in CSR form.
        scratch: A float32 work array of one value per resident.
    """

    def __init__(self, params: Params, rng: np.random.Generator) -> None:
        n = params.residents
        self.p = params
        # contiguous blocks, as np.sort(np.arange(n) % k) has them (without sorting 100,000)
        k = params.kelurahan
        self.kelurahan = np.repeat(np.arange(k, dtype=np.int16), [n // k + (b < n % k)
                                                                   for b in range(k)])
        a = params.trust_prior_mean * params.trust_prior_concentration
        b = (1 - params.trust_prior_mean) * params.trust_prior_concentration
        # float32: trust needs no more precision, and the daily drift streams half the memory
        self.travel_min = np.array(params.travel_times())
        self.cultural_trust = rng.beta(max(a, 1e-3), max(b, 1e-3), n).astype(np.float32)
        self.predisposition = self.cultural_trust.copy()
        self.trust_office = self.cultural_trust.copy()
        self.trust_government = self.cultural_trust.copy()
        self.scratch = np.empty(n, np.float32)
        # the end of the burn-in centres the expectations of the elements most visitors meet
        expectations = rng.normal(params.expectation_mean, params.expectation_sd, (n, N_ELEMENTS))
        self.expectations = np.clip(expectations, 0, 1, out=expectations).astype(np.float32)
        self.self_efficacy = rng.beta(*EFFICACY_PRIOR, n)
        self.complaint_news = np.zeros(n, np.int8)
        self.encounters = np.zeros(n, np.int32)
        self.complaints = np.zeros(n, np.int32)
        self.forums = np.zeros(n, np.int32)
        self.indptr, self.ties = small_world(self.kelurahan, params.network_degree,
                                             params.network_rewire,
                                             params.network_cross_kelurahan, rng)

    def __len__(self) -> int:
        return len(self.predisposition)

    def __getitem__(self, i: int) -> Citizen:
        if not -len(self) <= i < len(self):
            raise IndexError(f"citizen {i} out of range 0..{len(self) - 1}")
        return Citizen(self, int(i) % len(self))

    def neighbours(self, i: int) -> np.ndarray:
        """Indices of resident i's social ties."""
        return self.ties[self.indptr[i]:self.indptr[i + 1]]

    def random_neighbours(self, who: np.ndarray, counts: np.ndarray,
                          uniforms: Callable[[np.ndarray, np.ndarray], np.ndarray]
                          ) -> tuple[np.ndarray, np.ndarray]:
        """Pick `counts[j]` random ties (with replacement) of each resident `who[j]`.

        Args:
            who: Residents who talk.
            counts: How many contacts each makes.
            uniforms: ``uniforms(j, slot)`` gives the uniform that picks contact number `slot` of
                teller `j` (keyed, so the same teller reaches the same people in every scenario).

        Returns:
            ``(teller_positions, listeners)``: for every contact, the position in `who` of the
            resident who talks and the resident who listens.
        """
        degree = (self.indptr[who + 1] - self.indptr[who]).astype(np.int64)
        counts = np.where(degree > 0, counts, 0)
        teller = np.repeat(np.arange(len(who)), counts)
        slot = np.arange(len(teller)) - np.repeat(np.cumsum(counts) - counts, counts)
        pick = (uniforms(teller, slot) * degree[teller]).astype(np.int64)
        return teller, self.ties[self.indptr[who[teller]] + pick]

    def trusting(self, who: np.ndarray | slice = slice(None)) -> np.ndarray:
        """Whether residents `who` trust the office (trust above `trust_threshold`).

        It is their answer to a trust question.
        """
        return self.trust_office[who] > self.p.trust_threshold

    def share_trusting(self) -> float:
        """Share of residents whose trust in the office is above the threshold."""
        return float(np.count_nonzero(self.trusting())) / len(self)


class Citizen:
    """A read-only view of one resident (only the components that own a state change it)."""

    __slots__ = ("index", "population")

    def __init__(self, population: Citizens, index: int) -> None:
        self.population, self.index = population, index

    @property
    def kelurahan(self) -> int:
        """Kelurahan index."""
        return int(self.population.kelurahan[self.index])

    @property
    def trust_office(self) -> float:
        """Trust in the kantor camat."""
        return float(self.population.trust_office[self.index])

    @property
    def trust_government(self) -> float:
        """Trust in government in general."""
        return float(self.population.trust_government[self.index])

    @property
    def predisposition(self) -> float:
        """Slow generalised trust T0 that state trust returns to."""
        return float(self.population.predisposition[self.index])

    @property
    def cultural_trust(self) -> float:
        """Fixed political-cultural trust G that the predisposition returns to."""
        return float(self.population.cultural_trust[self.index])

    @property
    def expectations(self) -> dict[str, float]:
        """Expected performance per IKM element."""
        return dict(zip(ELEMENTS, self.population.expectations[self.index].tolist(), strict=True))

    @property
    def neighbours(self) -> np.ndarray:
        """Indices of this resident's social ties."""
        return self.population.neighbours(self.index)

    def __repr__(self) -> str:
        return (f"Citizen({self.index}, kelurahan={self.kelurahan}, "
                f"trust_office={self.trust_office:.3f})")
