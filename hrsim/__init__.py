"""hrsim: how Human Relations policies change public service quality and citizens' trust.

An agent-based model (Mesa) of an Indonesian kantor camat: citizens, front-line staff and agencies,
measured by the official IKM (Permen PANRB 14/2017), SERVQUAL and trust.

Example:
    >>> import hrsim
    >>> result = hrsim.run(days=20, seed=1, residents=5_000)
    >>> result.summary["grade"] in {"A", "B", "C", "D"}
    True

The names below are imported on first use, so that the command line starts quickly.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hrsim.measures.ikm import compute_ikm
    from hrsim.model import HRModel
    from hrsim.policies import REGISTRY as POLICIES
    from hrsim.policies import Policy
    from hrsim.results import RunResult
    from hrsim.scenarios import Scenario
    from hrsim.simulation import RunSpec, run, simulate
    from hrsim.version import __version__

_EXPORTS = {
    "HRModel": ("hrsim.model", "HRModel"),
    "POLICIES": ("hrsim.policies", "REGISTRY"),
    "Policy": ("hrsim.policies", "Policy"),
    "RunResult": ("hrsim.results", "RunResult"),
    "RunSpec": ("hrsim.simulation", "RunSpec"),
    "Scenario": ("hrsim.scenarios", "Scenario"),
    "compute_ikm": ("hrsim.measures.ikm", "compute_ikm"),
    "run": ("hrsim.simulation", "run"),
    "simulate": ("hrsim.simulation", "simulate"),
    "__version__": ("hrsim.version", "__version__"),
}


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'hrsim' has no attribute '{name}'")
    module, attribute = _EXPORTS[name]
    return getattr(importlib.import_module(module), attribute)


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = ["POLICIES", "HRModel", "Policy", "RunResult", "RunSpec", "Scenario", "__version__",
           "compute_ikm", "run", "simulate"]
