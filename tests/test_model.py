"""The model: defaults, Mesa time, reproducibility, the per-citizen view, bookkeeping."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import hrsim
from hrsim.day.staff import Role, Staff
from hrsim.model import HRModel
from hrsim.world.agency import Agency
from hrsim.world.requests import Where


def test_default_model_runs_for_ten_days():
    model = HRModel()
    assert model.day == 0 and model.time == model.burn_in  # the burn-in is done at creation
    model.run_for(10)
    assert model.time == model.burn_in + 10.0
    assert model.day == 10
    assert len(model.datacollector.get_model_vars_dataframe()) == 10
    assert len(model.citizens) == 100_000
    assert len(model.component("files").kelurahan_offices) == 12


def test_agents_are_mesa_agents():
    model = HRModel(residents=2_000, desks=4, back_office_staff=5)
    staff = model.agents_by_type[Staff]
    assert len(staff.select(lambda s: s.role is Role.COUNTER)) == 4
    assert len(staff.select(lambda s: s.role is Role.BACK_OFFICE)) == 5
    assert len(model.agents_by_type[Agency]) == 3 + 12


def test_same_seed_same_series_other_seed_different():
    a = hrsim.run(days=40, seed=3, residents=20_000)
    b = hrsim.run(days=40, seed=3, residents=20_000)
    c = hrsim.run(days=40, seed=4, residents=20_000)
    pd.testing.assert_frame_equal(a.timeseries, b.timeseries)
    assert a.to_json() == b.to_json()
    assert not a.timeseries.equals(c.timeseries)


def test_run_for_in_pieces_equals_one_run():
    a, b = HRModel(rng=5, residents=10_000), HRModel(rng=5, residents=10_000)
    a.run_for(30)
    for _ in range(3):
        b.run_for(10)
    pd.testing.assert_frame_equal(a.datacollector.get_model_vars_dataframe(),
                                  b.datacollector.get_model_vars_dataframe())


def test_citizen_view_reads_the_arrays_and_writes_nothing():
    model = HRModel(residents=1_000, rng=1)
    c = model.citizens[7]
    assert c.trust_office == model.citizens.trust_office[7]
    with pytest.raises(AttributeError):
        c.trust_office = 0.25  # trust changes only through the trust component's verbs
    assert set(c.expectations) == {f"U{k}" for k in range(1, 10)}
    assert 0 <= c.kelurahan < 12
    assert all(model.citizens.kelurahan[c.neighbours] >= 0)
    with pytest.raises(IndexError):
        model.citizens[1_000]


def test_network_is_clustered_small_world():
    pop = HRModel(residents=24_000, rng=2).citizens
    degree = np.diff(pop.indptr)
    assert degree.mean() == pytest.approx(8, rel=0.05)
    src = np.repeat(np.arange(len(pop)), degree)
    same = pop.kelurahan[src] == pop.kelurahan[pop.ties]
    assert 0.9 < same.mean() < 1.0  # mostly within the kelurahan, with shortcuts


def test_every_request_is_accounted_for():
    model = HRModel(residents=30_000, rng=3, burn_in_days=0)
    model.run_for(60)
    book = model.requests
    where = book.where[:len(book)]
    assert (where >= Where.WITH_CITIZEN).all() and (where <= Where.ABANDONED).all()
    done = where == Where.DONE
    assert np.sum(done) == sum(len(d.completed_days) for d in model.history.days)
    assert (book.completed[:len(book)][done] >= book.created[:len(book)][done]).all()
    assert sum(d.new_requests for d in model.history.days) == len(book)


def test_state_trust_returns_to_the_predisposition_with_its_half_life():
    half_life = 50
    model = HRModel(residents=5_000, rng=4, service_need_rate=0.0, burn_in_days=0,
                    trust_half_life_days=half_life)
    pop = model.citizens
    gap = 1.0 - pop.predisposition
    pop.trust_office[:] = 1.0
    model.run_for(half_life)
    # the predisposition stays at G (nothing to learn from), so the gap halves exactly
    np.testing.assert_allclose(pop.trust_office - pop.predisposition, gap / 2, atol=1e-5)
    assert (pop.trust_office >= 0).all() and (pop.trust_office <= 1).all()


def test_one_bad_visit_costs_trust_in_the_sourced_range():
    """Stylised fact 3: a bad visit lowers trust by 0.03–0.10; a good one raises it less."""
    model = HRModel(residents=1_000, rng=1, service_need_rate=0.0, burn_in_days=0)
    pop, p = model.citizens, model.p
    pop.trust_office[:2] = 0.6
    model.component("trust").learn(np.array([0, 1]), np.array([-0.8, 0.8]))
    bad, good = 0.6 - pop.trust_office[0], pop.trust_office[1] - 0.6
    assert bad == pytest.approx(p.trust_learning_office * p.negativity_bias * 0.8 * 0.6, rel=1e-5)
    assert 0.03 <= bad <= 0.10
    assert 2 <= bad / good <= 14  # stylised fact 2: bad weighs 2–14 times good


def test_outage_sends_everybody_home():
    model = HRModel(residents=20_000, rng=1, outage_day=5, outage_days=2)
    model.run_for(7)
    ts = model.datacollector.get_model_vars_dataframe()
    assert (ts["served"].iloc[4:6] == 0).all() and (ts["visits"].iloc[4:6] > 0).all()
    assert ts["served"].iloc[6] > 0


def test_summary_has_the_documented_fields():
    summary = hrsim.run(days=20, residents=10_000).summary
    for key in ("ikm", "grade", "elements", "trust_office", "trust_government", "share_trusting",
                "wait_mean_min", "wait_p90_min", "p_wait", "end_to_end_days", "bounce_rate",
                "gave_up_rate", "complaints", "exhaustion_mean", "cost_rp", "servqual"):
        assert key in summary
    assert set(summary["elements"]) == {f"U{k}" for k in range(1, 10)}


def test_surveys_are_periodic_and_official():
    result = hrsim.run(days=130, residents=30_000, survey_period_days=60)
    assert result.surveys["day"].tolist() == [60, 120]
    assert set(result.surveys["grade"]) <= set("ABCD")
    assert (result.surveys["respondents"] > 0).all()


def test_a_policy_adds_a_component_to_the_working_day():
    """`add_component` puts a component into the day's order; it runs every day from then on."""
    from hrsim.day.component import Component
    from hrsim.policies import Policy

    class Census(Component):
        name = "census"

        def __init__(self, world) -> None:
            super().__init__(world)
            self.days: list[int] = []

        def step(self) -> None:
            self.days.append(self.world.day)

    class StartCensus(Policy):
        key = "census_test"

        def begin(self, world) -> None:
            world.add_component(Census(world), before="counter")

    try:
        model = HRModel(residents=2_000, rng=1, burn_in_days=5,
                        policies=(StartCensus(start=3),))
        model.run_for(6)
    finally:
        del Policy.registry["census_test"]
    names = [c.name for c in model.components]
    assert names.index("census") == names.index("counter") - 1
    assert model.component("census").days == [3, 4, 5, 6]
    with pytest.raises(ValueError, match="already has"):
        model.add_component(Census(model), before="counter")
    with pytest.raises(KeyError, match="no component"):
        model.component("mobile")
