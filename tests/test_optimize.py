"""Portfolio search: the known optimum of a toy case, the mapping of choices, the CLI's files."""

from __future__ import annotations

import base64
import itertools

import numpy as np
import pytest
from click.testing import CliRunner

from hrsim.cli import cli
from hrsim.optimize import Score, Space, describe, front, portfolio, recommend, search
from hrsim.policies import Policy
from hrsim.scenarios import load

LEVERS = Policy.levers()


GAIN = {"training": 1.0, "standards": 0.8}


def toy(policies: tuple[Policy, ...]) -> Score:
    """Training gives 1 IKM point per unit of intensity, standards 0.8, every other lever 0.1;
    each costs Rp 100 million a year per unit of intensity."""
    gain = sum(p.intensity * GAIN.get(p.key, 0.1) for p in policies)
    cost = sum(p.intensity * 100e6 for p in policies)
    return Score({"ikm": np.full(4, gain), "trust_office": np.full(4, gain / 100)}, cost)


def test_the_best_pair_within_the_budget_is_found(tmp_path):
    study = search(toy, 200e6, tmp_path, trials=120, seed=1)  # found from 100 trials on
    best = recommend(study, ["ikm", "trust"], 200e6)
    assert sorted((p.key, p.intensity) for p in portfolio(best.params)) == [
        ("standards", 1.0), ("training", 1.0)]  # 1.8 points: no other portfolio in budget
    table = front(study, ["ikm", "trust"], 200e6)
    assert (table["cost_per_year_rp"] <= 200e6).all()
    assert table["ikm_robust"].max() == pytest.approx(1.8)


def test_no_portfolio_fits_a_budget_below_every_lever(tmp_path):
    study = search(toy, 100e6, tmp_path, trials=12, seed=2)
    best = recommend(study, ["ikm", "trust"], 10e6)
    assert best is None or portfolio(best.params) == ()  # only funding nothing fits


def test_a_space_lists_each_distinct_portfolio_once():
    on_off = list(Space(intensities=(0.0, 1.0), starts=(0,)).choices())
    assert len(on_off) == 2 ** len(LEVERS)
    assert len({describe(portfolio(c)) for c in on_off}) == len(on_off)
    # an unfunded lever has no start day to choose: 1 + 2 doses x 3 starts = 7 options each
    first = list(itertools.islice(Space().choices(), 8))
    last = LEVERS[-1]
    pairs = [(c[f"{last}_intensity"], c[f"{last}_start"]) for c in first]
    assert pairs[:7] == [(0.0, 0), (0.5, 0), (0.5, 60), (0.5, 125), (1.0, 0), (1.0, 60),
                         (1.0, 125)]
    assert pairs[7] == (0.0, 0)  # the next lever moves on


def test_choices_map_to_policies():
    choices = {f"{k}_intensity": 0.0 for k in LEVERS} | {f"{k}_start": 0 for k in LEVERS}
    choices |= {"feedback_intensity": 0.5, "feedback_start": 60}
    (policy,) = portfolio(choices)
    assert (policy.key, policy.intensity, policy.start) == ("feedback", 0.5, 60)
    assert describe((policy,)) == "feedback 0.5 @60" and describe(()) == "–"


@pytest.mark.slow
def test_the_search_writes_a_front_and_scenario_files_and_resumes(tmp_path):
    office = tmp_path / "office.toml"
    office.write_text(load("baseline").with_params(residents=3_000).to_toml())
    out = tmp_path / "opt"
    args = ["optimize", "--budget", "1e9", "--office", str(office), "--reps", "2",
            "--workers", "1", "--out", str(out), "--lang", "en"]
    first = CliRunner().invoke(cli, [*args, "--trials", "2"])
    assert first.exit_code == 0, first.output
    assert {"report.html", "pareto.csv", "pareto.png", "study.log"} <= {p.name for p in
                                                                       out.iterdir()}
    again = CliRunner().invoke(cli, [*args, "--trials", "2"])
    assert again.exit_code == 2 and "--resume" in again.output
    more = CliRunner().invoke(cli, [*args, "--trials", "3", "--resume"])
    assert more.exit_code == 0, more.output
    page = (out / "report.html").read_text()
    assert "3 portfolios were searched" in page
    chart = base64.b64encode((out / "pareto.png").read_bytes()).decode()
    assert f"data:image/png;base64,{chart}" in page  # self-contained: the chart is embedded
    for scenario in out.glob("portfolio-*.toml"):
        assert load(scenario).params == {"residents": 3_000}


@pytest.mark.slow
def test_portfolios_scored_together_score_as_they_do_alone():
    """Scores are deterministic (common random numbers), whatever the batch: what lets the
    benchmark replay a search on an exhaustive grid's table."""
    from hrsim.optimize import Evaluator

    office = load("baseline").with_params(residents=3_000)
    training, feedback = portfolio_of("training"), portfolio_of("feedback")
    with Evaluator(office, years=1, reps=2, seed=5, workers=1) as evaluate:
        together = evaluate.scores([training, feedback])
        alone = [evaluate(feedback), evaluate(training)][::-1]
    for a, b in zip(together, alone, strict=True):
        assert a.cost_per_year == b.cost_per_year
        assert all((a.gains[m] == b.gains[m]).all() for m in a.gains)
    assert together[0].cost_per_year != together[1].cost_per_year


def portfolio_of(key: str) -> tuple[Policy, ...]:
    choices = {f"{k}_intensity": 0.0 for k in LEVERS} | {f"{k}_start": 0 for k in LEVERS}
    return portfolio(choices | {f"{key}_intensity": 1.0})
