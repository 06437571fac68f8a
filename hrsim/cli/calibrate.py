"""``hrsim calibrate``: the office's assumed parameters inferred from its SKM data."""

from __future__ import annotations

import click

from hrsim.cli import cli
from hrsim.i18n import t
from hrsim.specs import CalibrateSpec


@cli.command()
@CalibrateSpec.options
def calibrate(spec: CalibrateSpec) -> None:
    """Infer the office's assumed parameters from its SKM data, with a report.

    Model runs over the priors, an emulator fitted to them, and MCMC on the emulator with the
    survey's sampling error in the likelihood. Interrupted, it continues with --resume.
    """
    from tqdm import tqdm

    from hrsim.calibration import PRIORS, Posterior

    lang = spec.lang
    with tqdm(total=spec.budget_runs, desc=t("calib.cli.progress", lang), unit="run") as bar:
        def report(runs: int, total: int) -> None:
            bar.update(runs - bar.n)
            if runs == total:
                bar.set_postfix_str(t("calib.cli.inference", lang))

        paths = spec.run(report)
    edges = [k for k in PRIORS if Posterior.read(spec.out).at_edge(k)]
    if edges:
        click.echo(t("calib.cli.edge", lang, names=", ".join(edges)), err=True)
    click.echo(t("calib.cli.written", lang, path=paths[-1]))
