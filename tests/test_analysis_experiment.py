"""Analysis of batch experiments: SALib indices, effects, paired contrasts, grades, the report."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from batch_helpers import RANGED, experiment
from cli_helpers import hrsim

from hrsim.analysis.effects import contrasts, grade_shares, main_effects
from hrsim.analysis.experiment import analyse
from hrsim.analysis.sensitivity import morris_indices, sobol_indices, sobol_stable
from hrsim.batch import design_points, load_experiment, run_batch


def design(tmp_path, method: str, samples: int, extra: str = "", body: str = RANGED):
    exp = load_experiment(experiment(tmp_path, f'[design]\nmethod = "{method}"\n'
                                               f"samples = {samples}\n{extra}\n{body}"))
    return exp, design_points(exp)


def known(points: pd.DataFrame) -> np.ndarray:
    """A known response: bias matters most, training less, desks not at all."""
    return 3 * (points["bias"] - 1) / 2 + points["training"]


def test_sobol_indices_rank_every_factor_of_a_known_response(tmp_path):
    _, points = design(tmp_path, "sobol", 1024)
    table = sobol_indices(known(points).to_numpy(), ["desks", "bias", "training"], seed=1)
    s1 = table.set_index("factor")["S1"]
    assert list(table["factor"]) == ["desks", "bias", "training"]
    assert table[["S1", "S1_conf", "ST", "ST_conf"]].notna().all().all()
    # analytic shares of variance: 9·(1/12) : 1·(1/12) → 0.9 and 0.1
    assert s1["bias"] == pytest.approx(0.9, abs=0.05)
    assert s1["training"] == pytest.approx(0.1, abs=0.05)
    assert abs(s1["desks"]) < 0.02
    assert sobol_stable(table, 1024)
    small = sobol_indices(known(points).to_numpy()[:8 * 5], ["desks", "bias", "training"])
    assert not sobol_stable(small, 8)


def test_morris_screening_finds_the_influential_factors(tmp_path):
    _, points = design(tmp_path, "morris", 20)
    raw = points[["desks.sampled", "bias.sampled", "training.sampled"]].to_numpy()
    table = morris_indices(raw, known(points).to_numpy(), ["desks", "bias", "training"],
                           levels=4).set_index("factor")
    assert set(table.index) == {"desks", "bias", "training"}
    assert table.loc["bias", "mu_star"] > table.loc["training", "mu_star"] > 0
    assert table.loc["desks", "mu_star"] == 0


def test_sampled_designs_are_analysed_per_cell_and_gaps_are_reported(tmp_path):
    body = RANGED + '[[factors]]\nname = "coordination"\ntarget = ' \
                     '"policies.coordination.intensity"\nlevels = [0, 1]\n'
    exp, points = design(tmp_path, "sobol", 16, body=body)
    runs = points.assign(replication=0, ikm=known(points) + points["coordination"],
                         trust_office=known(points) * 0 + points["training"], grade="B")
    spec = exp.to_dict()
    result = analyse(runs, points, spec)
    assert set(result.sobol["cell"]) == {"coordination=0.0", "coordination=1.0"}
    assert len(result.sobol) == 2 * 2 * 3  # cells × measures × factors
    assert result.grades.loc["all", "B"] == 1.0
    gappy = analyse(runs.drop(index=[3]), points, spec)  # point 3: sample 1, coordination 1
    assert ("analysis.note.incomplete", {"cell": "coordination=1.0", "measure": "ikm",
                                         "missing": 1}) in gappy.notes
    assert set(gappy.sobol["cell"]) == {"coordination=0.0"}


def test_main_effects_contrasts_and_grades_of_a_replicated_factorial():
    runs = pd.DataFrame({
        "point": [0, 1, 2, 3] * 3, "sample": 0, "replication": np.repeat([0, 1, 2], 4),
        "scenario": ["base", "hr", "base", "hr"] * 3, "desks": [2, 2, 3, 3] * 3,
    })
    noise = np.repeat([0.0, 1.0, -1.0], 4)  # common random numbers: shared by a replication
    runs["ikm"] = 70 + 5 * (runs["scenario"] == "hr") + 2 * (runs["desks"] == 3) + noise
    runs["grade"] = np.where(runs["ikm"] >= 76.61, "B", "C")
    effects = main_effects(runs, ["scenario", "desks"], "ikm").set_index(["factor", "level"])
    assert effects.loc[("scenario", "hr"), "mean"] - effects.loc[("scenario", "base"),
                                                                 "mean"] == pytest.approx(5)
    assert effects.loc[("desks", "3"), "n"] == 6
    paired = contrasts(runs, "scenario", ["desks"], "ikm").set_index("level")
    assert paired.loc["hr", "mean"] == pytest.approx(5) and paired.loc["hr", "n"] == 6
    assert paired.loc["hr", "ci_high"] - paired.loc["hr", "ci_low"] == pytest.approx(0)
    shares = grade_shares(runs, "scenario")
    assert list(shares.index) == ["base", "hr"]
    assert shares.sum(axis=1).tolist() == [1.0, 1.0]
    assert shares.loc["hr", "B"] == pytest.approx(2 / 6)  # 77 and 78 of 74–78


@pytest.mark.slow
def test_analyze_writes_tables_figures_and_a_summary_in_both_languages(tmp_path):
    path = experiment(tmp_path, '[design]\nmethod = "sobol"\nsamples = 4\n' + RANGED,
                      replications=1, days=10)
    out = tmp_path / "out"
    run_batch(load_experiment(path), out, workers=2, progress=False)
    done = hrsim("analyze", out)
    assert done.returncode == 0, done.stderr
    folder = out / "analysis"
    sobol = pd.read_csv(folder / "sobol.csv")
    assert set(sobol["factor"]) == {"desks", "bias", "training"}
    assert set(sobol["measure"]) == {"ikm", "trust_office"}
    assert (folder / "sobol_ikm.png").stat().st_size > 0
    page = (folder / "summary.html").read_text()
    assert "Experiment summary" in page and "not stable" in page  # N = 4 is far too small
    assert "sobol_ikm.png" in page
    indonesian = hrsim("analyze", out, "--lang", "id")
    assert indonesian.returncode == 0
    assert "Ringkasan eksperimen" in (folder / "summary.html").read_text()


def test_analyze_refuses_a_folder_without_results(tmp_path):
    done = hrsim("analyze", tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "not a batch results folder" in done.stderr
