"""Shared fixtures: replicated runs are cached per session so several tests can read them; the
app's work folder."""

from __future__ import annotations

import functools

import pytest

import hrsim
from hrsim.analysis.compare import Comparison, compare
from hrsim.planner.jobs import Workdir
from hrsim.planner.state import server_queue
from hrsim.policies import Policy
from hrsim.scenarios import Scenario, library, load
from hrsim.ui import WORKDIR_VARIABLE

REPLICATIONS = 6


@functools.cache
def replicated(policy: str | None, days: int = 250, **params) -> tuple[hrsim.RunResult, ...]:
    """`REPLICATIONS` runs (seeds 0..n-1) of the baseline or of one default policy."""
    policies = (Policy.from_spec({"type": policy}),) if policy else ()
    scenario = Scenario(policy or "baseline", policies=policies)
    return tuple(hrsim.run(scenario, days=days, seed=seed, **params)
                 for seed in range(REPLICATIONS))


@pytest.fixture(scope="session")
def runs():
    """Access to the cached replicated runs."""
    return replicated


@functools.cache
def library_comparison() -> Comparison:
    """Every built-in scenario against the baseline: small, short, two replications."""
    return compare([load(name) for name in library()], reps=2, days=8,
                   params={"residents": 3_000})


@pytest.fixture(scope="session")
def whole_library() -> Comparison:
    """The cached comparison of the whole library (see `library_comparison`)."""
    return library_comparison()


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A fresh work folder for the app's page and its queue (stopped afterwards)."""
    monkeypatch.setenv(WORKDIR_VARIABLE, str(tmp_path / "work"))
    server_queue.cache_clear()
    yield Workdir(tmp_path / "work")
    server_queue().stop()
    server_queue.cache_clear()
