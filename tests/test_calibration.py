"""Calibration: the data's statistics, recovery of known parameters, prediction of a held-out
period, resumable design runs, and the files and decisions the posterior reaches."""

from __future__ import annotations

import functools
import json
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from hrsim.assumptions import check_inside
from hrsim.calibration import (
    ANSWER_SD,
    PRIORS,
    Emulator,
    Office,
    Posterior,
    Target,
    calibrate,
    infer,
    period_covariance,
    period_statistics,
    predict,
    run_design,
    synthetic_skm,
)
from hrsim.cli import cli
from hrsim.elements import ELEMENTS
from hrsim.errors import InputError
from hrsim.policies.training import Training
from hrsim.scenarios import load
from hrsim.scenarios.files import parse
from hrsim.skm import Period, Survey

# a small office that is quick to run, with about 200 visitors to survey in a 20-day period
SMALL = Office({"residents": 15_000, "burn_in_days": 20, "survey_period_days": 20})


def test_every_prior_lies_inside_its_documented_range():
    check_inside(PRIORS)


def test_statistics_carry_the_survey_error_of_each_element():
    # U1: answers 2, 3, 3, 4; smoothed shares (count + 1/2)/(n + 2) = (0.5, 1.5, 2.5, 1.5)/6
    counts = np.array([[0, 1, 2, 1]] + [[0, 0, 4, 0]] * 8)
    period = Period("p", Survey.of_counts(counts, 4), {}, ())
    stats = period_statistics(0, period)
    assert (stats["p0_U1_mean"], stats["p0_U1_top"], stats["p0_U1_low"]) == (3, 0.25, 0.25)
    u1 = period_covariance(period)[0]  # mean, share of 4s, share of 1-2s
    mean = 17 / 6  # of the smoothed shares; E[x²] = 53/6
    assert u1[0, 0] == pytest.approx((53 / 6 - mean**2) / 4)
    assert u1[1, 1] == pytest.approx(0.25 * 0.75 / 4)
    assert u1[0, 1] == pytest.approx(0.25 * (4 - mean) / 4)
    published = Period("p", Survey(16, dict.fromkeys(ELEMENTS, 16),
                                   dict.fromkeys(ELEMENTS, Fraction(3))), {}, ())
    assert period_covariance(published)[0][0, 0] == pytest.approx(ANSWER_SD**2 / 16)


def test_a_simulated_survey_asks_as_many_respondents_as_the_data():
    skm = synthetic_skm(SMALL, {"courtesy_base": 0.5}, (30, 12), seed=1)
    assert [p.survey.respondents for p in skm.periods] == [30, 12]
    target = Target.from_skm(skm, ("period 2",))
    assert target.respondents == (12,) and len(target.observed) == 27
    with pytest.raises(InputError, match="no period 'period 3'"):
        Target.from_skm(skm, ("period 3",))


def test_the_calibrated_office_is_a_scenario_file_that_reads_back():
    scenario = load("human-relations").with_params(courtesy_base=0.42)
    assert parse(scenario.to_toml(), "x.toml").spec() == scenario.spec()


def test_a_posterior_against_its_prior_edge_is_flagged():
    lo, hi = PRIORS["courtesy_base"]
    inside = {k: np.full(3, (a + b) / 2) for k, (a, b) in PRIORS.items()}
    particles = pd.DataFrame({**inside, "courtesy_base": [hi - 0.01 * (hi - lo)] * 3,
                              "weight": np.ones(3)})
    posterior = Posterior(particles, {})
    assert posterior.at_edge("courtesy_base")
    assert not any(posterior.at_edge(k) for k in PRIORS if k != "courtesy_base")


@functools.cache
def small_design(runs: int = 150) -> pd.DataFrame:
    """A design of the small office over the priors (two periods), made once per session."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        return run_design(SMALL, 2, Path(folder), budget_runs=runs, seed=0, workers=2)


def truth(seed: int) -> dict[str, float]:
    """A synthetic office: parameters drawn inside the middle 70% of each prior."""
    rng = np.random.default_rng(seed)
    return {k: float(rng.uniform(lo + 0.15 * (hi - lo), hi - 0.15 * (hi - lo)))
            for k, (lo, hi) in PRIORS.items()}


@pytest.mark.slow
@pytest.mark.xdist_group("calibration_design")  # one design, made once on one worker
@pytest.mark.parametrize("office", [1, 2])
def test_a_calibration_recovers_the_parameters_of_a_synthetic_office(office):
    known = truth(office)
    target = Target.from_skm(synthetic_skm(SMALL, known, (300,), seed=10 + office))
    posterior = infer(Emulator.fit(small_design(), tuple(target.observed)), target, seed=office)
    inside = [k for k in PRIORS if posterior.interval(k)[0] <= known[k] <= posterior.interval(k)[1]]
    assert len(inside) >= 7, (known, {k: posterior.interval(k) for k in PRIORS})
    assert sum(posterior.informed(k) for k in PRIORS) >= 3  # the data narrowed several of them
    assert posterior.diagnostics["effective_sample_size"] >= 400


@pytest.mark.slow
@pytest.mark.xdist_group("calibration_design")  # one design, made once on one worker
def test_a_calibration_predicts_the_next_period_after_a_known_change():
    """Fit period 1, then predict period 2 of the same office with training from its start."""
    known = truth(3)
    window = SMALL.params["survey_period_days"]
    changed = Office(SMALL.params, (Training(start=window + 1),))
    data = synthetic_skm(changed, known, (300, 300), seed=7)
    target = Target.from_skm(data, ("period 1",))
    posterior = infer(Emulator.fit(small_design(), tuple(target.observed)), target, seed=3)
    predictive = predict(changed, posterior, (300, 300), seed=3, workers=2)
    low, high = predictive.band()
    observed = [data.periods[1].survey.means[e] for e in ELEMENTS]
    inside = (low[1] <= observed) & (observed <= high[1])
    assert inside.sum() >= 8, (observed, low[1], high[1])


@pytest.mark.slow
def test_a_calibration_resumes_and_writes_its_files(tmp_path, quick_calibration):
    skm = synthetic_skm(SMALL, {}, (40,), seed=2)
    answers = {e: np.repeat(np.arange(1, 5), d) for e, d in
               skm.periods[0].survey.distribution.items()}
    data = tmp_path / "skm.csv"
    pd.DataFrame(answers).to_csv(data, index=False)
    office = tmp_path / "office.toml"
    office.write_text(load("baseline").with_params(**SMALL.params).to_toml())
    out = tmp_path / "cal"
    args = ["calibrate", "--skm", str(data), "--office", str(office), "--out", str(out),
            "--workers", "2", "--lang", "en"]
    first = CliRunner().invoke(cli, [*args, "--budget-runs", "30"])
    assert first.exit_code == 0, first.output
    assert Posterior.read(out).diagnostics["runs"] == 30
    again = CliRunner().invoke(cli, [*args, "--budget-runs", "30"])
    assert again.exit_code == 2 and "--resume" in again.output
    # an interrupted design: a torn last line is ignored, and the runs done are not redone
    log = out / "design.jsonl"
    log.write_text(log.read_text() + '{"i": 99, "requirem')
    more = CliRunner().invoke(cli, [*args, "--budget-runs", "40", "--resume"])
    assert more.exit_code == 0, more.output
    posterior = Posterior.read(out)
    assert posterior.diagnostics["runs"] == 40
    assert set(pd.read_parquet(out / "posterior.parquet").columns) == {*PRIORS, "weight"}
    assert "Calibrating the office" in (out / "report.html").read_text()
    calibrated = load(out / "office-calibrated.toml")
    assert calibrated.params["courtesy_base"] == pytest.approx(posterior.median()["courtesy_base"],
                                                               abs=1e-4)
    # the posterior reaches the decisions: a comparison and a batch draw from it
    report = tmp_path / "cmp"
    compared = CliRunner().invoke(cli, ["compare", "training", "--posterior", str(out), "--reps",
                                        "2", "--days", "5", "--workers", "1", "--out",
                                        str(report)])
    assert compared.exit_code == 0, compared.output
    assert {"diff_param", "p_best"} <= set(pd.read_csv(report / "summary.csv").columns)
    experiment = tmp_path / "tiny.toml"
    experiment.write_text('name = "tiny"\nscenario = "office.toml"\nreplications = 2\n'
                          'days = 5\n[[factors]]\nname = "desks"\ntarget = "params.desks"\n'
                          'levels = [2, 3]\n')
    one = CliRunner().invoke(cli, ["batch", str(experiment), "--posterior", str(out), "--run",
                                   "p1-r1"])
    assert one.exit_code == 0, one.output
    draw = posterior.draws(2, 0)[1]
    assert json.loads(one.output)["params"]["courtesy_base"] == pytest.approx(
        draw["courtesy_base"])


def test_resuming_without_a_calibration_is_an_input_error(tmp_path):
    target = Target.from_skm(synthetic_skm(SMALL, {}, (10,), seed=3))
    with pytest.raises(InputError, match="no calibration to resume"):
        calibrate(SMALL, target, tmp_path, resume=True)


def test_scenarios_run_on_a_given_office(tmp_path):
    office = tmp_path / "office.toml"
    office.write_text(load("baseline").with_params(courtesy_base=0.3, residents=3_000).to_toml())
    on = load("training").on(load(office))
    assert on.params == {"courtesy_base": 0.3, "residents": 3_000}
    assert [p.key for p in on.policies] == ["training"]
    result = CliRunner().invoke(cli, ["run", "--scenario", "training", "--office", str(office),
                                      "--days", "5", "--json"])
    assert result.exit_code == 0, result.output
    assert '"courtesy_base": 0.3' in result.output
