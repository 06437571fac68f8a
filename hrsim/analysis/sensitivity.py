"""Global sensitivity indices with SALib: Sobol (S1, ST with confidence intervals) and Morris.

Inputs are one output value per design point (the mean over replications), in design order: the
Saltelli sample for Sobol, the Morris trajectories (with the raw sampled numbers) for Morris.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from SALib.analyze import morris, sobol

# Sobol estimates are unstable with small samples: SALib's maintainers answer questions about
# negative or > 1 indices with "too few samples" (SALib issues 102, 135, 306, 599, 601).
MIN_STABLE_SAMPLES = 512  # base samples N below which indices are flagged as unstable
MAX_STABLE_CONF = 0.1  # half-width of a 95% confidence interval above which an index is unstable


def _problem(names: Sequence[str]) -> dict:
    # analyze only needs the names: Sobol works on the Saltelli order of Y, Morris on X's steps
    return {"num_vars": len(names), "names": list(names), "bounds": [[0.0, 1.0]] * len(names)}


def sobol_indices(y: np.ndarray, names: Sequence[str], *, second_order: bool = False,
                  seed: int = 0) -> pd.DataFrame:
    """First-order and total Sobol indices with 95% confidence intervals (bootstrap).

    Args:
        y: One value per point of the Saltelli sample, in sample order.
        names: The sampled factors, in sampling order.
        second_order: Whether the sample was made with second-order cross-samples.
        seed: Seed of the bootstrap.

    Returns:
        One row per factor: ``factor``, ``S1``, ``S1_conf``, ``ST``, ``ST_conf``; all NaN when
        `y` is constant (nothing to apportion).
    """
    if np.ptp(y) == 0:
        nan = np.full(len(names), np.nan)
        return pd.DataFrame({"factor": names, "S1": nan, "S1_conf": nan, "ST": nan,
                             "ST_conf": nan})
    si = sobol.analyze(_problem(names), np.asarray(y, dtype=float),
                       calc_second_order=second_order, seed=seed)
    return pd.DataFrame({"factor": list(names), **{k: si[k] for k in
                                                   ("S1", "S1_conf", "ST", "ST_conf")}})


def base_samples(points: int, factors: int, second_order: bool = False) -> int:
    """The base sample size N of a Saltelli sample of `points` rows."""
    return points // (2 * factors + 2 if second_order else factors + 2)


def sobol_stable(indices: pd.DataFrame, n: int) -> bool:
    """Whether Sobol indices are stable enough to rank factors (see the constants above)."""
    conf = indices[["S1_conf", "ST_conf"]].to_numpy()
    return n >= MIN_STABLE_SAMPLES and bool(np.nanmax(conf, initial=0) <= MAX_STABLE_CONF)


def morris_indices(x: np.ndarray, y: np.ndarray, names: Sequence[str], *, levels: int,
                   seed: int = 0) -> pd.DataFrame:
    """Morris elementary-effect statistics.

    Args:
        x: The raw Morris sample (one row per point, one column per factor).
        y: One value per point.
        names: The sampled factors, in sampling order.
        levels: Levels of the Morris grid.
        seed: Seed of the bootstrap of mu*'s confidence interval.

    Returns:
        One row per factor: ``factor``, ``mu``, ``mu_star``, ``mu_star_conf``, ``sigma``.
    """
    si = morris.analyze(_problem(names), np.asarray(x, dtype=float), np.asarray(y, dtype=float),
                        num_levels=levels, seed=seed)
    return pd.DataFrame({"factor": list(names), **{k: np.asarray(si[k], dtype=float) for k in
                                                   ("mu", "mu_star", "mu_star_conf", "sigma")}})
