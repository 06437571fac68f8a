"""``hrsim analyze``: sensitivity indices, effects and grades of a batch's results."""

from __future__ import annotations

from pathlib import Path

import click

from hrsim.cli import cli, lang_option


@cli.command()
@click.argument("results", type=click.Path(file_okay=False, path_type=Path))
@lang_option("Language of the figures and the summary.", default="en")
@click.option("--discover", metavar="CONDITION",
              help="Find with PRIM where in factor space a condition on a measure holds, e.g. "
                   "'ikm < 76.61' (the IKM below grade B).")
def analyze(results: Path, lang: str, discover: str | None) -> None:
    """Analyse the batch results in RESULTS; write figures, tables and summary.html beside them."""
    from hrsim.report.experiment import experiment_report

    paths = experiment_report(results, lang, discover)
    click.echo(f"{paths[0]}  (+ {len(paths) - 1} figures and tables in {paths[0].parent}/)")
