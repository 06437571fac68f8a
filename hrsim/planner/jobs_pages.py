"""Kalibrasi / Calibration and Kebijakan / Policies: start jobs, follow them, read their results.

A button copies what the job needs into a new job folder (the office's SKM files and saved
profile, the scenarios written from the form, a calibration's posterior) and queues it; the
cards below follow every job of this browser from its ``job.json``. Results are read from the
files the library wrote: ``fit.csv`` and the posterior of a calibration, ``summary.csv`` and
``report.html`` of a comparison, ``pareto.csv`` and ``pareto.png`` of a search.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import solara

from hrsim.app.island import Island
from hrsim.calibration import FILES as CALIBRATION_FILES
from hrsim.calibration import PRIORS, Posterior
from hrsim.i18n import LANGUAGES, number, t
from hrsim.planner.jobs import DONE, Job
from hrsim.planner.office_page import OFFICE_FILE, order_of, sheet_of, skm_files
from hrsim.planner.state import Planner
from hrsim.planner.widgets import JobCard, prose
from hrsim.planner.worker import command
from hrsim.policies import REGISTRY, Policy
from hrsim.report.calibration import FIT_FILE
from hrsim.scenarios import Scenario

POSTERIOR_FOLDER = "posterior"  # a calibration's files, copied into a job's inputs


def start_job(planner: Planner, kind: str, settings: dict[str, Any],
              files: dict[str, Path | str]) -> Job:
    """A new job of this browser with `files` in its inputs (paths copied, texts written)."""
    job = planner.workdir.create(kind, planner.owner, settings)
    for name, source in files.items():
        target = job.inputs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, Path):
            shutil.copyfile(source, target)
        else:
            target.write_text(source, encoding="utf-8")
    job = planner.workdir.submit(job, command(kind, settings))
    planner.touched()
    return job


def office_inputs(planner: Planner) -> tuple[dict[str, Path], str | None]:
    """The saved office profile to copy into a job, and its name there (None: the default)."""
    office = planner.office()
    if office is not None and (office.inputs / OFFICE_FILE).exists():
        return {OFFICE_FILE: office.inputs / OFFICE_FILE}, OFFICE_FILE
    return {}, None


@solara.component
def Jobs(planner: Planner, kind: str, result: Callable[[Job, str], Any]):
    """This browser's jobs of `kind` with their progress, and the newest finished one's result.

    Redrawn whenever a job's file changes: drawn as an island, only it is walked then.
    """
    planner.follow_progress()
    jobs = planner.jobs(kind)
    for job in jobs:
        JobCard(job, planner.workdir, planner.lang, planner.touched)
    done = next((j for j in jobs if j.state == DONE), None)
    if done is not None:
        result(done, planner.lang)


# --- calibration ------------------------------------------------------------------------------
@solara.component
def CalibrationPage(planner: Planner):
    """Kalibrasi / Calibration."""
    lang = planner.lang
    office = planner.office()
    files = skm_files(office)
    runs, seed = solara.use_reactive(400), solara.use_reactive(0)

    def start() -> None:
        copied, office_name = office_inputs(planner)
        copied |= {f"{p.parent.name}/{p.name}": p for p in files}
        start_job(planner, "calibrate", {
            "skm": [f"{p.parent.name}/{p.name}" for p in files], "office": office_name,
            "order": list(order_of(office)), "sheet": sheet_of(office),
            "budget_runs": runs.value, "seed": seed.value,
            "lang": lang}, copied)

    prose(t("planner.calib.intro", lang))
    with solara.Card(margin=0):
        if not files:
            solara.Info(t("planner.calib.no_skm", lang))
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.InputInt(t("planner.calib.runs", lang), value=runs)
            solara.InputInt(t("planner.seed", lang), value=seed)
            solara.Button(t("planner.calib.start", lang), color="primary", on_click=start,
                          disabled=not files or not 20 <= runs.value <= 10_000,
                          classes=["hrsim-start-calibration"])
    Island(Jobs, planner, "calibrate", CalibrationResult)


@solara.component
def CalibrationResult(job: Job, lang: str):
    """The fit of the newest finished calibration: observed vs predicted, and the parameters."""
    fit = pd.read_csv(job.outputs / FIT_FILE)
    posterior = solara.use_memo(lambda: Posterior.read(job.outputs), [job.id])
    with solara.Card(t("planner.calib.fit", lang, job=job.id), margin=0):
        rows = [{t("planner.office.period", lang): r.period,
                 "": f"{r.element} {t(r.element, lang)}",
                 t("planner.calib.observed", lang): number(r.observed, lang, 2),
                 t("planner.calib.predicted", lang):
                     f"{number(r.predicted_low, lang)} – {number(r.predicted_high, lang)}",
                 "✓": "✓" if r.predicted_low <= r.observed <= r.predicted_high else "✗"}
                for r in fit.itertuples()]
        solara.DataFrame(pd.DataFrame(rows), items_per_page=len(rows))
        median = posterior.median()
        params = [{t("planner.calib.parameter", lang): name,
                   t("planner.calib.prior", lang): f"{number(lo, lang)} – {number(hi, lang)}",
                   t("planner.calib.median", lang): number(median[name], lang, 3),
                   "90%": " – ".join(number(v, lang, 3) for v in posterior.interval(name)),
                   t("planner.calib.informed", lang):
                       t("calib.informed.yes" if posterior.informed(name)
                         else "calib.informed.no", lang)}
                  for name, (lo, hi) in PRIORS.items()]
        solara.DataFrame(pd.DataFrame(params), items_per_page=len(params))


# --- policies ---------------------------------------------------------------------------------
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
    reps, days, seed = solara.use_reactive(20), solara.use_reactive(250), solara.use_reactive(0)
    assumptions = solara.use_reactive(False)
    none = t("planner.policies.no_calibration", lang)
    calibration = solara.use_reactive(none)
    budget, trials, search_reps = (solara.use_reactive(250.0), solara.use_reactive(120),
                                   solara.use_reactive(4))
    finished = [j.id for j in planner.jobs("calibrate") if j.state == DONE]
    scenarios = chosen_scenarios(levers.value, lang)

    def common() -> tuple[dict[str, Path], dict[str, Any]]:
        files, office_name = office_inputs(planner)
        posterior = calibration_inputs(planner, calibration.value)
        return files | posterior, {"office": office_name, "seed": seed.value, "lang": lang,
                                   "posterior": POSTERIOR_FOLDER if posterior else None}

    def compare() -> None:
        files, settings = common()
        names = [f"{s.name}.toml" for s in scenarios]
        start_job(planner, "compare", {**settings, "scenarios": names, "reps": reps.value,
                                       "days": days.value,
                                       "uncertainty": reps.value if assumptions.value else None},
                  {**files, **{n: s.to_toml() for n, s in zip(names, scenarios, strict=True)}})

    def search() -> None:
        files, settings = common()
        start_job(planner, "optimize", {**settings, "budgets": [budget.value * 1e6],
                                        "trials": trials.value, "reps": search_reps.value,
                                        "uncertainty": assumptions.value}, files)

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
            solara.InputInt(t("planner.policies.reps", lang), value=reps)
            solara.InputInt(t("planner.policies.days", lang), value=days)
            solara.Button(t("planner.policies.compare", lang), color="primary", on_click=compare,
                          disabled=not scenarios or not 2 <= reps.value <= 10_000
                          or not 1 <= days.value <= 100_000, classes=["hrsim-start-compare"])
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.InputFloat(t("planner.policies.budget", lang), value=budget)
            solara.InputInt(t("planner.policies.trials", lang), value=trials)
            solara.InputInt(t("planner.policies.search_reps", lang), value=search_reps)
            solara.Button(t("planner.policies.search", lang), color="primary", on_click=search,
                          disabled=(budget.value or 0) <= 0 or trials.value < 2
                          or search_reps.value < 2, classes=["hrsim-start-optimize"])
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
def ComparisonResult(job: Job, lang: str):
    """The newest finished comparison: its effects, and the report itself below."""
    summary = pd.read_csv(job.outputs / "summary.csv")
    report = (job.outputs / "report.html").read_text(encoding="utf-8")
    with solara.Card(t("planner.result.compare", lang, job=job.id), margin=0,
                     classes=["hrsim-compare-result"]):
        solara.DataFrame(effects_table(summary, lang))
        solara.v.Html(tag="iframe", attributes={"srcdoc": report, "sandbox": "",
                                                "title": "report"},
                      style_="width: 100%; height: 70vh; border: 1px solid #ddd")


@solara.component
def SearchResult(job: Job, lang: str):
    """The newest finished search: its Pareto front as a chart and a table."""
    front = pd.read_csv(job.outputs / "pareto.csv")
    with solara.Card(t("planner.result.optimize", lang, job=job.id), margin=0,
                     classes=["hrsim-optimize-result"]):
        solara.Image((job.outputs / "pareto.png").read_bytes(), format="png", width="70%")
        if len(front):
            solara.DataFrame(front)
        else:
            solara.Warning(t("planner.result.no_front", lang))

