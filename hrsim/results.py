"""The result of one run: daily time series, surveys and the run summary, with provenance."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from hrsim.atomic import atomic_dir


def clean(value: Any) -> Any:
    """JSON-safe copy: NaN and infinities become None, numpy scalars plain numbers."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


SKM_FILE = "skm-respondents.csv"  # the simulated surveys' respondents, as hrsim ikm reads them


@dataclass
class RunResult:
    """One simulated run.

    Attributes:
        summary: The run summary (the fields of ``hrsim run --json``).
        timeseries: One row per working day, one column per daily measure.
        surveys: One row per SKM survey period.
        meta: Provenance: scenario, its hash, seed, days, hrsim version, policies.
        respondents: Every survey's respondents as an SKM file holds them, with their answer
            to a trust question (`hrsim.measures.ikm.respondents_table`).
    """

    summary: dict[str, Any]
    timeseries: pd.DataFrame
    surveys: pd.DataFrame
    meta: dict[str, Any] = field(default_factory=dict)
    respondents: pd.DataFrame = field(default_factory=pd.DataFrame)

    def to_dict(self) -> dict[str, Any]:
        """Summary and provenance as JSON-safe data."""
        return clean({**self.summary, **{k: v for k, v in self.meta.items() if k != "params"},
                      "params": self.meta.get("params", {})})

    def to_json(self) -> str:
        """The summary and provenance as JSON text."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def save(self, out: Path, also: Callable[[Path], object] | None = None) -> list[Path]:
        """Write summary.json, timeseries.csv, surveys.csv and skm-respondents.csv into `out`.

        Files appear only once all of them are complete (atomic directory write).

        Args:
            out: The folder (created if missing).
            also: Called with the folder being written, to add files that appear with these
                (``hrsim run --out`` adds the plots).

        Returns:
            Every file in `out`.
        """
        with atomic_dir(out) as tmp:
            (tmp / "summary.json").write_text(self.to_json() + "\n", encoding="utf-8")
            self.timeseries.to_csv(tmp / "timeseries.csv", index_label="day")
            self.surveys.to_csv(tmp / "surveys.csv", index=False)
            self.respondents.to_csv(tmp / SKM_FILE, index=False)
            if also is not None:
                also(tmp)
        return sorted(out.rglob("*.*"))
