"""One spec per job: the options of ``hrsim compare``, ``calibrate``, ``optimize`` and ``batch``.

Each job kind is one pydantic model here (`CompareSpec`, `CalibrateSpec`, `OptimizeSpec`,
`BatchSpec`; `SPECS` by kind), and each of its fields is one option, declared once: its type,
default, bounds (``ge``/``le``), help text (``description``) and how the command line spells it
(`Cli`). Everything else is derived from the fields, so no default or bound is restated:

- the click command's parameters (`JobSpec.options`): names, types, defaults, ranges
  (``click.IntRange``/``FloatRange`` from the bounds), choices and help;
- the planner's defaults (`JobSpec.default`) and checks: a page builds the spec from its form
  (`JobSpec.attempt`) and offers to start the job only when the spec is valid;
- the run itself (``run``), which the command and the planner's worker
  (`hrsim.planner.worker`) both call;
- the re-run command line (`JobSpec.command_line`), which parses back to the same spec.

Types are strict, as in every input of hrsim: a boolean is never an integer. Paths are relative
to the folder the job runs in (the planner's worker runs in the job's folder). The fields marked
`Cli.execution` (``--workers``, ``--scheduler``) say where the model runs go, not what they
compute: a planner job's saved settings and its re-run command line leave them out.
"""

from __future__ import annotations

import functools
import json
import os
import shlex
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Self

import annotated_types
import click
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic.fields import FieldInfo

from hrsim.calendar import WORKING_DAYS_PER_YEAR
from hrsim.elements import ELEMENTS
from hrsim.errors import InputError
from hrsim.i18n import LANGUAGES

if TYPE_CHECKING:
    from hrsim.analysis.compare import Comparison
    from hrsim.batch import BatchOutcome, Experiment
    from hrsim.scenarios import Scenario

Report = Callable[[int, int], None]  # called with (runs or trials done, their total)


def unreported(done: int, total: int) -> None:
    """A `Report` that reports nothing."""


@dataclass(frozen=True)
class Cli:
    """How the command line spells a field (in the field's ``Annotated`` metadata).

    Attributes:
        metavar: The value's placeholder in ``--help``.
        flag: The option's name when it is not the field's (``--set`` for `assignments`).
        argument: A positional argument (every one given, for a tuple) instead of an option.
        comma: A tuple given as one comma-separated value (``--budget 100e6,250e6``).
        folder: A path naming a folder (True) or a file (False); None: either.
        show_default: What ``--help`` shows as the default (True: the default itself).
        execution: Where the runs go, not what they compute: neither saved nor re-run.
    """

    metavar: str | None = None
    flag: str | None = None
    argument: bool = False
    comma: bool = False
    folder: bool | None = None
    show_default: bool | str = True
    execution: bool = False


CPUS = os.cpu_count() or 1
OFFICE_HELP = ("The office the scenarios are applied to: an office profile (a TOML file with an "
               "[office] table, see 'hrsim office init') or a scenario whose parameters and "
               "policies are the base (e.g. the office-calibrated.toml of 'hrsim calibrate').")
Seed = Annotated[int, Field(ge=0, le=2**63 - 1)]  # numpy's integer seeds
Days = Annotated[int, Field(ge=1, le=100_000)]
Lang = Annotated[Literal[LANGUAGES], Field(
    description="Language of the report: Bahasa Indonesia or English.")]
Office = Annotated[str | None, Field(description=OFFICE_HELP), Cli(metavar="NAME|PATH")]
Workers = Annotated[int, Field(ge=1, le=4_096, description="Local worker processes."),
                    Cli(show_default="the number of CPUs", execution=True)]
Scheduler = Annotated[str | None, Field(description="An existing Dask scheduler to run on."),
                      Cli(metavar="ADDRESS", execution=True)]
Folder = Annotated[Path, Cli(folder=True)]
Posterior = Annotated[Path | None, Cli(folder=True, metavar="DIR")]


class JobSpec(BaseModel):
    """What every job's spec does: its click parameters, defaults and re-run command line."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)
    kind: ClassVar[str]

    @classmethod
    def options(cls, body: Callable[[Self], None]) -> Callable[..., None]:
        """Decorate a click command's body, taking the spec, with the spec's parameters."""
        @functools.wraps(body)
        def command(**values: Any) -> None:
            body(cls.from_options(**values))

        for name, field in reversed(cls.model_fields.items()):
            command = parameter(name, field)(command)
        return command

    @classmethod
    def from_options(cls, **values: Any) -> Self:
        """The spec of a command's parameters.

        Raises:
            InputError: One line naming the option and what is wrong.
        """
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            error = exc.errors()[0]
            name = str(error["loc"][0])
            message = str(error.get("ctx", {}).get("error") or error["msg"])
            flag = option_name(name, cls.model_fields[name])
            raise InputError(message if message.startswith(flag) else f"{flag}: {message}") \
                from None

    @classmethod
    def attempt(cls, **values: Any) -> Self | None:
        """The spec of a form's values, None if they are not valid (the form cannot start it)."""
        try:
            return cls.model_validate(values)
        except ValueError:  # pydantic's ValidationError, or an InputError of a validator
            return None

    @classmethod
    def default(cls, name: str) -> Any:
        """The default of the field `name`."""
        return cls.model_fields[name].get_default(call_default_factory=True)

    @classmethod
    def bounds(cls, name: str) -> tuple[Any, Any]:
        """The lowest and highest value of the field `name` (of its items), None if unbounded."""
        bounds = limits(shape(cls.model_fields[name])[1])
        return bounds.get("min"), bounds.get("max")

    @classmethod
    def example(cls, name: str) -> Any:
        """An example of the field `name` (a starting value where the command has no default)."""
        return cls.model_fields[name].examples[0]

    def settings(self) -> dict[str, Any]:
        """The spec as JSON data, without where it runs (a planner job's saved settings)."""
        return self.model_dump(mode="json", exclude=execution_fields(type(self)))

    @classmethod
    def of_settings(cls, settings: dict[str, Any], **execution: Any) -> Self:
        """The spec of a job's saved settings (`JobSpec.settings`), run with `execution`."""
        return cls.model_validate_json(json.dumps({**settings, **execution}))

    def command_line(self) -> str:
        """The job as an ``hrsim`` command line (without ``--workers`` and ``--scheduler``)."""
        arguments: list[str] = []
        options: list[str] = []
        for name, field in type(self).model_fields.items():
            cli, value = spelling(field), getattr(self, name)
            if cli.execution or value is None or value is False or value == ():
                continue
            flag = option_name(name, field)
            if cli.argument:
                arguments += [str(v) for v in value] if isinstance(value, tuple) else [str(value)]
            elif value is True:
                options.append(flag)
            elif cli.comma:
                options += [flag, ",".join(str(v) for v in value)]
            elif isinstance(value, tuple):
                options += [arg for v in value for arg in (flag, str(v))]
            else:
                options += [flag, str(value)]
        return shlex.join(["hrsim", self.kind, *arguments, *options])


def execution_fields(spec: type[JobSpec]) -> set[str]:
    """The fields of `spec` that say where the runs go (``workers``, ``scheduler``)."""
    return {name for name, field in spec.model_fields.items() if spelling(field).execution}


def spelling(field: FieldInfo) -> Cli:
    """How the command line spells `field` (its `Cli`, or that of its type's)."""
    return next((m for m in metadata_of(field) if isinstance(m, Cli)), Cli())


def metadata_of(field: FieldInfo) -> list[Any]:
    """Everything annotated on `field` and on its type (bounds, `Cli`)."""
    return [*field.metadata, *unwrap(field.annotation)[1]]


def option_name(name: str, field: FieldInfo) -> str:
    """The option of the field `name` (``--budget-runs``), or its metavar if an argument."""
    cli = spelling(field)
    if cli.argument:
        return cli.metavar or name.upper()
    return "--" + (cli.flag or name.replace("_", "-"))


def unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """A type without ``None`` and ``Annotated``, and the metadata that was around it."""
    metadata: list[Any] = []
    while True:
        if typing.get_origin(annotation) is Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata += [m for e in extra for m in (e.metadata if isinstance(e, FieldInfo)
                                                    else [e])]
        elif typing.get_origin(annotation) in (types.UnionType, typing.Union):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation, metadata


def shape(field: FieldInfo) -> tuple[Any, list[Any], bool]:
    """A field's type (its items', for a tuple), their metadata, and whether it is a tuple."""
    annotation = unwrap(field.annotation)[0]
    if typing.get_origin(annotation) is tuple:
        return *unwrap(typing.get_args(annotation)[0]), True
    return annotation, metadata_of(field), False


def limits(metadata: Sequence[Any]) -> dict[str, Any]:
    """The bounds in `metadata` as click's ranges take them (``min``, ``max_open``...)."""
    bounds: dict[str, Any] = {}
    for m in metadata:
        if isinstance(m, annotated_types.Ge | annotated_types.Gt):
            bounds |= {"min": getattr(m, "ge", getattr(m, "gt", None)),
                       "min_open": isinstance(m, annotated_types.Gt)}
        elif isinstance(m, annotated_types.Le | annotated_types.Lt):
            bounds |= {"max": getattr(m, "le", getattr(m, "lt", None)),
                       "max_open": isinstance(m, annotated_types.Lt)}
    return bounds


def click_type(annotation: Any, metadata: Sequence[Any], cli: Cli) -> click.ParamType | None:
    """The click type of a value of `annotation` with the bounds in `metadata`."""
    bounds = limits(metadata)
    if annotation is int:
        return click.IntRange(**bounds) if bounds else click.INT
    if annotation is float:
        return click.FloatRange(**bounds) if bounds else click.FLOAT
    if typing.get_origin(annotation) is Literal:
        return click.Choice(typing.get_args(annotation))
    if annotation is Path:
        return click.Path(path_type=Path, file_okay=cli.folder is not True,
                          dir_okay=cli.folder is not False)
    return None  # text


def type_of(annotation: Any) -> click.ParamType | None:
    """The click type of a value of `annotation` (e.g. `Days`: its range)."""
    return click_type(*unwrap(annotation), Cli())


class CommaList(click.ParamType):
    """A tuple given as one comma-separated value, each item of the type `item`."""

    name = "list"

    def __init__(self, item: click.ParamType | None) -> None:
        self.item = item or click.STRING

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> tuple[Any, ...]:
        """Split on commas and convert each item (a default tuple is kept as it is)."""
        if isinstance(value, tuple):
            return value
        return tuple(self.item.convert(v.strip(), param, ctx) for v in value.split(",")
                     if v.strip())


def parameter(name: str, field: FieldInfo) -> Callable[[Callable], Callable]:
    """The click argument or option of the field `name`."""
    cli = spelling(field)
    annotation, metadata, many = shape(field)
    kind = click_type(annotation, metadata, cli)
    if cli.argument:
        return click.argument(name, nargs=-1 if many else 1, type=kind,
                              metavar=f"[{cli.metavar}]..." if many else None)
    flag = option_name(name, field)
    if annotation is bool:
        return click.option(flag, name, is_flag=True, help=field.description)
    default = None if field.is_required() else field.get_default(call_default_factory=True)
    shown = cli.show_default if default not in (None, ()) else False
    if cli.comma:
        kind = CommaList(kind)
        shown = ",".join(map(str, default)) if shown is True else shown
    return click.option(flag, name, type=kind, multiple=many and not cli.comma,
                        default=default, required=field.is_required(), show_default=shown,
                        metavar=cli.metavar, help=field.description)


def office_of(office: str | None) -> Scenario | None:
    """The office a profile or scenario (name or path) describes, None for none."""
    from hrsim.scenarios.profile import load_office

    return None if office is None else load_office(office)


class CompareSpec(JobSpec):
    """``hrsim compare``: scenarios against a reference, with their uncertainty, as a report."""

    kind: ClassVar[str] = "compare"
    scenarios: Annotated[tuple[str, ...], Cli(argument=True, metavar="SCENARIO")] = ()
    reference: Annotated[str, Field(
        description="The scenario every other one is compared with."),
        Cli(metavar="NAME|PATH")] = "baseline"
    reps: Annotated[int, Field(ge=2, le=10_000, description=(
        "Replications per scenario (replication r uses the same seed in all)."))] = 20
    office: Office = None
    posterior: Annotated[Posterior, Field(description=(
        "A calibration folder ('hrsim calibrate --out'): every replication is also run with "
        "its own draw from the posterior, on the calibrated office unless --office is "
        "given."))] = None
    uncertainty: Annotated[Annotated[int, Field(ge=2, le=100_000)] | None, Field(description=(
        "Also run N replications that each draw the key assumptions ('hrsim.assumptions') "
        "from their plausible ranges, the same in every scenario (with --posterior: the "
        "office's parameters too).")), Cli(metavar="N")] = None
    days: Annotated[Days, Field(description="Working days per run (250 = one year).")] = \
        WORKING_DAYS_PER_YEAR
    seed: Annotated[Seed, Field(description="Base seed of the replications.")] = 0
    workers: Workers = CPUS
    scheduler: Scheduler = None
    lang: Lang = LANGUAGES[0]
    out: Annotated[Folder, Field(description="Folder of the report.")] = Path("reports/compare")
    assignments: Annotated[tuple[str, ...], Field(description=(
        "Override a parameter in every scenario (repeatable); see 'hrsim params'.")),
        Cli(flag="set", metavar="KEY=VALUE")] = ()

    def compare(self, report: Report = unreported, progress: str | None = None) -> Comparison:
        """Run the comparison (without writing its report).

        Args:
            report: Called with (runs done, runs in all) as runs finish.
            progress: Label of a progress bar on stderr (None: none).
        """
        from hrsim.analysis.compare import compare_on_office
        from hrsim.params import parse_assignments

        return compare_on_office(
            self.scenarios, reference=self.reference, office=office_of(self.office),
            posterior=self.posterior, uncertainty=self.uncertainty, reps=self.reps,
            days=self.days, seed=self.seed, params=parse_assignments(list(self.assignments)),
            workers=self.workers, scheduler=self.scheduler, lang=self.lang, progress=progress,
            report=report)

    def run(self, report: Report = unreported,
            progress: str | None = None) -> tuple[Comparison, list[Path]]:
        """Run the comparison and write its report into `out`.

        Args:
            report: Called with (runs done, runs in all) as runs finish.
            progress: Label of a progress bar on stderr (None: none).

        Returns:
            The comparison, and the report's files (the HTML page first).
        """
        from hrsim.report.compare import write_report

        comparison = self.compare(report, progress)
        return comparison, write_report(comparison, self.out, self.lang)


class CalibrateSpec(JobSpec):
    """``hrsim calibrate``: the office's assumed parameters inferred from its SKM data."""

    kind: ClassVar[str] = "calibrate"
    skm: Annotated[tuple[Path, ...], Field(min_length=1, description=(
        "An SKM file (repeatable): respondent answers or a published table, as read by "
        "'hrsim ikm'."))]
    office: Annotated[str, Field(
        description="The office: a profile ('hrsim office init') or a scenario."),
        Cli(metavar="NAME|PATH")] = "baseline"
    periods: Annotated[tuple[str, ...], Field(
        description="The periods to fit (default: all in the data)."),
        Cli(comma=True, metavar="P1,P2,...")] = ()
    sheet: Annotated[str | None, Field(
        description="The XLSX sheet to read (default: the first)."), Cli(metavar="NAME")] = None
    order: Annotated[tuple[str, ...], Field(description="Column order, as for 'hrsim ikm'."),
                     Cli(comma=True, metavar="U1,...,U9")] = ELEMENTS
    out: Annotated[Folder, Field(description=(
        "Folder of the calibration: history database, posterior and report."))] = \
        Path("reports/calibration")
    budget_runs: Annotated[int, Field(ge=20, le=10_000_000, description=(
        "Model runs of the design (resumed ones included)."))] = 400
    workers: Workers = CPUS
    scheduler: Scheduler = None
    resume: Annotated[bool, Field(description="Continue the calibration in --out.")] = False
    seed: Annotated[Seed, Field(description="Base seed of the simulations.")] = 0
    lang: Lang = LANGUAGES[0]

    @field_validator("order")
    @classmethod
    def _nine_elements(cls, order: tuple[str, ...]) -> tuple[str, ...]:
        """U1..U9 each once (``u9`` and ``9`` are read as U9)."""
        from hrsim.skm import parse_order

        return parse_order(",".join(order))

    def run(self, report: Report = unreported) -> list[Path]:
        """Calibrate and write the report into `out`.

        Args:
            report: Called with (design runs done, `budget_runs`) as they finish.

        Returns:
            The files written, the report last.
        """
        from hrsim.report.calibration import run_calibration

        return run_calibration(
            self.skm, self.out, office=self.office, periods=self.periods, sheet=self.sheet,
            order=self.order, budget_runs=self.budget_runs, workers=self.workers,
            scheduler=self.scheduler, resume=self.resume, seed=self.seed, lang=self.lang,
            report=lambda runs: report(runs, self.budget_runs))


class OptimizeSpec(JobSpec):
    """``hrsim optimize``: the best policy portfolios for an annual budget."""

    kind: ClassVar[str] = "optimize"
    budget: Annotated[tuple[Annotated[float, Field(gt=0)], ...], Field(
        min_length=1, examples=[(250e6,)], description=(
            "Annual budget(s) in Rp, e.g. 250e6 or 100e6,250e6,500e6.")),
        Cli(comma=True, metavar="RP[,RP...]")]
    office: Office = None
    posterior: Annotated[Posterior, Field(description=(
        "A calibration folder: each replication draws the office's parameters."))] = None
    uncertainty: Annotated[bool, Field(description=(
        "Each replication also draws the key assumptions ('hrsim.assumptions')."))] = False
    years: Annotated[int, Field(ge=1, le=20, description="Years simulated per run.")] = 1
    objective: Annotated[Literal["ikm,trust", "ikm", "trust,ikm", "trust"], Field(description=(
        "What to raise (the first decides the recommendation); cost is always the last "
        "objective."))] = "ikm,trust"
    trials: Annotated[int, Field(ge=2, le=100_000, description=(
        "Portfolios to evaluate (resumed ones included)."))] = 120
    reps: Annotated[int, Field(ge=2, le=1_000, description=(
        "Replications per portfolio (common random numbers with the baseline)."))] = 4
    workers: Workers = CPUS
    scheduler: Scheduler = None
    out: Annotated[Folder, Field(description="Folder of the search.")] = Path("reports/optimize")
    resume: Annotated[bool, Field(description="Continue the search in --out.")] = False
    seed: Annotated[Seed, Field(description=(
        "Base seed of the replications and of the search."))] = 0
    lang: Lang = LANGUAGES[0]

    @field_validator("budget")
    @classmethod
    def _ascending(cls, budget: tuple[float, ...]) -> tuple[float, ...]:
        """The budgets from the smallest up."""
        return tuple(sorted(budget))

    def run(self, report: Report = unreported) -> list[Path]:
        """Search the portfolios and write the report into `out`.

        Args:
            report: Called with (trials evaluated, `trials`).

        Returns:
            The files written, the report first.
        """
        from hrsim.report.optimize import run_optimization

        return run_optimization(
            self.budget, self.out, office=office_of(self.office), posterior=self.posterior,
            uncertainty=self.uncertainty, years=self.years,
            objectives=self.objective.split(","), trials=self.trials, reps=self.reps,
            workers=self.workers, scheduler=self.scheduler, resume=self.resume, seed=self.seed,
            lang=self.lang, progress=lambda trials: report(trials, self.trials))


class BatchSpec(JobSpec):
    """``hrsim batch``: an experiment file's design × replications, resumably, on Dask."""

    kind: ClassVar[str] = "batch"
    experiment: Annotated[Path, Cli(argument=True, folder=False)]
    out: Annotated[Folder | None, Field(description=(
        "Results folder (run the same command again to resume)."))] = None
    office: Office = None
    workers: Annotated[Workers, Field(description="Processes of the local Dask cluster.")] = \
        CPUS
    scheduler: Annotated[Scheduler, Field(description=(
        "An existing Dask scheduler (default: $DASK_SCHEDULER_ADDRESS, else a local "
        "cluster)."))] = None
    retry_failed: Annotated[bool, Field(
        description="Run again the runs recorded as failed.")] = False
    posterior: Annotated[Posterior, Field(description=(
        "A calibration folder: replication r of every point runs with the posterior's r-th "
        "draw (overrides design.posterior)."))] = None
    samples: Annotated[Annotated[int, Field(ge=1, le=10_000_000)] | None, Field(
        description="Override design.samples (e.g. every office of a design table).")] = None
    run_id: Annotated[str | None, Field(description=(
        "Run only this run (e.g. p0012-r03) here and print its summary as JSON; writes "
        "nothing.")), Cli(flag="run", metavar="RUN_ID")] = None

    def load(self) -> Experiment:
        """The experiment, with the office, posterior and samples given."""
        from hrsim.batch import load_experiment

        return load_experiment(self.experiment, samples=self.samples,
                               office=office_of(self.office), posterior=self.posterior)

    def run(self) -> tuple[Experiment, BatchOutcome]:
        """Run every run of the experiment not yet in `out`.

        Raises:
            InputError: No results folder (`out`) is given.
        """
        from hrsim.batch import run_batch

        if self.out is None:
            raise InputError("--out is required (the results folder)")
        experiment = self.load()
        return experiment, run_batch(experiment, self.out, workers=self.workers,
                                     scheduler=self.scheduler, retry_failed=self.retry_failed)


SPECS: dict[str, type[JobSpec]] = {spec.kind: spec for spec in (CompareSpec, CalibrateSpec,
                                                                  OptimizeSpec, BatchSpec)}
