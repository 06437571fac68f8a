"""The ``hrsim`` command line: one module per command in this package, discovered on import.

Bad input prints one line and exits with status 2 (`hrsim.errors.InputError` or a usage error).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from hrsim.errors import InputError
from hrsim.i18n import LANGUAGES

EXIT_INPUT = 2
SEEDS = click.IntRange(0, 2**63 - 1)  # numpy's integer seeds


def days_option(help: str) -> Callable:
    """``--days``: working days per run, one year by default."""
    return click.option("--days", type=click.IntRange(1, 100_000), default=250,
                        show_default=True, help=help)


def seed_option(help: str | None = None) -> Callable:
    """``--seed``: an explicit integer seed, 0 by default."""
    return click.option("--seed", type=SEEDS, default=0, show_default=True, help=help)


def set_option(help: str) -> Callable:
    """``--set KEY=VALUE`` (repeatable), parsed by `hrsim.params.parse_assignments`."""
    return click.option("--set", "assignments", multiple=True, metavar="KEY=VALUE", help=help)


def office_option() -> Callable:
    """``--office``: the office every scenario is applied to (a profile or a scenario)."""
    def load_office(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
        from hrsim.scenarios.profile import load_office

        return None if value is None else load_office(value)

    return click.option("--office", metavar="NAME|PATH", callback=load_office,
                        help="The office the scenarios are applied to: an office profile (a "
                             "TOML file with an [office] table, see 'hrsim office init') or a "
                             "scenario whose parameters and policies are the base (e.g. the "
                             "office-calibrated.toml of 'hrsim calibrate').")


def lang_option(help: str, default: str = LANGUAGES[0]) -> Callable:
    """``--lang``: Bahasa Indonesia (the default) or English."""
    return click.option("--lang", type=click.Choice(LANGUAGES), default=default,
                        show_default=True, help=help)


def fail(message: str) -> NoReturn:
    """Print a one-line error and exit with status 2."""
    click.echo(f"hrsim: error: {message}", err=True)
    sys.exit(EXIT_INPUT)


class Commands(click.Group):
    """The ``hrsim`` group: bad input raised by any of its commands is one line and exit 2.

    Handled here rather than in `main` so that the commands behave the same when invoked through
    click itself (e.g. its ``CliRunner``).
    """

    def invoke(self, ctx: click.Context) -> Any:
        """Run the chosen command; an `InputError` becomes one line and exit status 2."""
        try:
            return super().invoke(ctx)
        except InputError as exc:
            fail(str(exc))


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hrsim")
def cli() -> None:
    """Human Relations in kecamatan public service: an agent-based simulation."""


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning bad usage into one line and exit status 2."""
    try:
        cli.main(args=argv, prog_name="hrsim", standalone_mode=False)
    except click.UsageError as exc:
        hint = f" (in '{exc.ctx.command_path}')" if exc.ctx else ""
        fail(f"{exc.format_message()}{hint}")
    except click.ClickException as exc:
        fail(exc.format_message())
    except click.exceptions.Abort:
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)


for _module in pkgutil.iter_modules(__path__):
    if not _module.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_module.name}")
