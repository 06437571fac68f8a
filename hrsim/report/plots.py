"""Standard plots of one run and of a comparison of scenarios (matplotlib, PNG)."""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")  # files only; no display needed
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import TwoSlopeNorm
from matplotlib.patches import Patch

from hrsim.i18n import t
from hrsim.measures import INFO
from hrsim.measures.ikm import GRADES
from hrsim.world.citizens import ELEMENTS

if TYPE_CHECKING:
    from hrsim.analysis.compare import Comparison
    from hrsim.results import RunResult
    from hrsim.scenarios import Scenario


def save(fig: plt.Figure, path: Path) -> Path:
    """Lay out `fig`, write it to `path` as PNG and close it."""
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def mark_starts(ax: plt.Axes, starts: Sequence[int]) -> None:
    """Dashed lines at the days policies start (after the first day)."""
    for day in sorted({d for d in starts if d > 1}):
        ax.axvline(day, color="grey", lw=0.8, ls="--")


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
    starts = [p["start"] for p in result.meta.get("policies", [])]
    for ax in (a, b):
        mark_starts(ax, starts)
    for col in ("trust_office", "trust_government", "share_trusting"):
        b.plot(ts.index, ts[col], label=t(col, lang))
    b.set_ylim(0, 1)
    b.set_xlabel(t("day", lang))
    b.legend(loc="lower left", fontsize=8)
    paths.append(save(fig, out / "ikm_trust.png"))

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
    paths.append(save(fig, out / "queue_staff.png"))

    elements = result.summary["elements"]
    fig, ax = plt.subplots(figsize=(8, 4))
    values = [elements[e] or 0 for e in ELEMENTS]
    ax.barh([f"{e} {t(e, lang)}" for e in ELEMENTS][::-1], values[::-1], color="tab:blue")
    ax.axvline(3, color="grey", lw=0.8, ls=":")
    ax.set_xlim(1, 4)
    ax.set_xlabel("1–4")
    paths.append(save(fig, out / "elements.png"))
    return paths


# --- comparison of scenarios --------------------------------------------------------------------

RAW_GRADES = {letter: lower / 25 for letter, lower in GRADES}  # lower bounds on the 1–4 scale
REFERENCE_COLOUR, SCENARIO_COLOUR = "0.55", "tab:blue"


def label(scenario: Scenario, lang: str) -> str:
    """A scenario's title in `lang` (its name if it has none)."""
    return scenario.title.get(lang) or scenario.name


def _short(text: str, width: int = 28) -> str:
    return textwrap.fill(text, width)


def bands_figure(comparison: Comparison, column: str, lang: str = "en") -> plt.Figure:
    """A daily series over time, one panel per scenario.

    Each panel shows the scenario's median over replications and its 10–90% band beside the
    reference's (grey).
    """
    scale = INFO[column].scale
    reference = comparison.reference
    others = comparison.scenarios[1:] or comparison.scenarios
    ncols = min(4, len(others))
    nrows = math.ceil(len(others) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.1 * ncols, 2.3 * nrows + 0.9), sharex=True,
                             sharey=True, squeeze=False)
    for ax, scenario in zip(axes.flat, others, strict=False):
        for name, colour in ((reference.name, REFERENCE_COLOUR), (scenario.name, SCENARIO_COLOUR)):
            band = comparison.bands.loc[(name, column)] * scale
            ax.fill_between(band.index, band["p10"], band["p90"], color=colour, alpha=0.3, lw=0)
            ax.plot(band.index, band["p50"], color=colour, lw=1.2)
        mark_starts(ax, [p.start for p in scenario.policies])
        ax.set_title(_short(label(scenario, lang)), fontsize=8)
        ax.tick_params(labelsize=7)
    for ax in axes.flat[len(others):]:
        ax.set_visible(False)
    fig.supxlabel(t("day", lang), fontsize=9)
    fig.supylabel(_measure_title(column, lang), fontsize=9)
    handles = [Patch(color=REFERENCE_COLOUR, alpha=0.5, label=label(reference, lang)),
               Patch(color=SCENARIO_COLOUR, alpha=0.5, label=t("report.plot.scenario", lang))]
    fig.legend(handles=handles, loc="upper center", ncols=2, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    return fig


def elements_figure(comparison: Comparison, lang: str = "en") -> plt.Figure:
    """Mean answer (1–4) on each of the nine IKM elements, per scenario, as a heat map.

    Colours follow the IKM grade bands on the 1–4 scale: red at C (below 3.06) and lower, yellow
    at the C/B border, green at A (3.53 and above).
    """
    names = [s.name for s in comparison.scenarios]
    values = np.array([[comparison.row(n, e)["mean"] for e in ELEMENTS] for n in names])
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(names) + 2.4))
    norm = TwoSlopeNorm(vmin=RAW_GRADES["C"], vcenter=RAW_GRADES["B"], vmax=RAW_GRADES["A"])
    image = ax.imshow(values, cmap="RdYlGn", norm=norm, aspect="auto")
    for (row, col), value in np.ndenumerate(values):
        ax.text(col, row, f"{value:.2f}", ha="center", va="center", fontsize=7)
    ax.set_xticks(range(len(ELEMENTS)), [_short(f"{e} {t(e, lang)}", 24) for e in ELEMENTS],
                  fontsize=7, rotation=30, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(len(names)), [label(s, lang) for s in comparison.scenarios], fontsize=8)
    fig.colorbar(image, ax=ax, label="1–4", shrink=0.8)
    fig.tight_layout()
    return fig


def scale_note(measure: str) -> str:
    """`` (0–100)`` after the label of a 0–1 measure shown as points, else nothing."""
    info = INFO[measure]
    return " (0–100)" if info.scale == 100 and not info.unit else ""


def _measure_title(measure: str, lang: str) -> str:
    return t(measure, lang) + scale_note(measure)


def _difference(comparison: Comparison, scenario: Scenario,
                measure: str) -> tuple[float, list[list[float]], bool]:
    """Paired difference (display scale), its interval as error-bar lengths, distinguishable."""
    row = comparison.row(scenario.name, measure)
    scale = INFO[measure].scale
    diff, low, high = (row[k] * scale for k in ("diff", "diff_low", "diff_high"))
    return diff, [[diff - low], [high - diff]], bool(row["distinguishable"])


def _marker(distinguishable: bool) -> dict[str, str]:
    """Filled when the interval excludes zero, open when it does not."""
    return {"fmt": "o", "color": SCENARIO_COLOUR,
            "mfc": SCENARIO_COLOUR if distinguishable else "white"}


def difference_figure(comparison: Comparison, measures: Sequence[str] = ("ikm", "trust_office"),
                      lang: str = "en") -> plt.Figure:
    """Paired difference from the reference with its 95% interval, per scenario and measure.

    A filled marker: the interval excludes zero (distinguishable); an open one: it does not.
    """
    others = comparison.scenarios[1:]
    y = np.arange(len(others))[::-1]
    fig, axes = plt.subplots(1, len(measures), sharey=True, squeeze=False,
                             figsize=(5 * len(measures), 0.38 * len(others) + 1.6))
    for ax, measure in zip(axes.flat, measures, strict=True):
        for yi, scenario in zip(y, others, strict=True):
            diff, error, distinguishable = _difference(comparison, scenario, measure)
            ax.errorbar(diff, yi, xerr=error, capsize=3, **_marker(distinguishable))
        ax.axvline(0, color="k", lw=0.8)
        ax.set_title(_measure_title(measure, lang), fontsize=9)
        ax.set_xlabel(t("report.plot.difference", lang,
                        reference=label(comparison.reference, lang)), fontsize=8)
        ax.grid(axis="x", lw=0.3)
    axes[0, 0].set_yticks(y, [label(s, lang) for s in others], fontsize=8)
    fig.tight_layout()
    return fig


def cost_effect_figure(comparison: Comparison, measures: Sequence[str] = ("ikm", "trust_office"),
                       lang: str = "en") -> plt.Figure:
    """Extra cost against effect (paired difference with its 95% interval), per scenario.

    Points are numbered (names would overlap where scenarios cost the same); the key is on the
    right.
    """
    others = comparison.scenarios[1:]
    fig, axes = plt.subplots(1, len(measures), figsize=(5 * len(measures) + 3, 4.4),
                             squeeze=False)
    for ax, measure in zip(axes.flat, measures, strict=True):
        for number, scenario in enumerate(others, start=1):
            cost = comparison.row(scenario.name, "cost_rp")["diff"] / 1e6
            diff, error, distinguishable = _difference(comparison, scenario, measure)
            ax.errorbar(cost, diff, yerr=error, capsize=3, **_marker(distinguishable))
            ax.annotate(str(number), (cost, diff), xytext=(4, 3), textcoords="offset points",
                        fontsize=7)
        ax.axhline(0, color="k", lw=0.8)
        ax.set_title(_measure_title(measure, lang), fontsize=9)
        ax.set_xlabel(t("report.plot.extra_cost", lang), fontsize=8)
        ax.set_ylabel(t("report.plot.difference", lang,
                        reference=label(comparison.reference, lang)), fontsize=8)
        ax.grid(lw=0.3)
    key = [f"{number:>2}  {_short(label(s, lang), 34)}".replace("\n", "\n     ")
           for number, s in enumerate(others, start=1)]
    fig.text(0.76, 0.93, "\n".join(key), va="top", fontsize=7, family="monospace")
    fig.tight_layout(rect=(0, 0, 0.75, 1))
    return fig


def p_best_figure(comparison: Comparison, lang: str = "en") -> plt.Figure:
    """Bars: each scenario's probability of giving the highest IKM, under parameter uncertainty."""
    names = [s.name for s in comparison.scenarios]
    shares = [100 * comparison.row(name, "ikm")["p_best"] for name in names]
    fig, ax = plt.subplots(figsize=(7, 0.4 * len(names) + 1))
    ax.barh([label(s, lang) for s in comparison.scenarios], shares, color="C0")
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(t("report.col.p_best", lang) + " (%)")
    fig.tight_layout()
    return fig


def png(fig: plt.Figure) -> bytes:
    """The figure as PNG bytes (for embedding), closing it."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    plt.close(fig)
    return buffer.getvalue()
