"""The portfolio report, with what it recommends for each budget.

The Pareto front (table and chart), the recommended portfolio for each budget as a scenario file,
and a bilingual page that explains the trade-offs in plain words.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd

from hrsim.atomic import atomic_dir
from hrsim.i18n import number, t
from hrsim.optimize import QUANTILE, describe, portfolio, recommend
from hrsim.report.html import render_page
from hrsim.report.plots import save
from hrsim.report.tables import write_csv
from hrsim.scenarios import Scenario


def run_optimization(budgets: Sequence[float], out: Path, *, office: Scenario | None,
                     posterior: Path | None, uncertainty: bool, years: int,
                     objectives: Sequence[str], trials: int, reps: int, workers: int,
                     scheduler: str | None, resume: bool, seed: int, lang: str,
                     progress: Callable[[int], None]) -> list[Path]:
    """What ``hrsim optimize`` does: search portfolios under the budgets and write the report.

    Called by `hrsim.specs.OptimizeSpec` (the command line and the planner's worker alike),
    which holds the options' defaults.

    Args:
        budgets: Annual budgets in Rp (the search uses the largest).
        out: Folder of the search.
        office: The office (None: the calibrated office of `posterior`, else the baseline).
        posterior: A calibration folder: each replication draws the office's parameters.
        uncertainty: Each replication also draws the key assumptions.
        years: Years simulated per run.
        objectives: What to raise, the first deciding the recommendation.
        trials: Portfolios to evaluate (resumed ones included).
        reps: Replications per portfolio.
        workers: Local worker processes.
        scheduler: An existing Dask scheduler to run on instead.
        resume: Continue the search in `out`.
        seed: Base seed of the replications and of the search.
        lang: Language of the report.
        progress: Called with the number of trials evaluated.

    Returns:
        The files written (`write_optimization`), the report first.
    """
    from hrsim import optimize as opt
    from hrsim.calibration import CALIBRATED_OFFICE_FILE, parameter_draws
    from hrsim.scenarios import load

    budgets, objectives = sorted(budgets), list(objectives)
    draws = parameter_draws(reps, seed, assumptions=uncertainty, posterior=posterior)
    if posterior is not None:
        office = office or load(posterior / CALIBRATED_OFFICE_FILE)
    base = office or load("baseline")
    with opt.Evaluator(base, years=years, reps=reps, seed=seed, draws=draws, workers=workers,
                       scheduler=scheduler) as evaluate:
        study = opt.search(evaluate, budgets[-1], out, objectives=objectives, trials=trials,
                           seed=seed, resume=resume, progress=progress)
    front = opt.front(study, objectives, budgets[-1])
    settings = {"trials": opt.evaluated(study), "reps": reps, "years": years, "office": base.name,
                "objectives": ", ".join(objectives),
                "uncertainty": t("opt.with_draws", lang) if draws else ""}
    return write_optimization(out, study, front, base, objectives, budgets, settings, lang)


def write_optimization(out: Path, study: Any, front: pd.DataFrame, office: Scenario,
                       objectives: list[str], budgets: list[float], settings: dict[str, Any],
                       lang: str = "id") -> list[Path]:
    """Write pareto.csv, pareto.png, one portfolio-<budget>.toml per budget and report.html."""
    lines, files = [], []
    with atomic_dir(out) as tmp:
        write_csv(front, tmp / "pareto.csv")
        chart = _chart(front, objectives, budgets, tmp / "pareto.png", lang)
        for budget in budgets:
            best = recommend(study, objectives, budget)
            name = f"portfolio-{budget / 1e6:g}m"
            if best is None:
                lines.append(t("opt.none", lang, budget=_rp(budget, lang)))
                continue
            policies = portfolio(best.params)
            scenario = Scenario(name, office.params, (*office.policies, *policies), title={
                "id": f"Portofolio terbaik untuk Rp {budget / 1e6:g} juta per tahun",
                "en": f"Best portfolio for Rp {budget / 1e6:g} million a year"},
                description={"id": describe(policies), "en": describe(policies)})
            (tmp / f"{name}.toml").write_text(scenario.to_toml(), encoding="utf-8")
            files.append(f"{name}.toml")
            lines.append(t("opt.line", lang, budget=_rp(budget, lang),
                           portfolio=describe(policies),
                           cost=_rp(best.user_attrs["cost_per_year"], lang),
                           robust=number(best.values[0], lang, 2),
                           mean=number(best.user_attrs[f"{objectives[0]}_mean"], lang, 2),
                           file=f"{name}.toml"))
        page = _page(lines, front, settings, chart, lang)
        (tmp / "report.html").write_text(page, encoding="utf-8")
    return [out / "report.html", out / "pareto.csv", out / "pareto.png",
            *(out / f for f in files)]


def _rp(value: float, lang: str) -> str:
    return f"Rp {number(value / 1e6, lang, 1)} {t('opt.million', lang)}"


def _chart(front: pd.DataFrame, objectives: list[str], budgets: list[float], path: Path,
           lang: str) -> Path:
    fig, ax = plt.subplots(figsize=(7, 4))
    if len(front):
        y = front[f"{objectives[0]}_robust"]
        colour = front[f"{objectives[1]}_robust"] if len(objectives) > 1 else None
        points = ax.scatter(front["cost_per_year_rp"] / 1e6, y, c=colour, cmap="viridis")
        if colour is not None:
            fig.colorbar(points, label=t("opt.axis.trust", lang))
    for budget in budgets:
        ax.axvline(budget / 1e6, color="grey", ls="--", lw=0.8)
    ax.set_xlabel(t("opt.axis.cost", lang))
    ax.set_ylabel(t("opt.axis.ikm", lang, quantile=f"{QUANTILE:.0%}"))
    fig.tight_layout()
    return save(fig, path)


def _page(lines: list[str], front: pd.DataFrame, settings: dict[str, Any], chart: Path,
          lang: str) -> str:
    """The report: recommendations, the honest caveat, the front (chart embedded, and table)."""
    return render_page("optimize.html", lang, lines=lines, settings=settings,
                       quantile=f"{QUANTILE:.0%}",
                       chart=base64.b64encode(chart.read_bytes()).decode(),
                       table=front.to_html(index=False, border=0,
                                           float_format=lambda x: f"{x:,.3f}"))
