"""``hrsim batch``: run an experiment file's design × replications, resumably, on Dask."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hrsim.cli import cli, office_option

if TYPE_CHECKING:
    from hrsim.scenarios import Scenario


@cli.command()
@click.argument("experiment", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Results folder (run the same command again to resume).")
@office_option()
@click.option("--workers", type=click.IntRange(1, 4096), default=os.cpu_count() or 1,
              show_default="all cores", help="Processes of the local Dask cluster.")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="An existing Dask scheduler (default: $DASK_SCHEDULER_ADDRESS, else a local "
                   "cluster).")
@click.option("--retry-failed", is_flag=True, help="Run again the runs recorded as failed.")
@click.option("--posterior", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="A calibration folder: replication r of every point runs with the "
                   "posterior's r-th draw (overrides design.posterior).")
@click.option("--samples", type=click.IntRange(1, 10_000_000),
              help="Override design.samples (e.g. every office of a design table).")
@click.option("--run", "run_id", metavar="RUN_ID",
              help="Run only this run (e.g. p0012-r03) here and print its summary as JSON; "
                   "writes nothing.")
def batch(experiment: Path, out: Path | None, office: Scenario | None, workers: int,
          scheduler: str | None, retry_failed: bool, posterior: Path | None,
          samples: int | None,
          run_id: str | None) -> None:
    """Run the experiment EXPERIMENT (a TOML file) and stream each run's result into --out.

    With --office, the experiment's scenario and every scenario level are applied to that office.
    """
    from hrsim.batch import design_points, load_experiment, run_batch
    from hrsim.batch.design import find

    chosen = load_experiment(experiment, samples=samples, office=office, posterior=posterior)
    if run_id is not None:
        import hrsim

        job = find(chosen, design_points(chosen), run_id)
        click.echo(hrsim.simulate(hrsim.RunSpec(job.scenario, job.seed, job.days)).to_json())
        return
    if out is None:
        raise click.UsageError("--out is required (the results folder)")
    outcome = run_batch(chosen, out, workers=workers, scheduler=scheduler,
                        retry_failed=retry_failed)
    click.echo(f"{chosen.name}: {outcome.total:,} runs in {out}/ — {outcome.ran:,} finished now, "
               f"{outcome.skipped:,} done before, {outcome.failed:,} failed now")
    if outcome.failed_total:
        click.echo(f"{outcome.failed_total:,} runs failed: errors and tracebacks in "
                   f"{out}/failures/; fix the cause and rerun with --retry-failed")
        sys.exit(1)
    click.echo(f"Analyse with: hrsim analyze {out}")
