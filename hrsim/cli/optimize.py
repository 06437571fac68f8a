"""``hrsim optimize``: the best policy portfolios for an annual budget."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hrsim.cli import cli, lang_option, office_option, seed_option
from hrsim.i18n import t

if TYPE_CHECKING:
    from hrsim.scenarios import Scenario


def budgets(ctx: click.Context, param: click.Parameter, value: str) -> list[float]:
    """``100e6,250e6``: budgets in Rp per year, positive numbers."""
    try:
        levels = sorted(float(v) for v in value.split(","))
    except ValueError:
        raise click.BadParameter(f"{value!r}: give Rp per year as numbers, e.g. 100e6,250e6") \
            from None
    if not levels or min(levels) <= 0:
        raise click.BadParameter(f"{value!r}: budgets must be above 0")
    return levels


@cli.command()
@click.option("--budget", required=True, callback=budgets, metavar="RP[,RP...]",
              help="Annual budget(s) in Rp, e.g. 250e6 or 100e6,250e6,500e6.")
@office_option()
@click.option("--posterior", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="A calibration folder: each replication draws the office's parameters.")
@click.option("--uncertainty", is_flag=True,
              help="Each replication also draws the key assumptions ('hrsim.assumptions').")
@click.option("--years", type=click.IntRange(1, 20), default=1, show_default=True,
              help="Years simulated per run.")
@click.option("--objective", type=click.Choice(["ikm,trust", "ikm", "trust,ikm", "trust"]),
              default="ikm,trust", show_default=True,
              help="What to raise (the first decides the recommendation); cost is always the "
                   "last objective.")
@click.option("--trials", type=click.IntRange(2, 100_000), default=120, show_default=True,
              help="Portfolios to evaluate (resumed ones included).")
@click.option("--reps", type=click.IntRange(2, 1_000), default=4, show_default=True,
              help="Replications per portfolio (common random numbers with the baseline).")
@click.option("--workers", type=click.IntRange(1, 1_024), default=os.cpu_count() or 1,
              show_default="the number of CPUs", help="Local worker processes.")
@click.option("--scheduler", metavar="ADDRESS", help="An existing Dask scheduler to run on.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("reports/optimize"), show_default=True, help="Folder of the search.")
@click.option("--resume", is_flag=True, help="Continue the search in --out.")
@seed_option("Base seed of the replications and of the search.")
@lang_option("Language of the report: Bahasa Indonesia or English.")
def optimize(budget: list[float], office: Scenario | None, posterior: Path | None,
             uncertainty: bool, years: int, objective: str, trials: int, reps: int,
             workers: int, scheduler: str | None, out: Path, resume: bool, seed: int,
             lang: str) -> None:
    """Search policy portfolios under an annual budget and recommend one per budget.

    Optuna's multi-objective TPE over the library's levers, intensities and start days; each
    recommendation is written as a scenario file for 'hrsim compare'.
    """
    from tqdm import tqdm

    from hrsim.report.optimize import run_optimization

    with tqdm(total=trials, desc=t("opt.cli.progress", lang), unit="trial") as bar:
        paths = run_optimization(budget, out, office=office, posterior=posterior,
                                 uncertainty=uncertainty, years=years,
                                 objectives=objective.split(","), trials=trials, reps=reps,
                                 workers=workers, scheduler=scheduler, resume=resume, seed=seed,
                                 lang=lang, progress=lambda n: bar.update(n - bar.n))
    click.echo(t("opt.cli.written", lang, path=paths[0]))
