"""Each policy moves its own mechanism the expected way, over replications with common random
numbers.
"""

from __future__ import annotations

import numpy as np
import pytest

import hrsim
from hrsim.model import HRModel
from hrsim.policies import REGISTRY, Policy
from hrsim.policies.feedback import FeedbackChannel
from hrsim.scenarios import Scenario

pytestmark = pytest.mark.slow


def value(result: hrsim.RunResult, key: str) -> float:
    return result.summary["elements"][key] if key.startswith("U") else result.summary[key]


def paired(runs, policy: str, key: str, **params) -> np.ndarray:
    """Policy minus baseline, replication by replication (same seeds)."""
    base, treated = runs(None, **params), runs(policy, **params)
    return np.array([value(t, key) - value(b, key) for t, b in zip(treated, base, strict=True)])


def assert_up(diffs: np.ndarray) -> None:
    """The mean paired difference is positive and at least two standard errors from zero."""
    se = diffs.std(ddof=1) / np.sqrt(len(diffs))
    assert diffs.mean() > 2 * se, (diffs.mean(), se, diffs)


def test_training_raises_competence_and_behaviour(runs):
    assert_up(paired(runs, "training", "U6"))
    assert_up(paired(runs, "training", "U7"))
    assert_up(paired(runs, "training", "competence_mean"))


def test_recognition_raises_motivation_and_courtesy(runs):
    assert_up(paired(runs, "recognition", "motivation_mean"))
    assert_up(paired(runs, "recognition", "courtesy_mean"))
    assert_up(paired(runs, "recognition", "U7"))


def test_coordination_cuts_bounce_backs_and_end_to_end_time(runs):
    assert_up(-paired(runs, "coordination", "bounce_rate"))
    assert_up(-paired(runs, "coordination", "end_to_end_days"))
    assert_up(paired(runs, "coordination", "on_time_rate"))


def test_standards_clarify_requirements(runs):
    assert_up(paired(runs, "standards", "U1"))
    assert_up(-paired(runs, "standards", "bounce_rate"))


def test_feedback_channel_improves_complaint_handling(runs):
    assert_up(paired(runs, "feedback", "U9"))


def test_participation_clarifies_requirements(runs):
    assert_up(paired(runs, "participation", "U1"))


def test_extra_desk_cuts_waiting(runs):
    assert_up(-paired(runs, "extra_staff", "wait_mean_min"))
    assert_up(-paired(runs, "extra_staff", "utilisation"))


def test_human_relations_levers_raise_the_ikm(runs):
    for policy in ("training", "recognition", "coordination", "standards", "feedback"):
        assert_up(paired(runs, policy, "ikm"))


def test_overload_exhausts_staff_and_costs_courtesy(runs):
    """A demand surge (more requests per resident) raises exhaustion and lowers courtesy."""
    base, surge = runs(None), runs(None, service_need_rate=0.3)
    exhaustion = np.array([s.summary["exhaustion_mean"] - b.summary["exhaustion_mean"]
                           for s, b in zip(surge, base, strict=True)])
    courtesy = np.array([s.summary["courtesy_mean"] - b.summary["courtesy_mean"]
                         for s, b in zip(surge, base, strict=True)])
    assert_up(exhaustion)
    assert_up(-courtesy)


def complainants_trust_gap(policies: tuple[Policy, ...], seed: int) -> float:
    """Mean (trust − predisposition) of residents who complained after a 3-day outage."""
    model = HRModel(policies=policies, rng=seed, outage_day=20, outage_days=3)
    model.run_for(40)
    pop = model.citizens
    who = pop.complaints > 0
    return float(np.mean(pop.trust_office[who] - pop.predisposition[who]))


def test_responsive_complaint_handling_lets_trust_recover_after_failures():
    gaps = np.array([complainants_trust_gap((FeedbackChannel(),), seed)
                     - complainants_trust_gap((), seed) for seed in range(4)])
    assert_up(gaps)


def test_costs_are_charged_as_declared():
    standards = REGISTRY["standards"](start=10, intensity=0.5)
    result = hrsim.run(Scenario("s", policies=(standards,)), days=60, residents=5_000)
    days_active = 60 - 10 + 1  # days 10..60
    expected = 0.5 * (standards.cost_once_rp + standards.cost_per_year_rp * days_active / 250)
    assert result.summary["cost_rp"] == pytest.approx(expected)


def test_a_policy_is_one_class_in_one_file():
    class Holiday(Policy):
        """Close the office (a toy lever for this test)."""

        key = "holiday_test"

        def begin(self, model: HRModel) -> None:
            model.office.facilities = 0.0

    assert REGISTRY["holiday_test"] is Holiday
    spec = Holiday(start=3, intensity=0.5).spec()
    assert Policy.from_spec(spec) == Holiday(start=3, intensity=0.5)
    del REGISTRY["holiday_test"]


def test_every_built_in_lever_is_registered():
    assert {"training", "recognition", "feedback", "coordination", "standards", "participation",
            "extra_staff"} <= set(REGISTRY)
