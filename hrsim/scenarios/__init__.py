"""Scenarios: what to simulate (office parameters and policies), from files or the library."""

from hrsim.scenarios.files import library, load, parse
from hrsim.scenarios.scenario import Scenario


def resolve(scenario: Scenario | str | None) -> Scenario:
    """The scenario to run: a `Scenario`, a built-in name or a file path; None is the baseline."""
    if scenario is None:
        return load("baseline")
    return scenario if isinstance(scenario, Scenario) else load(scenario)


__all__ = ["Scenario", "library", "load", "parse", "resolve"]
