"""The calibration report: one self-contained HTML page, and the calibration's files.

Writes, atomically, beside the history database: the posterior (Parquet, one row per particle
with its weight), diagnostics (JSON), the calibrated office as a scenario file and the report.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
import matplotlib.pyplot as plt
import numpy as np

from hrsim.atomic import atomic_dir
from hrsim.calibration import FILES, OFFICE_FILE, PRIORS, Posterior, Predictive, Target
from hrsim.elements import ELEMENTS
from hrsim.i18n import number, t
from hrsim.measures.ikm import grade
from hrsim.report import plots
from hrsim.scenarios import Scenario
from hrsim.skm import SKM

MIN_ESS = 400  # effective samples for stable 5% and 95% quantiles of each parameter [A]


def write_calibration(out: Path, skm: SKM, target: Target, posterior: Posterior,
                      predictive: Predictive, scenario: Scenario, provenance: dict[str, Any],
                      lang: str = "id") -> list[Path]:
    """Write the posterior, diagnostics, the calibrated office and the report into `out`."""
    view = CalibrationView(skm, target, posterior, predictive, provenance, lang)
    env = jinja2.Environment(loader=jinja2.PackageLoader("hrsim.report", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    html = env.get_template("calibration.html").render(
        view=view, lang=lang, t=lambda key, **kw: t(key, lang, **kw))
    posterior.write(out)
    with atomic_dir(out) as tmp:
        (tmp / OFFICE_FILE).write_text(scenario.to_toml(), encoding="utf-8")
        (tmp / "report.html").write_text(html, encoding="utf-8")
    return [out / name for name in FILES]


class CalibrationView:
    """What the report shows, formatted for one language."""

    def __init__(self, skm: SKM, target: Target, posterior: Posterior, predictive: Predictive,
                 provenance: dict[str, Any], lang: str) -> None:
        self.lang, self.posterior, self.predictive = lang, posterior, predictive
        self.periods = [p for p in skm.periods if p.label in target.periods]
        self.provenance = provenance
        self.provenance_json = json.dumps(provenance, indent=2, ensure_ascii=False)
        self.scenario_path = OFFICE_FILE
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
                         "informed": t("calib.informed.yes" if self.posterior.informed(name)
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
