"""The model as the demo drives it: a scenario, a dose per policy lever and a few office settings.

`DemoModel` is an `HRModel` whose keyword arguments are exactly the demo's controls, so the page
rebuilds it the way Mesa's visualisation does (``type(model)(**settings)``). It adds no behaviour:
it only turns the controls into the scenario's parameters and policies.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hrsim.model import HRModel
from hrsim.params import Params
from hrsim.policies import REGISTRY, Policy
from hrsim.scenarios import load

# the policy levers in teaching order, and those that are switches (a discrete effect: extra staff
# opens whole posts, on = the scenario's posts or one desk): declared on each policy class
LEVERS = Policy.levers()
SWITCHES = frozenset(k for k in LEVERS if REGISTRY[k].lever_switch)
# office settings on the page: parameter -> (min, max, step); bounds lie within `Params`
OFFICE = {
    "residents": (5_000, 200_000, 5_000),
    "desks": (1, 8, 1),
    "back_office_staff": (2, 20, 1),
    "service_need_rate": (0.05, 0.5, 0.01),
}


class DemoModel(HRModel):
    """An `HRModel` built from the demo's controls.

    Args:
        scenario: A built-in scenario (``hrsim.scenarios.library()``): the starting point.
        rng: Integer seed.
        **settings: The intensity (0–1) of any policy lever, keyed by policy type, and values of
            the `OFFICE` parameters; they override the scenario's. A lever at 0 removes that policy.

    Attributes:
        settings: The controls this model was built from (scenario and seed included).
    """

    def __init__(self, *, scenario: str = "baseline", rng: int = 0, **settings: Any) -> None:
        chosen = load(scenario)
        levers = {k: float(v) for k, v in settings.items() if k in REGISTRY}
        office = {k: v for k, v in settings.items() if k not in REGISTRY}
        chosen = chosen.with_params(**office)
        super().__init__(policies=dosed(chosen.policies, levers), rng=int(rng), **chosen.params)
        self.settings = {"scenario": scenario, **settings, "rng": int(rng)}


def dosed(policies: Sequence[Policy], levers: dict[str, float]) -> list[Policy]:
    """The scenario's policies with the levers' intensities applied.

    A lever above 0 sets the intensity of the scenario's policies of its type, or adds one with
    the policy's defaults (starting on the first day); a lever at 0 drops them. Policies whose
    type has no lever here are kept as they are.
    """
    kept = [type(p)(**{**p.model_dump(), "intensity": levers[p.key]}) if p.key in levers else p
            for p in policies if levers.get(p.key, 1.0) > 0]
    present = {p.key for p in kept}
    added = [REGISTRY[key](intensity=dose) for key, dose in levers.items()
             if dose > 0 and key not in present]
    return kept + added


def scenario_settings(name: str) -> dict[str, Any]:
    """The controls that reproduce a built-in scenario: its policies' intensities and parameters."""
    chosen = load(name)
    levers = dict.fromkeys(LEVERS, 0.0)
    for policy in chosen.policies:
        if policy.key in levers:
            levers[policy.key] = max(levers[policy.key], policy.intensity)
    defaults = Params(**chosen.params)
    return {"scenario": name, **levers, **{k: getattr(defaults, k) for k in OFFICE}}
