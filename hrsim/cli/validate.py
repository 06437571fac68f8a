"""``hrsim validate``: check the model against theory (the counter against Erlang C)."""

from __future__ import annotations

import json

import click

from hrsim.cli import cli, seed_option
from hrsim.errors import InputError


@cli.group()
def validate() -> None:
    """Check the model against theory."""


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
