"""Benchmark: the whole built-in comparison (every scenario, 20 replications, one year).

    python benchmarks/compare_library.py [--reps 20] [--days 250] [--workers 1 2]
    python benchmarks/compare_library.py --reps 5 --uncertainty 64 --workers 2

Runs ``hrsim compare``'s path (`CompareSpec.compare`) over the built-in library with each number of
workers and reports the wall time of the simulations and of the report, runs per second per
core, and the parallel efficiency T(1) / (W · T(W)) against the first worker count. It also checks
that every worker count gave identical results. Goals: the whole comparison under 2 minutes on a
2-core machine, with parallel efficiency >= 80% on 2 workers (issue #3); with ``--uncertainty 64``
and 5 replications, under 10 minutes on 2 workers (issue 11 §5).
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

import pandas as pd

from hrsim.report.compare import write_report
from hrsim.scenarios import library
from hrsim.specs import CompareSpec


def timed(reps: int, days: int, workers: int,
          uncertainty: int | None) -> tuple[float, float, pd.DataFrame]:
    """Seconds to simulate, seconds to write the report, and the runs table."""
    start = time.perf_counter()
    result = CompareSpec(reps=reps, days=days, workers=workers,
                         uncertainty=uncertainty).compare()
    simulated = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        write_report(result, Path(tmp) / "report", "id")
    return simulated - start, time.perf_counter() - simulated, result.runs


def main() -> None:
    """Time the comparison with each worker count and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=CompareSpec.default("reps"))
    parser.add_argument("--days", type=int, default=CompareSpec.default("days"))
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--uncertainty", type=int, default=None,
                        help="Also run this many replications drawing the key assumptions.")
    args = parser.parse_args()
    runs = len(library()) * (args.reps + (args.uncertainty or 0))
    print(f"hrsim compare benchmark — {len(library())} scenarios × ({args.reps} replications + "
          f"{args.uncertainty or 0} with drawn assumptions) × {args.days} days = {runs} runs; "
          f"Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"{'workers':>7}{'simulate s':>12}{'report s':>10}{'total s':>9}"
          f"{'runs/s/core':>13}{'efficiency':>12}")
    first = None
    for workers in args.workers:
        simulate_s, report_s, table = timed(args.reps, args.days, workers, args.uncertainty)
        if first is None:
            first = (workers, simulate_s, table)
        pd.testing.assert_frame_equal(table, first[2])  # same results for any number of workers
        efficiency = first[0] * first[1] / (workers * simulate_s)
        print(f"{workers:>7}{simulate_s:>12.1f}{report_s:>10.1f}{simulate_s + report_s:>9.1f}"
              f"{runs / simulate_s / workers:>13.2f}{efficiency:>11.0%}")
    goal = "600 s" if args.uncertainty else "120 s, efficiency >= 80%"
    print(f"goal: the whole comparison under {goal} on 2 workers")


if __name__ == "__main__":
    main()
