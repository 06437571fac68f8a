"""Scenario discovery: where in factor space a condition holds (PRIM, from the EMA Workbench).

"Under which conditions does the Human Relations package fail to reach grade B?" is a condition
on a measure (``ikm < 76.61``) over an experiment's runs. PRIM (Friedman & Fisher 1999) peels the
factor space into boxes of rising *density* (the share of runs in the box where the condition
holds) and falling *coverage* (the share of all such runs that the box holds); the peeling
trajectory shows the trade-off. The box reported is the densest with coverage ≥ `MIN_COVERAGE`.
"""

from __future__ import annotations

import operator
import re
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from hrsim.errors import InputError

OPERATORS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
CONDITION = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*(<=|>=|<|>)\s*([-+0-9.eE]+)\s*")
MIN_COVERAGE = 0.8  # [A] the usual choice: the box must explain most cases of the condition


@dataclass(frozen=True)
class Condition:
    """``measure op value``, e.g. ``ikm < 76.61``."""

    measure: str
    op: str
    value: float

    @classmethod
    def parse(cls, text: str, measures: list[str]) -> Condition:
        """Read a condition; `measures` are the columns it may name.

        Raises:
            InputError: Not of the form ``MEASURE OP NUMBER``, or an unknown measure.
        """
        match = CONDITION.fullmatch(text)
        if not match:
            raise InputError(f"--discover {text!r}: write MEASURE OP NUMBER, e.g. 'ikm < 76.61' "
                             f"(OP one of {', '.join(OPERATORS)})")
        measure, op, value = match.groups()
        if measure not in measures:
            raise InputError(f"--discover {text!r}: no measure '{measure}' in these runs; "
                             f"measures: {', '.join(measures)}")
        return cls(measure, op, float(value))

    def holds(self, runs: pd.DataFrame) -> np.ndarray:
        """Whether the condition holds in each run."""
        return OPERATORS[self.op](runs[self.measure], self.value).to_numpy()

    def __str__(self) -> str:
        return f"{self.measure} {self.op} {self.value:g}"


@dataclass(frozen=True)
class Discovery:
    """PRIM's answer.

    Attributes:
        condition: What was asked.
        cases: Runs where the condition holds, of `runs`.
        runs: Runs analysed.
        trajectory: The peeling trajectory (``coverage``, ``density``, ``mass``, ``res_dim``).
        chosen: Row of `trajectory` reported.
        limits: The chosen box's limits on the factors it restricts: ``factor``, ``low``,
            ``high`` (numbers) or ``levels`` (categories).
        figure: The trajectory plot (matplotlib figure).
    """

    condition: Condition
    cases: int
    runs: int
    trajectory: pd.DataFrame
    chosen: int
    limits: pd.DataFrame
    figure: Any

    @property
    def coverage(self) -> float:
        """Share of the cases inside the box."""
        return float(self.trajectory["coverage"].iloc[self.chosen])

    @property
    def density(self) -> float:
        """Share of the box's runs that are cases."""
        return float(self.trajectory["density"].iloc[self.chosen])


def discover(runs: pd.DataFrame, factors: list[str], condition: Condition) -> Discovery:
    """Find the box of factor space where `condition` holds (PRIM).

    Raises:
        InputError: The condition holds in no run or in every run (nothing to discover).
    """
    y = condition.holds(runs)
    if y.all() or not y.any():
        raise InputError(f"--discover '{condition}': holds in {int(y.sum())} of {len(y)} runs; "
                         "nothing to discover")
    x = runs[factors].copy()
    for name in factors:
        if not pd.api.types.is_numeric_dtype(x[name]):
            x[name] = x[name].astype("category")
    # the EMA Workbench warns on import about optional parallel back-ends, and inside PRIM about
    # pandas' deprecations: its noise, not ours
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        from ema_workbench.analysis import prim

        box = prim.Prim(x.reset_index(drop=True), y).find_box()
        figure = box.show_tradeoff()
    trajectory = box.peeling_trajectory[["coverage", "density", "mass", "res_dim"]]
    eligible = trajectory.index[trajectory["coverage"] >= MIN_COVERAGE]
    chosen = int(eligible[-1] if len(eligible) else 0)
    return Discovery(condition, int(y.sum()), len(y), trajectory.reset_index(drop=True), chosen,
                     _limits(box.box_lims[chosen], box.box_lims[0]), figure)


def _limits(box: pd.DataFrame, whole: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for name in box.columns:
        low, high = box[name].iloc[0], box[name].iloc[1]
        if isinstance(low, set):
            if low != whole[name].iloc[0]:
                rows.append({"factor": name, "levels": ", ".join(sorted(map(str, low)))})
        elif (low, high) != (whole[name].iloc[0], whole[name].iloc[1]):
            rows.append({"factor": name, "low": float(low), "high": float(high)})
    return pd.DataFrame(rows, columns=["factor", "low", "high", "levels"])
