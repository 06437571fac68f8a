"""Scenario discovery: PRIM finds a planted box, and conditions are read strictly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hrsim.analysis.discovery import Condition, discover
from hrsim.errors import InputError


def planted(n: int = 600) -> pd.DataFrame:
    """Runs whose IKM falls below grade B exactly when desks ≤ 2.5 and coordination < 0.4."""
    rng = np.random.default_rng(0)
    runs = pd.DataFrame({"desks": rng.integers(2, 6, n).astype(float),
                         "coordination": rng.uniform(0.2, 1.0, n),
                         "scenario": rng.choice(["baseline", "human-relations"], n)})
    fails = (runs.desks <= 2.5) & (runs.coordination < 0.4)
    return runs.assign(ikm=np.where(fails, 75.0, 80.0))


def test_prim_finds_the_planted_box():
    found = discover(planted(), ["desks", "coordination", "scenario"],
                     Condition.parse("ikm < 76.61", ["ikm"]))
    limits = found.limits.set_index("factor")
    assert set(limits.index) == {"desks", "coordination"}  # the scenario does not matter
    assert limits.loc["desks", "high"] < 3
    assert limits.loc["coordination", "high"] == pytest.approx(0.4, abs=0.03)
    assert found.coverage >= 0.8 and found.density >= 0.9


@pytest.mark.parametrize(("text", "message"), [
    ("ikm << 3", "write MEASURE OP NUMBER"),
    ("ikm < low", "write MEASURE OP NUMBER"),
    ("ikn < 76.61", "no measure 'ikn'"),
])
def test_a_bad_condition_is_one_line(text, message):
    with pytest.raises(InputError, match=message):
        Condition.parse(text, ["ikm", "trust_office"])


def test_a_condition_that_always_holds_has_nothing_to_discover():
    with pytest.raises(InputError, match="nothing to discover"):
        discover(planted(), ["desks"], Condition.parse("ikm > 0", ["ikm"]))
