"""The calibration report: one self-contained HTML page, and the calibration's files.

Writes, atomically, beside the history database: the posterior (Parquet, one row per particle
with its weight), diagnostics (JSON), the calibrated office as a scenario file and the report.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from hrsim.atomic import atomic_dir
from hrsim.calibration import CALIBRATED_OFFICE_FILE, FILES, PRIORS, Posterior, Predictive, Target
from hrsim.elements import ELEMENTS
from hrsim.i18n import number, t
from hrsim.measures.ikm import grade
from hrsim.report import plots
from hrsim.report.html import render_page
from hrsim.report.tables import write_csv
from hrsim.scenarios import Scenario
from hrsim.skm import SKM

FIT_FILE = "fit.csv"
MIN_ESS = 400  # effective samples for stable 5% and 95% quantiles of each parameter [A]


def run_calibration(files: Sequence[Path], out: Path, *, office: str | Path,
                    periods: Sequence[str], sheet: str | None, order: Sequence[str],
                    budget_runs: int, workers: int, scheduler: str | None, resume: bool,
                    seed: int, lang: str, report: Callable[[int], None]) -> list[Path]:
    """What ``hrsim calibrate`` does: read the SKM files, calibrate, predict, write the report.

    Called by `hrsim.specs.CalibrateSpec` (the command line and the planner's worker alike),
    which holds the options' defaults.

    Args:
        files: The office's SKM files (as ``hrsim ikm`` reads them).
        out: Folder of the calibration.
        office: The office: a profile or a scenario (name or path).
        periods: The periods to fit (none: all in the data).
        sheet: The XLSX sheet to read (None: the first).
        order: The element each of the files' columns U1..U9 holds.
        budget_runs: Model runs of the design (resumed ones included).
        workers: Local worker processes.
        scheduler: An existing Dask scheduler to run on instead.
        resume: Continue the calibration in `out`.
        seed: Base seed of the design, its runs and the MCMC.
        lang: Language of the report.
        report: Called with the number of design runs done as they finish.

    Returns:
        The files written (`write_calibration`), the report last.
    """
    from hrsim import calibration as cal
    from hrsim.scenarios.profile import load_office
    from hrsim.skm import read
    from hrsim.version import __version__

    skm = read(files, sheet=sheet, order=order)
    base = load_office(office)
    target = cal.Target.from_skm(skm, tuple(periods))
    simulated = cal.Office(base.params, base.policies)
    posterior = cal.calibrate(simulated, target, out, budget_runs=budget_runs, workers=workers,
                              scheduler=scheduler, seed=seed, resume=resume, report=report)
    predictive = cal.predict(simulated, posterior, target.respondents, seed=seed,
                             workers=workers, scheduler=scheduler)
    scenario = cal.calibrated_scenario(simulated, posterior, f"{base.name}-calibrated")
    provenance = {"hrsim_version": __version__, "office": base.name,
                  "office_digest": base.digest, "files": [str(f) for f in files],
                  "periods": list(target.periods), "seed": seed, "budget_runs": budget_runs,
                  "priors": cal.PRIORS}
    return write_calibration(out, skm, target, posterior, predictive, scenario, provenance, lang)


def write_calibration(out: Path, skm: SKM, target: Target, posterior: Posterior,
                      predictive: Predictive, scenario: Scenario, provenance: dict[str, Any],
                      lang: str = "id") -> list[Path]:
    """Write the posterior, diagnostics, the calibrated office, the fit and the report into `out`.

    ``fit.csv`` holds each period's observed element means beside their 90% predictive band.
    """
    view = CalibrationView(skm, target, posterior, predictive, provenance, lang)
    html = render_page("calibration.html", lang, view=view)
    posterior.write(out)
    with atomic_dir(out) as tmp:
        (tmp / CALIBRATED_OFFICE_FILE).write_text(scenario.to_toml(), encoding="utf-8")
        write_csv(fit_table(view), tmp / FIT_FILE)
        (tmp / "report.html").write_text(html, encoding="utf-8")
    return [out / name for name in (*FILES[:-1], FIT_FILE, FILES[-1])]


def fit_table(view: CalibrationView) -> pd.DataFrame:
    """Observed element means and their 90% predictive band, one row per period and element."""
    low, high = view.predictive.band()
    rows = [{"period": period.label, "element": e, "observed": period.survey.means[e],
             "predicted_low": float(low[k, j]), "predicted_high": float(high[k, j])}
            for k, period in enumerate(view.periods) for j, e in enumerate(ELEMENTS)]
    return pd.DataFrame(rows)


class CalibrationView:
    """What the report shows, formatted for one language."""

    def __init__(self, skm: SKM, target: Target, posterior: Posterior, predictive: Predictive,
                 provenance: dict[str, Any], lang: str) -> None:
        self.lang, self.posterior, self.predictive = lang, posterior, predictive
        self.periods = [p for p in skm.periods if p.label in target.periods]
        self.provenance = provenance
        self.provenance_json = json.dumps(provenance, indent=2, ensure_ascii=False)
        self.scenario_path = CALIBRATED_OFFICE_FILE
        d = posterior.diagnostics
        self.subtitle = t("calib.subtitle", lang, periods=len(self.periods),
                          respondents=sum(target.respondents), runs=d["runs"],
                          created=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
        r2 = sorted(d["emulator_r2"][k] for k in target.observed)
        self.diagnostics = t(
            "calib.diag.text", lang, runs=d["runs"],
            r2=f"{self.num(r2[0])}–{self.num(r2[len(r2) // 2])}", walkers=d["walkers"],
            steps=d["steps"], acceptance=self.num(d["acceptance_fraction"]),
            tau=self.num(d["autocorrelation_steps"], 0),
            ess=self.num(d["effective_sample_size"], 0))
        enough = d["effective_sample_size"] >= MIN_ESS
        self.floor = t("calib.diag.reached" if enough else "calib.diag.floor", lang)
        self.plots = {"fit": self._fit_plot(), "params": self._params_plot()}

    def num(self, x: float, digits: int = 2) -> str:
        """A number in the report's language."""
        return number(x, self.lang, digits)

    @property
    def fit_rows(self) -> list[dict[str, Any]]:
        """Observed element means beside their predictive band, per period."""
        low, high = self.predictive.band()
        rows = []
        for k, period in enumerate(self.periods):
            for j, e in enumerate(ELEMENTS):
                observed = period.survey.means[e]
                inside = observed is not None and low[k, j] <= observed <= high[k, j]
                rows.append({"period": period.label, "element": f"{e} {t(e, self.lang)}",
                             "observed": self.num(observed),
                             "band": f"{self.num(low[k, j])} – {self.num(high[k, j])}",
                             "inside": inside, "inside_text": "✓" if inside else "✗"})
        return rows

    @property
    def ikm_lines(self) -> list[str]:
        """Each period's IKM against its predictive interval."""
        lines = []
        for k, period in enumerate(self.periods):
            low, high = np.quantile(self.predictive.ikm[:, k], [0.05, 0.95])
            ikm = period.ikm
            lines.append(t("calib.ikm.line", self.lang, period=period.label,
                           observed=self.num(ikm.ikm), grade=ikm.grade,
                           low=f"{self.num(low)} ({grade(float(low))})",
                           high=f"{self.num(high)} ({grade(float(high))})"))
        return lines

    @property
    def param_rows(self) -> list[dict[str, str]]:
        """Each parameter's prior, posterior median and interval, and whether data informed it."""
        median = self.posterior.median()
        rows = []
        for name, (lo, hi) in PRIORS.items():
            a, b = self.posterior.interval(name)
            rows.append({"name": name, "prior": f"{self.num(lo)} – {self.num(hi)}",
                         "median": self.num(median[name], 3),
                         "interval": f"{self.num(a, 3)} – {self.num(b, 3)}",
                         "informed": t("calib.informed.edge" if self.posterior.at_edge(name)
                                       else "calib.informed.yes" if self.posterior.informed(name)
                                       else "calib.informed.no", self.lang)})
        return rows

    def _fit_plot(self) -> str:
        low, high = self.predictive.band()
        fig, ax = plt.subplots(figsize=(9, 3.6))
        x = np.arange(len(ELEMENTS))
        for k, period in enumerate(self.periods):
            shift = (k - (len(self.periods) - 1) / 2) * 0.25
            ax.vlines(x + shift, low[k], high[k], linewidth=6, alpha=0.35, color=f"C{k}")
            observed = [period.survey.means[e] or np.nan for e in ELEMENTS]
            ax.plot(x + shift, observed, "o", color=f"C{k}", label=period.label)
        ax.set_xticks(x, ELEMENTS)
        ax.set_ylabel("NRR (1–4)")
        ax.legend(fontsize=8)
        fig.tight_layout()
        return base64.b64encode(plots.png(fig)).decode()

    def _params_plot(self) -> str:
        n = len(PRIORS)
        fig, axes = plt.subplots(2, (n + 1) // 2, figsize=(11, 4.2))
        p = self.posterior.particles
        for ax, (name, (lo, hi)) in zip(axes.flat, PRIORS.items(), strict=False):
            ax.hist(p[name], bins=12, range=(lo, hi), weights=p.weight, density=True,
                    color="C0", alpha=0.7)
            ax.axhline(1 / (hi - lo), color="grey", linestyle="--", linewidth=1)
            ax.set_title(name, fontsize=8)
            ax.tick_params(labelsize=7)
        for ax in axes.flat[n:]:
            ax.axis("off")
        fig.tight_layout()
        return base64.b64encode(plots.png(fig)).decode()
