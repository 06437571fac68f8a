"""``hrsim optimize``: the best policy portfolios for an annual budget."""

from __future__ import annotations

import click

from hrsim.cli import cli
from hrsim.i18n import t
from hrsim.specs import OptimizeSpec


@cli.command()
@OptimizeSpec.options
def optimize(spec: OptimizeSpec) -> None:
    """Search policy portfolios under an annual budget and recommend one per budget.

    Optuna's multi-objective TPE over the library's levers, intensities and start days; each
    recommendation is written as a scenario file for 'hrsim compare'.
    """
    from tqdm import tqdm

    with tqdm(total=spec.trials, desc=t("opt.cli.progress", spec.lang), unit="trial") as bar:
        paths = spec.run(lambda trials, _total: bar.update(trials - bar.n))
    click.echo(t("opt.cli.written", spec.lang, path=paths[0]))
