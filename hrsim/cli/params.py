"""``hrsim params``: every model parameter with its default, range and source."""

from __future__ import annotations

import click

from hrsim.cli import cli


@cli.command()
@click.option("--markdown", is_flag=True, help="Print the table used in docs/ODD.md.")
def params(markdown: bool) -> None:
    """List every model parameter with its default, range and source."""
    from hrsim.params import parameter_table

    click.echo(parameter_table(markdown=markdown))
