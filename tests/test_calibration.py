"""Calibration: the data's statistics, the simulated survey, resumable ABC-SMC and its files."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from hrsim.calibration import (
    PRIORS,
    Office,
    Posterior,
    Target,
    calibrate,
    check_priors,
    period_statistics,
    synthetic_skm,
)
from hrsim.cli import cli
from hrsim.errors import InputError
from hrsim.scenarios import load
from hrsim.scenarios.files import parse
from hrsim.skm import Period, Survey

SMALL = Office({"residents": 5_000, "burn_in_days": 20, "survey_period_days": 20})


def test_every_prior_lies_inside_its_documented_range():
    check_priors()


def test_statistics_carry_the_survey_error_of_each_element():
    # U1: answers 2, 3, 3, 4 → mean 3, sample sd √(2/3); the others all 3 (the sd floor applies)
    counts = np.array([[0, 1, 2, 1]] + [[0, 0, 4, 0]] * 8)
    stats = period_statistics(0, Period("p", Survey.of_counts(counts, 4), {}, ()))
    mean, se = stats["p0_U1_mean"]
    assert mean == 3 and se == pytest.approx(math.sqrt(2 / 3) / 2)
    assert stats["p0_U1_top"] == (0.25, pytest.approx(math.sqrt(0.25 * 0.75 / 4)))
    assert stats["p0_U1_low"][0] == 0.25
    assert stats["p0_U2_low"] == (0.0, pytest.approx(math.sqrt(0.25 * 0.75 / 4)))  # floor 1/n


def test_a_simulated_survey_asks_as_many_respondents_as_the_data():
    skm = synthetic_skm(SMALL, {"courtesy_base": 0.5}, (30, 12), seed=1)
    assert [p.survey.respondents for p in skm.periods] == [30, 12]
    target = Target.from_skm(skm, ("period 2",))
    assert target.respondents == (12,) and len(target.observed) == 27
    assert target.min_epsilon == pytest.approx(math.sqrt(54))
    with pytest.raises(InputError, match="no period 'period 3'"):
        Target.from_skm(skm, ("period 3",))


def test_the_calibrated_office_is_a_scenario_file_that_reads_back():
    scenario = load("human-relations").with_params(courtesy_base=0.42)
    assert parse(scenario.to_toml(), "x.toml").spec() == scenario.spec()


@pytest.mark.slow
def test_a_calibration_resumes_and_writes_its_files(tmp_path):
    skm = synthetic_skm(SMALL, {}, (40,), seed=2)
    answers = {e: np.repeat(np.arange(1, 5), d) for e, d in
               skm.periods[0].survey.distribution.items()}
    data = tmp_path / "skm.csv"
    pd.DataFrame(answers).to_csv(data, index=False)
    office = tmp_path / "office.toml"
    office.write_text(load("baseline").with_params(residents=5_000, burn_in_days=20,
                                                   survey_period_days=20).to_toml())
    out = tmp_path / "cal"
    args = ["calibrate", "--skm", str(data), "--office", str(office), "--out", str(out),
            "--population", "10", "--workers", "1", "--lang", "en"]
    first = CliRunner().invoke(cli, [*args, "--budget-runs", "25"])
    assert first.exit_code == 0, first.output
    runs = Posterior.read(out / "calibration.db").diagnostics["runs"]
    again = CliRunner().invoke(cli, [*args, "--budget-runs", "25"])
    assert again.exit_code == 2 and "--resume" in again.output
    more = CliRunner().invoke(cli, [*args, "--budget-runs", "50", "--resume"])
    assert more.exit_code == 0, more.output
    posterior = Posterior.read(out / "calibration.db")
    assert posterior.diagnostics["runs"] > runs
    assert set(pd.read_parquet(out / "posterior.parquet").columns) == {*PRIORS, "weight"}
    assert "Calibrating the office" in (out / "report.html").read_text()
    calibrated = load(out / "office-calibrated.toml")
    assert calibrated.params["courtesy_base"] == pytest.approx(posterior.median()["courtesy_base"],
                                                               abs=1e-4)


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
