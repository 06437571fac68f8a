"""``hrsim scenarios``: the built-in scenario library, and each scenario's TOML to copy and edit."""

from __future__ import annotations

import click

from hrsim.cli import cli, lang_option
from hrsim.errors import InputError


@cli.group(invoke_without_command=True)
@lang_option("Language of the titles: Bahasa Indonesia or English.")
@click.pass_context
def scenarios(ctx: click.Context, lang: str) -> None:
    """List the built-in scenarios, one line each (any command takes a name or a TOML path)."""
    if ctx.invoked_subcommand is not None:
        return
    from hrsim.scenarios import library, load

    width = max(map(len, library()))
    for name in library():
        click.echo(f"{name:<{width}}  {load(name).title[lang]}")


@scenarios.command()
@click.argument("name")
def show(name: str) -> None:
    """Print the TOML of the built-in scenario NAME (save it, edit it, pass its path)."""
    from hrsim.scenarios import library, load

    text = library().get(name)
    if text is None:
        load(name)  # an unknown name: one line listing the library
        raise InputError(f"'{name}' is a file, not a built-in scenario; 'hrsim scenarios' lists "
                         "the built-in names")
    click.echo(text, nl=False)
