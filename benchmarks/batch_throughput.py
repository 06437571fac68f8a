"""Throughput of ``hrsim batch``: a batch of one-year default runs with 1 and 2 Dask workers.

For each number of workers the same experiment (the baseline office, ``--runs`` replications)
runs into a fresh folder, and the script reports:

- runs per minute: runs / batch wall time (cluster start-up, writing and reading included);
- parallel efficiency: throughput with N workers / (N x throughput with 1 worker);
- engine overhead: batch wall time minus the time the workers spent simulating (the sum of the
  runs' own times divided by the workers), in total, per run and as a share of the wall time;
- the driver's peak memory, which must not grow with the number of runs.

Goals: >= 90% parallel efficiency on 2 workers and < 5% engine overhead.

    python benchmarks/batch_throughput.py                 # 200 runs, 1 and 2 workers
    python benchmarks/batch_throughput.py --runs 20       # a quick check
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from hrsim.batch import ResultStore, load_experiment, run_batch

EXPERIMENT = '''name = "throughput"
description = "The default office, one year, replicated."
seed = 1
replications = {runs}
days = {days}
'''


def measure(experiment: Path, workers: int, folder: Path) -> dict:
    out = folder / f"workers-{workers}"
    start = time.perf_counter()
    outcome = run_batch(load_experiment(experiment), out, workers=workers, progress=False)
    wall = time.perf_counter() - start
    runs = ResultStore.open(out).runs()
    busy = runs["run_seconds"].sum() / workers
    return {"workers": workers, "runs": outcome.ran, "failed": outcome.failed,
            "wall_s": wall, "runs_per_min": 60 * outcome.ran / wall,
            "mean_run_s": runs["run_seconds"].mean(), "overhead_s": wall - busy,
            "overhead_per_run_ms": 1000 * (wall - busy) * workers / outcome.ran,
            "overhead_share": (wall - busy) / wall,
            "driver_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--days", type=int, default=250)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hrsim-bench-") as tmp:
        folder = Path(tmp)
        experiment = folder / "throughput.toml"
        experiment.write_text(EXPERIMENT.format(runs=args.runs, days=args.days))
        rows = [measure(experiment, w, folder) for w in args.workers]
    single = next((r for r in rows if r["workers"] == 1), None)
    print(f"{args.runs} runs of {args.days} days, default office (Medan Area, 100,000 residents)")
    print(f"{'workers':>7} {'wall s':>8} {'runs/min':>9} {'run s':>7} {'efficiency':>10} "
          f"{'overhead':>9} {'per run':>9} {'driver MB':>9}")
    for row in rows:
        row["efficiency"] = (row["runs_per_min"] / (row["workers"] * single["runs_per_min"])
                             if single else None)
        efficiency = f"{row['efficiency']:.1%}" if single else "–"
        print(f"{row['workers']:>7} {row['wall_s']:>8.1f} {row['runs_per_min']:>9.1f} "
              f"{row['mean_run_s']:>7.3f} {efficiency:>10} {row['overhead_share']:>9.1%} "
              f"{row['overhead_per_run_ms']:>7.0f}ms {row['driver_peak_mb']:>9.0f}")
    print("goals: >= 90% parallel efficiency on 2 workers, < 5% engine overhead")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":  # a local Dask cluster needs this guard
    main()
