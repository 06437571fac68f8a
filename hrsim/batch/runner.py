"""Running a batch: the experiment's runs through `hrsim.execution`, streamed into the store.

The engine is dask.distributed: a local cluster of `workers` processes by default, or an existing
cluster (``--scheduler`` or ``DASK_SCHEDULER_ADDRESS``). Each result is written as soon as it
arrives, with a bounded number of runs in flight, so memory stays flat however many runs there
are. Finished runs are skipped when the batch is run again; failed ones too, unless
`retry_failed`. Dask retries a run whose worker died (``distributed.scheduler.allowed-failures``).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from hrsim.batch.design import design_points, jobs, run_ids
from hrsim.batch.experiment import Experiment
from hrsim.batch.store import ResultStore
from hrsim.errors import InputError
from hrsim.execution import SCHEDULER_ENV, engine, execute


@dataclass(frozen=True)
class BatchOutcome:
    """What a batch did.

    Attributes:
        total: Runs in the experiment.
        skipped: Runs already finished (or failed, without `retry_failed`) before this batch.
        ran: Runs that finished now.
        failed: Runs that failed now.
        failed_total: Runs recorded as failed at the end.
    """

    total: int
    skipped: int
    ran: int
    failed: int
    failed_total: int


def run_batch(experiment: Experiment, out: Path, *, workers: int = 1,
              scheduler: str | None = None, retry_failed: bool = False,
              progress: bool = True) -> BatchOutcome:
    """Run every run of `experiment` not yet in `out`, writing each result as it finishes.

    Args:
        experiment: From `hrsim.batch.load_experiment`.
        out: Results folder (created; a folder of another experiment is refused).
        workers: Processes of the local Dask cluster (ignored with `scheduler`).
        scheduler: Address of an existing Dask scheduler; defaults to ``DASK_SCHEDULER_ADDRESS``.
        retry_failed: Run again the runs recorded as failed.
        progress: Show a progress bar on stderr.

    Raises:
        InputError: `out` holds another experiment, or the scheduler cannot be reached.
    """
    address = scheduler or os.environ.get(SCHEDULER_ENV)
    if address:
        _check_address(address)
    points = design_points(experiment)
    store = ResultStore.create(out, experiment, points)
    skip = store.finished() if retry_failed else store.finished() | store.failed()
    total = len(points) * experiment.spec.replications
    todo = sum(key not in skip for key in run_ids(experiment, points))
    ran = failed = 0
    if todo:
        with _cluster(workers, address) as (executor, threads):
            for result in execute(jobs(experiment, points, skip), executor,
                                  in_flight=max(2 * threads, 4),
                                  progress="hrsim batch" if progress else None, total=total,
                                  done=total - todo):
                store.record(result)
                ran += result.ok
                failed += not result.ok
    return BatchOutcome(total, total - todo, ran, failed, len(store.failed()))


def _check_address(address: str) -> None:
    """Refuse a scheduler address Dask cannot parse, before anything is written."""
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(address)
        if scheme in ("tcp", "tls"):
            parse_host_port(location)
    except ValueError as exc:
        raise InputError(f"scheduler {address!r}: {exc}; expected e.g. tcp://HOST:8786") from None


@contextlib.contextmanager
def _cluster(workers: int, address: str | None) -> Iterator[tuple[Executor, int]]:
    """The Dask engine and its number of worker threads (to keep each one busy)."""
    from distributed import default_client

    with contextlib.ExitStack() as stack:
        try:
            executor = stack.enter_context(engine(workers, address, dask=True))
        except (OSError, TimeoutError) as exc:
            if not address:
                raise
            raise InputError(f"scheduler {address}: cannot connect ({exc}); is 'dask scheduler' "
                             "running there?") from None
        yield executor, sum(default_client().nthreads().values())
