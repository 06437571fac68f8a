"""Benchmark: one default year (250 working days, 100,000 residents), vectorised vs naive Mesa.

Each measurement runs in a fresh Python process so that peak memory is that run's own:

    python benchmarks/model_year.py [--reps 5] [--naive-reps 1]

Prints set-up time, run time, total and peak resident memory (median over repetitions) for
hrsim's model (residents as numpy arrays; staff and agencies as Mesa agents) and for the same
mechanisms written the naive Mesa way (`naive_model.py`: every resident an agent stepping daily).
Goals (issue #2): <= 1 s and <= 300 MB for the default year; >= 30x faster than the naive design.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = """
import json, resource, sys, time
sys.path.insert(0, {here!r})
import hrsim
from naive_model import NaiveHRModel
from hrsim.model import HRModel
cls = NaiveHRModel if {naive} else HRModel
t0 = time.perf_counter()
model = cls(rng={seed})
t1 = time.perf_counter()
model.run_for(250)
t2 = time.perf_counter()
summary = model.summary()
print(json.dumps({{"setup_s": t1 - t0, "run_s": t2 - t1, "total_s": t2 - t0,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "visits": summary["visits"], "ikm": summary["ikm"]}}))
"""


def measure(naive: bool, seed: int) -> dict[str, float]:
    """One year in a fresh interpreter."""
    code = CHILD.format(here=str(HERE), naive=naive, seed=seed)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    """Median of every field over repetitions."""
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def main() -> None:
    """Run both designs and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--naive-reps", type=int, default=1)
    args = parser.parse_args()
    fast = median_of([measure(False, seed) for seed in range(args.reps)])
    if not args.naive_reps:
        print(json.dumps(fast, indent=1))
        return
    naive = median_of([measure(True, seed) for seed in range(args.naive_reps)])
    print(f"hrsim model year benchmark — Python {platform.python_version()}, "
          f"{platform.machine()}, medians of {args.reps} (naive: {args.naive_reps}) runs")
    print(f"{'design':<34}{'set-up s':>10}{'run s':>9}{'total s':>9}{'peak MB':>9}")
    for name, r in (("hrsim (numpy residents)", fast), ("naive Mesa (agent per resident)", naive)):
        print(f"{name:<34}{r['setup_s']:>10.3f}{r['run_s']:>9.3f}{r['total_s']:>9.3f}"
              f"{r['peak_mb']:>9.0f}")
    print(f"speed-up (total): {naive['total_s'] / fast['total_s']:.0f}x")
    goals = {"total <= 1 s": fast["total_s"] <= 1.0, "peak <= 300 MB": fast["peak_mb"] <= 300,
             ">= 30x naive": naive["total_s"] / fast["total_s"] >= 30}
    print("goals: " + ", ".join(f"{k}: {'met' if ok else 'NOT met'}" for k, ok in goals.items()))


if __name__ == "__main__":
    main()
