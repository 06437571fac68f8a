"""Regression against a committed fixed-seed summary, and the calibration targets of the defaults.

Regenerate the baseline after an intended model change with:

    python -m hrsim run --seed 1 --json > tests/data/baseline.json
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

import hrsim

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
    """IKM 74–82 with U3 (time) the weakest and U7 (staff behaviour) the strongest element, and
    about 70% of residents trusting the office (domain §1, §13)."""
    results = runs(None)
    ikm = np.mean([r.summary["ikm"] for r in results])
    elements = {e: np.mean([r.summary["elements"][e] for r in results])
                for e in results[0].summary["elements"]}
    share = np.mean([r.summary["share_trusting"] for r in results])
    assert 74 <= ikm <= 82
    assert min(elements, key=elements.get) == "U3"
    assert max(elements, key=elements.get) == "U7"
    assert math.isclose(share, 0.70, abs_tol=0.05)
