"""Loading experiment files: TOML → `Experiment`, with one-line errors that say what is allowed.

Errors name the file, the line where the key is found, the key, what is allowed, and the nearest
valid name of a misspelt one — the same way as scenario files (`hrsim.scenarios.files`). Every
value a design can give a parameter or policy field is checked against its validated range here,
before anything runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from hrsim.batch.experiment import (
    KEY_COLUMNS,
    PROVENANCE_COLUMNS,
    SAMPLED,
    TEXT_MEASURES,
    AnalysisSpec,
    DesignSpec,
    Experiment,
    ExperimentFile,
    Factor,
    FactorSpec,
    OutputSpec,
    Target,
    summary_columns,
)
from hrsim.errors import InputError
from hrsim.params import Params, check_params, unknown_parameter
from hrsim.policies import REGISTRY
from hrsim.results import clean
from hrsim.scenarios import Scenario, library, load
from hrsim.validation import (
    LocatedError,
    check_model,
    dotted,
    located,
    parse_toml,
    read_text,
    suggest,
)


def load_experiment(path: str | Path, samples: int | None = None,
                    office: Scenario | None = None, posterior: Path | None = None) -> Experiment:
    """Read and validate an experiment file.

    Args:
        path: The TOML file.
        samples: Override of ``design.samples`` (e.g. the full national run).
        office: The office the base scenario and every scenario level are applied to (its
            parameters and policies come first; ``hrsim batch --office``).
        posterior: Override of ``design.posterior`` (``hrsim batch --posterior``).

    Raises:
        InputError: One line: file, line (where found), key, what is allowed.
    """
    path = Path(path)
    text = read_text(path, "TOML")
    data = parse_toml(text, str(path))
    if samples is not None:
        data.setdefault("design", {})["samples"] = samples
    if posterior is not None:
        data.setdefault("design", {})["posterior"] = str(Path(posterior).resolve())
    try:
        return _build(data, path, office)
    except LocatedError as problem:
        if samples is not None and problem.loc == ("design", "samples"):
            raise InputError(f"--samples {samples}: {problem.message}") from None
        raise located(problem, text, str(path)) from None


def _build(data: dict[str, Any], path: Path, office: Scenario | None) -> Experiment:
    spec = check_model(ExperimentFile, data, ())
    folder = path.parent
    design = check_model(DesignSpec, spec.design, ("design",))
    output = check_model(OutputSpec, spec.output, ("output",))
    analysis = check_model(AnalysisSpec, spec.analysis, ("analysis",))
    check_params(spec.params, ("params",))
    base = _scenario(spec.scenario, folder, ("scenario",)).on(office)
    scenarios: dict[str, Scenario] = {}
    factors = tuple(_factor(check_model(FactorSpec, raw, ("factors", i)), i, folder, scenarios)
                    for i, raw in enumerate(spec.factors))
    scenarios = {name: scenario.on(office) for name, scenario in scenarios.items()}
    _check_factors(factors, design, analysis, [base, *scenarios.values()])
    table = _table(design, factors, folder) if design.method == "table" else None
    _check_measures(output, analysis)
    draws = _draws(design, folder, spec)
    return Experiment(spec, str(path), base, scenarios, factors, design, output, analysis, table,
                      draws)


def _draws(design: DesignSpec, folder: Path,
           spec: ExperimentFile) -> tuple[dict[str, float], ...] | None:
    """One parameter draw per replication (`hrsim.calibration.parameter_draws`), if asked for."""
    from hrsim.calibration import parameter_draws

    try:
        drawn = parameter_draws(spec.replications, spec.seed, assumptions=design.uncertainty,
                                posterior=folder / design.posterior if design.posterior else None)
    except InputError as exc:
        raise LocatedError(("design", "posterior"), f"design.posterior: {exc}") from None
    return tuple(drawn) if drawn else None


def _scenario(ref: str, folder: Path, where: tuple[Any, ...]) -> Scenario:
    """A built-in scenario by name, or a ``.toml`` file relative to the experiment's folder."""
    try:
        return load(folder / ref if ref.endswith(".toml") and ref not in library() else ref)
    except InputError as exc:
        raise LocatedError(where, f"{dotted(where)}: {exc}") from None


def _target(text: str, where: tuple[Any, ...]) -> Target:
    kind, _, rest = text.partition(".")
    if text == "scenario":
        return Target("scenario")
    if kind == "params":
        if rest not in Params.model_fields:
            raise LocatedError(where, unknown_parameter(rest, where))
        return Target("params", name=rest)
    if kind == "policies":
        policy, _, name = rest.partition(".")
        if policy not in REGISTRY:
            raise LocatedError(where, f"{dotted(where)}: unknown policy '{policy}'"
                               f"{suggest(policy, list(REGISTRY))}; allowed: "
                               f"{', '.join(sorted(REGISTRY))}")
        fields = list(REGISTRY[policy].model_fields)
        if name not in fields:
            raise LocatedError(where, f"{dotted(where)}: policy '{policy}' has no field '{name}'"
                               f"{suggest(name, fields)}; fields: {', '.join(fields)}")
        return Target("policies", policy, name)
    raise LocatedError(where, f"{dotted(where)}: '{text}' is not a target; use params.<name>, "
                       "policies.<type>.<field> or scenario")


def _factor(spec: FactorSpec, index: int, folder: Path,
            scenarios: dict[str, Scenario]) -> Factor:
    here = ("factors", index)
    texts = [spec.target] if isinstance(spec.target, str) else spec.target
    if not texts:
        raise LocatedError((*here, "target"), f"{dotted(here)}.target: give at least one target")
    targets = tuple(_target(t, (*here, "target")) for t in texts)
    if any(t.kind == "scenario" for t in targets) and len(targets) > 1:
        raise LocatedError((*here, "target"), f"{dotted(here)}.target: 'scenario' cannot be "
                           "combined with other targets")
    if spec.levels is not None and spec.range is not None:
        raise LocatedError((*here, "range"), f"{dotted(here)}: give levels or range, not both")
    integer = all(t.kind != "scenario" and t.info.annotation is int for t in targets)
    if targets[0].kind == "scenario":
        if spec.levels is None or not all(isinstance(v, str) for v in spec.levels):
            raise LocatedError((*here, "levels"), f"{dotted(here)}.levels: a scenario factor "
                               "needs levels that are texts (built-in names or scenario files; "
                               f"got {spec.levels!r})")
        return Factor(spec.name, targets, _scenario_levels(spec.levels, folder, here, scenarios))
    if spec.levels is not None:
        return Factor(spec.name, targets, tuple(_check_value(v, targets, (*here, "levels"))
                                                for v in spec.levels), integer=integer)
    if spec.range is not None:
        return Factor(spec.name, targets, range=_range(spec.range, targets, integer, here),
                      integer=integer)
    return Factor(spec.name, targets, integer=integer)


def _scenario_levels(refs: list[str], folder: Path, here: tuple[Any, ...],
                     scenarios: dict[str, Scenario]) -> tuple[str, ...]:
    names = []
    for ref in refs:
        scenario = _scenario(ref, folder, (*here, "levels"))
        if scenario.name in names:
            raise LocatedError((*here, "levels"), f"{dotted(here)}.levels: two levels are named "
                               f"'{scenario.name}'; scenario names must differ")
        names.append(scenario.name)
        scenarios[scenario.name] = scenario
    return tuple(names)


def _check_value(value: Any, targets: tuple[Target, ...], where: tuple[Any, ...]) -> Any:
    """`value` converted for the first target, after checking it against every target."""
    try:
        return _convert(value, targets)
    except ValueError as exc:
        raise LocatedError(where, f"{dotted(where)}: {exc}") from None


def _convert(value: Any, targets: tuple[Target, ...]) -> Any:
    """`value` checked against every target, converted to the first one's type.

    Raises:
        ValueError: The first target's one-line complaint.
    """
    converted = [t.check(value) for t in targets]
    return converted[0]


def _range(bounds: list[Any], targets: tuple[Target, ...], integer: bool,
           here: tuple[Any, ...]) -> tuple[float, float]:
    where = (*here, "range")
    kinds = {t.info.annotation for t in targets}
    if not all(t.numeric for t in targets) or len(kinds) > 1:
        raise LocatedError(where, f"{dotted(where)}: only numbers of one kind (all integers or "
                           "all reals) can have a range; use levels")
    numbers = len(bounds) == 2 and all(isinstance(b, int | float) and not isinstance(b, bool)
                                       for b in bounds)
    if not numbers or bounds[0] >= bounds[1]:
        raise LocatedError(where, f"{dotted(where)} must be two numbers [low, high] with "
                           f"low < high (got {bounds!r})")
    if integer and not all(float(b).is_integer() for b in bounds):
        raise LocatedError(where, f"{dotted(where)}: the target is an integer, so the bounds must "
                           f"be integers (got {bounds!r})")
    low, high = (_check_value(b, targets, where) for b in bounds)
    return (low, high)


def _check_factors(factors: tuple[Factor, ...], design: DesignSpec, analysis: AnalysisSpec,
                   scenarios: list[Scenario]) -> None:
    names = [f.name for f in factors]
    for i, factor in enumerate(factors):
        here = ("factors", i)
        if factor.name in names[:i]:
            raise LocatedError((*here, "name"), f"{dotted(here)}.name: '{factor.name}' is used "
                               "by two factors")
        same = factor.name == "scenario" and factor.targets[0].kind == "scenario"  # same values
        if factor.name in (*KEY_COLUMNS, *PROVENANCE_COLUMNS, *summary_columns()) and not same:
            raise LocatedError((*here, "name"), f"{dotted(here)}.name: '{factor.name}' is a "
                               "column of the results already; choose another name")
        _check_role(factor, design.method, here)
        for target in factor.targets:
            _check_unambiguous(target, scenarios, here)
    if design.method in SAMPLED and not any(f.role == "sampled" for f in factors):
        raise LocatedError(("design", "method"), f"design.method: {design.method} samples "
                           "factors with a range; none has one")
    if design.method == "sobol" and design.samples and design.samples & (design.samples - 1):
        raise LocatedError(("design", "samples"), "design.samples: Sobol sampling needs a power "
                           f"of 2 (got {design.samples}), e.g. 64, 128 or 256")
    if design.method == "factorial" and design.samples is not None:
        raise LocatedError(("design", "samples"), "design.samples: a factorial design takes no "
                           "samples (it runs every combination of levels)")
    if design.method in SAMPLED and design.samples is None:
        raise LocatedError(("design", "method"), f"design.samples: missing (required by "
                           f"{design.method})")
    if analysis.compare is not None and analysis.compare not in names:
        raise LocatedError(("analysis", "compare"), f"analysis.compare: no factor is named "
                           f"'{analysis.compare}'{suggest(analysis.compare, names)}")
    if analysis.compare is not None and factors[names.index(analysis.compare)].role != "crossed":
        raise LocatedError(("analysis", "compare"), "analysis.compare: the compared factor "
                           "needs levels")


def _check_role(factor: Factor, method: str, here: tuple[Any, ...]) -> None:
    if method == "factorial" and factor.role != "crossed":
        raise LocatedError((*here, "range" if factor.range else "name"),
                           f"{dotted(here)}: a factorial design needs levels for every factor")
    if method in SAMPLED and factor.role == "table":
        raise LocatedError((*here, "name"), f"{dotted(here)}: give levels or a range "
                           f"({method} samples ranges)")
    if method == "table" and factor.role == "sampled":
        raise LocatedError((*here, "range"), f"{dotted(here)}.range: the table method takes "
                           "values from the table; leave out range (or give levels)")


def _check_unambiguous(target: Target, scenarios: list[Scenario], here: tuple[Any, ...]) -> None:
    for scenario in scenarios:
        if sum(p.key == target.policy for p in scenario.policies) > 1:
            raise LocatedError((*here, "target"), f"{dotted(here)}.target: scenario "
                               f"'{scenario.name}' has several '{target.policy}' policies; a "
                               "factor cannot tell which one to change")


def _table(design: DesignSpec, factors: tuple[Factor, ...], folder: Path) -> pd.DataFrame:
    where = ("design", "table")
    if design.table is None:
        raise LocatedError(where, "design.table: missing (required by the table method)")
    path = folder / design.table
    try:
        table = pd.read_csv(path)
    except FileNotFoundError:
        raise LocatedError(where, f"design.table: {path}: no such file") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise LocatedError(where, f"design.table: {path}: not a CSV table ({exc})") from None
    columns = [f.name for f in factors if f.role == "table"]
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise LocatedError(where, f"design.table: {path} has no column "
                           f"'{missing[0]}'; columns: {', '.join(map(str, table.columns))}")
    if design.samples is not None and design.samples > len(table):
        raise LocatedError(("design", "samples"), f"design.samples: the table has "
                           f"{len(table):,} rows (got {design.samples:,})")
    for factor in (f for f in factors if f.role == "table"):
        table[factor.name] = _table_column(table, factor, path)
    return table[columns]


def _table_column(table: pd.DataFrame, factor: Factor, path: Path) -> pd.Series:
    checked = {}
    for row, value in table[factor.name].items():
        key = clean(value)
        if key not in checked:
            try:
                checked[key] = _convert(key, factor.targets)
            except ValueError as exc:
                raise LocatedError(("design", "table"), f"design.table: {path}, row {row + 2}, "
                                   f"column {factor.name}: {exc}") from None
    return table[factor.name].map(lambda v: checked[clean(v)])


def _check_measures(output: OutputSpec, analysis: AnalysisSpec) -> None:
    from hrsim.measures import DAILY

    for i, name in enumerate(output.series):
        if name not in DAILY:
            raise LocatedError(("output", "series"), f"output.series[{i}]: unknown daily measure "
                               f"'{name}'{suggest(name, list(DAILY))}; allowed: "
                               f"{', '.join(DAILY)}")
    numeric = [c for c in summary_columns() if c not in TEXT_MEASURES]
    for i, name in enumerate(analysis.measures):
        if name not in numeric:
            raise LocatedError(("analysis", "measures"), f"analysis.measures[{i}]: unknown "
                               f"numeric summary measure '{name}'{suggest(name, numeric)}; "
                               f"allowed: {', '.join(numeric)}")
