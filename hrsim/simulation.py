"""The unit of work every command runs: one scenario, one seed, a number of working days."""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import pandas as pd

from hrsim.measures.ikm import respondents_table
from hrsim.model import HRModel
from hrsim.results import RunResult
from hrsim.scenarios import Scenario, resolve
from hrsim.version import __version__


@dataclass(frozen=True)
class RunSpec:
    """One run to do.

    Attributes:
        scenario: What to simulate.
        seed: Integer seed of the run (all random streams derive from it).
        days: Working days to simulate.
    """

    scenario: Scenario
    seed: int = 0
    days: int = 250


BURN_INS_KEPT = 8  # burn-ins a process keeps (about 12 MB each for the default office)
_burn_ins: OrderedDict[tuple[int, str], bytes] = OrderedDict()


def start(scenario: Scenario, seed: int) -> HRModel:
    """The scenario's model after its burn-in, its policies attached.

    The burn-in depends only on the parameters and the seed (policies attach after it), so the
    scenarios of a comparison, which share seeds (common random numbers), share it: each process
    keeps its last `BURN_INS_KEPT` burn-ins and restores one instead of simulating it again. The
    result is the same, bit for bit (tests); callers that order their jobs by seed (replication
    first) reuse the most.
    """
    key = (seed, json.dumps(scenario.params, sort_keys=True, default=str))
    snapshot = _burn_ins.get(key)
    if snapshot is None:
        model = HRModel(rng=seed, begin=False, **scenario.params)
        _burn_ins[key] = model.snapshot()
        if len(_burn_ins) > BURN_INS_KEPT:
            _burn_ins.popitem(last=False)
    else:
        _burn_ins.move_to_end(key)
        model = HRModel.restore(snapshot)
    model.begin(scenario.policies)
    return model


def simulate(spec: RunSpec) -> RunResult:
    """Build the model, run it for `spec.days` working days and collect the result."""
    scenario = spec.scenario
    model = start(scenario, spec.seed)
    model.run_for(spec.days)
    timeseries = model.datacollector.get_model_vars_dataframe()
    timeseries.index = pd.RangeIndex(1, len(timeseries) + 1, name="day")
    meta = {"scenario": scenario.name, "scenario_hash": scenario.digest, "seed": spec.seed,
            "days": spec.days, "hrsim_version": __version__,
            "policies": [p.spec() for p in scenario.policies], "params": scenario.params}
    return RunResult(model.summary(), timeseries, pd.DataFrame(model.surveys), meta,
                     respondents_table(model))


def run(scenario: Scenario | str | None = None, *, days: int = 250, seed: int = 0,
        **params: Any) -> RunResult:
    """Run one scenario (the baseline by default) and return its time series and summary.

    Args:
        scenario: What to simulate: a `Scenario`, a built-in name or a TOML path; None for the
            baseline office.
        days: Working days to simulate (250 is one year).
        seed: Integer seed.
        **params: Parameter overrides on top of the scenario's (see ``hrsim params``).

    Returns:
        The run's daily time series, surveys and summary.
    """
    chosen = resolve(scenario)
    if params:
        chosen = chosen.with_params(**params)
    return simulate(RunSpec(chosen, seed=seed, days=days))


def profile(scenario: Scenario, *, days: int = 250, seed: int = 0) -> dict[str, float]:
    """Processor seconds of one run, by part: set-up, each component, the record, the rest.

    Each component's time includes the burn-in's days. ``set-up`` is building the office and its
    residents; ``events and Mesa`` is what the run took beyond the days' components and records
    (agency returns, vacancies filled, policy starts, surveys, Mesa's own loop). The parts add
    up to ``total``.
    """
    started = time.process_time()
    model = HRModel(rng=seed, profile=True, policies=scenario.policies, **scenario.params)
    built = time.process_time()
    in_burn_in = sum(model.cpu_seconds.values())
    model.run_for(days)
    ended = time.process_time()
    parts = dict(model.cpu_seconds)
    in_days = sum(parts.values()) - in_burn_in
    return {"set-up": built - started - in_burn_in, **parts,
            "events and Mesa": ended - built - in_days, "total": ended - started}
