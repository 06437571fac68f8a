"""Citizens' rules: expectancy–disconfirmation, negativity bias, word-of-mouth asymmetry."""

from __future__ import annotations

import numpy as np
import pytest

from hrsim.agents import rules
from hrsim.params import Params

P = Params()


def test_met_expectations_rate_three_and_satisfy_at_performance():
    perf = np.array([0.6, 0.3, 0.9])
    assert rules.rating(perf, perf, P).tolist() == [3, 3, 3]
    assert rules.element_satisfaction(perf, perf, P) == pytest.approx(perf)


def test_rating_follows_disconfirmation():
    expect = np.full(5, 0.6)
    perf = expect + np.array([0.2, 0.05, -0.05, -0.2, -0.4])
    assert rules.rating(perf, expect, P).tolist() == [4, 3, 3, 2, 1]


def test_equal_good_and_bad_experiences_lower_trust():
    """Stylised fact (domain §5): equal numbers of ±0.2 encounters give a net decline."""
    trust = 0.6
    for s in [0.7, 0.3] * 20:
        trust = float(np.clip(trust + P.trust_learning_office
                              * rules.trust_gain(s, P.negativity_bias), 0, 1))
    assert trust < 0.6


def test_dissatisfied_talk_more_but_less_than_folklore():
    good, bad = rules.talk_probability(np.array([1.0, 0.0]), P)
    assert bad > good
    assert bad / good < 2  # Anderson 1998: the asymmetry is smaller than commonly supposed


def test_outcome_dominates_overall_satisfaction():
    element_s = np.full((2, 9), 0.65)
    seen = np.ones((2, 9), bool)
    s = rules.overall_satisfaction(element_s, seen, np.array([True, False]), P.outcome_weight)
    assert s[0] > 0.5 > s[1]


def test_time_performance_is_half_at_one_and_a_half_times_acceptable():
    assert rules.time_performance(0.0) == 1.0
    assert rules.time_performance(rules.TIME_HALF) == pytest.approx(0.5)


def test_relax_pulls_towards_target():
    value = np.array([1.0, 0.0])
    rules.relax(value, np.array([0.5, 0.5]), 0.1, np.empty(2))
    assert value.tolist() == pytest.approx([0.95, 0.05])
    assert rules.relax(1.0, 0.5, 0.1) == pytest.approx(0.95)
