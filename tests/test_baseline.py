"""Regression against a committed fixed-seed summary, and the calibration targets of the defaults.

Regenerate the baseline after an intended model change with:

    python -m hrsim run --seed 1 --json > tests/data/baseline.json
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import hrsim
from hrsim.model import HRModel
from hrsim.scenarios import load

BASELINE = Path(__file__).parent / "data" / "baseline.json"
PROVENANCE = {"hrsim_version", "scenario_hash", "params", "policies"}


def compare(expected, actual, path="summary"):
    """Field by field; floats to 1e-9 relative (platform rounding), all else exactly."""
    if isinstance(expected, dict):
        assert set(expected) == set(actual), f"{path}: fields differ"
        for key in expected:
            compare(expected[key], actual[key], f"{path}.{key}")
    elif isinstance(expected, float):
        assert actual == pytest.approx(expected, rel=1e-9, abs=1e-12), path
    else:
        assert expected == actual, path


def test_default_year_matches_committed_baseline():
    expected = json.loads(BASELINE.read_text())
    actual = hrsim.run(seed=expected["seed"], days=expected["days"]).to_dict()
    for key in PROVENANCE:
        expected.pop(key, None)
        actual.pop(key, None)
    compare(expected, actual)


@pytest.mark.slow
def test_defaults_are_calibrated_to_medan_area(runs):
    """IKM 74–82 with U3 (time) the weakest element, U4 (cost) the strongest where services are
    free and U7 (staff behaviour) the strongest of the rest, and 75–90% of residents trusting the
    office (domain §1, §13; patterns P2, P6a)."""
    results = runs(None)
    ikm = np.mean([r.summary["ikm"] for r in results])
    elements = {e: np.mean([r.summary["elements"][e] for r in results])
                for e in results[0].summary["elements"]}
    share = np.mean([r.summary["share_trusting"] for r in results])
    assert 74 <= ikm <= 82
    assert min(elements, key=elements.get) == "U3"
    assert max(elements, key=elements.get) == "U4"
    assert max((e for e in elements if e != "U4"), key=elements.get) == "U7"
    assert 0.75 <= share <= 0.90


def trust_change(days: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The package's effect on each resident's trust after `days`, and who visited (same seed)."""
    runs = [HRModel(rng=seed, residents=50_000, policies=load(name).policies)
            for name in ("baseline", "human-relations")]
    for model in runs:
        model.run_for(days)
    base, package = runs
    came = (base.citizens.encounters > 0) | (package.citizens.encounters > 0)
    return package.citizens.trust_office.astype(float) - base.citizens.trust_office, came


@pytest.mark.slow
def test_non_visitors_trust_moves_ten_to_thirty_percent_as_much_as_visitors():
    """Word of mouth carries the package's effect to residents who never came (issue 9, §7)."""
    changes = [trust_change(250, seed) for seed in range(2)]
    ratio = np.mean([d[~came].mean() for d, came in changes]) / np.mean(
        [d[came].mean() for d, came in changes])
    assert 0.10 <= ratio <= 0.30, ratio


@pytest.mark.slow
def test_the_package_raises_population_trust_more_in_year_five_than_in_year_one():
    """Paired over seeds: the 95% interval of the year-5 effect is above zero and above year 1's."""
    effects = []
    for seed in range(4):
        base, package = (hrsim.run(load(name), days=1250, seed=seed, residents=30_000)
                         .timeseries["trust_office"] for name in ("baseline", "human-relations"))
        effects.append([package[250] - base[250], package[1250] - base[1250]])
    year1, year5 = np.array(effects).T
    half_width = 2 * year5.std(ddof=1) / np.sqrt(len(year5))
    assert year5.mean() - half_width > 0, effects
    growth = year5 - year1
    assert growth.mean() - 2 * growth.std(ddof=1) / np.sqrt(len(growth)) > 0, effects
