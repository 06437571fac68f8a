"""Measures: indicators computed from what the model recorded, apart from the agents.

A measure is a function of the model registered with `daily` (a column of the daily time series, via
Mesa's DataCollector) and/or `summary` (a field of the run summary). Every module in this package is
imported here, so a new file with decorated functions is all it takes to add a measure.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hrsim.model import HRModel

Measure = Callable[["HRModel"], Any]
DAILY: dict[str, Measure] = {}
SUMMARY: dict[str, Measure] = {}


def daily(name: str) -> Callable[[Measure], Measure]:
    """Register a function as the column `name` of the daily time series."""
    def register(fn: Measure) -> Measure:
        DAILY[name] = fn
        return fn
    return register


def summary(name: str) -> Callable[[Measure], Measure]:
    """Register a function as the field `name` of the run summary."""
    def register(fn: Measure) -> Measure:
        SUMMARY[name] = fn
        return fn
    return register


def memo(model: HRModel, key: str, compute: Callable[[], Any]) -> Any:
    """Compute a value shared by several measures once per model time."""
    slot = (key, model.time)
    if slot not in model.memo:
        model.memo[slot] = compute()
    return model.memo[slot]


def summarise(model: HRModel) -> dict[str, Any]:
    """Every summary measure of a model, in registration order."""
    return {name: fn(model) for name, fn in SUMMARY.items()}


for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
