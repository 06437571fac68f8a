"""A planner job, run in its own process: ``python -m hrsim.planner.worker FOLDER``.

The queue (`hrsim.planner.queue`) starts one worker per job. It reads the job's spec from its
``job.json`` (`hrsim.specs`) and runs it in the job's folder as the command does (the job's
``command.txt``, the spec's command line, re-runs it there without the app): reading
``inputs/``, writing ``outputs/``, and keeping ``job.json``'s progress up to date (at most every
`WRITE_EVERY_S` seconds).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import threading
import time
import traceback
from pathlib import Path

from hrsim.errors import InputError
from hrsim.planner.jobs import DONE, FAILED, INTERRUPTED, JobRecord
from hrsim.specs import SPECS

WRITE_EVERY_S = 0.5
NICENESS = 10  # the worker yields the CPU to the page's process
WATCH_S = 1.0  # how often the worker checks that the app is still there


class Progress:
    """Writes a job's progress (runs or trials done of a total, with an ETA) into its file."""

    def __init__(self, job: JobRecord, stage: str) -> None:
        self.job, self.stage = job, stage
        self.started, self.written, self.first = time.monotonic(), 0.0, None

    def __call__(self, done: int, total: int) -> None:
        """Record `done` of `total` (a `hrsim.specs.Report`)."""
        self.total = total
        now = time.monotonic()
        if self.first is None:  # resumed work done before this start does not count for the ETA
            self.first = done
        if now - self.written < WRITE_EVERY_S and done < self.total:
            return
        rate = (done - self.first) / (now - self.started) if now > self.started else 0
        eta = (self.total - done) / rate if rate > 0 else None
        stage = "inference" if self.stage == "design" and done >= self.total else self.stage
        self.job = self.job.update(progress={"done": done, "total": self.total, "stage": stage,
                                             "eta_s": eta})
        self.written = now


STAGES = {"compare": "runs", "calibrate": "design", "optimize": "trials"}  # what is counted


def work(folder: Path, workers: int, scheduler: str | None) -> int:
    """Run the job in `folder`; its state ends ``done`` or ``failed`` (with a one-line message).

    Returns:
        The process's exit status: 0 done, 1 failed.
    """
    folder = folder.resolve()
    job = JobRecord.read(folder)
    if job is None:
        print(f"{folder}: not a job folder")
        return 1
    job = job.update(pid=os.getpid())
    try:
        spec = SPECS[job.kind].of_settings(job.settings, workers=workers, scheduler=scheduler)
        with contextlib.chdir(folder):  # where its command line runs too
            spec.run(Progress(job, STAGES[job.kind]))
    except InputError as exc:
        (JobRecord.read(folder) or job).update(state=FAILED, message=str(exc), pid=None)
        return 1
    except Exception as exc:  # reported on the page; the traceback goes to the log
        traceback.print_exc()
        (JobRecord.read(folder) or job).update(state=FAILED, pid=None,
                                         message=f"{type(exc).__name__}: {exc}".splitlines()[0])
        return 1
    current = JobRecord.read(folder) or job
    current.update(state=DONE, pid=None, progress={**current.progress, "eta_s": 0})
    return 0


def watch_app(folder: Path) -> None:
    """Stop this job (the worker and its model runs) if the app that started it goes away.

    The worker runs in its own process group, so that cancelling stops its model runs too; the
    same group is stopped here when the app stops without stopping it (killed, crashed).
    """
    app = os.getppid()

    def watch() -> None:
        while os.getppid() == app:
            time.sleep(WATCH_S)
        job = JobRecord.read(folder)
        if job is not None:
            job.update(state=FAILED, message=INTERRUPTED, pid=None)
        os.killpg(os.getpgid(0), signal.SIGTERM)

    threading.Thread(target=watch, name="hrsim-watch-app", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the worker process."""
    parser = argparse.ArgumentParser(prog="python -m hrsim.planner.worker")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--scheduler")
    args = parser.parse_args(argv)
    os.nice(NICENESS)
    watch_app(args.folder)
    return work(args.folder, args.workers, args.scheduler)


if __name__ == "__main__":
    raise SystemExit(main())
