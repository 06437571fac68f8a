"""Assumption uncertainty: the assumed ([A]) parameters a comparison's conclusions may hinge on.

Seed noise is not the only uncertainty. Each parameter below is an assumption of the model with a
plausible range: its documented source range where ``../shared/validity.md`` gives one, else the
default ± about a third [A]. `draws` samples them by Latin hypercube (scipy's `qmc`), one set per
replication, so that `hrsim compare --uncertainty N` can run every replication with its own set,
the same in every scenario (common random numbers). `deciders` says which assumptions decide a
lever's sign.
"""

from __future__ import annotations

import numpy as np
from scipy import stats
from scipy.stats import qmc

from hrsim.params import Params

# name → (low, high); comments give the source of the range
ASSUMPTIONS: dict[str, tuple[float, float]] = {
    "newcomer_competence": (0.2, 0.6),  # [A] a replacement's skill, default 0.35
    "learning_rate": (0.0002, 0.001),  # [A] on-the-job learning, default 0.0005 per day
    "incomplete_documents": (0.2, 0.4),  # [A] domain §1, default 0.3
    "bounce_max": (0.15, 0.35),  # [A] domain §8, default 0.25
    "courtesy_base": (0.4, 0.8),  # [A] calibrated to U7, default 0.6
    "rating_disconfirmation": (1.5, 3.5),  # [A] β_D, default 2.5
    "expectation_learning": (0.1, 0.5),  # [A] α_E, default 0.3
    "negativity_bias": (2.0, 4.0),  # validity §2: 2–4
    "hearsay_weight": (0.3, 0.5),  # validity §2: 0.3–0.5 (Rosenbaum et al. 2005)
    "trust_half_life_days": (60.0, 250.0),  # validity §2: 3–12 months of working days
    "complaint_propensity": (0.02, 0.1),  # [A] domain §9, default 0.05
}


def check_inside(ranges: dict[str, tuple[float, float]]) -> None:
    """Every range lies inside its parameter's documented range (a programming error if not)."""
    for name, (lo, hi) in ranges.items():
        low, high = Params.bounds(name)
        assert low <= lo < hi <= high, name


def latin_hypercube(ranges: dict[str, tuple[float, float]], n: int,
                    seed: int) -> list[dict[str, float]]:
    """`n` parameter sets spread over the ranges (a Latin hypercube, seeded)."""
    unit = qmc.LatinHypercube(d=len(ranges), rng=np.random.default_rng(seed)).random(n)
    lows, highs = np.array(list(ranges.values())).T
    return [dict(zip(ranges, map(float, row), strict=True))
            for row in qmc.scale(unit, lows, highs)]


def draws(n: int, seed: int) -> list[dict[str, float]]:
    """`n` sets of the key assumptions spread over their ranges."""
    return latin_hypercube(ASSUMPTIONS, n, seed)


def deciders(effects: np.ndarray, sets: list[dict[str, float]],
             top: int = 2) -> list[tuple[str, float]]:
    """The assumptions most associated with an effect across replications.

    Spearman's rank correlation of the effect with each drawn parameter (the sign says in which
    direction the parameter moves the effect), strongest first.
    """
    ranked = []
    if np.ptp(effects) == 0:
        return ranked
    for name in sets[0]:
        values = [s[name] for s in sets]
        if np.ptp(values) > 0:  # a parameter not drawn cannot decide anything
            ranked.append((name, float(stats.spearmanr(values, effects).statistic)))
    return sorted(ranked, key=lambda item: -abs(item[1]))[:top]
