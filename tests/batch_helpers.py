"""Helpers of the batch tests: experiment files, and test-only policies that fail on purpose.

The policies live in this importable module (not in a test function) because Dask workers
unpickle them by reference: worker processes are spawned with the test process's ``sys.path``, on
which pytest has put this folder. They are registered only while a test uses them (the `faults`
fixture of the tests), so no other test sees them in the policy registry.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

from hrsim.policies import REGISTRY, Policy

HEAD = '''name = "tiny"
seed = 7
replications = {replications}
days = {days}
{top}[params]
residents = {residents}
'''

SCENARIO = '''name = "{name}"
[title]
id = "Uji"
en = "Test"
[description]
id = "Uji."
en = "Test."
'''

# three factors with ranges, for the sampled designs (LHS, Sobol, Morris)
RANGED = '''[[factors]]
name = "desks"
target = "params.desks"
range = [1, 4]
[[factors]]
name = "bias"
target = "params.negativity_bias"
range = [1.0, 3.0]
[[factors]]
name = "training"
target = "policies.training.intensity"
range = [0, 1]
'''


class KillWorkerOnce(Policy):
    """Kills the process running it (SIGKILL) the first time any run reaches its start day."""

    key = "test_kill_worker_once"
    marker: str = ""

    def begin(self, model) -> None:
        """Create the marker atomically; whoever creates it dies."""
        try:
            os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return
        os.kill(os.getpid(), signal.SIGKILL)


class FailWhileMarked(Policy):
    """Raises on its start day if `fail` is set and the marker file exists."""

    key = "test_fail_while_marked"
    marker: str = ""
    fail: bool = False

    def begin(self, model) -> None:
        """Fail, or do nothing at all."""
        if self.fail and Path(self.marker).exists():
            raise RuntimeError("failing on purpose while the marker exists")


FAULTS = (KillWorkerOnce, FailWhileMarked)
for _cls in FAULTS:  # registered by the fixture of the tests that use them
    REGISTRY.pop(_cls.key, None)


def experiment(folder: Path, body: str, *, replications: int = 2, days: int = 12,
               residents: int = 2_000, top: str = "", name: str = "tiny.toml") -> Path:
    """Write an experiment file: a small office plus `body` (design, factors, …).

    `top` holds more top-level keys (they must come before the first table).
    """
    path = folder / name
    path.write_text(HEAD.format(replications=replications, days=days, residents=residents,
                                top=top) + body, encoding="utf-8")
    return path


def scenario(folder: Path, name: str, body: str = "") -> Path:
    """Write a scenario file named `name` with `body` (params, policies)."""
    path = folder / f"{name}.toml"
    path.write_text(SCENARIO.format(name=name) + body, encoding="utf-8")
    return path
