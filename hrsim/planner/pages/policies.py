"""Kebijakan / Policies: compare chosen levers, or search the best portfolio for a budget.

A button writes the scenarios of the chosen levers (or takes the budget) into a new job folder,
with the office's saved profile and a chosen calibration's posterior, and queues the comparison
(`hrsim.specs.CompareSpec`) or the search (`hrsim.specs.OptimizeSpec`); the cards below follow
every such job of this browser. Results are read from the files the library wrote:
``summary.csv`` and ``report.html`` of a comparison, ``pareto.csv`` and ``pareto.png`` of a
search.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import solara

from hrsim.analysis.compare import FEW_REPS
from hrsim.calibration import FILES as CALIBRATION_FILES
from hrsim.i18n import LANGUAGES, number, t
from hrsim.planner.jobs import DONE, INPUTS, OUTPUTS, JobRecord
from hrsim.planner.state import Planner
from hrsim.planner.widgets import Jobs, StartButton, bounded, prose
from hrsim.policies import REGISTRY, Policy
from hrsim.scenarios import Scenario
from hrsim.specs import CompareSpec, OptimizeSpec
from hrsim.ui.island import Island

POSTERIOR_FOLDER = "posterior"  # a calibration's files, copied into a job's inputs
MILLION = 1e6  # the budget is typed in millions of Rp


def cost_fields(key: str) -> list[str]:
    """A lever's costs (Rp): one-off, per year, and any price per unit (trainee, forum)."""
    return [f for f in REGISTRY[key].model_fields if f.startswith("cost_") and f.endswith("_rp")]


def lever_defaults() -> dict[str, dict[str, Any]]:
    """Each lever of the library with its default intensity, start day and costs (Rp)."""
    return {key: {"on": False, **REGISTRY[key]().model_dump(
        include={"intensity", "start", *cost_fields(key)})} for key in Policy.levers()}


def chosen_scenarios(levers: dict[str, dict[str, Any]], lang: str) -> list[Scenario]:
    """One scenario per chosen lever, and all chosen together when there are several."""
    policies = {key: REGISTRY[key](**{k: v for k, v in spec.items() if k != "on"})
                for key, spec in levers.items() if spec["on"]}
    scenarios = [Scenario(key, policies=(policy,), title=_texts(f"app.lever.{key}"),
                          description=_texts(f"app.tip.lever.{key}"))
                 for key, policy in policies.items()]
    if len(policies) > 1:
        scenarios.append(Scenario("together", policies=tuple(policies.values()),
                                  title=_texts("planner.policies.together"),
                                  description={lang: ", ".join(t(f"app.lever.{key}", lang)
                                                               for key in policies)
                                               for lang in LANGUAGES}))
    return scenarios


def _texts(key: str) -> dict[str, str]:
    """A text in every language (a scenario's title or description)."""
    return {lang: t(key, lang) for lang in LANGUAGES}


def calibration_inputs(planner: Planner, job_id: str | None) -> dict[str, Path]:
    """A finished calibration's files for ``--posterior`` (none if `job_id` is None)."""
    job = next((j for j in planner.jobs("calibrate") if j.id == job_id), None)
    if job is None:
        return {}
    return {f"{POSTERIOR_FOLDER}/{name}": job.outputs / name for name in CALIBRATION_FILES[:3]}


FIELD = {"max-width": "12em"}  # a lever's number boxes: several side by side
# a lever's editors show while its box is ticked, and its costs under the box while it is not:
# the browser follows the box by this rule at once, the server draws nothing on a tick
LEVER_STYLE = """
.hrsim-lever-editors, .hrsim-lever:has(.hrsim-lever-tick input:checked) .hrsim-lever-tick
.v-messages { display: none; }
.hrsim-lever:has(.hrsim-lever-tick input:checked) .hrsim-lever-editors { display: block; }
"""


@solara.component
def LeverTable(levers: solara.Reactive[dict[str, dict[str, Any]]], lang: str):
    """A row per lever: whether it is funded, its costs, and its intensity, start day and costs."""
    def change(key: str, field: str, value: Any) -> None:
        if value is not None:
            levers.set({**levers.value, key: {**levers.value[key], field: value}})

    solara.Style(LEVER_STYLE)
    for key, spec in levers.value.items():
        costs = "; ".join(f"{t(f'planner.policies.{f}', lang)} {number(spec[f], lang, 0)}"
                          for f in cost_fields(key) if spec[f])
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"},
                        classes=["hrsim-lever"]):
            with solara.Column(style={"min-width": "16em"}, classes=["hrsim-lever-tick"]):
                solara.v.Checkbox(label=t(f"app.lever.{key}", lang), v_model=spec["on"],
                                  dense=True, persistent_hint=True,
                                  hint=t("planner.policies.costs", lang, costs=costs or "–"),
                                  on_v_model=lambda v, key=key: change(key, "on", v))
            with solara.Div(classes=["hrsim-lever-editors"], style={"flex": "1 1 0"}):
                LeverEditors(key, spec, change, lang)


@solara.component
def LeverEditors(key: str, spec: dict[str, Any], change: Callable[[str, str, Any], None],
                 lang: str):
    """A lever's intensity, start day and costs (Rp), side by side."""
    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
        with solara.Div(style={"width": "16em"}):
            solara.SliderFloat(t("planner.policies.intensity", lang) +
                               f": {spec['intensity']:.1f}", value=spec["intensity"], min=0.1,
                               max=1.0, step=0.1, on_value=lambda v: change(key, "intensity", v))
        solara.InputInt(t("planner.policies.start", lang), value=spec["start"],
                        on_value=lambda v: change(key, "start", v), style=FIELD)
        for field in cost_fields(key):
            solara.InputInt(t(f"planner.policies.{field}", lang), value=int(spec[field]),
                            on_value=lambda v, field=field: change(key, field, v), style=FIELD)


@solara.component
def PoliciesPage(planner: Planner):
    """Kebijakan / Policies: compare chosen levers, or search the best portfolio for a budget."""
    lang = planner.lang
    levers = solara.use_reactive(solara.use_memo(lever_defaults, []))
    reps, days = (solara.use_reactive(CompareSpec.default("reps")),
                  solara.use_reactive(CompareSpec.default("days")))
    seed = solara.use_reactive(CompareSpec.default("seed"))
    assumptions = solara.use_reactive(False)
    none = t("planner.policies.no_calibration", lang)
    calibration = solara.use_reactive(none)
    budget = solara.use_reactive(OptimizeSpec.example("budget")[0] / MILLION)
    trials = solara.use_reactive(OptimizeSpec.default("trials"))
    search_reps = solara.use_reactive(OptimizeSpec.default("reps"))
    finished = [j.id for j in planner.jobs("calibrate") if j.state == DONE]
    scenarios = chosen_scenarios(levers.value, lang)
    profile, office_name = planner.profile_input()
    posterior = calibration_inputs(planner, calibration.value)
    inputs: dict[str, Path | str] = {**profile, **posterior}
    common = {"office": office_name, "seed": seed.value, "lang": lang, "out": Path(OUTPUTS),
              "posterior": Path(INPUTS, POSTERIOR_FOLDER) if posterior else None}
    written = {f"{s.name}.toml": s.to_toml() for s in scenarios}
    compare = CompareSpec.attempt(
        **common, scenarios=tuple(f"{INPUTS}/{name}" for name in written), reps=reps.value,
        days=days.value, uncertainty=reps.value if assumptions.value else None)
    search = OptimizeSpec.attempt(
        **common, budget=((budget.value or 0) * MILLION,), trials=trials.value,
        reps=search_reps.value, uncertainty=assumptions.value)

    prose(t("planner.policies.intro", lang))
    with solara.Card(t("planner.policies.levers", lang), margin=0):
        LeverTable(levers, lang)
    with solara.Card(t("planner.policies.settings", lang), margin=0):
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.Select(t("planner.policies.calibration", lang), value=calibration,
                          values=[none, *finished])
            solara.Checkbox(label=t("planner.policies.assumptions", lang), value=assumptions)
            solara.InputInt(t("planner.seed", lang), value=seed)
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.InputInt(bounded("planner.policies.reps", lang, CompareSpec, "reps"),
                            value=reps)
            solara.InputInt(t("planner.policies.days", lang), value=days)
            StartButton(planner, "planner.policies.compare", compare if scenarios else None,
                        inputs | written, "hrsim-start-compare")
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.InputFloat(t("planner.policies.budget", lang), value=budget)
            solara.InputInt(t("planner.policies.trials", lang), value=trials)
            solara.InputInt(t("planner.policies.search_reps", lang), value=search_reps)
            StartButton(planner, "planner.policies.search", search, inputs,
                        "hrsim-start-optimize")
    Island(Jobs, planner, "compare", ComparisonResult)
    Island(Jobs, planner, "optimize", SearchResult)


def effects_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """IKM and trust per scenario with 95% intervals, differences, cost per IKM point."""
    def interval(row: pd.Series, mid: str, low: str, high: str, scale: float = 1.0) -> str:
        if pd.isna(row[mid]):
            return "–"
        return (f"{number(row[mid] * scale, lang)} [{number(row[low] * scale, lang)}; "
                f"{number(row[high] * scale, lang)}]")

    rows = []
    by = summary.set_index(["scenario", "measure"])
    for name in dict.fromkeys(summary.scenario):
        ikm, trust = by.loc[(name, "ikm")], by.loc[(name, "trust_office")]
        per = by.loc[(name, "ikm_per_100m_rp")] if (name, "ikm_per_100m_rp") in by.index \
            else None
        row = {t("scenario", lang): name,
               "IKM [95%]": interval(ikm, "mean", "ci_low", "ci_high"),
               t("planner.result.ikm_diff", lang): interval(ikm, "diff", "diff_low", "diff_high"),
               t("planner.result.trust_diff", lang):
                   interval(trust, "diff", "diff_low", "diff_high", 100),
               t("planner.result.per_100m", lang):
                   "–" if per is None else interval(per, "mean", "ci_low", "ci_high")}
        if "p_best" in by.columns:
            row[t("planner.result.p_best", lang)] = "–" if pd.isna(ikm["p_best"]) else \
                f"{ikm['p_best']:.0%}"
        rows.append(row)
    return pd.DataFrame(rows)


@solara.component
def ComparisonResult(job: JobRecord, lang: str):
    """The newest finished comparison: its effects, and the report itself below."""
    summary = pd.read_csv(job.outputs / "summary.csv")
    report = (job.outputs / "report.html").read_text(encoding="utf-8")
    with solara.Card(t("planner.result.compare", lang, job=job.id), margin=0,
                     classes=["hrsim-compare-result"]):
        reps = int(summary["n"].max())
        if reps < FEW_REPS:
            solara.Warning(t("report.few_reps", lang, reps=reps, enough=FEW_REPS))
        solara.DataFrame(effects_table(summary, lang))
        solara.v.Html(tag="iframe", attributes={"srcdoc": report, "sandbox": "",
                                                "title": "report"},
                      style_="width: 100%; height: 70vh; border: 1px solid #ddd")


@solara.component
def SearchResult(job: JobRecord, lang: str):
    """The newest finished search: its Pareto front as a chart and a table."""
    front = pd.read_csv(job.outputs / "pareto.csv")
    with solara.Card(t("planner.result.optimize", lang, job=job.id), margin=0,
                     classes=["hrsim-optimize-result"]):
        solara.Image((job.outputs / "pareto.png").read_bytes(), format="png", width="70%")
        if len(front):
            solara.DataFrame(front)
        else:
            solara.Warning(t("planner.result.no_front", lang))

