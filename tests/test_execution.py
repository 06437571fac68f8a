"""The execution path shared by run, compare and batch: engines give identical results."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from hrsim.execution import Job, derive_seed, engine, execute
from hrsim.policies import REGISTRY, Policy
from hrsim.results import clean
from hrsim.scenarios import Scenario

SMALL = {"residents": 4_000}


def jobs() -> list[Job]:
    base = Scenario("baseline", SMALL)
    trained = Scenario("training", SMALL, (REGISTRY["training"](start=2),))
    return [Job(f"{s.name}/{r}", s, derive_seed(11, r), days=15, series=("ikm",))
            for s in (base, trained) for r in range(2)]


def collect(executor) -> dict[str, tuple]:
    """Summaries (NaN as None, so they compare) and the daily IKM, by job key."""
    return {r.job.key: (clean(r.summary), r.series["ikm"].tolist())
            for r in execute(jobs(), executor, in_flight=3)}


def test_seeds_are_derived_deterministically():
    assert derive_seed(1, 0) == derive_seed(1, 0)
    assert len({derive_seed(1, r) for r in range(100)}) == 100
    assert derive_seed(1, 0) != derive_seed(2, 0)
    assert 0 <= derive_seed(2**40, 5) < 2**63


@pytest.mark.slow
def test_serial_processes_and_dask_agree():
    with engine(1) as serial:
        expected = collect(serial)
    with engine(2) as processes:
        assert collect(processes) == expected
    with engine(2, dask=True) as cluster:
        assert collect(cluster) == expected


class Broken(Policy):
    """A policy that fails on its start day."""

    def begin(self, model) -> None:
        raise RuntimeError("broken on purpose")


def test_a_failing_run_is_reported_not_raised():
    bad = Job("bad", Scenario("baseline", SMALL, (Broken(start=3),)), seed=1, days=10)
    with engine(1) as serial:
        results = list(execute([bad, *jobs()[:1]], serial))
    failed = [r for r in results if not r.ok]
    assert len(results) == 2 and len(failed) == 1
    assert failed[0].error == "RuntimeError: broken on purpose"
    assert "Traceback" in failed[0].traceback


@pytest.mark.parametrize("name", ["human-relations", "mobile-unit"])
def test_a_shared_burn_in_gives_the_same_run_bit_for_bit(name):
    from hrsim import simulation
    from hrsim.model import HRModel
    from hrsim.scenarios import load

    simulation._burn_ins.clear()
    scenario = load(name).with_params(residents=5_000)
    simulation.simulate(simulation.RunSpec(Scenario("base", scenario.params), seed=4, days=5))
    assert len(simulation._burn_ins) == 1  # the baseline's burn-in, kept
    shared = simulation.simulate(simulation.RunSpec(scenario, seed=4, days=60))
    assert len(simulation._burn_ins) == 1  # restored, not simulated again
    model = HRModel(policies=scenario.policies, rng=4, **scenario.params)
    model.run_for(60)
    assert json.dumps(shared.summary, default=str) == json.dumps(model.summary(), default=str)
    fresh = model.datacollector.get_model_vars_dataframe()
    pd.testing.assert_frame_equal(shared.timeseries.reset_index(drop=True),
                                  fresh.reset_index(drop=True), check_exact=True)
