"""hrsim compare: common random numbers, the statistics, the library's levers, workers."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from hrsim.analysis.compare import (
    Comparison,
    compare,
    per_100m,
    plan,
    summarise,
)
from hrsim.analysis.effects import mean_interval
from hrsim.errors import InputError
from hrsim.execution import derive_seed
from hrsim.measures import INFO, SUMMARY, compared, summary
from hrsim.report.compare import ReportView
from hrsim.scenarios import Scenario, library, load

SMALL = {"residents": 3_000}


@functools.cache
def small(workers: int = 1) -> Comparison:
    """Two library scenarios against the baseline, small and short."""
    return compare([load("training"), load("weak-coordination")], reps=3, days=15, seed=5,
                   params=SMALL, workers=workers)


def test_replication_r_has_the_same_seed_in_every_scenario():
    jobs = plan([load("baseline"), load("training")], reps=3, days=10, seed=7)
    seeds = {(j.tags["scenario"], j.tags["rep"]): j.seed for j in jobs}
    for r in range(3):
        assert seeds[("baseline", r)] == seeds[("training", r)] == derive_seed(7, r)
    assert len({seeds[("baseline", r)] for r in range(3)}) == 3
    assert len({j.key for j in jobs}) == len(jobs)


@pytest.mark.xdist_group("whole_library")  # made once per process (conftest)
def test_every_built_in_scenario_runs(whole_library):
    result = whole_library
    assert [s.name for s in result.scenarios] == list(library())
    assert (result.runs.groupby("scenario", observed=True).size() == 2).all()
    assert result.runs["ikm"].notna().all()
    costs = result.runs.groupby("scenario", observed=True)["cost_rp"].min()
    for scenario in result.scenarios:
        assert (costs[scenario.name] > 0) == bool(scenario.policies), scenario.name


@pytest.mark.slow
def test_paired_differences_spread_much_less_than_unpaired():
    """Common random numbers: the same replication of two scenarios shares its draws."""
    result = compare([load("training")], reps=8, days=40, params={"residents": 20_000})
    runs = result.runs.set_index(["scenario", "rep"])
    for measure in ("ikm", "trust_office", "share_trusting"):
        base = runs.loc["baseline", measure].to_numpy()
        treated = runs.loc["training", measure].to_numpy()
        paired = treated - base
        unpaired = treated - np.roll(base, 1)  # another replication: independent draws
        assert paired.std(ddof=1) < 0.5 * unpaired.std(ddof=1), measure


def synthetic(base_ikm, scenario_ikm, scenario_cost) -> Comparison:
    """A comparison made by hand, to check the statistics against scipy."""
    rows = []
    for name, ikm, cost in (("baseline", base_ikm, [0.0] * len(base_ikm)),
                            ("policy", scenario_ikm, scenario_cost)):
        for rep, (value, spent) in enumerate(zip(ikm, cost, strict=True)):
            rows.append({"scenario": name, "rep": rep, "seed": rep,
                         "grade": "B" if value >= 76.61 else "C",
                         **dict.fromkeys(compared(), 0.5), "ikm": value, "cost_rp": spent})
    runs = pd.DataFrame(rows)
    scenarios = (Scenario("baseline"), Scenario("policy"))
    return Comparison(scenarios, len(base_ikm), 10, 0, runs, pd.DataFrame(), "now")


def test_paired_difference_and_intervals_match_scipy():
    base = [75.0, 76.0, 77.5, 78.0, 74.0]
    treated = [76.0, 77.5, 78.0, 79.5, 75.5]
    table = summarise(synthetic(base, treated, [2e8] * 5)).set_index(["scenario", "measure"])
    row = table.loc[("policy", "ikm")]
    expected = stats.ttest_rel(treated, base).confidence_interval(0.95)
    assert row["diff"] == pytest.approx(np.mean(np.subtract(treated, base)))
    assert (row["diff_low"], row["diff_high"]) == pytest.approx((expected.low, expected.high))
    assert row["distinguishable"] and row["verdict"] == "better"
    assert row["mean"] == pytest.approx(np.mean(treated))
    assert table.loc[("policy", "grade_B"), "mean"] == pytest.approx(3 / 5)
    assert table.loc[("baseline", "grade_C"), "mean"] == pytest.approx(3 / 5)
    # 1.2 IKM points for Rp 200 million: 0.6 points per Rp 100 million (costs do not vary)
    assert table.loc[("policy", "ikm_per_100m_rp"), "mean"] == pytest.approx(0.6)


@pytest.fixture
def declared():
    """A measure declared in this file only, with its metadata; unregistered afterwards."""
    @summary("test_queue_only", better=-1, digits=1, compared=True)
    def queue_only(model) -> float:
        return 1.0

    yield "test_queue_only"
    del SUMMARY["test_queue_only"], INFO["test_queue_only"]


def test_every_measure_is_judged_in_its_declared_direction(declared):
    """Every measure rises: better, worse or higher as its declaration (and nothing else) says."""
    rows = [{"scenario": name, "rep": rep, "seed": rep, "grade": "B",
             **dict.fromkeys(compared(), level + rep + (0.1 * rep if name == "policy" else 0))}
            for name, level in (("baseline", 0.0), ("policy", 1.0)) for rep in range(4)]
    comparison = Comparison((Scenario("baseline"), Scenario("policy")), 4, 10, 0,
                            pd.DataFrame(rows), pd.DataFrame(), "now")
    table = summarise(comparison).set_index(["scenario", "measure"])
    verdict = {1: "better", -1: "worse", 0: "higher"}
    assert declared in compared()
    for measure in compared():
        assert table.loc[("policy", measure), "verdict"] == verdict[INFO[measure].better], measure


def test_a_measure_declared_in_one_place_is_compared_and_shown(declared):
    result = compare([load("training")], reps=2, days=3, params={"residents": 1_000})
    assert compared()[-1] == declared
    assert list(result.table["measure"].unique()[:len(compared())]) == compared()
    row = result.row("training", declared)
    assert (row["n"], row["mean"], row["verdict"]) == (2, 1.0, "unclear")
    assert ReportView(result, "en").value(declared, 1.26) == "1.3"  # its declared digits


def test_an_effect_within_the_noise_is_not_distinguishable():
    table = summarise(synthetic([75.0, 76.0, 77.0, 78.0], [76.0, 75.0, 78.0, 77.0], [0.0] * 4))
    row = table.set_index(["scenario", "measure"]).loc[("policy", "ikm")]
    assert row["diff_low"] < 0 < row["diff_high"]
    assert not row["distinguishable"] and row["verdict"] == "unclear"
    efficiency = table.set_index(["scenario", "measure"]).loc[("policy", "ikm_per_100m_rp")]
    assert np.isnan(efficiency["mean"])  # costs no more than the reference: not defined


def test_cost_effectiveness_interval():
    effect = np.array([1.0, 1.5, 0.5, 2.0])
    fixed = per_100m(effect, np.full(4, 5e7))
    assert fixed == pytest.approx(tuple(2 * x for x in mean_interval(effect)))
    varying = per_100m(effect, np.array([4e7, 6e7, 5e7, 5e7]))
    assert varying[0] == pytest.approx(effect.mean() / 5e7 * 1e8)
    assert varying[1] < varying[0] < varying[2]
    assert np.isnan(per_100m(effect, np.zeros(4))).all()


def test_mean_interval():
    mean, low, high = mean_interval(np.array([1.0, 2.0, 3.0, np.nan]))
    assert mean == 2.0
    assert (low, high) == pytest.approx(stats.t.interval(0.95, 2, loc=2, scale=stats.sem([1, 2,
                                                                                          3])))
    assert mean_interval(np.array([4.0, 4.0])) == (4.0, 4.0, 4.0)
    assert np.isnan(mean_interval(np.array([4.0]))[1])


def test_reps_and_names_are_checked():
    with pytest.raises(InputError, match="at least 2 replications"):
        compare([load("training")], reps=1, days=2, params=SMALL)
    twin = Scenario("training")
    with pytest.raises(InputError, match="'training' is given twice"):
        compare([load("training"), twin], reps=2, days=2, params=SMALL)
    with pytest.raises(InputError, match="'baseline' is given twice"):
        compare([Scenario("baseline", {"desks": 4})], reps=2, days=2)


@pytest.mark.slow
def test_same_results_with_one_and_two_workers():
    one, two = small(1), small(2)
    pd.testing.assert_frame_equal(one.runs, two.runs)
    pd.testing.assert_frame_equal(one.bands, two.bands)
    pd.testing.assert_frame_equal(one.table, two.table)


# the direction of each library scenario's effect against the baseline, over replications
EXPECTED = {
    "training": {"U6": "better", "U7": "better"},
    "recognition": {"U7": "better"},
    "feedback": {"U9": "better"},
    "coordination": {"bounce_rate": "better", "end_to_end_days": "better"},
    "delegation": {"end_to_end_days": "better"},
    "standards": {"U1": "better", "bounce_rate": "better"},
    "participation": {"U1": "better"},
    "extra-desk": {"wait_mean_min": "better"},
    "mobile-unit": {"wait_mean_min": "better"},
    "human-relations": {"ikm": "better", "trust_office": "better", "bounce_rate": "better"},
    "weak-coordination": {"bounce_rate": "worse", "end_to_end_days": "worse"},
    "staff-shortage": {"end_to_end_days": "worse", "exhaustion_mean": "worse", "ikm": "worse"},
}


@functools.cache
def library_year() -> Comparison:
    return compare([load(name) for name in library()], reps=5, days=250)


@pytest.mark.slow
@pytest.mark.xdist_group("library_year")  # one comparison, made once on one worker
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_library_scenario_moves_its_mechanism_the_expected_way(name):
    result = library_year()
    for measure, verdict in EXPECTED[name].items():
        row = result.row(name, measure)
        assert row["verdict"] == verdict, (name, measure, row.to_dict())


@pytest.mark.slow
@pytest.mark.xdist_group("library_year")  # one comparison, made once on one worker
@pytest.mark.parametrize("stress", ["weak-coordination", "staff-shortage"])
def test_the_package_helps_under_stress(stress):
    """The Human Relations package lowers bounce-backs in both stress cases (paired, same
    replications as the stress case without it)."""
    runs = library_year().runs.set_index(["scenario", "rep"])["bounce_rate"]
    diffs = (runs.loc[f"{stress}-hr"] - runs.loc[stress]).to_numpy()
    assert mean_interval(diffs)[2] < 0


# --- parameter uncertainty ---------------------------------------------------------------------

def test_draws_equal_to_the_office_give_the_seed_only_differences():
    draws = [{"courtesy_base": 0.6}] * 3  # the default: no uncertainty at all
    c = compare([load("training"), load("feedback")], reps=3, days=10, params=SMALL, draws=draws)
    rows = c.table.query("measure == 'ikm' and scenario != 'baseline'")
    assert np.allclose(rows["diff_param"], rows["diff"])
    assert np.allclose(rows["diff_param_low"], rows["diff_low"])
    # every replication has exactly one best scenario
    assert c.table.query("measure == 'ikm'")["p_best"].sum() == pytest.approx(1.0)


def test_each_replication_draws_its_parameters_for_every_scenario():
    draws = [{"courtesy_base": 0.3}, {"courtesy_base": 0.9}]
    c = compare([load("training")], reps=2, days=10, params=SMALL, draws=draws)
    wide = c.uncertain.pivot(index="rep", columns="scenario", values="U7")
    assert (wide.loc[1] > wide.loc[0]).all()  # courtesy drives U7 in both scenarios alike
    assert c.provenance()["parameter_draws"] == draws
    with pytest.raises(InputError, match="1 parameter draws: at least 2"):
        compare([load("training")], reps=2, days=10, params=SMALL, draws=draws[:1])


def test_compare_refuses_a_folder_without_a_calibration(tmp_path):
    from click.testing import CliRunner

    from hrsim.cli import cli

    result = CliRunner().invoke(cli, ["compare", "training", "--posterior", str(tmp_path)])
    assert result.exit_code == 2 and "no finished calibration" in result.output
