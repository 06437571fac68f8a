"""The app's one job queue: worker processes started and watched outside the page's process.

A thread of the server checks the work folder every `POLL_S` seconds: it starts the oldest queued
jobs in worker processes (``python -m hrsim.planner.worker``, which lower their own priority so
that pages stay quick while they use every core), stops those whose cancellation was asked
for (the whole process group, their model runs included), and marks as failed the jobs a
previous server left running. Queued jobs found on start-up simply run: a restarted app picks
up where it stopped. At most `slots` jobs run at once (two browsers each get their own job
going); each runs its model runs on `workers` local processes or on the Dask cluster at
`scheduler`.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import subprocess
import sys
import threading

from hrsim.planner.jobs import (
    CANCELLED,
    FAILED,
    INTERRUPTED,
    LOG_FILE,
    QUEUED,
    RUNNING,
    JobRecord,
    Workdir,
)

POLL_S = 0.5


class Queue:
    """Runs a work folder's queued jobs in worker processes.

    Args:
        workdir: The work folder.
        slots: Jobs running at the same time.
        workers: Local worker processes each job runs its model runs on.
        scheduler: A Dask scheduler's address: the jobs' model runs go there instead.
    """

    def __init__(self, workdir: Workdir, *, slots: int = 2, workers: int = 1,
                 scheduler: str | None = None) -> None:
        self.workdir, self.slots, self.workers, self.scheduler = workdir, slots, workers, \
            scheduler
        self.running: dict[str, subprocess.Popen] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start watching in a background thread (once); jobs left running are marked failed."""
        if self._thread is not None:
            return
        for job in self.workdir.jobs():
            if job.state == RUNNING:
                job.update(state=FAILED, message=INTERRUPTED)
        self._thread = threading.Thread(target=self._loop, name="hrsim-queue", daemon=True)
        self._thread.start()
        atexit.register(self.stop)  # no worker outlives the app (its job shows as interrupted)

    def stop(self) -> None:
        """Stop watching and stop every running worker."""
        self._stop.set()
        for job_id, process in self.running.items():
            _kill(process)
            job = self.workdir.find(job_id)
            if job is not None and job.state == RUNNING:
                job.update(state=FAILED, message=INTERRUPTED)
        self.running.clear()

    def _loop(self) -> None:
        while not self._stop.wait(POLL_S):
            self.tick()

    def tick(self) -> None:
        """One round: reap finished workers, stop cancelled jobs, start queued ones."""
        for job_id, process in list(self.running.items()):
            if process.poll() is not None:
                del self.running[job_id]
                job = self.workdir.find(job_id)
                if job is not None and job.state == RUNNING:  # it died without a word
                    job.update(state=FAILED, message=f"the worker stopped unexpectedly (exit "
                               f"status {process.returncode}; see {LOG_FILE})")
        jobs = self.workdir.jobs()
        for job in jobs:
            if job.cancel_asked and job.state in (QUEUED, RUNNING):
                self._cancel(job)
        queued = sorted((j for j in jobs if j.state == QUEUED and not j.cancel_asked
                         and j.id not in self.running), key=lambda j: j.info["created"])
        for job in queued[:max(self.slots - len(self.running), 0)]:
            self.running[job.id] = self._launch(job)

    def _cancel(self, job: JobRecord) -> None:
        process = self.running.pop(job.id, None)
        if process is not None:
            _kill(process)
        current = JobRecord.read(job.folder) or job
        current.update(state=CANCELLED, pid=None, progress={**current.progress, "eta_s": None})

    def _launch(self, job: JobRecord) -> subprocess.Popen:
        command = [sys.executable, "-m", "hrsim.planner.worker", str(job.folder),
                   "--workers", str(self.workers)]
        if self.scheduler:
            command += ["--scheduler", self.scheduler]
        job.update(state=RUNNING, message="")
        with (job.folder / LOG_FILE).open("ab") as log:
            # our own module on a folder we named: no user text reaches the command line
            return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,  # noqa: S603
                                    stdin=subprocess.DEVNULL, start_new_session=True)


def _kill(process: subprocess.Popen) -> None:
    """Stop a worker and the model runs it started (its whole process group)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

