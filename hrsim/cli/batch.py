"""``hrsim batch``: run an experiment file's design × replications, resumably, on Dask."""

from __future__ import annotations

import sys

import click

from hrsim.cli import cli
from hrsim.specs import BatchSpec


@cli.command()
@BatchSpec.options
def batch(spec: BatchSpec) -> None:
    """Run the experiment EXPERIMENT (a TOML file) and stream each run's result into --out.

    With --office, the experiment's scenario and every scenario level are applied to that office.
    """
    if spec.run_id is not None:
        import hrsim
        from hrsim.batch import design_points
        from hrsim.batch.design import find

        chosen = spec.load()
        job = find(chosen, design_points(chosen), spec.run_id)
        click.echo(hrsim.simulate(hrsim.RunSpec(job.scenario, job.seed, job.days)).to_json())
        return
    chosen, outcome = spec.run()
    out = spec.out
    click.echo(f"{chosen.name}: {outcome.total:,} runs in {out}/ — {outcome.ran:,} finished now, "
               f"{outcome.skipped:,} done before, {outcome.failed:,} failed now")
    if outcome.failed_total:
        click.echo(f"{outcome.failed_total:,} runs failed: errors and tracebacks in "
                   f"{out}/failures/; fix the cause and rerun with --retry-failed")
        sys.exit(1)
    click.echo(f"Analyse with: hrsim analyze {out}")
