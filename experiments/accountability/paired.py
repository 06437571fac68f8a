"""Experiment 9's table: each forum frequency minus no forums, at the same r and replication.

    python experiments/accountability/paired.py results/accountability \
        experiments/accountability/figures

Writes ``paired.csv`` (measure, r, forums every n days: mean paired effect and 95% t interval)
and ``paired.png`` (trust in the office by r, one line per frequency).
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from hrsim.analysis.effects import mean_interval

MEASURES = ("trust_office", "trust_users", "share_trusting", "ikm", "elements_U1")


def paired(runs: pd.DataFrame) -> pd.DataFrame:
    """Effects of each frequency against no forums (interval 0), per measure and r."""
    rows = []
    for measure in MEASURES:
        wide = runs.pivot_table(index=["acted_on", "replication"], columns="forums_every",
                                values=measure)
        for every in wide.columns.drop(0):
            for r, d in (wide[every] - wide[0]).groupby(level="acted_on"):
                mean, low, high = mean_interval(d.to_numpy())
                rows.append({"measure": measure, "acted_on": r, "forums_every": every,
                             "effect": mean, "low": low, "high": high})
    return pd.DataFrame(rows)


def draw(table: pd.DataFrame, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    trust = table[table.measure == "trust_office"]
    for every, rows in trust.groupby("forums_every", sort=True):
        ax.errorbar(rows.acted_on, rows.effect * 1e3, yerr=[(rows.effect - rows.low) * 1e3,
                    (rows.high - rows.effect) * 1e3], marker="o", ms=3, capsize=2,
                    label=f"a forum every {every} days")
    ax.axhline(0, color="grey", lw=0.8)
    ax.set_xlabel("r: share of forum input visibly acted on")
    ax.set_ylabel("effect on mean trust in the office (x 1000)")
    ax.set_title("Forums build trust only when input is acted on (2 years, 95% CI)", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(results: Path, out: Path) -> None:
    runs = pd.concat(pd.read_parquet(f) for f in (results / "runs").glob("*.parquet"))
    table = paired(runs)
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "paired.csv", index=False, float_format="%.6f")
    draw(table, out / "paired.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
