"""Experiment 6's cell table and maps: P(grade C or worse), P(collapse) and the package's gain.

    python experiments/staffing/cliff.py results/staffing experiments/staffing/figures

Reads the batch's runs (``RESULTS/runs/*.parquet``) and writes ``cells.csv`` (one row per
scenario, back-office staff and desks: mean IKM, the two probabilities with Wilson 95%
intervals) and ``gain.csv`` (the package's paired IKM gain per cell, mean and 95% interval), and
draws ``cliff.png``. Collapse: at least one post in five (counter desks plus back office) lost to
exhaustion-driven resignations within the year, defined before the runs were looked at.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy.stats import binomtest

from hrsim.analysis.effects import mean_interval

CELL = ["back_office", "desks"]
COLLAPSE_SHARE = 0.2  # posts lost in a year that count as a collapse


def share(hits: pd.Series) -> pd.Series:
    """Share of runs where `hits` holds, with its Wilson 95% interval."""
    ci = binomtest(int(hits.sum()), len(hits)).proportion_ci(method="wilson")
    return pd.Series({"p": hits.mean(), "low": ci.low, "high": ci.high})


def cells(runs: pd.DataFrame) -> pd.DataFrame:
    """One row per scenario and cell: mean IKM, P(grade C or worse), P(collapse)."""
    runs = runs.assign(below_b=runs["grade"].isin(["C", "D"]),
                       collapse=runs["turnover"] >= COLLAPSE_SHARE
                       * (runs["back_office"] + runs["desks"]))
    rows = []
    for key, group in runs.groupby(["scenario", *CELL]):
        c, b = share(group["below_b"]), share(group["collapse"])
        rows.append({**dict(zip(["scenario", *CELL], key, strict=True)), "runs": len(group),
                     "ikm": group["ikm"].mean(), "turnover": group["turnover"].mean(),
                     "p_grade_c_or_worse": c["p"], "c_low": c["low"], "c_high": c["high"],
                     "p_collapse": b["p"], "collapse_low": b["low"], "collapse_high": b["high"]})
    return pd.DataFrame(rows)


def gains(runs: pd.DataFrame) -> pd.DataFrame:
    """The package's paired IKM gain over the baseline per cell (same replication)."""
    wide = runs.pivot_table(index=[*CELL, "replication"], columns="scenario", values="ikm")
    diff = (wide["human-relations"] - wide["baseline"]).groupby(level=CELL)
    rows = [{**dict(zip(CELL, key, strict=True)),
             **dict(zip(["gain", "low", "high"], mean_interval(d.to_numpy()), strict=True))}
            for key, d in diff]
    return pd.DataFrame(rows)


def draw(table: pd.DataFrame, gain: pd.DataFrame, path: Path) -> None:
    """Heat maps: P(C or worse) and P(collapse) per scenario, and the package's gain."""
    fig, axes = plt.subplots(1, 5, figsize=(19, 3.8))
    panels = [("baseline", "p_grade_c_or_worse", "P(grade C or worse)"),
              ("human-relations", "p_grade_c_or_worse", "P(grade C or worse)"),
              ("baseline", "p_collapse", "P(collapse)"),
              ("human-relations", "p_collapse", "P(collapse)")]
    for ax, (scenario, column, title) in zip(axes, panels, strict=False):
        grid = table[table.scenario == scenario].pivot(index="back_office", columns="desks",
                                                       values=column)
        _heat(ax, grid, f"{title}\n{scenario}", "{:.0%}", vmin=0, vmax=1, cmap="Reds")
    grid = gain.pivot(index="back_office", columns="desks", values="gain")
    _heat(axes[4], grid, "IKM gain of the package\n(paired, mean)", "{:+.2f}", cmap="Greens")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _heat(ax, grid: pd.DataFrame, title: str, fmt: str, **style) -> None:
    ax.imshow(grid.to_numpy(), origin="lower", aspect="auto", **style)
    ax.set_xticks(range(grid.shape[1]), grid.columns)
    ax.set_yticks(range(grid.shape[0]), grid.index)
    ax.set_xlabel("counter desks")
    ax.set_ylabel("back-office staff")
    ax.set_title(title, fontsize=10)
    for (i, j), v in np.ndenumerate(grid.to_numpy()):
        ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=8)


def main(results: Path, out: Path) -> None:
    runs = pd.concat(pd.read_parquet(f) for f in sorted((results / "runs").glob("*.parquet")))
    out.mkdir(parents=True, exist_ok=True)
    table, gain = cells(runs), gains(runs)
    table.to_csv(out / "cells.csv", index=False, float_format="%.4f")
    gain.to_csv(out / "gain.csv", index=False, float_format="%.4f")
    draw(table, gain, out / "cliff.png")
    print(table.round(3).to_string(index=False))
    print(gain.round(3).to_string(index=False))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
