"""The one execution path of `run`, `compare` and `batch`: jobs in, results streamed out.

A `Job` is one scenario run with an explicit integer seed. `execute` runs jobs serially, in local
worker processes, or on a Dask cluster (a local one it starts, or an existing scheduler), and yields
each `JobResult` as soon as it is finished, with a bounded number of jobs in flight so memory stays
flat however many jobs there are. A job gives the same result for the same inputs whatever the
engine or the number of workers; callers that need an order sort by `Job.key`.

Engines are standard `concurrent.futures` executors (``ProcessPoolExecutor``, Dask's
``Client.get_executor``), so the loop below is the same for all of them.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import socket
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from tqdm import tqdm

from hrsim.scenarios import Scenario
from hrsim.simulation import RunSpec, simulate

SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"  # the standard Dask variable for an existing cluster


def derive_seed(base: int, *keys: int) -> int:
    """A 63-bit seed derived from `base` and integer `keys` (e.g. the replication number).

    Replication r of every scenario or design point gets ``derive_seed(seed, r)``: the same seed
    across scenarios (common random numbers), independent streams across replications.
    """
    state = np.random.SeedSequence(int(base), spawn_key=tuple(int(k) for k in keys))
    return int(state.generate_state(1, np.uint64)[0] >> np.uint64(1))


@dataclass(frozen=True)
class Job:
    """One run to do.

    Attributes:
        key: Unique name of the run (e.g. ``"training/r03"``); results are sorted by it.
        scenario: What to simulate.
        seed: Integer seed of the run.
        days: Working days to simulate.
        series: Daily columns to return with the summary (none by default: summaries only).
        tags: Anything to carry along to the result (design point, replication, …).
        surveys: Whether to return the run's periodic surveys too.
    """

    key: str
    scenario: Scenario
    seed: int
    days: int = 250
    series: tuple[str, ...] = ()
    tags: dict[str, Any] = field(default_factory=dict)
    surveys: bool = False


@dataclass
class JobResult:
    """What a job produced, or the error it raised.

    Attributes:
        job: The job.
        summary: The run summary (empty if the job failed).
        series: The requested daily columns (None if none were asked for or the job failed).
        error: ``"ExceptionType: message"`` if the run raised, else None.
        traceback: The traceback text if the run raised.
        host: Machine that ran the job.
        started, finished: Wall-clock times (seconds since the epoch).
        surveys: The periodic surveys, one row each (None unless the job asked for them).
    """

    job: Job
    summary: dict[str, Any]
    series: pd.DataFrame | None = None
    error: str | None = None
    traceback: str | None = None
    host: str = ""
    started: float = 0.0
    finished: float = 0.0
    surveys: pd.DataFrame | None = None

    @property
    def ok(self) -> bool:
        """Whether the run finished without error."""
        return self.error is None


def run_job(job: Job) -> JobResult:
    """Run one job (the task every engine executes). Errors are returned, not raised."""
    started = time.time()
    try:
        result = simulate(RunSpec(job.scenario, seed=job.seed, days=job.days))
        series = result.timeseries[list(job.series)].copy() if job.series else None
        return JobResult(job, result.summary, series, host=socket.gethostname(),
                         started=started, finished=time.time(),
                         surveys=result.surveys if job.surveys else None)
    except Exception as exc:  # a failed run is recorded and the batch goes on
        return failed(job, exc, started)


def failed(job: Job, exc: BaseException, started: float) -> JobResult:
    """The result of a job that raised `exc` (call it inside the ``except`` block)."""
    return JobResult(job, {}, error=f"{type(exc).__name__}: {exc}",
                     traceback=traceback.format_exc(), host=socket.gethostname(),
                     started=started, finished=time.time())


class SerialExecutor(Executor):
    """Runs each task in this process when it is submitted (for one worker and for tests)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        """Run `fn` now and return a finished future."""
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to the caller through the future
            future.set_exception(exc)
        return future


@contextlib.contextmanager
def engine(workers: int = 1, scheduler: str | None = None,
           dask: bool = False) -> Iterator[Executor]:
    """An executor for the jobs.

    Args:
        workers: Local worker processes (1: run in this process, unless `dask`).
        scheduler: Address of an existing Dask scheduler (``tcp://host:8786``); defaults to the
            ``DASK_SCHEDULER_ADDRESS`` environment variable when `dask` is set.
        dask: Use dask.distributed (a local cluster of `workers` processes, or `scheduler`).
    """
    scheduler = scheduler or (os.environ.get(SCHEDULER_ENV) if dask else None)
    if scheduler or dask:
        from distributed import Client, LocalCluster

        if scheduler:
            with Client(scheduler) as client:
                yield client.get_executor(pure=False)
        else:
            # on 127.0.0.1, with the HTTP server on a free port: with the default (8787, also
            # used when the dashboard is off) a second cluster on the machine warns
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              host="127.0.0.1", dashboard_address="127.0.0.1:0") as cluster, \
                    Client(cluster) as client:
                yield client.get_executor(pure=False)
    elif workers <= 1:
        yield SerialExecutor()
    else:
        # forkserver: workers fork from a clean process that has imported hrsim once
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["hrsim.execution"])
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            yield pool


def execute(jobs: Iterable[Job], executor: Executor, *, in_flight: int = 8,
            progress: str | None = None, total: int | None = None,
            done: int = 0) -> Iterator[JobResult]:
    """Run `jobs` on `executor`, yielding each result as soon as it is finished.

    A job the engine itself could not run (e.g. Dask's ``KilledWorker`` once a run has killed
    every worker it was retried on) is yielded as a failed result, like a run that raised.

    Args:
        jobs: The jobs (consumed lazily).
        executor: From `engine`.
        in_flight: Most jobs submitted and not yet collected (keeps memory flat).
        progress: Label of a progress bar on stderr (None: no bar).
        total: Number of jobs, for the progress bar's ETA (including `done`).
        done: Jobs already finished before this call (a resumed batch), where the bar starts.
    """
    pending: dict[Future, Job] = {}
    failures = 0
    queue = iter(jobs)
    bar = tqdm(total=total, initial=done, desc=progress, unit="run", disable=progress is None,
               leave=False, dynamic_ncols=True)
    with bar:
        while True:
            for job in queue:
                pending[executor.submit(run_job, job)] = job
                if len(pending) >= in_flight:
                    break
            if not pending:
                return
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                result = _collect(future, pending.pop(future))
                failures += not result.ok
                bar.update()
                if failures:
                    bar.set_postfix(failed=failures)
                yield result


def _collect(future: Future, job: Job) -> JobResult:
    try:
        return future.result()
    except Exception as exc:  # the engine gave up on the job: record it like a failed run
        return failed(job, exc, time.time())
