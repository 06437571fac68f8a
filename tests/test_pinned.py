"""Every built-in scenario gives the same numbers, seed for seed, as when this file was pinned.

A restructuring of the code must not change what the model does: this test runs each scenario
of the library on a small office and compares its whole summary, its surveys and its daily series
with `data/pinned.json`. After an intended model change, regenerate it with

    python tests/test_pinned.py
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

import hrsim
from hrsim.scenarios import library, load

PINNED = Path(__file__).parent / "data" / "pinned.json"
SMALL = {"residents": 12_000, "kelurahan": 6}
DAYS, SEED = 125, 11


def numbers(name: str) -> dict:
    """What is pinned of scenario `name`: its summary, surveys and daily series (JSON-ready)."""
    result = hrsim.run(load(name).with_params(**SMALL), days=DAYS, seed=SEED)
    summary = result.to_dict()
    for key in ("hrsim_version", "scenario_hash", "params", "policies"):
        summary.pop(key, None)
    series = {column: [None if isinstance(v, float) and math.isnan(v) else v
                       for v in result.timeseries[column].tolist()]
              for column in result.timeseries.columns}
    surveys = json.loads(result.surveys.to_json(orient="records"))
    return json.loads(json.dumps({"summary": summary, "surveys": surveys, "series": series},
                                 default=str))


def same(expected, actual, path: str) -> None:
    """Field by field; floats to 1e-12 relative (platform rounding), all else exactly."""
    if isinstance(expected, dict):
        assert set(expected) == set(actual), f"{path}: fields differ"
        for key in expected:
            same(expected[key], actual[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert len(expected) == len(actual), f"{path}: lengths differ"
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            same(e, a, f"{path}[{i}]")
    elif isinstance(expected, float):
        assert actual == pytest.approx(expected, rel=1e-12, abs=1e-15), path
    else:
        assert expected == actual, path


@pytest.mark.parametrize("name", library())
def test_scenario_numbers_are_unchanged(name):
    expected = json.loads(PINNED.read_text())[name]
    same(expected, numbers(name), name)


if __name__ == "__main__":
    PINNED.write_text(json.dumps({name: numbers(name) for name in library()}) + "\n")
    sys.exit(0)
