"""``hrsim compare``: scenarios against the baseline, with honest uncertainty, as a report."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from hrsim.cli import cli
from hrsim.i18n import t
from hrsim.specs import CompareSpec

if TYPE_CHECKING:
    from hrsim.analysis.compare import Comparison


@cli.command()
@CompareSpec.options
def compare(spec: CompareSpec) -> None:
    """Compare scenarios with the baseline and write an HTML report and a CSV table.

    SCENARIO is a built-in name ('hrsim scenarios') or a TOML path; without any, the whole
    built-in library is compared.
    """
    from hrsim.analysis.compare import FEW_REPS

    comparison, files = spec.run(progress="compare")
    click.echo(summary_lines(comparison, spec.lang))
    if comparison.reps < FEW_REPS:
        click.echo("\n" + t("report.few_reps", spec.lang, reps=comparison.reps, enough=FEW_REPS))
    click.echo("\n" + t("report.cli.written", spec.lang, path=files[0]))


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
