"""Scenarios: what to simulate (office parameters and policies)."""

from hrsim.scenarios.scenario import Scenario

BASELINE = Scenario("baseline", title={"id": "Kondisi awal", "en": "Baseline"},
                    description={"id": "Kantor camat Medan Area seperti sekarang.",
                                 "en": "The Medan Area office as it is."})


def resolve(scenario: Scenario | None) -> Scenario:
    """The scenario to run: the given one, or the baseline."""
    return BASELINE if scenario is None else scenario


__all__ = ["BASELINE", "Scenario", "resolve"]
