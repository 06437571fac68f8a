"""``hrsim calibrate``: the office's assumed parameters inferred from its SKM data."""

from __future__ import annotations

import os
from pathlib import Path

import click

from hrsim.cli import cli, lang_option, seed_option
from hrsim.elements import ELEMENTS
from hrsim.i18n import t


@cli.command()
@click.option("--skm", "files", multiple=True, required=True, type=click.Path(path_type=Path),
              help="An SKM file (repeatable): respondent answers or a published table, as read "
                   "by 'hrsim ikm'.")
@click.option("--office", metavar="NAME|PATH", default="baseline", show_default=True,
              help="The office: a profile ('hrsim office init') or a scenario.")
@click.option("--periods", metavar="P1,P2,...", default="",
              help="The periods to fit (default: all in the data).")
@click.option("--sheet", metavar="NAME", help="The XLSX sheet to read (default: the first).")
@click.option("--order", metavar="U1,...,U9", help="Column order, as for 'hrsim ikm'.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("reports/calibration"), show_default=True,
              help="Folder of the calibration: history database, posterior and report.")
@click.option("--budget-runs", type=click.IntRange(20, 10_000_000), default=400,
              show_default=True, help="Model runs of the design (resumed ones included).")
@click.option("--workers", type=click.IntRange(1, 1_024), default=os.cpu_count() or 1,
              show_default="the number of CPUs", help="Local worker processes.")
@click.option("--scheduler", metavar="ADDRESS", help="An existing Dask scheduler to run on.")
@click.option("--resume", is_flag=True, help="Continue the calibration in --out.")
@seed_option("Base seed of the simulations.")
@lang_option("Language of the report: Bahasa Indonesia or English.")
def calibrate(files: tuple[Path, ...], office: str, periods: str, sheet: str | None,
              order: str | None, out: Path, budget_runs: int, workers: int,
              scheduler: str | None, resume: bool, seed: int, lang: str) -> None:
    """Infer the office's assumed parameters from its SKM data, with a report.

    Model runs over the priors, an emulator fitted to them, and MCMC on the emulator with the
    survey's sampling error in the likelihood. Interrupted, it continues with --resume.
    """
    from tqdm import tqdm

    from hrsim.report.calibration import run_calibration
    from hrsim.skm import parse_order

    with tqdm(total=budget_runs, desc=t("calib.cli.progress", lang), unit="run") as bar:
        def report(runs: int) -> None:
            bar.update(runs - bar.n)
            if runs == budget_runs:
                bar.set_postfix_str(t("calib.cli.inference", lang))

        paths = run_calibration(files, out, office=office,
                                periods=[p.strip() for p in periods.split(",") if p.strip()],
                                sheet=sheet, order=parse_order(order) if order else ELEMENTS,
                                budget_runs=budget_runs, workers=workers, scheduler=scheduler,
                                resume=resume, seed=seed, lang=lang, report=report)
    from hrsim.calibration import PRIORS, Posterior

    edges = [k for k in PRIORS if Posterior.read(out).at_edge(k)]
    if edges:
        click.echo(t("calib.cli.edge", lang, names=", ".join(edges)), err=True)
    click.echo(t("calib.cli.written", lang, path=paths[-1]))
