"""Shared fixtures: replicated runs are cached per session so several tests can read them; the
app's work folder. The order in which ``pytest -n 2`` hands out the tests (see below).
"""

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
def quick_calibration(monkeypatch):
    """A shorter MCMC and fewer predictive draws, for the tests of a calibration's files, pages
    and commands; the tests of what a calibration finds (test_calibration.py) keep the defaults."""
    from hrsim import calibration

    monkeypatch.setattr(calibration, "infer", functools.partial(calibration.infer, steps=2_000))
    monkeypatch.setattr(calibration, "predict", functools.partial(calibration.predict, draws=20))


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A fresh work folder for the app's page and its queue (stopped afterwards)."""
    monkeypatch.setenv(WORKDIR_VARIABLE, str(tmp_path / "work"))
    server_queue.cache_clear()
    yield Workdir(tmp_path / "work")
    server_queue().stop()
    server_queue.cache_clear()


# the groups of tests that share a cache or a server, their longest first
GROUPS_LONGEST_FIRST = ("library_year", "planner_browser", "calibration_design", "demo_browser",
                        "whole_library", "wheel")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest work first, so that the two workers of ``pytest -n 2`` end together.

    ``--dist loadfile --no-loadscope-reorder`` (pyproject.toml) hands out the files in the
    order of their first test here, each file to one worker. First the files with an
    ``xdist_group`` (tests sharing a cache made once per process, a comparison or a calibration
    design, or a server, the browser tests: the longest work), then those with other slow tests,
    then the rest.
    """
    def rank(item: pytest.Item) -> tuple[int, int]:
        group = item.get_closest_marker("xdist_group")
        if group:
            name = group.args[0] if group.args else group.kwargs.get("name")
            return 0, GROUPS_LONGEST_FIRST.index(name) if name in GROUPS_LONGEST_FIRST else 99
        return (1, 0) if item.get_closest_marker("slow") else (2, 0)

    items.sort(key=rank)
