"""``hrsim compare``: scenarios against the baseline, with honest uncertainty, as a report."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hrsim.cli import cli, days_option, lang_option, office_option, seed_option, set_option
from hrsim.i18n import t

if TYPE_CHECKING:
    from hrsim.analysis.compare import Comparison
    from hrsim.scenarios import Scenario

DEFAULT_OUT = Path("reports/compare")


@cli.command()
@click.argument("scenarios", nargs=-1, metavar="[SCENARIO]...")
@click.option("--reference", default="baseline", show_default=True, metavar="NAME|PATH",
              help="The scenario every other one is compared with.")
@click.option("--reps", type=click.IntRange(2, 10_000), default=20, show_default=True,
              help="Replications per scenario (replication r uses the same seed in all).")
@office_option()
@click.option("--posterior", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="A calibration folder ('hrsim calibrate --out'): every replication is also "
                   "run with its own draw from the posterior, on the calibrated office unless "
                   "--office is given.")
@click.option("--uncertainty", type=click.IntRange(2, 100_000), metavar="N",
              help="Also run N replications that each draw the key assumptions "
                   "('hrsim.assumptions') from their plausible ranges, the same in every "
                   "scenario (with --posterior: the office's parameters too).")
@days_option("Working days per run (250 = one year).")
@seed_option("Base seed of the replications.")
@click.option("--workers", type=click.IntRange(1, 1_024), default=os.cpu_count() or 1,
              show_default="the number of CPUs", help="Local worker processes.")
@lang_option("Language of the report: Bahasa Indonesia or English.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Folder of the report.")
@set_option("Override a parameter in every scenario (repeatable); see 'hrsim params'.")
def compare(scenarios: tuple[str, ...], reference: str, office: Scenario | None,
            posterior: Path | None, uncertainty: int | None, reps: int, days: int, seed: int,
            workers: int, lang: str, out: Path, assignments: tuple[str, ...]) -> None:
    """Compare scenarios with the baseline and write an HTML report and a CSV table.

    SCENARIO is a built-in name ('hrsim scenarios') or a TOML path; without any, the whole
    built-in library is compared.
    """
    from hrsim.analysis.compare import compare_on_office
    from hrsim.params import parse_assignments
    from hrsim.report.compare import write_report

    params = parse_assignments(list(assignments))
    comparison = compare_on_office(scenarios, reference=reference, office=office,
                                   posterior=posterior, uncertainty=uncertainty, reps=reps,
                                   days=days, seed=seed, params=params, workers=workers,
                                   lang=lang, progress="compare")
    files = write_report(comparison, out, lang)
    click.echo(summary_lines(comparison, lang))
    click.echo("\n" + t("report.cli.written", lang, path=files[0]))


def summary_lines(comparison: Comparison, lang: str) -> str:
    """Each scenario's IKM and its difference from the reference, one line each."""
    from hrsim.report.compare import ReportView

    view = ReportView(comparison, lang)
    width = max(len(s.name) for s in comparison.scenarios)
    heading = f"{t('report.ikm_diff', lang)} [95%]"
    lines = [f"{t('scenario', lang):<{width}}  {'IKM [95%]':<24}  {heading}"]
    for scenario in comparison.scenarios:
        if scenario is comparison.reference:
            diff = f"({t('report.reference', lang)})"
        else:
            verdict = t(f"report.verdict.{view.verdict(scenario, 'ikm')}", lang)
            diff = f"{view.diff(scenario, 'ikm'):<24}  {verdict}"
        lines.append(f"{scenario.name:<{width}}  {view.mean(scenario, 'ikm'):<24}  {diff}")
    return "\n".join(lines)
