"""``hrsim ikm``: the official IKM calculator for a real survey file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from hrsim.cli import cli
from hrsim.i18n import t


@cli.command()
@click.argument("survey", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def ikm(survey: Path, as_json: bool) -> None:
    """Official IKM (Permen PANRB 14/2017) of a survey CSV with columns U1..U9 (answers 1–4)."""
    from hrsim.measures.ikm import read_survey

    result = read_survey(survey)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
        return
    click.echo(f"IKM {result.ikm:.2f}  grade {result.grade} ({t('grade.' + result.grade, 'en')})"
               f"  {result.respondents} respondents")
    for e, v in result.elements.items():
        click.echo(f"  {e} {t(e, 'en'):<42} {v:.3f}")
    click.echo(f"  (weighted 0.11: {result.ikm_weight_0_11:.2f}; "
               f"0.111: {result.ikm_weight_0_111:.2f} — as some offices report it)")
