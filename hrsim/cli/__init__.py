"""The ``hrsim`` command line: one module per command in this package, discovered on import.

Bad input prints one line and exits with status 2 (`hrsim.errors.InputError` or a usage error).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from typing import NoReturn

import click

from hrsim.errors import InputError

EXIT_INPUT = 2


def fail(message: str) -> NoReturn:
    """Print a one-line error and exit with status 2."""
    click.echo(f"hrsim: error: {message}", err=True)
    sys.exit(EXIT_INPUT)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hrsim")
def cli() -> None:
    """Human Relations in kecamatan public service: an agent-based simulation."""


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning bad input into one line and exit status 2."""
    try:
        cli.main(args=argv, prog_name="hrsim", standalone_mode=False)
    except InputError as exc:
        fail(str(exc))
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
