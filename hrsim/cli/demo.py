"""``hrsim demo``: the teaching demo, a live office in the browser, served from this computer.

Everything the page needs is served locally (Solara's assets come with the ``solara-assets``
package), so the demo works in a classroom without internet. Solara's usage statistics are turned
off: the server makes no calls out.
"""

from __future__ import annotations

import os
import socket
import warnings

import click

from hrsim.app import LANGUAGE_VARIABLE
from hrsim.cli import cli, lang_option
from hrsim.errors import InputError

APP = "hrsim.app.app"
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


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on: 127.0.0.1 for this computer only, 0.0.0.0 to let "
                   "students' browsers on the same network connect.")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True,
              help="Port to listen on.")
@lang_option("Language the page opens in (it has a switch too).")
def demo(host: str, port: int, lang: str) -> None:
    """Serve the teaching demo: a live kantor camat in the browser (works offline)."""
    check_address(host, port)
    os.environ[LANGUAGE_VARIABLE] = lang
    import solara.server.settings
    from solara.__main__ import run

    solara.server.settings.telemetry.mixpanel_enable = False  # no usage statistics sent out
    # Solara warns on every plain-http address but 'localhost' that it falls back to a same-site
    # cookie, which is what a classroom server wants: not worth alarming a teacher
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https",
                            category=UserWarning)
    shown = "127.0.0.1" if host in ALL_ADDRESSES else host
    click.echo(f"hrsim demo: open http://{shown}:{port}/ in a browser (Ctrl+C stops the demo)")
    if host in ALL_ADDRESSES:
        click.echo("hrsim demo: listening on every network address of this computer")
    # plain loader: no English 'runs on Solara' banner on the page
    run.main([APP, "--host", host, "--port", str(port), "--production", "--no-open",
              "--no-check-version", "--theme-loader", "plain"], standalone_mode=False)
