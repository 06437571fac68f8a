"""``hrsim validate``: check the model against theory and against real patterns.

``queue``: the counter against Erlang C; ``patterns``: pattern-oriented validation (P1–P7).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from hrsim.cli import cli, lang_option, office_option, seed_option
from hrsim.errors import InputError
from hrsim.scenarios import Scenario
from hrsim.specs import CPUS, Workers, type_of


@cli.group()
def validate() -> None:
    """Check the model against theory and real patterns."""


@validate.command()
@click.option("--arrivals-per-hour", type=click.FloatRange(min=0, min_open=True),
              required=True, help="Poisson arrival rate λ per hour.")
@click.option("--service-minutes", type=click.FloatRange(min=0, min_open=True),
              required=True, help="Mean (exponential) service time in minutes.")
@click.option("--desks", type=click.IntRange(1, 200), required=True, help="Servers c.")
@click.option("--customers", type=click.IntRange(1_000, 50_000_000), default=200_000,
              show_default=True)
@seed_option()
@click.option("--json", "as_json", is_flag=True)
def queue(arrivals_per_hour: float, service_minutes: float, desks: int, customers: int,
          seed: int, as_json: bool) -> None:
    """The model's counter (M/M/c settings) beside Erlang C."""
    from hrsim.analysis.queueing import validate_queue

    try:
        result = validate_queue(arrivals_per_hour, service_minutes, desks, customers, seed)
    except ValueError as exc:
        raise InputError(f"--arrivals-per-hour/--service-minutes/--desks: {exc}; "
                         "lower the load or add desks") from None
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    sim, theory, err = result["simulated"], result["erlang_c"], result["relative_error"]
    click.echo(f"M/M/{desks}: λ = {arrivals_per_hour}/h, 1/μ = {service_minutes} min, "
               f"{customers:,} customers, seed {seed}")
    click.echo(f"{'':22}{'simulated':>12}{'Erlang C':>12}{'rel. error':>12}")
    for key, label in (("wait_mean_min", "mean wait (min)"), ("p_wait", "P(wait)"),
                       ("utilisation", "utilisation")):
        click.echo(f"{label:22}{sim[key]:12.4f}{theory[key]:12.4f}{100 * err[key]:11.2f}%")
    click.echo(f"(standard error of the simulated mean wait: {sim['wait_mean_se']:.4f} min)")


@validate.command()
@click.option("--reps", type=click.IntRange(2, 10_000), default=6, show_default=True,
              help="Replications (each five years of the baseline and of the HR package).")
@seed_option("Base seed of the replications.")
@office_option()
@click.option("--workers", type=type_of(Workers), default=CPUS,
              show_default="the number of CPUs", help="Local worker processes.")
@click.option("--json", "as_json", is_flag=True, help="Print the verdicts as JSON.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Write patterns.csv, patterns.json and report.html here.")
@lang_option("Language of the table and the report.")
def patterns(reps: int, seed: int, office: Scenario | None, workers: int, as_json: bool,
             out: Path | None, lang: str) -> None:
    """The model against real patterns (P1–P7); exit status 1 when a pattern fails."""
    from hrsim.analysis.patterns import run_patterns, table
    from hrsim.report.patterns import text, write

    verdicts = run_patterns(office, reps=reps, seed=seed, workers=workers,
                            progress="patterns")
    settings = {"reps": reps, "seed": seed, "office": office.name if office else "baseline"}
    if out is not None:
        write(out, verdicts, settings, lang)
    if as_json:
        click.echo(json.dumps(table(verdicts).to_dict(orient="records"), indent=2))
    else:
        click.echo(text(verdicts, lang))
    if not all(v.passed for v in verdicts):
        sys.exit(1)
