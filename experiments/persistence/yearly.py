"""Experiment 8's per-year effects: each scenario minus the baseline, year by year.

    python experiments/persistence/yearly.py results/persistence experiments/persistence/figures

Reads the batch's runs and daily series (``RESULTS/runs``, ``RESULTS/series``), averages each
run's daily running IKM and population trust over each year (250 working days), pairs every
scenario with the baseline run of the same replication (common random numbers) and writes
``yearly.csv`` (scenario, measure, year: mean effect and 95% t interval over replications) and
``yearly.png``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from hrsim.analysis.effects import mean_interval
from hrsim.calendar import WORKING_DAYS_PER_YEAR

MEASURES = {"ikm": ("IKM points", 1.0), "trust_office": ("trust in the office (x 1000)", 1e3)}


def yearly_means(results: Path) -> pd.DataFrame:
    """One row per run and year: the year's mean of each daily measure, with the run's tags."""
    runs = pd.concat(pd.read_parquet(f) for f in (results / "runs").glob("*.parquet"))
    series = pd.concat(pd.read_parquet(f) for f in (results / "series").glob("*.parquet"))
    series["year"] = (series["day"] - 1) // WORKING_DAYS_PER_YEAR + 1
    means = series.groupby(["run_id", "year"])[list(MEASURES)].mean().reset_index()
    return means.merge(runs[["run_id", "scenario", "replication"]], on="run_id")


def effects(means: pd.DataFrame) -> pd.DataFrame:
    """Each scenario's paired effect per measure and year."""
    wide = means.pivot_table(index=["replication", "year"], columns="scenario",
                             values=list(MEASURES))
    rows = []
    for measure in MEASURES:
        table = wide[measure]
        for scenario in table.columns.drop("baseline"):
            diff = (table[scenario] - table["baseline"]).groupby(level="year")
            for year, d in diff:
                mean, low, high = mean_interval(d.to_numpy())
                rows.append({"scenario": scenario, "measure": measure, "year": year,
                             "effect": mean, "low": low, "high": high, "replications": len(d)})
    return pd.DataFrame(rows)


def draw(table: pd.DataFrame, path: Path) -> None:
    """Effect by year, one panel per measure, one line per scenario."""
    fig, axes = plt.subplots(1, len(MEASURES), figsize=(13, 5.5))
    for ax, (measure, (label, scale)) in zip(axes, MEASURES.items(), strict=True):
        for i, (scenario, rows) in enumerate(table[table.measure == measure].groupby(
                "scenario", sort=False)):
            style = "--" if scenario in ("training-once", "participation-stopped") else "-"
            ax.errorbar(rows.year + 0.03 * (i - 6), rows.effect * scale,
                        yerr=[(rows.effect - rows.low) * scale, (rows.high - rows.effect) * scale],
                        ls=style, marker="o", ms=3, capsize=2, label=scenario)
        ax.axhline(0, color="grey", lw=0.8)
        ax.set_xlabel("year")
        ax.set_ylabel(f"effect on {label}")
        ax.set_xticks(sorted(table.year.unique()))
    axes[0].legend(fontsize=7, ncol=2)
    fig.suptitle("Effect of each lever over five years (paired with the baseline, 95% intervals)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(results: Path, out: Path) -> None:
    table = effects(yearly_means(results))
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "yearly.csv", index=False, float_format="%.5f")
    draw(table, out / "yearly.png")
    for measure, (_, scale) in MEASURES.items():
        wide = table[table.measure == measure].pivot(index="scenario", columns="year",
                                                     values="effect") * scale
        print(f"{measure} effect by year (x{scale:g}):\n{wide.round(2).to_string()}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
