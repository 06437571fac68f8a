"""``hrsim app`` (and its alias ``hrsim demo``): the teaching demo and the planner in the browser.

Everything the page needs is served locally (Solara's assets come with the ``solara-assets``
package), so the demo works in a classroom without internet. Solara's usage statistics are turned
off: the server makes no calls out.
"""

from __future__ import annotations

import os
import socket
import warnings
from collections.abc import Callable
from pathlib import Path

import click

from hrsim.cli import cli, lang_option
from hrsim.errors import InputError
from hrsim.ui import DEFAULT_WORKDIR, LANGUAGE_VARIABLE, SCHEDULER_VARIABLE, WORKDIR_VARIABLE

APP = "hrsim.web"
ALL_ADDRESSES = {"0.0.0.0", "::"}  # noqa: S104 (recognised to print a usable address, not bound)


def check_address(host: str, port: int) -> None:
    """Fail early, in one line, if the server could not listen on `host`:`port`.

    Raises:
        InputError: The host is not an address of this computer, or the port is taken.
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port,
                                                             type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError):
        raise InputError(f"--host {host!r}: not a known address (e.g. 127.0.0.1 for this "
                         "computer only, 0.0.0.0 for the classroom network)") from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{port} ({exc.strerror}); "
                             "choose another --port or --host") from None


def serve_options(command: Callable) -> Callable:
    """The options of ``hrsim app`` and ``hrsim demo``."""
    options = [
        click.option("--host", default="127.0.0.1", show_default=True,
                     help="Address to listen on: 127.0.0.1 for this computer only, 0.0.0.0 to "
                          "let browsers on the same network connect (anyone there can use it)."),
        click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True,
                     help="Port to listen on."),
        lang_option("Language the page opens in (it has a switch too)."),
        click.option("--workdir", type=click.Path(file_okay=False, path_type=Path),
                     default=Path(DEFAULT_WORKDIR), show_default=True,
                     help="Folder of the planner's jobs (inputs, progress, outputs)."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="A Dask scheduler the planner's jobs run their model runs on "
                          "(default: local worker processes)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@cli.command()
@serve_options
def app(host: str, port: int, lang: str, workdir: Path, scheduler: str | None) -> None:
    """Serve the planner and the teaching demo in the browser (works offline).

    The planner: your office's SKM data and profile, its calibration, policy comparisons and
    portfolio searches, and their reports; jobs run in worker processes, their files in --workdir.
    """
    serve("app", host, port, lang, workdir, scheduler)


@cli.command()
@serve_options
def demo(host: str, port: int, lang: str, workdir: Path, scheduler: str | None) -> None:
    """Serve the teaching demo: a live kantor camat in the browser (the same page as 'app')."""
    serve("demo", host, port, lang, workdir, scheduler)


def serve(name: str, host: str, port: int, lang: str, workdir: Path,
          scheduler: str | None) -> None:
    """Serve `APP` on `host`:`port` until Ctrl+C."""
    check_address(host, port)
    os.environ[LANGUAGE_VARIABLE] = lang
    os.environ[WORKDIR_VARIABLE] = str(workdir.resolve())
    os.environ.pop(SCHEDULER_VARIABLE, None)
    if scheduler:
        os.environ[SCHEDULER_VARIABLE] = scheduler
    import solara.server.settings
    from solara.__main__ import run

    from hrsim.planner.state import server_queue

    server_queue()  # queued jobs run from the start, whether or not a page is open

    solara.server.settings.telemetry.mixpanel_enable = False  # no usage statistics sent out
    # Solara warns on every plain-http address but 'localhost' that it falls back to a same-site
    # cookie, which is what a classroom server wants: not worth alarming a teacher
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https",
                            category=UserWarning)
    shown = "127.0.0.1" if host in ALL_ADDRESSES else host
    click.echo(f"hrsim {name}: open http://{shown}:{port}/ in a browser (Ctrl+C stops it)")
    if host != "127.0.0.1" and host != "localhost":
        click.echo(f"hrsim {name}: WARNING: listening on {host}: anyone who can reach this "
                   "computer on the network can use the app and see the work they start; "
                   "use --host 127.0.0.1 to keep it to this computer", err=True)
    # plain loader: no English 'runs on Solara' banner on the page
    run.main([APP, "--host", host, "--port", str(port), "--production", "--no-open",
              "--no-check-version", "--theme-loader", "plain"], standalone_mode=False)
