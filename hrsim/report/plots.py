"""Standard plots of one run (matplotlib, written as PNG)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")  # files only; no display needed
import matplotlib.pyplot as plt

from hrsim.agents.citizens import ELEMENTS
from hrsim.i18n import t

if TYPE_CHECKING:
    from hrsim.results import RunResult


def _save(fig: plt.Figure, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def run_plots(result: RunResult, out: Path, lang: str = "en") -> list[Path]:
    """IKM and trust, the counter queue, staff well-being and the nine elements."""
    ts = result.timeseries
    paths = []

    fig, (a, b) = plt.subplots(2, 1, figsize=(8, 6), sharex=True)
    a.plot(ts.index, ts["ikm"], label=t("ikm", lang))
    if len(result.surveys):
        a.step(result.surveys["day"], result.surveys["ikm"], where="post", color="k",
               label=t("survey", lang))
    for lower, letter in ((88.31, "A"), (76.61, "B"), (65.0, "C")):
        a.axhline(lower, color="grey", lw=0.6, ls=":")
        a.annotate(letter, (ts.index[0], lower), fontsize=8, color="grey")
    a.set_ylabel("IKM")
    a.legend(loc="lower left", fontsize=8)
    for col in ("trust_office", "trust_government", "share_trusting"):
        b.plot(ts.index, ts[col], label=t(col, lang))
    b.set_ylim(0, 1)
    b.set_xlabel(t("day", lang))
    b.legend(loc="lower left", fontsize=8)
    paths.append(_save(fig, out / "ikm_trust.png"))

    fig, (a, b) = plt.subplots(2, 1, figsize=(8, 6), sharex=True)
    a.plot(ts.index, ts["wait_mean_min"], label=t("wait_mean_min", lang))
    a.plot(ts.index, ts["queue_max"], label=t("queue_max", lang))
    a.legend(fontsize=8)
    b.plot(ts.index, ts["utilisation"], label=t("utilisation", lang))
    b.plot(ts.index, ts["exhaustion_mean"], label=t("exhaustion_mean", lang))
    b.plot(ts.index, ts["motivation_mean"], label=t("motivation_mean", lang))
    b.plot(ts.index, ts["courtesy_mean"], label=t("courtesy_mean", lang))
    b.set_xlabel(t("day", lang))
    b.legend(fontsize=8)
    paths.append(_save(fig, out / "queue_staff.png"))

    elements = result.summary["elements"]
    fig, ax = plt.subplots(figsize=(8, 4))
    values = [elements[e] or 0 for e in ELEMENTS]
    ax.barh([f"{e} {t(e, lang)}" for e in ELEMENTS][::-1], values[::-1], color="tab:blue")
    ax.axvline(3, color="grey", lw=0.8, ls=":")
    ax.set_xlim(1, 4)
    ax.set_xlabel("1–4")
    paths.append(_save(fig, out / "elements.png"))
    return paths
