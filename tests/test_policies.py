"""Each lever earns its effect through its mechanism: ablations that would fail if an effect were
written into a score, over replications with common random numbers.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest

import hrsim
from hrsim.day.staff import Role
from hrsim.model import HRModel
from hrsim.policies import REGISTRY, Policy
from hrsim.policies.feedback import FeedbackChannel
from hrsim.policies.mobile_unit import SERVICE_KEYS, MobileUnit
from hrsim.policies.training import Training
from hrsim.scenarios import Scenario

pytestmark = pytest.mark.slow

SEEDS = 4
DAYS = 150


@functools.cache
def outcomes(spec: tuple[tuple[str, object], ...] | None, seeds: int = SEEDS,
             **params) -> tuple[dict, ...]:
    """Summaries over seeds 0..`seeds`-1 of the baseline (None) or of one policy given as sorted
    items."""
    policies = (Policy.from_spec(dict(spec)),) if spec else ()
    scenario = Scenario("ablation", policies=policies)
    return tuple(hrsim.run(scenario, days=DAYS, seed=seed, **params).summary
                 for seed in range(seeds))


def value(summary: dict, key: str) -> float:
    return summary["elements"][key] if key.startswith("U") else summary[key]


def effect(policy: str, key: str, fields: dict | None = None, seeds: int = SEEDS,
           **params) -> np.ndarray:
    """Policy minus baseline of a measure, replication by replication (same seeds)."""
    spec = tuple(sorted({"type": policy, **(fields or {})}.items()))
    treated, base = outcomes(spec, seeds, **params), outcomes(None, seeds, **params)
    return np.array([value(t, key) - value(b, key) for t, b in zip(treated, base, strict=True)])


def up(diffs: np.ndarray) -> bool:
    """The mean paired difference is positive and at least two standard errors from zero."""
    return diffs.mean() > 2 * diffs.std(ddof=1) / np.sqrt(len(diffs))


def test_feedback_raises_u9_only_through_complaints_answered():
    assert up(effect("feedback", "U9"))
    assert up(effect("feedback", "complaints"))  # an easier channel: more voice
    # no resolution capacity at all (the office's and the officer's): complaints rise and go
    # unanswered, and U9 does not rise
    idle, none = {"capacity_per_day": 0.0}, {"complaint_capacity": 0.0}
    assert not up(effect("feedback", "U9", idle, **none))
    assert up(effect("feedback", "complaints", idle, **none))
    open_ = [hrsim.run(Scenario("s", policies=policies), days=DAYS, seed=seed, **none)
             .timeseries["complaints_open"].mean()
             for seed in range(SEEDS) for policies in ((FeedbackChannel(**idle),), ())]
    assert up(np.array(open_[::2]) - np.array(open_[1::2]))


def test_standards_clarify_requirements_only_through_clarity():
    assert up(effect("standards", "U1"))
    assert up(-effect("standards", "bounce_rate"))
    assert not up(effect("standards", "U1", {"clarity_gain": 0.0}))


def test_coordination_acts_through_the_agencies():
    assert up(-effect("coordination", "bounce_rate"))
    assert up(-effect("coordination", "end_to_end_days"))
    assert up(effect("coordination", "U3"))
    assert not up(effect("coordination", "U3", {"gap_closed": 0.0}))


def test_delegation_is_its_own_lever():
    assert up(-effect("delegation", "end_to_end_days"))
    assert not up(-effect("delegation", "end_to_end_days",
                          {"stages": False, "deputy_signs": False}))


def test_training_raises_competence_and_behaviour():
    assert up(effect("training", "U6"))
    assert up(effect("training", "competence_mean"))
    assert not up(effect("training", "U6", {"effect_sd": 0.0, "resource_gain": 0.0}))


def test_recognition_raises_motivation_and_courtesy():
    assert up(effect("recognition", "motivation_mean"))
    assert up(effect("recognition", "courtesy_mean"))
    assert not up(effect("recognition", "courtesy_mean", {"climate_gain": 0.0, "boost": 0.0}))


def test_participation_acts_through_forums():
    assert up(effect("participation", "U1"))
    assert not up(effect("participation", "U1", {"intensity": 0.0}))


def test_an_extra_desk_pays_only_in_a_saturated_office():
    busy, quiet = {"service_need_rate": 0.24}, {"service_need_rate": 0.12}
    assert min(s["utilisation"] for s in outcomes(None, **busy)) >= 0.85
    # the survey asks the served only, so a small effect: eight replications to see it
    assert up(effect("extra_staff", "ikm", seeds=8, **busy))
    assert max(s["utilisation"] for s in outcomes(None, **quiet)) <= 0.6
    assert not up(effect("extra_staff", "ikm", **quiet))


def test_the_mobile_unit_serves_far_kelurahan_in_turn_at_its_own_desk():
    model = HRModel(rng=2, residents=30_000, policies=(MobileUnit(),))
    model.run_for(20)
    unit = model.component("mobile_unit")
    names = [c.name for c in model.components]
    assert names.index("demand") < names.index("mobile_unit") < names.index("counter")
    simple = {SERVICE_KEYS.index(k) for k in ("surat_keterangan", "ktp", "kk")}
    served = set()
    for day in model.history.days:
        enc = day.encounters
        here = enc.point == model.service_points.index(unit)
        kelurahan = set(model.citizens.kelurahan[enc.citizen[here]])
        assert kelurahan <= {unit.rota[(day.day - unit.first_day) % len(unit.rota)]}
        served |= kelurahan
        assert set(model.requests.service[enc.request[here]]) <= simple
        assert len(day.points["counter"].busy_min) == model.p.desks  # its own, hired clerk
    assert served == set(unit.rota)
    # files accepted by the unit come back with it: some of its visitors are collecting
    visited = model.history.encounters(20)
    at_unit = visited.request[visited.point == model.service_points.index(unit)]
    assert np.any(model.requests.returns[at_unit] == 0) and len(set(at_unit)) < len(at_unit)


def test_a_borrowed_clerk_leaves_the_counter_a_desk_short_on_trip_days_only():
    model = HRModel(rng=2, residents=30_000, policies=(MobileUnit(borrowed=True, every_days=2),))
    model.run_for(6)
    unit = model.component("mobile_unit")
    desks = [len(d.points["counter"].busy_min) for d in model.history.days]
    trip = [(d.day - unit.first_day) % 2 == 0 for d in model.history.days]
    assert desks == [model.p.desks - t for t in trip] and any(trip) and not all(trip)
    assert not model.staff_in(Role.MOBILE)


def test_the_mobile_unit_acts_only_through_the_visits_it_takes():
    assert up(-effect("mobile_unit", "wait_mean_min"))  # fewer visitors at the counter
    # nobody takes it up: every rating and trust are exactly the baseline's
    for key in ("ikm", "U3", "trust_office"):
        assert not np.any(effect("mobile_unit", key, {"uptake": 0.0}))


def test_training_refreshers_never_exceed_the_cited_effect():
    model = HRModel(residents=2_000, rng=1, burn_in_days=0,
                    policies=(Training(refresh_days=1, half_life_days=1000),))
    model.run_for(30)
    cap = 0.6 * model.p.competence_sd  # Arthur et al. 2003: d ≈ 0.6
    assert max(s.training_boost for s in model.staff) == pytest.approx(cap, rel=0.01)


def test_the_hr_climate_reaches_courtesy_only_through_motivation():
    model = HRModel(residents=2_000, rng=1, burn_in_days=0)
    clerk = model.counter_staff[0]
    before = clerk.courtesy()
    model.component("staff").improve_climate(1.0)
    assert clerk.courtesy() == before


def non_visitors_trust_near_visitors(outage: bool, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Trust of residents who never came but neighbour someone who did, after 15 days."""
    params = {"outage_day": 5, "outage_days": 3} if outage else {}
    model = HRModel(rng=seed, residents=30_000, **params)
    model.run_for(15)
    pop = model.citizens
    came = pop.encounters > 0
    near = np.zeros(len(pop), bool)
    for i in np.flatnonzero(came):
        near[pop.neighbours(i)] = True
    return pop.trust_office, near & ~came


def test_a_bad_day_spreads_to_neighbours_who_were_not_there():
    diffs = []
    for seed in range(3):
        calm, who = non_visitors_trust_near_visitors(False, seed)
        shock, who_shock = non_visitors_trust_near_visitors(True, seed)
        both = who & who_shock
        diffs.append(float(np.mean(shock[both] - calm[both])))
    assert max(diffs) < 0, diffs


def test_a_stopped_policy_stops_acting_and_paying_on_its_stop_day():
    forums = REGISTRY["participation"](interval_days=10, stop=35, cost_per_year_rp=250e6)
    model = HRModel(rng=3, residents=5_000, policies=(forums,))
    model.run_for(34)
    held, spent = model.citizens.forums.sum(), model.spent_rp
    assert held > 0
    model.run_for(60)
    # forums were held on days 1, 11, 21 and 31; on day 35 the running part stopped
    assert model.citizens.forums.sum() == held
    assert model.spent_rp == pytest.approx(spent)
    assert not forums.active
    with pytest.raises(ValueError, match="stop"):
        REGISTRY["training"](start=50, stop=50)


def test_costs_are_charged_as_declared():
    standards = REGISTRY["standards"](start=10, intensity=0.5)
    result = hrsim.run(Scenario("s", policies=(standards,)), days=60, residents=5_000)
    days_active = 60 - 10 + 1  # days 10..60
    expected = 0.5 * (standards.cost_once_rp + standards.cost_per_year_rp * days_active / 250)
    assert result.summary["cost_rp"] == pytest.approx(expected)


def test_a_policy_is_one_class_in_one_file():
    class Holiday(Policy):
        """Make the requirements unreadable (a toy lever for this test)."""

        key = "holiday_test"

        def begin(self, world) -> None:
            world.component("standards").publish(0.0, 1.0, 0.0)

    assert REGISTRY["holiday_test"] is Holiday
    spec = Holiday(start=3, intensity=0.5).spec()
    assert Policy.from_spec(spec) == Holiday(start=3, intensity=0.5)
    del REGISTRY["holiday_test"]


def test_every_built_in_lever_is_registered():
    assert {"training", "recognition", "feedback", "coordination", "delegation", "standards",
            "participation", "extra_staff", "mobile_unit"} <= set(REGISTRY)
    assert Role.COUNTER in {s.role for s in HRModel(residents=1_000, burn_in_days=0).staff}
