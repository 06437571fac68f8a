"""Effects of factors in replicated designs: main effects, interactions, paired contrasts, grades.

Works on the runs of a batch (one row per run, one column per factor and measure). Numeric factors
with many distinct values (Latin hypercube, design tables) are grouped into quantile bins first.
Contrasts pair runs that differ only in one factor — same replication, same other factor values —
so with common random numbers the seed noise largely cancels.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from hrsim.measures.ikm import GRADES

MAX_LEVELS = 8  # numeric factors with more distinct values are binned
BINS = 5
GRADE_LETTERS = tuple(letter for letter, _ in GRADES)
CONFIDENCE = 0.95


def levels(runs: pd.DataFrame, factor: str) -> pd.Series:
    """The factor's level in each run, ordered.

    Text keeps the design order; numeric factors with many distinct values (Latin hypercube,
    design tables) are grouped into quantile bins labelled ``low–high``.
    """
    values = runs[factor]
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return values.astype(pd.CategoricalDtype(design_order(runs, factor), ordered=True))
    if values.nunique() <= MAX_LEVELS:
        return values
    bins = pd.qcut(values, BINS, duplicates="drop")
    labels = {b: f"{_short(b.left)}–{_short(b.right)}" for b in bins.cat.categories}
    return bins.map(labels).astype(pd.CategoricalDtype(list(labels.values()), ordered=True))


def _short(x: float) -> str:
    """3 significant digits, thousands as k and millions as M (``25.2k``)."""
    for size, suffix in ((1e6, "M"), (1e3, "k")):
        if abs(x) >= size:
            return f"{x / size:.3g}{suffix}"
    return f"{x:.3g}"


def mean_interval(values: np.ndarray) -> tuple[float, float, float]:
    """Mean and 95% t interval of the finite values (NaN interval if fewer than two)."""
    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    if len(x) == 0:
        return np.nan, np.nan, np.nan
    mean = float(x.mean())
    if len(x) < 2:
        return mean, np.nan, np.nan
    sem = stats.sem(x)
    if sem == 0:  # every replication gave the same value (e.g. a fixed cost): no uncertainty
        return mean, mean, mean
    low, high = stats.t.interval(CONFIDENCE, len(x) - 1, loc=mean, scale=sem)
    return mean, float(low), float(high)


def mean_ci(values: pd.Series) -> pd.Series:
    """`mean_interval` of `values` as a row: ``mean``, ``ci_low``, ``ci_high`` and ``n``."""
    mean, low, high = mean_interval(values.to_numpy())
    n = int(np.isfinite(values.to_numpy(dtype=float)).sum())
    return pd.Series({"mean": mean, "ci_low": low, "ci_high": high, "n": n})


def main_effects(runs: pd.DataFrame, factors: Sequence[str], measure: str) -> pd.DataFrame:
    """Mean of `measure` at each level of each factor (averaged over the others), with 95% CIs.

    Returns:
        Columns ``factor``, ``level``, ``mean``, ``ci_low``, ``ci_high``, ``n`` and ``numeric``
        (whether the levels are ordered numbers or bins, so a plot may join them).
    """
    parts = []
    for factor in factors:
        grouped = runs[measure].groupby(levels(runs, factor), observed=True).apply(mean_ci)
        table = grouped.unstack().reset_index(names="level")
        table.insert(0, "factor", factor)
        table["level"] = table["level"].astype(str)
        table["numeric"] = pd.api.types.is_numeric_dtype(runs[factor]) and \
            not pd.api.types.is_bool_dtype(runs[factor])
        parts.append(table)
    return pd.concat(parts, ignore_index=True)


def interaction(runs: pd.DataFrame, rows: str, columns: str, measure: str) -> pd.DataFrame:
    """Mean of `measure` over the levels of two factors (rows × columns), for a heat map."""
    return runs.pivot_table(index=levels(runs, rows), columns=levels(runs, columns),
                            values=measure, aggfunc="mean", observed=True)


def paired_differences(runs: pd.DataFrame, factor: str, others: Sequence[str],
                       measure: str) -> pd.DataFrame:
    """`measure` at each level of `factor` minus at its first level, run by run.

    Runs are paired on replication, sample and every other factor's value.

    Returns:
        One row per pair and level: the pairing columns, ``level`` and ``difference``.
    """
    keys = ["replication", "sample", *others]
    order = design_order(runs, factor)
    wide = runs.pivot_table(index=keys, columns=factor, values=measure, aggfunc="first",
                            observed=True)
    diffs = wide.reindex(columns=order[1:]).sub(wide[order[0]], axis=0)
    stacked = diffs.stack(future_stack=True).rename("difference")
    return stacked.rename_axis([*keys, "level"]).reset_index()


def design_order(runs: pd.DataFrame, factor: str) -> list:
    """The levels of `factor` in the order of the design (the first is the reference)."""
    ordered = runs.sort_values("point") if "point" in runs else runs
    return list(dict.fromkeys(ordered[factor]))


def contrasts(runs: pd.DataFrame, factor: str, others: Sequence[str],
              measure: str) -> pd.DataFrame:
    """Mean paired difference of each level of `factor` from its first level, with 95% CIs.

    Returns:
        Columns ``level``, ``mean``, ``ci_low``, ``ci_high``, ``n``.
    """
    return summarise_differences(paired_differences(runs, factor, others, measure))


def summarise_differences(diffs: pd.DataFrame) -> pd.DataFrame:
    """`mean_ci` of the paired differences (from `paired_differences`) of each level."""
    return diffs.groupby("level", sort=False)["difference"].apply(mean_ci).unstack().reset_index()


def grade_shares(runs: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Share of runs in each IKM grade A–D (rows: the levels of `by`, or all runs)."""
    groups = runs[by] if by else pd.Series("all", index=runs.index, name="group")
    counts = pd.crosstab(groups, runs["grade"].fillna("–"))
    counts = counts.reindex(columns=[*GRADE_LETTERS,
                                     *(c for c in counts.columns if c not in GRADE_LETTERS)],
                            fill_value=0)
    if by:
        counts = counts.reindex(design_order(runs, by))
    return counts.div(counts.sum(axis=1), axis=0)
