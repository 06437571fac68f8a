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

from hrsim.calendar import WORKING_DAYS_PER_YEAR
from hrsim.errors import InputError
from hrsim.i18n import LANGUAGES
from hrsim.specs import OFFICE_HELP, Days, Seed, type_of

EXIT_INPUT = 2


def days_option(help: str) -> Callable:
    """``--days``: working days per run, one year by default (bounded as the jobs' days)."""
    return click.option("--days", type=type_of(Days), default=WORKING_DAYS_PER_YEAR,
                        show_default=True, help=help)


def seed_option(help: str | None = None) -> Callable:
    """``--seed``: an explicit integer seed, 0 by default (bounded as the jobs' seeds)."""
    return click.option("--seed", type=type_of(Seed), default=0, show_default=True, help=help)


def set_option(help: str) -> Callable:
    """``--set KEY=VALUE`` (repeatable), parsed by `hrsim.params.parse_assignments`."""
    return click.option("--set", "assignments", multiple=True, metavar="KEY=VALUE", help=help)


def office_option() -> Callable:
    """``--office``: the office every scenario is applied to (a profile or a scenario), loaded."""
    def load_office(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
        from hrsim.specs import office_of

        return office_of(value)

    return click.option("--office", metavar="NAME|PATH", callback=load_office, help=OFFICE_HELP)


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
