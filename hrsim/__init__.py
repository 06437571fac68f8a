"""hrsim: how Human Relations policies change public service quality and citizens' trust.

An agent-based model (Mesa) of an Indonesian kantor camat: citizens, front-line staff and agencies,
measured by the official IKM (Permen PANRB 14/2017), SERVQUAL and trust.

Example:
    >>> import hrsim
    >>> result = hrsim.run(days=20, seed=1, residents=5_000)
    >>> sorted(result.summary)[:3]
    ['abandoned', 'bounce_rate', 'bounces']
"""

from __future__ import annotations

from typing import Any

from hrsim.measures.ikm import compute_ikm
from hrsim.model import HRModel
from hrsim.policies import REGISTRY as POLICIES
from hrsim.policies import Policy
from hrsim.results import RunResult
from hrsim.scenarios import Scenario, resolve
from hrsim.simulate import RunSpec, simulate
from hrsim.version import __version__


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


__all__ = ["POLICIES", "HRModel", "Policy", "RunResult", "RunSpec", "Scenario", "__version__",
           "compute_ikm", "run", "simulate"]
