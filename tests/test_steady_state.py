"""Runs start in the model's steady state, and the baseline does not drift over five years."""

from __future__ import annotations

import numpy as np
import pytest

import hrsim


def test_the_first_sixty_days_have_no_trend():
    """The daily running IKM of the baseline has no trend beyond noise in days 1–60."""
    changes = []
    for seed in range(4):
        ikm = hrsim.run(days=60, seed=seed).timeseries["ikm"].to_numpy()
        changes.append(np.polyfit(np.arange(60), ikm, 1)[0] * 60)
    assert abs(np.mean(changes)) < 1.0, changes


@pytest.mark.slow
def test_five_years_of_the_baseline_do_not_drift():
    """Year 5 keeps year 1's IKM within ±1 and its share trusting within ±0.03."""
    for seed in range(2):
        ts = hrsim.run(days=1250, seed=seed).timeseries
        years = ts.groupby((ts.index - 1) // 250)
        ikm, trusting = years["ikm"].mean(), years["share_trusting"].last()
        assert abs(ikm.iloc[4] - ikm.iloc[0]) <= 1.0, ikm.tolist()
        assert abs(trusting.iloc[4] - trusting.iloc[0]) <= 0.03, trusting.tolist()
