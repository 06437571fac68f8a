"""Measures: indicators computed from what the model recorded, apart from the agents.

A measure is a function of the model registered with `daily` (a column of the daily time series, via
Mesa's DataCollector) and/or `summary` (a field of the run summary). A summary measure declares
once what the comparison and the reports need to know about it (a `MeasureInfo`, kept in `INFO` by
name; a daily column of the same name shares it); its label and note are the texts in ``hrsim/i18n``
with its name as key. Every module in this package is imported here, so a new file with decorated
functions is all it takes to add a measure.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from hrsim.model import HRModel

Measure = Callable[["HRModel"], Any]
DAILY: dict[str, Measure] = {}
SUMMARY: dict[str, Measure] = {}


@dataclass(frozen=True)
class MeasureInfo:
    """What the comparison and the reports need to know about a measure.

    Attributes:
        better: The better direction: +1 higher, -1 lower, 0 neither.
        unit: Shown after each displayed value (``%`` for a share shown as a percentage).
        digits: Decimals shown.
        scale: Factor from the value to what is shown (1e-6: Rp million; 100 on a 0–1 measure
            without a unit: points on 0–100).
        compared: Whether scenarios are compared on it (``hrsim compare``).
    """

    better: Literal[-1, 0, 1] = 0
    unit: str = ""
    digits: int = 2
    scale: float = 1.0
    compared: bool = False


INFO: dict[str, MeasureInfo] = {}  # by the name of a summary field, or of a part of one
PARTS: dict[str, tuple[str, ...]] = {}  # summary fields whose value is a dict: its keys
# the comparison goes through its measures module by module in this order (modules not named here
# come after), each module's in the order they are declared
COMPARISON_ORDER = ("ikm", "trust", "waiting", "throughput", "complaints", "staff", "cost")


def daily(name: str) -> Callable[[Measure], Measure]:
    """Register a function as the column `name` of the daily time series."""
    def register(fn: Measure) -> Measure:
        DAILY[name] = fn
        return fn
    return register


def summary(name: str, *, parts: Sequence[str] = (), **info: Any) -> Callable[[Measure], Measure]:
    """Register a function as the field `name` of the run summary, with its metadata.

    Args:
        name: The field's name (and the key of its label in ``hrsim/i18n``).
        parts: For a field whose value is a dict: its keys, each a measure of its own that `info`
            describes (``elements``: U1..U9).
        **info: The fields of `MeasureInfo` that differ from their defaults, e.g.
            ``@summary("wait_mean_min", better=-1, digits=1, compared=True)``.
    """
    described = MeasureInfo(**info)

    def register(fn: Measure) -> Measure:
        SUMMARY[name] = fn
        if parts:
            PARTS[name] = tuple(parts)
        for key in parts or (name,):
            INFO[key] = described
        return fn
    return register


def compared() -> list[str]:
    """The measures scenarios are compared on, in the order the comparison shows them."""
    rank = {f"{__name__}.{module}": i for i, module in enumerate(COMPARISON_ORDER)}
    found = [(rank.get(fn.__module__, len(rank)), key) for field, fn in SUMMARY.items()
             for key in PARTS.get(field, (field,)) if INFO[key].compared]
    return [key for _, key in sorted(found, key=itemgetter(0))]


def values(summary: dict[str, Any]) -> dict[str, Any]:
    """A run summary by measure name: its fields, and the parts of fields declared with parts."""
    return {**summary, **{key: summary[field][key] for field, keys in PARTS.items()
                          for key in keys}}


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
