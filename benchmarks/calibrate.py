"""Benchmark: one calibration of the default office on one SKM period, with the default budget.

    python benchmarks/calibrate.py [--budget-runs 400] [--workers 2] [--seed 0]

The data are a synthetic survey of the default office (100,000 residents; its default parameters)
with a Krejcie–Morgan sample of the visitors served in one period. `hrsim.calibration.calibrate`
runs as `hrsim calibrate` does — the design's model runs on `--workers` local processes, then the
emulator and the MCMC — in a fresh folder, then the 60 posterior-predictive runs of the model
that `hrsim calibrate` adds for its report (`predict`). Prints JSON: the design's wall time and
runs per minute, the seconds of emulator + MCMC, the posterior's effective sample size, the
seconds of the predictive runs, and the totals with and without them.
Goal (issue 10): the whole calibration in <= 10 minutes on this project's 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

from hrsim import calibration as cal


def main() -> None:
    """Time one calibration and print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget-runs", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    office = cal.Office()
    data = cal.synthetic_skm(office, {}, (None,), seed=12345)  # type: ignore[arg-type]
    target = cal.Target.from_skm(data)
    marks: dict[str, float] = {}

    def report(runs: int) -> None:
        if runs == args.budget_runs:
            marks.setdefault("design_done", time.perf_counter())

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        posterior = cal.calibrate(office, target, Path(folder) / "cal",
                                  budget_runs=args.budget_runs, workers=args.workers,
                                  seed=args.seed, report=report)
        finished = time.perf_counter()
        cal.predict(office, posterior, target.respondents, seed=args.seed, workers=args.workers)
        predicted = time.perf_counter()
    design_s = marks["design_done"] - started
    d = posterior.diagnostics
    print(json.dumps({
        "python": platform.python_version(), "cpus": os.cpu_count(), "workers": args.workers,
        "respondents": target.respondents[0], "statistics": len(target.observed),
        "design_runs": d["runs"], "design_s": round(design_s, 1),
        "runs_per_minute": round(60 * d["runs"] / design_s, 1),
        "emulator_mcmc_s": round(finished - marks["design_done"], 1),
        "calibration_s": round(finished - started, 1),
        "predictive_runs_s": round(predicted - finished, 1),
        "total_s": round(predicted - started, 1),
        "effective_sample_size": round(d["effective_sample_size"]),
        "autocorrelation_steps": round(d["autocorrelation_steps"], 1),
        "acceptance_fraction": round(d["acceptance_fraction"], 3),
        "goal_total_le_600_s": predicted - started <= 600,
    }, indent=1))


if __name__ == "__main__":
    main()
