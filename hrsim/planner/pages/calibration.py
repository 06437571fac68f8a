"""Kalibrasi / Calibration: calibrate the office to its SKM data, and read the fit.

The button copies the office's SKM files and saved profile into a new job folder and queues the
calibration (`hrsim.specs.CalibrateSpec`); the cards below follow every calibration of this
browser, and the newest finished one's fit is read from the files it wrote (``fit.csv`` and the
posterior).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import solara

from hrsim.calibration import PRIORS, Posterior
from hrsim.i18n import number, t
from hrsim.planner.jobs import INPUTS, OUTPUTS, JobRecord
from hrsim.planner.pages.office import order_of, sheet_of, skm_files
from hrsim.planner.state import Planner
from hrsim.planner.widgets import Jobs, StartButton, bounded, prose
from hrsim.report.calibration import FIT_FILE
from hrsim.specs import CalibrateSpec
from hrsim.ui.island import Island


@solara.component
def CalibrationPage(planner: Planner):
    """Kalibrasi / Calibration."""
    lang = planner.lang
    office = planner.office()
    runs = solara.use_reactive(CalibrateSpec.default("budget_runs"))
    seed = solara.use_reactive(CalibrateSpec.default("seed"))
    skm = {f"{p.parent.name}/{p.name}": p for p in skm_files(office)}
    profile, office_name = planner.profile_input()
    spec = CalibrateSpec.attempt(
        skm=tuple(Path(INPUTS, name) for name in skm),
        office=office_name or CalibrateSpec.default("office"), order=order_of(office),
        sheet=sheet_of(office), budget_runs=runs.value, seed=seed.value, lang=lang,
        out=Path(OUTPUTS))

    prose(t("planner.calib.intro", lang))
    with solara.Card(margin=0):
        if not skm:
            solara.Info(t("planner.calib.no_skm", lang))
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.InputInt(bounded("planner.calib.runs", lang, CalibrateSpec, "budget_runs"),
                            value=runs)
            solara.InputInt(t("planner.seed", lang), value=seed)
            StartButton(planner, "planner.calib.start", spec, skm | profile,
                        "hrsim-start-calibration")
    Island(Jobs, planner, "calibrate", CalibrationResult)


@solara.component
def CalibrationResult(job: JobRecord, lang: str):
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
