"""Assumption uncertainty: draws over plausible ranges, and which assumptions decide a sign."""

from __future__ import annotations

import numpy as np

from hrsim.assumptions import ASSUMPTIONS, check_inside, deciders, draws
from hrsim.batch import load_experiment
from hrsim.batch.design import design_points, jobs


def test_ranges_lie_inside_the_documented_ranges():
    check_inside(ASSUMPTIONS)


def test_draws_stratify_every_range_and_repeat_with_the_seed():
    sets = draws(10, seed=4)
    for name, (lo, hi) in ASSUMPTIONS.items():
        values = np.array([s[name] for s in sets])
        # a Latin hypercube: exactly one value in each tenth of the range
        assert sorted(np.floor((values - lo) / (hi - lo) * 10).astype(int)) == list(range(10))
    assert draws(10, seed=4) == sets and draws(10, seed=5) != sets


def test_the_assumption_that_drives_an_effect_is_named_first():
    sets = draws(30, seed=1)
    rng = np.random.default_rng(0)
    effect = np.array([-3 * s["newcomer_competence"] for s in sets]) + rng.normal(0, 0.01, 30)
    (name, rho), _ = deciders(effect, sets)
    assert name == "newcomer_competence" and rho < -0.9


def test_an_experiment_with_uncertainty_draws_once_per_replication(tmp_path):
    path = tmp_path / "e.toml"
    path.write_text('name = "e"\nreplications = 3\ndays = 5\n[design]\nuncertainty = true\n'
                    '[[factors]]\nname = "desks"\ntarget = "params.desks"\nlevels = [2, 3]\n')
    experiment = load_experiment(path)
    runs = list(jobs(experiment, design_points(experiment), set()))
    sets = draws(3, experiment.spec.seed)
    for job in runs:
        r = job.tags["replication"]
        assert job.scenario.params["newcomer_competence"] == sets[r]["newcomer_competence"]
    # every point of a replication has the same draw (common random numbers)
    assert len({j.scenario.params["bounce_max"] for j in runs if j.tags["replication"] == 0}) == 1
