"""Experiment files (TOML): a base scenario, factors, a design, replications and what to keep.

An experiment file::

    name = "challenges"
    description = "Coordination quality x staff capacity, with and without the HR package."
    scenario = "baseline"          # built-in name or scenario file (relative to this file)
    seed = 1
    replications = 5
    days = 250
    [params]                       # fixed parameter overrides for every run
    residents = 50000
    [design]
    method = "factorial"           # factorial | lhs | sobol | morris | table
    [[factors]]
    name = "desks"
    target = "params.desks"        # params.<name> | policies.<type>.<field> | scenario
    levels = [2, 3, 4, 5]          # or: range = [low, high] (lhs, sobol, morris)
    [output]
    series = ["ikm"]               # daily columns kept besides the run summary (always kept)
    [analysis]
    measures = ["ikm", "trust_office"]
    compare = "desks"              # optional: contrast every level with the factor's first level

A factor with `levels` is crossed with the rest of the design; a factor with `range` is sampled
by the design's method (SALib); with the ``table`` method, factors without either are columns of a
CSV table. `hrsim.batch.files` loads and checks the files.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import math
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field
from pydantic.fields import FieldInfo

from hrsim.params import Params
from hrsim.policies import REGISTRY, Policy
from hrsim.results import clean
from hrsim.scenarios import Scenario
from hrsim.validation import check_model, identifier

IDENTIFIER = r"^[a-z][a-z0-9_]*$"
IDENTIFIER_WORDS = "lower-case letters, digits and '_', starting with a letter"
SAMPLED = ("lhs", "sobol", "morris")
KEY_COLUMNS = ("run_id", "point", "sample", "replication", "seed", "days")
TEXT_MEASURES = ("grade",)  # the one summary measure that is text; every other one is a number
PROVENANCE_COLUMNS = ("scenario", "scenario_hash", "hrsim_version", "experiment_hash", "host",
                      "started", "finished", "run_seconds")


class ExperimentFile(BaseModel):
    """The top level of an experiment file (its tables are checked by the models below)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = identifier(IDENTIFIER, IDENTIFIER_WORDS, max_length=60)
    description: str = Field("", description="What the experiment asks.")
    scenario: str = Field("baseline", min_length=1,
                          description="Built-in scenario or scenario file (relative path).")
    seed: int = Field(0, ge=0, le=2**63 - 1, description="Seed every run's seed derives from.")
    replications: int = Field(1, ge=1, le=100_000, description="Runs per design point.")
    days: int = Field(250, ge=1, le=100_000, description="Working days per run.")
    params: dict[str, Any] = Field(default_factory=dict)
    design: dict[str, Any] = Field(default_factory=dict)
    factors: list[dict[str, Any]] = Field(default_factory=list)
    output: dict[str, Any] = Field(default_factory=dict)
    analysis: dict[str, Any] = Field(default_factory=dict)


class DesignSpec(BaseModel):
    """``[design]``: how design points are made."""

    model_config = ConfigDict(extra="forbid", strict=True)

    method: Literal["factorial", "lhs", "sobol", "morris", "table"] = "factorial"
    samples: int | None = Field(None, ge=1, le=10_000_000,
                                description="Sample size N (table: rows used, all by default).")
    second_order: bool = Field(False, description="Sobol: also second-order indices.")
    levels: int = Field(4, ge=2, le=100, description="Morris: levels of the grid.")
    table: str | None = Field(None, min_length=1, description="Table: CSV file (relative path).")
    random_numbers: Literal["shared", "per_sample"] = "shared"
    uncertainty: bool = Field(False, description="Replication r of every point draws the key "
                                                 "assumptions (hrsim.assumptions), the same "
                                                 "draw in every point.")
    posterior: str | None = Field(None, min_length=1,
                                  description="Calibration folder (relative path): replication "
                                              "r of every point runs with the posterior's r-th "
                                              "draw.")


class FactorSpec(BaseModel):
    """One ``[[factors]]`` entry."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = identifier(IDENTIFIER, IDENTIFIER_WORDS, max_length=40)
    target: str | list[str] = Field(description="params.<name>, policies.<type>.<field> or "
                                                "scenario (a list sets several to one value).")
    levels: list[Any] | None = Field(None, min_length=1)
    range: list[Any] | None = None


class OutputSpec(BaseModel):
    """``[output]``: what each run keeps besides its summary."""

    model_config = ConfigDict(extra="forbid", strict=True)

    series: list[str] = Field(default_factory=list, description="Daily columns to keep.")


class AnalysisSpec(BaseModel):
    """``[analysis]``: what ``hrsim analyze`` reports."""

    model_config = ConfigDict(extra="forbid", strict=True)

    measures: list[str] = Field(default_factory=lambda: ["ikm", "trust_office"], min_length=1)
    compare: str | None = Field(None, description="Factor whose levels are contrasted with its "
                                                  "first level.")


@dataclass(frozen=True)
class Target:
    """Where a factor's value goes: a parameter, a field of a policy, or the base scenario."""

    kind: Literal["params", "policies", "scenario"]
    policy: str = ""
    name: str = ""

    @property
    def model(self) -> type[BaseModel]:
        """The pydantic model whose field the target sets."""
        return Params if self.kind == "params" else REGISTRY[self.policy]

    @property
    def info(self) -> FieldInfo:
        """The target field's declaration (type, range)."""
        return self.model.model_fields[self.name]

    @property
    def numeric(self) -> bool:
        """Whether the field is an integer or a real number (and can have a range)."""
        return self.info.annotation in (int, float)

    def check(self, value: Any) -> Any:
        """`value` converted to the field's type.

        Raises:
            LocatedError: The field's one-line complaint (e.g. 'desks must be an integer from 1 …').
        """
        return getattr(check_model(self.model, {self.name: value}), self.name)


@dataclass(frozen=True)
class Factor:
    """A validated factor.

    Attributes:
        name: Column name of its values.
        targets: What it sets (all to the same value).
        levels: Values crossed with the rest of the design (scenario names for ``scenario``).
        range: Bounds sampled by lhs, sobol or morris.
        integer: Its targets are integers: sampled values are floored (see `value`).
    """

    name: str
    targets: tuple[Target, ...]
    levels: tuple[Any, ...] | None = None
    range: tuple[float, float] | None = None
    integer: bool = False

    @property
    def role(self) -> Literal["crossed", "sampled", "table"]:
        """Crossed (levels), sampled (range) or a column of the design table."""
        return "crossed" if self.levels is not None else "sampled" if self.range else "table"

    @property
    def bounds(self) -> list[float]:
        """Bounds handed to SALib: integers are sampled on [low, high + 1) and floored."""
        low, high = self.range
        return [low, high + 1] if self.integer else [low, high]

    def value(self, sampled: float) -> Any:
        """The value used for a sampled number.

        SALib samples real numbers only; integer factors use its documented "flooring trick":
        sampling on [low, high + 1) and flooring makes every integer equally likely. Morris's grid
        reaches the upper bound itself, so the result is clipped to `high`.
        """
        return min(math.floor(sampled), int(self.range[1])) if self.integer else float(sampled)


@dataclass(frozen=True, eq=False)
class Experiment:
    """A validated experiment file, ready to design and run.

    Attributes:
        spec: The file's content (with command-line overrides applied).
        source: Where it came from (for messages and the manifest).
        base: The base scenario.
        scenarios: Scenarios of a ``scenario`` factor, by name.
        factors: The factors, in file order.
        design: The ``[design]`` table.
        output: The ``[output]`` table.
        analysis: The ``[analysis]`` table.
        table: The design table (``table`` method) or None.
    """

    spec: ExperimentFile
    source: str
    base: Scenario
    scenarios: dict[str, Scenario]
    factors: tuple[Factor, ...]
    design: DesignSpec
    output: OutputSpec
    analysis: AnalysisSpec
    table: pd.DataFrame | None = field(default=None, repr=False)
    draws: tuple[dict[str, float], ...] | None = None

    @property
    def name(self) -> str:
        """The experiment's name."""
        return self.spec.name

    def to_dict(self) -> dict[str, Any]:
        """The experiment as plain data, every default filled in (stored in the manifest)."""
        return clean({
            **self.spec.model_dump(exclude={"factors"}), "design": self.design.model_dump(),
            "output": self.output.model_dump(), "analysis": self.analysis.model_dump(),
            "factors": [{"name": f.name, "target": [dotted_target(t) for t in f.targets],
                         "role": f.role, "levels": list(f.levels) if f.levels else None,
                         "range": list(f.range) if f.range else None, "integer": f.integer}
                        for f in self.factors],
        })

    def identity(self) -> dict[str, Any]:
        """Everything that decides the runs and their numbers (what the hash covers)."""
        design = self.design.model_dump()
        for key in ("uncertainty", "posterior"):  # added later: absent, they keep older hashes
            if not design[key]:
                del design[key]
        if self.table is not None:
            csv = self.table.to_csv(index=False).encode()
            design["table"] = hashlib.sha256(csv).hexdigest()
        return clean({
            "base": self.base.spec(),
            "scenarios": {name: s.spec() for name, s in self.scenarios.items()},
            "params": dict(sorted(self.spec.params.items())),
            "seed": self.spec.seed, "replications": self.spec.replications,
            "days": self.spec.days, "design": design,
            "factors": self.to_dict()["factors"], "series": self.output.series,
        } | ({"draws": list(self.draws)} if self.draws else {}))

    @functools.cached_property
    def digest(self) -> str:
        """Content hash of `identity`: a results folder holds one experiment only."""
        body = json.dumps(self.identity(), sort_keys=True, default=str)
        return hashlib.sha256(body.encode()).hexdigest()[:16]

    def scenario_for(self, values: dict[str, Any]) -> Scenario:
        """The scenario of one design point: base (or the scenario factor's), then the factors."""
        chooser = next((f for f in self.factors if f.targets[0].kind == "scenario"), None)
        base = self.scenarios[values[chooser.name]] if chooser else self.base
        params = dict(self.spec.params)
        policies = list(base.policies)
        for factor in self.factors:
            value = values[factor.name]
            for target in factor.targets:
                if target.kind == "params":
                    params[target.name] = value  # checked at load; the Scenario converts it
                elif target.kind == "policies":
                    policies = _set_policy_field(policies, target, value)
        return dataclasses.replace(base, params={**base.params, **params},
                                   policies=tuple(policies))


def dotted_target(target: Target) -> str:
    """``params.desks``, ``policies.training.intensity`` or ``scenario``."""
    return ".".join(p for p in (target.kind, target.policy, target.name) if p)


def _set_policy_field(policies: list[Policy], target: Target, value: Any) -> list[Policy]:
    """Set one field of the scenario's policy of that type, adding the policy if it is absent."""
    cls = REGISTRY[target.policy]
    found = [p for p in policies if p.key == target.policy]
    if not found:
        return [*policies, cls(**{target.name: value})]
    updated = cls(**{**found[0].model_dump(), target.name: value})
    return [updated if p is found[0] else p for p in policies]


@functools.cache
def summary_columns() -> tuple[str, ...]:
    """The columns a run summary flattens into (nested fields become ``name_key``).

    Found by running a tiny office for one day, so the list is exactly what runs produce.
    """
    from hrsim.simulation import RunSpec, simulate

    probe = simulate(RunSpec(Scenario("probe", {"residents": 100}), seed=0, days=1))
    return tuple(flatten(probe.summary))


def flatten(summary: dict[str, Any]) -> dict[str, Any]:
    """A run summary as one flat row: ``{"elements": {"U1": 3.2}}`` → ``{"elements_U1": 3.2}``."""
    row: dict[str, Any] = {}
    for name, value in summary.items():
        if isinstance(value, dict):
            row.update({f"{name}_{key}": inner for key, inner in value.items()})
        else:
            row[name] = value
    return row
