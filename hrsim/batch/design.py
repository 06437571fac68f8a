"""Design points and runs of an experiment: SALib samples crossed with factor levels.

A design point is one combination of factor values. Sampled factors (``range``) come from SALib's
Latin hypercube, Saltelli/Sobol or Morris samplers, or from the rows of a design table; factors
with ``levels`` are crossed with every sample (EMA Workbench's "full factorial" combination of
uncertainties and levers). Points are numbered sample by sample, so the levels of one sample are
neighbours; runs are ordered replication by replication, so a batch stopped early has whole
replications rather than a corner of the design.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
from SALib.sample import latin, morris, sobol

from hrsim.batch.experiment import Experiment, Factor
from hrsim.errors import InputError
from hrsim.execution import Job, derive_seed

RUN_ID = re.compile(r"p(\d+)-r(\d+)")


def problem(factors: list[Factor]) -> dict[str, Any]:
    """The SALib problem of the sampled factors (integers on [low, high + 1), see `Factor`)."""
    return {"num_vars": len(factors), "names": [f.name for f in factors],
            "bounds": [f.bounds for f in factors]}


def sampled(experiment: Experiment) -> list[Factor]:
    """The factors SALib samples (those with a range)."""
    return [f for f in experiment.factors if f.role == "sampled"]


def samples(experiment: Experiment) -> pd.DataFrame:
    """One row per sample: the ``sample`` number, sampled values and the raw SALib numbers.

    Raw numbers are kept as ``<name>.sampled`` columns: Morris analysis needs the exact grid.
    """
    design, seed = experiment.design, experiment.spec.seed
    if design.method == "factorial":
        return pd.DataFrame({"sample": [0]})
    if design.method == "table":
        table = experiment.table
        if design.samples is not None and design.samples < len(table):
            # a simple random subset of the offices (seeded); the full table is the population
            rows = np.random.default_rng(seed).choice(len(table), design.samples, replace=False)
            table = table.iloc[np.sort(rows)]
        return table.rename_axis("sample").reset_index()
    factors = sampled(experiment)
    spec = problem(factors)
    if design.method == "lhs":
        raw = latin.sample(spec, design.samples, seed=seed)
    elif design.method == "sobol":
        raw = sobol.sample(spec, design.samples, calc_second_order=design.second_order, seed=seed)
    else:
        raw = morris.sample(spec, design.samples, num_levels=design.levels, seed=seed)
    frame = pd.DataFrame({"sample": np.arange(len(raw))})
    for j, factor in enumerate(factors):
        frame[factor.name] = [factor.value(x) for x in raw[:, j]]
        frame[f"{factor.name}.sampled"] = raw[:, j]
    return frame


def design_points(experiment: Experiment) -> pd.DataFrame:
    """Every design point: ``point``, ``sample``, one column per factor (and raw samples).

    Crossed levels vary fastest, so the points of one sample are consecutive.
    """
    crossed = [f for f in experiment.factors if f.role == "crossed"]
    # a full factorial is a Cartesian product; SALib's `ff` makes 2-level fractional designs only
    cells = pd.DataFrame(list(itertools.product(*(f.levels for f in crossed))),
                         columns=[f.name for f in crossed])
    points = samples(experiment).merge(cells, how="cross")
    points.insert(0, "point", np.arange(len(points)))
    names = ["point", "sample", *(f.name for f in experiment.factors)]
    return points[names + [c for c in points.columns if c not in names]]


def run_id(point: int, replication: int, experiment: Experiment, points: int) -> str:
    """``p0012-r03``: zero-padded so that file names sort in design order."""
    width = len(str(max(points - 1, 0)))
    reps = len(str(max(experiment.spec.replications - 1, 0)))
    return f"p{point:0{width}d}-r{replication:0{reps}d}"


def seed_of(experiment: Experiment, replication: int, sample: int) -> int:
    """The run's seed: replication r of every point shares it (common random numbers).

    With ``random_numbers = "per_sample"`` each sample (e.g. each office of a national sample)
    draws its own numbers; points that differ only in crossed levels still share them.
    """
    seed = experiment.spec.seed
    if experiment.design.random_numbers == "per_sample":
        return derive_seed(seed, replication, sample)
    return derive_seed(seed, replication)


def job(experiment: Experiment, point: pd.Series | dict[str, Any], replication: int,
        points: int) -> Job:
    """The job of one design point and replication."""
    values = {f.name: _plain(point[f.name], f.integer) for f in experiment.factors}
    sample = int(point["sample"])
    scenario = experiment.scenario_for(values)
    if experiment.draws:  # replication r of every point: the same posterior draw (CRN)
        scenario = scenario.with_params(**experiment.draws[replication])
    return Job(key=run_id(int(point["point"]), replication, experiment, points),
               scenario=scenario,
               seed=seed_of(experiment, replication, sample), days=experiment.spec.days,
               series=tuple(experiment.output.series),
               tags={"point": int(point["point"]), "sample": sample,
                     "replication": replication, **values})


def _runs(experiment: Experiment, points: pd.DataFrame) -> Iterator[tuple[str, dict, int]]:
    """Every run as (run id, design point, replication), replication by replication."""
    for replication in range(experiment.spec.replications):
        for point in points.to_dict("records"):
            yield run_id(point["point"], replication, experiment, len(points)), point, replication


def jobs(experiment: Experiment, points: pd.DataFrame, skip: set[str]) -> Iterator[Job]:
    """The jobs not in `skip`, in execution order, built one at a time."""
    return (job(experiment, point, replication, len(points))
            for key, point, replication in _runs(experiment, points) if key not in skip)


def run_ids(experiment: Experiment, points: pd.DataFrame) -> list[str]:
    """Every run of the experiment, in execution order."""
    return [key for key, _, _ in _runs(experiment, points)]


def find(experiment: Experiment, points: pd.DataFrame, key: str) -> Job:
    """The job of run `key` (e.g. ``p0012-r03``).

    Raises:
        InputError: `key` is not a run of this experiment.
    """
    match = RUN_ID.fullmatch(key)
    if match:
        point, replication = int(match[1]), int(match[2])
        if (point < len(points) and replication < experiment.spec.replications
                and run_id(point, replication, experiment, len(points)) == key):
            return job(experiment, points.iloc[point], replication, len(points))
    example = run_id(0, 0, experiment, len(points))
    raise InputError(f"--run {key}: not a run of '{experiment.name}'; run ids look like "
                     f"{example} (points 0–{len(points) - 1}, replications 0–"
                     f"{experiment.spec.replications - 1})")


def _plain(value: Any, integer: bool) -> Any:
    """A numpy scalar as the Python number it holds (what the policies and parameters expect).

    An integer factor's level comes back as an integer even where pandas made it a float (a row
    of a table with mixed columns): strict types refuse 3.0 for an integer.
    """
    value = value.item() if isinstance(value, np.generic) else value
    return int(value) if integer and isinstance(value, float) else value
