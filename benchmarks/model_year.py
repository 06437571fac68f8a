"""Benchmark: one default year, burn-in included, as `hrsim.run(days=250)` runs it.

Each measurement runs in a fresh Python process, after the imports (so that neither they nor a
previous run's caches count) and alone in it (so that peak memory is that run's own):

    python benchmarks/model_year.py [--reps 5] [--naive-reps 0]

Prints the processor time (``time.process_time``: steadier than wall time on a shared machine),
wall time and peak resident memory of ``hrsim.run(days=250)`` — building the office and its
100,000 residents, the 100 burn-in days, 250 recorded days and the run's result — as medians over
repetitions, then the processor time of one run by component (`hrsim.simulation.profile`).
With ``--naive-reps N`` it also times the same mechanisms written the naive Mesa way
(`naive_model.py`: every resident an agent stepping daily; minutes per run).
Goal (issue #2): <= 0.5 s of processor time and <= 300 MB for the default year.
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
GOAL_S, GOAL_MB = 0.5, 300

YEAR = """
import json, resource, time
import hrsim
run = hrsim.run  # a lazy attribute: this imports hrsim.simulation and the model
cpu, wall = time.process_time(), time.perf_counter()
result = run(days=250, seed={seed})
print(json.dumps({{"cpu_s": time.process_time() - cpu, "wall_s": time.perf_counter() - wall,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "visits": result.summary["visits"]}}))
"""

NAIVE = """
import json, resource, sys, time
sys.path.insert(0, {here!r})
from naive_model import NaiveHRModel
cpu, wall = time.process_time(), time.perf_counter()
model = NaiveHRModel(rng={seed})
model.run_for(250)
print(json.dumps({{"cpu_s": time.process_time() - cpu, "wall_s": time.perf_counter() - wall,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "visits": model.summary()["visits"]}}))
"""

PROFILE = """
import json
from hrsim.scenarios import resolve
from hrsim.simulation import profile
print(json.dumps(profile(resolve(None), days=250)))
"""


def child(code: str) -> dict[str, float]:
    """The JSON line a fresh interpreter prints after running `code`."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    """Median of every field over repetitions."""
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def main() -> None:
    """Time the default year, print the table and one run's profile."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--naive-reps", type=int, default=0)
    args = parser.parse_args()
    rows = {"hrsim.run(days=250)": [child(YEAR.format(seed=s)) for s in range(args.reps)]}
    if args.naive_reps:
        rows["naive Mesa (agent per resident)"] = [child(NAIVE.format(here=str(HERE), seed=s))
                                                   for s in range(args.naive_reps)]
    print(f"hrsim model year benchmark — Python {platform.python_version()}, "
          f"{platform.machine()}; medians of {args.reps} fresh processes")
    print(f"{'design':<34}{'cpu s':>8}{'min':>8}{'max':>8}{'wall s':>9}{'peak MB':>9}")
    for name, runs in rows.items():
        r, cpu = median_of(runs), [run["cpu_s"] for run in runs]
        print(f"{name:<34}{r['cpu_s']:>8.3f}{min(cpu):>8.3f}{max(cpu):>8.3f}{r['wall_s']:>9.3f}"
              f"{r['peak_mb']:>9.0f}")
    fast = median_of(rows["hrsim.run(days=250)"])
    print(f"goals: cpu <= {GOAL_S} s: {'met' if fast['cpu_s'] <= GOAL_S else 'NOT met'}, "
          f"peak <= {GOAL_MB} MB: {'met' if fast['peak_mb'] <= GOAL_MB else 'NOT met'}")
    parts = child(PROFILE)
    print("\nprocessor time of one run by part (hrsim.simulation.profile; the components' time "
          "includes the burn-in)")
    for part, seconds in sorted(parts.items(), key=lambda kv: (kv[0] == "total", -kv[1])):
        print(f"  {part:<18}{seconds:>7.3f} s{100 * seconds / parts['total']:>7.1f}%")


if __name__ == "__main__":
    main()
