"""A planner job, run in its own process: ``python -m hrsim.planner.worker FOLDER``.

The queue (`hrsim.planner.queue`) starts one worker per job. It reads the job's ``job.json``,
calls the same library function as the command (`compare_on_office` and `write_report`,
`run_calibration`, `run_optimization`) on the files in ``inputs/``, writes into ``outputs/``, and
keeps ``job.json``'s progress up to date (at most every `WRITE_EVERY_S` seconds). Paths in a
job's settings are names inside its folder; `command` gives the same job as an ``hrsim`` command
line, run from the job's folder, for re-running it without the app.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hrsim.errors import InputError
from hrsim.planner.jobs import DONE, FAILED, INTERRUPTED, Job

WRITE_EVERY_S = 0.5
NICENESS = 10  # the worker yields the CPU to the page's process
WATCH_S = 1.0  # how often the worker checks that the app is still there


class Progress:
    """Writes a job's progress (runs or trials done of a total, with an ETA) into its file."""

    def __init__(self, job: Job, total: int, stage: str) -> None:
        self.job, self.total, self.stage = job, total, stage
        self.started, self.written, self.first = time.monotonic(), 0.0, None

    def __call__(self, done: int, total: int | None = None) -> None:
        """Record `done` of `total` (default: the total given at the start)."""
        self.total = total or self.total
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


def run_compare(job: Job, workers: int, scheduler: str | None) -> None:
    """The comparison: `compare_on_office` then `write_report`, as ``hrsim compare`` does."""
    from hrsim.analysis.compare import compare_on_office
    from hrsim.report.compare import write_report
    from hrsim.scenarios.profile import load_office

    s, inputs = job.settings, job.inputs
    office = load_office(inputs / s["office"]) if s.get("office") else None
    progress = Progress(job, 0, "runs")
    comparison = compare_on_office(
        [inputs / name for name in s["scenarios"]], office=office,
        posterior=inputs / s["posterior"] if s.get("posterior") else None,
        uncertainty=s.get("uncertainty"), reps=s["reps"], days=s["days"], seed=s["seed"],
        workers=workers, scheduler=scheduler, lang=s["lang"], report=progress)
    write_report(comparison, job.outputs, s["lang"])


def run_calibrate(job: Job, workers: int, scheduler: str | None) -> None:
    """The calibration: `run_calibration`, as ``hrsim calibrate`` does."""
    from hrsim.elements import ELEMENTS
    from hrsim.report.calibration import run_calibration

    s, inputs = job.settings, job.inputs
    run_calibration([inputs / name for name in s["skm"]], job.outputs,
                    office=inputs / s["office"] if s.get("office") else "baseline",
                    sheet=s.get("sheet"), order=s.get("order") or ELEMENTS,
                    budget_runs=s["budget_runs"],
                    workers=workers, scheduler=scheduler, seed=s["seed"], lang=s["lang"],
                    report=Progress(job, s["budget_runs"], "design"))


def run_optimize(job: Job, workers: int, scheduler: str | None) -> None:
    """The portfolio search: `run_optimization`, as ``hrsim optimize`` does."""
    from hrsim.report.optimize import run_optimization
    from hrsim.scenarios.profile import load_office

    s, inputs = job.settings, job.inputs
    run_optimization(s["budgets"], job.outputs,
                     office=load_office(inputs / s["office"]) if s.get("office") else None,
                     posterior=inputs / s["posterior"] if s.get("posterior") else None,
                     uncertainty=s.get("uncertainty", False), years=s.get("years", 1),
                     objectives=s.get("objectives", ["ikm", "trust"]), trials=s["trials"],
                     reps=s["reps"], workers=workers, scheduler=scheduler, seed=s["seed"],
                     lang=s["lang"], progress=Progress(job, s["trials"], "trials"))


RUNS: dict[str, Callable[[Job, int, str | None], None]] = {
    "compare": run_compare, "calibrate": run_calibrate, "optimize": run_optimize}


def command(kind: str, settings: dict[str, Any]) -> str:
    """The job as an ``hrsim`` command line, to run from the job's folder."""
    s = settings
    args: list[str] = [kind]
    if kind == "compare":
        args += [f"inputs/{name}" for name in s["scenarios"]]
        args += ["--reps", str(s["reps"]), "--days", str(s["days"])]
        if s.get("uncertainty"):
            args += ["--uncertainty", str(s["uncertainty"])]
    elif kind == "calibrate":
        for name in s["skm"]:
            args += ["--skm", f"inputs/{name}"]
        args += ["--budget-runs", str(s["budget_runs"])]
        if s.get("order"):
            args += ["--order", ",".join(s["order"])]
        if s.get("sheet"):
            args += ["--sheet", s["sheet"]]
    else:
        args += ["--budget", ",".join(f"{b:g}" for b in s["budgets"]),
                 "--trials", str(s["trials"]), "--reps", str(s["reps"]),
                 "--years", str(s.get("years", 1)),
                 "--objective", ",".join(s.get("objectives", ["ikm", "trust"]))]
        if s.get("uncertainty"):
            args.append("--uncertainty")
    if s.get("office"):
        args += ["--office", f"inputs/{s['office']}"]
    if s.get("posterior"):
        args += ["--posterior", f"inputs/{s['posterior']}"]
    args += ["--seed", str(s["seed"]), "--lang", s["lang"], "--out", "outputs"]
    return shlex.join(["hrsim", *args])


def work(folder: Path, workers: int, scheduler: str | None) -> int:
    """Run the job in `folder`; its state ends ``done`` or ``failed`` (with a one-line message).

    Returns:
        The process's exit status: 0 done, 1 failed.
    """
    job = Job.read(folder)
    if job is None:
        print(f"{folder}: not a job folder")
        return 1
    job = job.update(pid=os.getpid())
    try:
        RUNS[job.kind](job, workers, scheduler)
    except InputError as exc:
        (Job.read(folder) or job).update(state=FAILED, message=str(exc), pid=None)
        return 1
    except Exception as exc:  # reported on the page; the traceback goes to the log
        traceback.print_exc()
        (Job.read(folder) or job).update(state=FAILED, pid=None,
                                         message=f"{type(exc).__name__}: {exc}".splitlines()[0])
        return 1
    current = Job.read(folder) or job
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
        job = Job.read(folder)
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
