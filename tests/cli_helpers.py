"""The command line run in this process: ``hrsim ARGS`` through `hrsim.cli.main`, as the entry
point runs it (usage errors one line, exit status 2), without a new interpreter's ~3 s of imports.

A few tests keep a real subprocess where it proves something more: the entry point and the exit
status the shell sees (test_cli.py), a batch killed with SIGKILL (test_batch_runs.py), the
installed wheel (test_wheel.py).
"""

from __future__ import annotations

import subprocess

from click.testing import CliRunner

from hrsim.cli import main


def hrsim(*args: object) -> subprocess.CompletedProcess:
    """Run ``hrsim ARGS`` in-process; its exit status and what it printed, as `subprocess.run`
    with ``capture_output=True, text=True`` returns them."""
    argv = [str(a) for a in args]
    with CliRunner().isolation() as (stdout, stderr, _):
        try:
            main(argv)
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 0 if exit_.code is None else 1
        out, err = stdout.getvalue().decode(), stderr.getvalue().decode()
    return subprocess.CompletedProcess(["hrsim", *argv], code, out, err)
