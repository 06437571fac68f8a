"""``hrsim analyze``: sensitivity indices, effects and grades of a batch's results."""

from __future__ import annotations

from pathlib import Path

import click

from hrsim.cli import cli, lang_option


@cli.command()
@click.argument("results", type=click.Path(file_okay=False, path_type=Path))
@lang_option("Language of the figures and the summary.", default="en")
def analyze(results: Path, lang: str) -> None:
    """Analyse the batch results in RESULTS; write figures, tables and summary.html beside them."""
    from hrsim.report.experiment import experiment_report

    paths = experiment_report(results, lang)
    click.echo(f"{paths[0]}  (+ {len(paths) - 1} figures and tables in {paths[0].parent}/)")
