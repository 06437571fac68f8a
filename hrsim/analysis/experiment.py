"""The analysis of a batch experiment, chosen by its design.

- Sobol designs: first-order and total indices with confidence intervals per measure, flagged when
  the sample is too small for stable indices.
- Morris designs: mu*, its confidence interval, and sigma per measure.
- Factorial, Latin hypercube and table designs: main effects, two-factor interactions and, when the
  experiment names a factor to compare, paired differences from that factor's first level (overall
  and over every pair of the other factors).
- Every design: the share of runs in each IKM grade A–D.

Sampled designs crossed with factor levels are analysed separately for each combination of levels
(a "cell"). Replications are averaged per design point before sensitivity indices are computed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from hrsim.analysis.effects import (
    grade_shares,
    interaction,
    main_effects,
    paired_differences,
    summarise_differences,
)
from hrsim.analysis.sensitivity import base_samples, morris_indices, sobol_indices, sobol_stable

MAX_INTERACTION_FACTORS = 4  # heat maps for every pair of the first four factors at most
Notes = list[tuple[str, dict[str, Any]]]  # warnings: (text key, fields) for hrsim.i18n.t


@dataclass
class ExperimentAnalysis:
    """Tables of an experiment's analysis (figures and the summary are drawn from them).

    Attributes:
        measures: The measures analysed.
        sobol: ``cell``, ``measure``, ``factor``, ``S1``, ``S1_conf``, ``ST``, ``ST_conf``, ``N``.
        morris: ``cell``, ``measure``, ``factor``, ``mu``, ``mu_star``, ``mu_star_conf``,
            ``sigma``.
        effects: ``measure``, ``factor``, ``level``, ``mean``, ``ci_low``, ``ci_high``, ``n``.
        interactions: (measure, row factor, column factor) → mean over the two factors' levels.
        contrasts: ``measure``, ``level``, ``mean``, ``ci_low``, ``ci_high``, ``n`` (differences
            from the compared factor's first level).
        contrast_maps: (measure, level, row factor, column factor) → mean difference.
        grades: Share of runs per grade A–D (rows: the compared factor's levels, or all).
        notes: Warnings as (text key, fields) for `hrsim.i18n.t`.
    """

    measures: list[str]
    sobol: pd.DataFrame | None = None
    morris: pd.DataFrame | None = None
    effects: pd.DataFrame | None = None
    interactions: dict[tuple[str, str, str], pd.DataFrame] = field(default_factory=dict)
    contrasts: pd.DataFrame | None = None
    contrast_maps: dict[tuple[str, Any, str, str], pd.DataFrame] = field(default_factory=dict)
    grades: pd.DataFrame | None = None
    notes: Notes = field(default_factory=list)


def analyse(runs: pd.DataFrame, design: pd.DataFrame, spec: dict[str, Any]) -> ExperimentAnalysis:
    """Analyse the finished `runs` of an experiment.

    Args:
        runs: One row per finished run (``ResultStore.runs``).
        design: One row per design point (``ResultStore.design``).
        spec: The experiment as plain data (``manifest["spec"]``, see `Experiment.to_dict`).
    """
    result = ExperimentAnalysis(spec["analysis"]["measures"])
    if not len(runs):
        result.notes.append(("analysis.note.no_runs", {}))
        return result
    compare = spec["analysis"]["compare"]
    method = spec["design"]["method"]
    if method == "sobol":
        result.sobol = _per_cell(_sobol, runs, design, spec, result.notes)
    elif method == "morris":
        result.morris = _per_cell(_morris, runs, design, spec, result.notes)
    else:
        _effects(result, runs, [f["name"] for f in spec["factors"]], compare)
    result.grades = grade_shares(runs, compare)
    return result


def _effects(result: ExperimentAnalysis, runs: pd.DataFrame, names: list[str],
             compare: str | None) -> None:
    others = [n for n in names if n != compare]
    result.effects = pd.concat([_first("measure", m, main_effects(runs, names, m))
                                for m in result.measures], ignore_index=True) if names else None
    for measure in result.measures:
        for rows, columns in itertools.combinations(names[:MAX_INTERACTION_FACTORS], 2):
            result.interactions[measure, rows, columns] = interaction(runs, rows, columns, measure)
    if compare is None:
        return
    pairs = list(itertools.combinations(others[:MAX_INTERACTION_FACTORS], 2))
    tables = []
    for measure in result.measures:
        diffs = paired_differences(runs, compare, others, measure)
        tables.append(_first("measure", measure, summarise_differences(diffs)))
        for level, pair in itertools.product(diffs["level"].unique(), pairs):
            here = diffs[diffs["level"] == level]
            result.contrast_maps[measure, level, *pair] = interaction(here, *pair, "difference")
    result.contrasts = pd.concat(tables, ignore_index=True)


def _first(column: str, value: Any, table: pd.DataFrame) -> pd.DataFrame:
    """`table` with a constant `column` in front."""
    table.insert(0, column, value)
    return table


def _cells(design: pd.DataFrame, spec: dict[str, Any]) -> list[tuple[str, pd.DataFrame]]:
    """The design points of each combination of crossed levels, labelled ``a=1, b=x``."""
    crossed = [f["name"] for f in spec["factors"] if f["role"] == "crossed"]
    if not crossed:
        return [("all", design)]
    return [(", ".join(f"{n}={v}" for n, v in zip(crossed, key if isinstance(key, tuple)
                                                   else (key,), strict=True)), points)
            for key, points in design.groupby(crossed, sort=False)]


def _per_cell(method: Callable[..., pd.DataFrame], runs: pd.DataFrame, design: pd.DataFrame,
              spec: dict[str, Any], notes: Notes) -> pd.DataFrame | None:
    sampled = [f["name"] for f in spec["factors"] if f["role"] == "sampled"]
    means = runs.groupby("point")[spec["analysis"]["measures"]].mean()
    parts = []
    for cell, points in _cells(design, spec):
        points = points.sort_values("sample")
        y = means.reindex(points["point"])
        for measure in y.columns:
            if y[measure].isna().any():
                notes.append(("analysis.note.incomplete", {
                    "cell": cell, "measure": measure, "missing": int(y[measure].isna().sum())}))
                continue
            table = method(y[measure].to_numpy(), points, sampled, spec, notes,
                           {"cell": cell, "measure": measure})
            parts.append(_first("cell", cell, _first("measure", measure, table)))
    return pd.concat(parts, ignore_index=True) if parts else None


def _sobol(y: np.ndarray, points: pd.DataFrame, sampled: list[str], spec: dict[str, Any],
           notes: Notes, where: dict[str, Any]) -> pd.DataFrame:
    second = spec["design"]["second_order"]
    table = sobol_indices(y, sampled, second_order=second, seed=spec["seed"])
    n = base_samples(len(points), len(sampled), second)
    if not sobol_stable(table, n):
        notes.append(("analysis.note.sobol_unstable", {**where, "n": n}))
    return table.assign(N=n)


def _morris(y: np.ndarray, points: pd.DataFrame, sampled: list[str], spec: dict[str, Any],
            notes: Notes, where: dict[str, Any]) -> pd.DataFrame:
    x = points[[f"{name}.sampled" for name in sampled]].to_numpy()
    return morris_indices(x, y, sampled, levels=spec["design"]["levels"], seed=spec["seed"])
