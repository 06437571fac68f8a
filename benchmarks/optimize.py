"""Benchmark: the portfolio search against an exhaustive grid, and its parallel efficiency.

    python benchmarks/optimize.py [--out results/optimize-grid] [--seeds 5]
    python benchmarks/optimize.py --efficiency [--portfolios 12]

Grid: every lever of the library on or off (full intensity from day 0): 2^9 = 512 portfolios,
each run with the search's defaults (one year, 4 replications with common random numbers on the
default office). Evaluation is deterministic (the same seeds for every portfolio), so the grid's
table is the truth the search is measured against, and the search itself is replayed on that
table for several sampler seeds at no extra simulation cost: each replay spends what a real
search spends (120 trials = 480 runs). Scores are saved after every chunk (``grid.csv``), so an
interrupted grid resumes.

Criteria (issue 11 §2): for each budget (Rp 100, 250 and 500 million a year) the best robust IKM
gain the search found is within 5% of the grid's best, and the IKM–cost hypervolume of the found
front is within 5% of the grid's.

With ``--efficiency`` (instead of the grid), the first portfolios of the grid are scored as a
search does (one trial at a time, its replications in parallel) with 1 and with 2 workers:
efficiency = T(1) / (2 · T(2)); goal (issue 11 §5) >= 80%. Run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from hrsim.optimize import Evaluator, Score, Space, describe, front, portfolio, recommend, search
from hrsim.policies import Policy
from hrsim.scenarios import load

SPACE = Space(intensities=(0.0, 1.0), starts=(0,))
BUDGETS = (100e6, 250e6, 500e6)
TRIALS, REPS, SEED = 120, 4, 0  # `hrsim optimize`'s defaults
CHUNK = 16  # portfolios scored together between two saves of the grid
OBJECTIVES = ["ikm", "trust"]


def grid(out: Path, workers: int) -> pd.DataFrame:
    """Every portfolio's per-replication gains and cost (resumed from ``out/grid.csv``)."""
    path = out / "grid.csv"
    done = pd.read_csv(path) if path.exists() else pd.DataFrame()
    todo = [c for c in SPACE.choices() if done.empty
            or describe(portfolio(c)) not in set(done["portfolio"])]
    started = time.perf_counter()
    with Evaluator(load("baseline"), years=1, reps=REPS, seed=SEED, workers=workers) as evaluate:
        for i in range(0, len(todo), CHUNK):
            chunk = todo[i:i + CHUNK]
            scores = evaluate.scores([portfolio(c) for c in chunk])
            rows = pd.DataFrame([_row(c, s) for c, s in zip(chunk, scores, strict=True)])
            done = pd.concat([done, rows], ignore_index=True)
            tmp = path.with_suffix(".tmp")
            done.to_csv(tmp, index=False)
            tmp.replace(path)
            print(f"grid: {len(done)}/{2 ** len(Policy.levers())} portfolios, "
                  f"{time.perf_counter() - started:.0f} s", flush=True)
    return done


def _row(choices: dict, score: Score) -> dict:
    return {"portfolio": describe(portfolio(choices)), "cost_per_year_rp": score.cost_per_year,
            **{f"ikm_{r}": v for r, v in enumerate(score.gains["ikm"])},
            **{f"trust_{r}": v for r, v in enumerate(score.gains["trust_office"])}}


def table_score(table: pd.DataFrame) -> Callable[[tuple[Policy, ...]], Score]:
    """An evaluator that looks a portfolio's score up in the grid instead of simulating it."""
    by_name = table.set_index("portfolio")

    def lookup(policies: tuple[Policy, ...]) -> Score:
        row = by_name.loc[describe(policies)]
        gains = {m: row[[f"{short}_{r}" for r in range(REPS)]].to_numpy(float)
                 for short, m in (("ikm", "ikm"), ("trust", "trust_office"))}
        return Score(gains, float(row["cost_per_year_rp"]))
    return lookup


def robust_ikm(table: pd.DataFrame) -> pd.Series:
    return table[[f"ikm_{r}" for r in range(REPS)]].quantile(0.1, axis=1)


def hypervolume(points: np.ndarray, max_cost: float) -> float:
    """Area dominated by (cost, gain) points, cost <= `max_cost`, gain >= 0 (2-D, exact).

    Hand-written: a staircase sum over points sorted by cost is shorter than any library call.
    """
    area, best = 0.0, 0.0
    for cost, gain in sorted((c, g) for c, g in points if c <= max_cost):
        if gain > best:
            area += (gain - best) * (max_cost - cost)
            best = gain
    return area


def compare_front(table: pd.DataFrame, seeds: int) -> pd.DataFrame:
    """For each sampler seed: the found best per budget and hypervolume, relative to the grid."""
    truth = table.assign(ikm_robust=robust_ikm(table))
    rows = []
    for s in range(seeds):
        with tempfile.TemporaryDirectory() as tmp:
            study = search(table_score(table), max(BUDGETS), Path(tmp), objectives=OBJECTIVES,
                           trials=TRIALS, seed=s, space=SPACE)
            found = front(study, OBJECTIVES, max(BUDGETS))
            row = {"seed": s}
            for budget in BUDGETS:
                best = recommend(study, OBJECTIVES, budget)
                fits = truth[truth["cost_per_year_rp"] <= budget]["ikm_robust"]
                row[f"best_{budget / 1e6:.0f}m"] = best.values[0] / fits.max() if best else 0.0
            pts = found[["cost_per_year_rp", "ikm_robust"]].to_numpy()
            grid_pts = truth[["cost_per_year_rp", "ikm_robust"]].to_numpy()
            row["hypervolume"] = (hypervolume(pts, max(BUDGETS))
                                  / hypervolume(grid_pts, max(BUDGETS)))
            rows.append(row)
    return pd.DataFrame(rows)


def efficiency(portfolios: int) -> tuple[float, float]:
    """Seconds to score `portfolios` one by one with 1 and with 2 workers."""
    choices = list(SPACE.choices())[:portfolios]
    times = []
    for workers in (1, 2):
        with Evaluator(load("baseline"), years=1, reps=REPS, seed=SEED,
                       workers=workers) as evaluate:
            start = time.perf_counter()
            for c in choices:
                evaluate(portfolio(c))
            times.append(time.perf_counter() - start)
    return times[0], times[1]


def main() -> None:
    """Run the grid (or resume it), replay the search on it and print the comparison; or
    measure the parallel efficiency."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("results/optimize-grid"))
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--efficiency", action="store_true",
                        help="measure the parallel efficiency instead of running the grid")
    parser.add_argument("--portfolios", type=int, default=12)
    args = parser.parse_args()
    if args.efficiency:
        one, two = efficiency(args.portfolios)
        print(f"{args.portfolios} trials one by one ({args.portfolios * REPS} runs): "
              f"{one:.1f} s on 1 worker, {two:.1f} s on 2: efficiency {one / (2 * two):.0%} "
              "(goal >= 80%)")
        return
    args.out.mkdir(parents=True, exist_ok=True)
    table = grid(args.out, args.workers)
    runs = (len(table) + 1) * REPS
    print(f"grid: {len(table)} portfolios = {runs} runs; a search: {TRIALS} trials = "
          f"{(TRIALS + 1) * REPS} runs")
    result = compare_front(table, args.seeds)
    print(result.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    worst = result.drop(columns="seed").min()
    print("worst over seeds (found / grid):", ", ".join(f"{k} {v:.1%}" for k, v in worst.items()))
    print("goal: every ratio >= 95%")


if __name__ == "__main__":
    main()
