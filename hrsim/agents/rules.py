"""Citizens' behavioural rules as pure functions of arrays (or scalars).

The same functions serve the vectorised population (`Citizens`) and the naive one-agent-per-citizen
model in ``benchmarks/``, so both run exactly the same mechanisms. Equations: ``docs/ODD.md`` §7.
"""

from __future__ import annotations

import math

import numpy as np

from hrsim.params import Params

TIME_HALF = 1.5  # time ratio (actual / acceptable) at which perceived speed falls to one half [A]


def time_performance(ratio: np.ndarray) -> np.ndarray:
    """Perceived speed in [0, 1] for time taken / time acceptable (1 at no delay, ½ at 1.5×)."""
    return np.exp(-math.log(2) * (np.asarray(ratio) / TIME_HALF) ** 2)


def element_satisfaction(perf: np.ndarray, expect: np.ndarray, p: Params) -> np.ndarray:
    """Expectancy–disconfirmation: s = clip(β_P·P + β_E·E + β_D·(P − E)) per element."""
    s = (p.beta_performance * perf + p.beta_expectation * expect
         + p.beta_disconfirmation * (perf - expect))
    return np.clip(s, 0.0, 1.0)


def overall_satisfaction(element_s: np.ndarray, experienced: np.ndarray, achieved: np.ndarray,
                         outcome_weight: float) -> np.ndarray:
    """Overall satisfaction of a visit.

    The visit's outcome (1 achieved, 0 not) blended with the mean satisfaction over the elements
    the citizen experienced.
    """
    mean = np.where(experienced, element_s, 0).sum(-1) / np.maximum(experienced.sum(-1), 1)
    return (1 - outcome_weight) * mean + outcome_weight * np.asarray(achieved, float)


def rating(perf: np.ndarray, expect: np.ndarray, p: Params) -> np.ndarray:
    """SKM answer 1–4: 3 when expectations are met, up or down with the disconfirmation P − E."""
    d = perf - expect
    return (3 + (d > p.rating_up).astype(np.int8) - (d < -p.rating_down)
            - (d < -p.rating_bad)).astype(np.int8)


def trust_gain(s: np.ndarray, negativity_bias: float) -> np.ndarray:
    """G = s − ½ for good experiences and λ·(s − ½) for bad ones (negativity bias)."""
    g = np.asarray(s) - 0.5
    return np.where(g < 0, negativity_bias * g, g)


def talk_probability(s: np.ndarray, p: Params) -> np.ndarray:
    """Asymmetric U: p0 + a₊·max(s − ½, 0) + a₋·max(½ − s, 0), capped at 1."""
    s = np.asarray(s)
    return np.minimum(p.talk_base + p.talk_satisfied * np.maximum(s - 0.5, 0)
                      + p.talk_dissatisfied * np.maximum(0.5 - s, 0), 1.0)


def relax(value: np.ndarray, target: np.ndarray, rate: float,
          scratch: np.ndarray | None = None) -> np.ndarray:
    """One day of pull towards `target` at `rate`, in place; `scratch` avoids a temporary array."""
    if scratch is None:
        return value + rate * (target - value)
    np.subtract(target, value, out=scratch)
    scratch *= rate
    value += scratch
    return value
